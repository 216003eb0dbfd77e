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

// `nsearch serve --port 0 ARGS...` running in the background for one test: started by the
// constructor (which waits for its "listening on" line), stopped by Stop() or the destructor
// with SIGTERM.
class ServerProcess {
 public:
  ServerProcess(const std::vector<std::string>& args, const std::string& cwd);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  // Sends SIGTERM and waits; returns the exit code (-1 if it did not exit normally in time).
  int Stop();
  // What the server printed so far.
  std::string Stdout() const;
  std::string Stderr() const;

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string out_path_;
  std::string err_path_;
};

}  // namespace nsearch::testing

namespace nsearch::testing {

// A process started in the background by StartNsearch. The caller must end it with
// WaitProcess, which reaps it; until then its pid stays valid (a zombie at worst), so signalling
// it never reaches an unrelated process.
struct BackgroundProcess {
  int pid = -1;  // -1 if it could not be started
  std::string out_path;
  std::string err_path;
};

// How a background process ended.
struct ProcessEnd {
  CommandResult result;  // exit_code is -1 when a signal ended it
  int signal = 0;        // the signal that ended it, 0 if it exited
};

// Starts the nsearch binary under test with `args` in `cwd` (stdin from /dev/null, stdout and
// stderr into fresh temporary files) and returns without waiting.
BackgroundProcess StartNsearch(const std::vector<std::string>& args, const std::string& cwd);

// Waits for `process` to end (killing it after the same time limit as RunCommand), collects its
// output and removes the capture files. REQUIRES: called once per started process.
ProcessEnd WaitProcess(BackgroundProcess& process);

}  // namespace nsearch::testing

namespace nsearch::testing {

// Like RunCommand, with `input` on the command's standard input (from a temporary file, removed
// afterwards) instead of /dev/null.
CommandResult RunCommandWithInput(const std::vector<std::string>& argv, const std::string& cwd,
                                  const std::string& input);

}  // namespace nsearch::testing

#endif  // NSEARCH_TESTS_E2E_RUN_COMMAND_H_
