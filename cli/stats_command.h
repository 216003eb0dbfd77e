#ifndef NSEARCH_CLI_STATS_COMMAND_H_
#define NSEARCH_CLI_STATS_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>

namespace nsearch::cli {

struct StatsArgs {
  std::string index;  // empty: the embedded seeds
  bool json = false;
};

// Declares `nsearch stats` on `app` and returns the subcommand.
CLI::App* AddStatsCommand(CLI::App& app, StatsArgs& args);

// Prints documents, segments, terms, postings, analysis settings and bytes per file kind; with
// --json as one object {"documents","segments","terms","postings","total_tokens",
// "avg_doc_length","generation","language","bytes":{"<kind>":N,...,"total":N}}.
int RunStats(const StatsArgs& args);

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_STATS_COMMAND_H_
