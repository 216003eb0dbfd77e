#ifndef NSEARCH_CLI_VERIFY_COMMAND_H_
#define NSEARCH_CLI_VERIFY_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>

namespace nsearch::cli {

struct VerifyArgs {
  std::string index;
  bool json = false;
  bool quiet = false;  // print the problems only
};

// Declares `nsearch verify` on `app` and returns the subcommand.
CLI::App* AddVerifyCommand(CLI::App& app, VerifyArgs& args);

// Checks every checksum and structural invariant of the index (segment::VerifyIndex) and prints
// a summary (segments, documents, deleted, terms, postings and files checked, elapsed seconds),
// the unreferenced writer files, then each problem on its own line; with --json one object
// {"index","ok","segments","documents","deleted","terms","postings","positions",
// "files_checked","elapsed_seconds","unreferenced_files":[...],"problems":[...]}; with -q only
// the problems. Returns 0 when there is no problem, 1 when there is one or the index cannot be
// opened (the message names the directory).
int RunVerify(const VerifyArgs& args);

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_VERIFY_COMMAND_H_
