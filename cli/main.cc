// nsearch: search an index (by default the embedded seed articles), build one, or inspect it.
// Every command is a thin shell over the library; exit codes are in cli/cli_status.h.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/cli_status.h"
#include "cli/index_command.h"
#include "cli/maintain_command.h"
#include "cli/search_command.h"
#include "cli/serve_command.h"
#include "cli/stats_command.h"
#include "cli/verify_command.h"
#include "index/base/file_format.h"

namespace nsearch::cli {
namespace {

int Main(int argc, char** argv) {
  CLI::App app{
      "nsearch: full-text search with BM25 ranking.\n"
      "With no index named, searches the seed articles built into the binary.",
      "nsearch"};
  app.set_version_flag("--version", std::string("nsearch ") + NSEARCH_VERSION + " (index format " +
                                        std::to_string(kFormatVersion) + ")");
  app.require_subcommand(0, 1);

  // `nsearch QUERY` and `nsearch search QUERY` share one set of arguments, so options given
  // before `search` count too.
  SearchArgs search_args;
  AddSearchOptions(app, search_args);
  CLI::App* search = app.add_subcommand("search", "Search (the same as giving a query alone)");
  AddSearchOptions(*search, search_args);
  IndexArgs index_args;
  CLI::App* index = AddIndexCommand(app, index_args);
  StatsArgs stats_args;
  CLI::App* stats = AddStatsCommand(app, stats_args);
  ServeArgs serve_args;
  CLI::App* serve = AddServeCommand(app, serve_args);
  DeleteArgs delete_args;
  CLI::App* remove = AddDeleteCommand(app, delete_args);
  MergeArgs merge_args;
  CLI::App* merge = AddMergeCommand(app, merge_args);
  VerifyArgs verify_args;
  CLI::App* verify = AddVerifyCommand(app, verify_args);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0)
      return app.exit(e);  // --help, --version
    std::fprintf(stderr, "nsearch: %s\nRun `nsearch --help` for usage.\n", e.what());
    return kExitUsage;
  }
  const CLI::App* command = nullptr;
  for (const CLI::App* c : {index, stats, serve, remove, merge, verify}) {
    if (*c)
      command = c;
  }
  if (command != nullptr) {
    // Search options before `index` or `stats` would be silently ignored: refuse them.
    for (const CLI::Option* option : app.get_options()) {
      const std::string name = option->get_name();
      if (option->count() > 0 && name != "--help" && name != "--version") {
        std::fprintf(stderr, "nsearch: %s: put options after the command (`nsearch %s ...`)\n",
                     name.c_str(), command->get_name().c_str());
        return kExitUsage;
      }
    }
  }
  if (*index) {
    return RunIndex(index_args);
  }
  if (*stats) {
    return RunStats(stats_args);
  }
  if (*serve) {
    return RunServe(serve_args);
  }
  if (*remove) {
    return RunDelete(delete_args);
  }
  if (*merge) {
    return RunMerge(merge_args);
  }
  if (*verify) {
    return RunVerify(verify_args);
  }
  if (*search) {
    return RunSearch(search_args);
  }
  if (search_args.query.empty() && search_args.queries.empty()) {
    std::fputs(app.help().c_str(), stderr);
    return kExitUsage;
  }
  return RunSearch(search_args);
}

}  // namespace
}  // namespace nsearch::cli

int main(int argc, char** argv) {
  try {
    return nsearch::cli::FinishOutput(nsearch::cli::Main(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nsearch: internal error: %s\n", e.what());
    return nsearch::cli::kExitFailure;
  }
}
