#ifndef NSEARCH_CLI_SEARCH_COMMAND_H_
#define NSEARCH_CLI_SEARCH_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace nsearch::cli {

// Options shared by `nsearch QUERY`, `nsearch search QUERY` and batch mode.
struct SearchArgs {
  std::string index;    // empty: the embedded seeds
  std::string query;    // one query
  std::string queries;  // batch mode: a file of "qid<TAB>text" lines
  std::string mode = "query";
  size_t limit = 10;
  size_t offset = 0;
  int passes = 1;
  double k1 = 1.2;
  double b = 0.75;
  std::string field_weights;  // --weights: "title=3,body=1", empty for the index's
  bool json = false;
  std::string color = "auto";
  bool count = false;                // batch mode: exact totals (pruning still ranks)
  bool count_only = false;           // batch mode: totals only, no scoring
  bool exhaustive = false;           // the exhaustive evaluator instead of block-max pruning
  bool explain = false;              // print how each hit's score was built
  size_t snippet_bytes = 240;        // longest passage shown per hit
  std::vector<std::string> markers;  // text output: what opens and closes a highlight
};

// Declares the search options on `app` (the top-level command or `search`).
void AddSearchOptions(CLI::App& app, SearchArgs& args);

// Runs one query (or batch mode when args.queries is set) and returns the exit code.
int RunSearch(const SearchArgs& args);

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_SEARCH_COMMAND_H_
