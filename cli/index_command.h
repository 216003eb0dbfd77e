#ifndef NSEARCH_CLI_INDEX_COMMAND_H_
#define NSEARCH_CLI_INDEX_COMMAND_H_

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "cli/analysis_args.h"
#include "index/input/document_reader.h"

namespace nsearch::cli {

struct IndexArgs {
  std::string index;
  std::vector<std::string> paths;
  input::InputOptions input;
  uint64_t memory_budget = uint64_t{256} << 20;
  size_t threads = std::max(1u, std::thread::hardware_concurrency());
  AnalysisArgs analysis;
  bool quiet = false;
  bool strict = false;
};

// Declares `nsearch index` on `app` and returns the subcommand.
CLI::App* AddIndexCommand(CLI::App& app, IndexArgs& args);

// Reads every path into the index (created if missing) and commits once at the end, so a failed
// or interrupted build leaves the index at its previous commit. Warnings (skipped or repaired
// input) go to stderr and are counted in the summary. Returns the exit code.
int RunIndex(const IndexArgs& args);

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_INDEX_COMMAND_H_
