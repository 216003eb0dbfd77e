#ifndef NSEARCH_TESTS_E2E_RUN_COMMAND_H_
#define NSEARCH_TESTS_E2E_RUN_COMMAND_H_

#include <string>
#include <vector>

namespace nsearch::testing {

struct CommandResult {
  int exit_code = -1;  // -1 if the process did not exit normally (killed, crashed)
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is the program path, no shell) in `cwd` with stdin from /dev/null and
// waits for it, capturing stdout and stderr.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& cwd);

// Runs the nsearch binary under test with `args` in `cwd`.
CommandResult RunNsearch(const std::vector<std::string>& args, const std::string& cwd);

}  // namespace nsearch::testing

#endif  // NSEARCH_TESTS_E2E_RUN_COMMAND_H_
