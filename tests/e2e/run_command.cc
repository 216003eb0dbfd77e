#include "tests/e2e/run_command.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <tuple>
#include <utility>

extern char** environ;

namespace nsearch::testing {
namespace {

constexpr auto kTimeout = std::chrono::seconds(120);

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh pair of capture file names for one process.
std::pair<std::string, std::string> CapturePaths(const char* prefix) {
  static std::atomic<int> counter{0};
  const std::string base =
      (std::filesystem::temp_directory_path() /
       (std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(counter++)))
          .string();
  return {base + ".out", base + ".err"};
}

// Starts `argv` in `cwd`, stdin from /dev/null, stdout and stderr into the given files.
// Returns the pid, or -1.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& cwd,
            const std::string& out_path, const std::string& err_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  // glibc 2.29+ (Debian 12 has 2.36).
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

}  // namespace

CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& cwd) {
  const auto [out_path, err_path] = CapturePaths("nsearch_e2e_");
  CommandResult result;
  const pid_t pid = Spawn(argv, cwd, out_path, err_path);
  if (pid < 0) {
    result.err = "posix_spawn failed";
    return result;
  }
  // A command that hangs is killed after kTimeout and reported as not exiting normally.
  int status = 0;
  bool timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid)
      break;
    if (done < 0 && errno != EINTR) {
      result.err = "waitpid failed";
      return result;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!timed_out && WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  }
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  if (timed_out) {
    result.err.append("\n[killed: no exit within the time limit]");
  }
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  return result;
}

CommandResult RunNsearch(const std::vector<std::string>& args, const std::string& cwd) {
  std::vector<std::string> argv = {NSEARCH_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv, cwd);
}

}  // namespace nsearch::testing

namespace nsearch::testing {

ServerProcess::ServerProcess(const std::vector<std::string>& args, const std::string& cwd) {
  std::tie(out_path_, err_path_) = CapturePaths("nsearch_server_");
  std::vector<std::string> argv = {NSEARCH_BINARY, "serve", "--port", "0"};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = Spawn(argv, cwd, out_path_, err_path_);
  if (pid < 0)
    return;
  pid_ = pid;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string out = Stdout();
    const size_t at = out.find("http://127.0.0.1:");
    if (at != std::string::npos && out.find('\n', at) != std::string::npos) {
      port_ = std::atoi(out.c_str() + at + 17);
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;  // exited before listening
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

ServerProcess::~ServerProcess() {
  Stop();
  std::remove(out_path_.c_str());
  std::remove(err_path_.c_str());
}

int ServerProcess::Stop() {
  if (pid_ < 0)
    return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (::waitpid(pid_, &status, WNOHANG) != pid_) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ServerProcess::Stdout() const { return ReadFile(out_path_); }
std::string ServerProcess::Stderr() const { return ReadFile(err_path_); }

}  // namespace nsearch::testing

namespace nsearch::testing {

BackgroundProcess StartNsearch(const std::vector<std::string>& args, const std::string& cwd) {
  BackgroundProcess process;
  std::tie(process.out_path, process.err_path) = CapturePaths("nsearch_bg_");
  std::vector<std::string> argv = {NSEARCH_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  process.pid = Spawn(argv, cwd, process.out_path, process.err_path);
  return process;
}

ProcessEnd WaitProcess(BackgroundProcess& process) {
  ProcessEnd end;
  if (process.pid < 0) {
    end.result.err = "posix_spawn failed";
    return end;
  }
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  for (;;) {
    const pid_t done = ::waitpid(process.pid, &status, WNOHANG);
    if (done == process.pid)
      break;
    if (done < 0 && errno != EINTR) {
      end.result.err = "waitpid failed";
      return end;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(process.pid, SIGKILL);
      ::waitpid(process.pid, &status, 0);
      end.result.err = "[killed: no exit within the time limit]\n";
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  process.pid = -1;
  if (WIFEXITED(status)) {
    end.result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    end.signal = WTERMSIG(status);
  }
  end.result.out = ReadFile(process.out_path);
  end.result.err += ReadFile(process.err_path);
  std::remove(process.out_path.c_str());
  std::remove(process.err_path.c_str());
  return end;
}

}  // namespace nsearch::testing

namespace nsearch::testing {

CommandResult RunCommandWithInput(const std::vector<std::string>& argv, const std::string& cwd,
                                  const std::string& input) {
  const std::string input_path = CapturePaths("nsearch_e2e_stdin_").first;
  std::ofstream(input_path, std::ios::binary) << input;
  // The shell only redirects stdin and then becomes the command, so RunCommand's wait, time
  // limit and capture apply unchanged.
  std::vector<std::string> shell = {"/bin/sh", "-c", "f=$1; shift; exec \"$@\" < \"$f\"", "sh",
                                    input_path};
  shell.insert(shell.end(), argv.begin(), argv.end());
  CommandResult result = RunCommand(shell, cwd);
  std::remove(input_path.c_str());
  return result;
}

}  // namespace nsearch::testing
