#include "cli/cli_status.h"

#include <cstdio>
#include <string>

namespace nsearch::cli {

int ReportError(const Status& status) {
  std::fprintf(stderr, "nsearch: %s\n", status.message().c_str());
  return status.IsInvalidArgument() ? kExitUsage : kExitFailure;
}

int FinishOutput(int exit_code) {
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fputs("nsearch: stdout: write failed\n", stderr);
    return exit_code == kExitOk ? kExitFailure : exit_code;
  }
  return exit_code;
}

void PrintWarning(const std::string& message) {
  std::fprintf(stderr, "nsearch: warning: %s\n", message.c_str());
}

}  // namespace nsearch::cli
