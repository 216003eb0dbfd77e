#ifndef NSEARCH_CLI_CLI_STATUS_H_
#define NSEARCH_CLI_CLI_STATUS_H_

#include "index/base/status.h"

namespace nsearch::cli {

// Exit codes every command uses.
inline constexpr int kExitOk = 0;       // success, with results or none
inline constexpr int kExitFailure = 1;  // I/O error, damaged index, failed build
inline constexpr int kExitUsage = 2;    // bad command line or query

// Prints "nsearch: <message>" on stderr and returns the exit code for `status`: kExitUsage for
// InvalidArgument (bad options, queries), kExitFailure for everything else.
// REQUIRES: !status.ok().
int ReportError(const Status& status);

// Flushes stdout; if any write to it failed (a full disk, a closed pipe), reports that and turns a
// success into kExitFailure, so a cut-short run is never taken for a complete one.
int FinishOutput(int exit_code);

// Prints "nsearch: warning: <message>" on stderr.
void PrintWarning(const std::string& message);

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_CLI_STATUS_H_
