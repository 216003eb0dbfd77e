#include "cli/search_command.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "cli/batch_command.h"
#include "cli/cli_status.h"
#include "cli/opened_index.h"
#include "cli/search_output.h"
#include "server/response_json.h"

namespace nsearch::cli {
namespace {

constexpr size_t kHeadingBytes = 90;

const std::map<std::string, query::QueryMode> kModes = {{"query", query::QueryMode::kQuery},
                                                        {"or", query::QueryMode::kOr},
                                                        {"and", query::QueryMode::kAnd},
                                                        {"phrase", query::QueryMode::kPhrase}};

bool UseColor(const std::string& color) {
  if (color == "always")
    return true;
  if (color == "never")
    return false;
  const char* term = std::getenv("TERM");
  return ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr &&
         !(term != nullptr && std::string(term) == "dumb");
}

// CLI::Range lets "nan" through (every comparison with NaN is false).
const CLI::Validator kFinite(
    [](const std::string& text) -> std::string {
      double value = 0;
      if (CLI::detail::lexical_cast(text, value) && !std::isfinite(value)) {
        return "must be a finite number";
      }
      return {};
    },
    "FINITE");

}  // namespace

void AddSearchOptions(CLI::App& app, SearchArgs& args) {
  app.add_option("query", args.query, "The query: words, \"phrases\", +required, -excluded");
  app.add_option("-i,--index", args.index, "Index directory (default: the embedded seed articles)");
  app.add_option("-k,--limit", args.limit, "Number of results")
      ->check(CLI::Range(size_t{1}, query::kMaxLimit));
  app.add_option("--offset", args.offset, "Results to skip (for the next page)")
      ->check(CLI::Range(size_t{0}, query::kMaxWindow));
  app.add_option("--mode", args.mode,
                 "How to read the query: query syntax, or its words as or/and/phrase")
      ->transform(CLI::IsMember({"query", "or", "and", "phrase"}));
  app.add_flag("--json", args.json, "Print results as JSON");
  app.add_option("--k1", args.k1, "BM25 k1 (term frequency saturation)")
      ->check(kFinite)
      ->check(CLI::Range(0.0, 1000.0));
  app.add_option("--b", args.b, "BM25 b (document length normalisation)")
      ->check(kFinite)
      ->check(CLI::Range(0.0, 1.0));
  app.add_option(
      "--weights", args.field_weights,
      "BM25F weights of the fields, e.g. title=3,body=1 (default: the index's, title 2)");
  app.add_option("--color", args.color, "Highlight with terminal colours: auto, always, never")
      ->transform(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--snippet-bytes", args.snippet_bytes,
                 "Longest snippet passage, in bytes of the document (default 240)")
      ->check(CLI::Range(size_t{16}, size_t{10000}));
  app.add_option("--markers", args.markers,
                 "Text output: the two strings around highlighted words (default ** **, or bold "
                 "on a terminal), e.g. --markers '<b>' '</b>'")
      ->expected(2);
  CLI::Option* queries =
      app.add_option("--queries", args.queries,
                     "Batch mode: run each \"qid<TAB>text\" line of FILE, print a TREC run");
  app.add_option("--passes", args.passes,
                 "Batch mode: passes over the query file (timing the last)")
      ->check(CLI::Range(1, 1000));
  CLI::Option* count =
      app.add_flag("--count", args.count, "Batch mode: count every match exactly (still top k)")
          ->needs(queries);
  app.add_flag("--count-only", args.count_only,
               "Batch mode: only count the matches, print \"qid<TAB>count\" lines")
      ->needs(queries)
      ->excludes(count);
  app.add_flag("--exhaustive", args.exhaustive,
               "Score every match instead of block-max pruning (same results; for comparisons)");
  app.add_flag("--explain", args.explain,
               "Show how each hit's score was built: BM25 idf, tf and lengths per clause")
      ->excludes(queries);
}

int RunSearch(const SearchArgs& args) {
  if (args.queries.empty() && args.query.empty()) {
    return ReportError(Status::InvalidArgument("no query given; try `nsearch \"mutual defense\"`"));
  }
  if (args.offset + args.limit > query::kMaxWindow) {
    return ReportError(Status::InvalidArgument("--offset plus --limit is over " +
                                               std::to_string(query::kMaxWindow) + " results"));
  }
  auto index = OpenIndexOrSeeds(args.index);
  if (!index.ok())
    return ReportError(index.status());
  auto searcher = query::Searcher::Create(index->reader.get());
  if (!searcher.ok())
    return ReportError(searcher.status());

  query::SearchRequest request;
  request.mode = kModes.at(args.mode);
  request.limit = args.limit;
  request.offset = args.offset;
  request.bm25.k1 = args.k1;
  request.bm25.b = args.b;
  request.field_weights = args.field_weights;
  request.evaluator = args.exhaustive ? query::Evaluator::kExhaustive : query::Evaluator::kBlockMax;
  if (!args.queries.empty()) {
    // Batch runs print no totals unless asked, so pruning may stop counting.
    request.exact_total = args.count;
    request.count_only = args.count_only;
    return RunBatch(**searcher, request, args.queries, args.passes);
  }
  request.exact_total = true;  // the result page prints the total

  request.query = args.query;
  request.explain = args.explain;
  request.snippet.max_bytes = args.snippet_bytes;
  auto response = (*searcher)->Search(request);
  if (!response.ok())
    return ReportError(response.status());
  if (args.json) {
    std::printf("%s\n", server::ResponseToJson(*response).c_str());
    return kExitOk;
  }
  std::vector<std::string> headings;
  for (const query::SearchHit& hit : response->hits) {
    std::string heading;
    if (hit.title.empty()) {
      auto doc = (*searcher)->Document(hit.doc);
      if (!doc.ok())
        return ReportError(doc.status());
      heading = TextStart(doc->body, kHeadingBytes);
    }
    headings.push_back(std::move(heading));
  }
  Markers markers = UseColor(args.color) ? TerminalMarkers() : PlainMarkers();
  if (args.markers.size() == 2) {
    markers.open = args.markers[0];
    markers.close = args.markers[1];
  }
  PrintTextResults(stdout, *response, args.offset, headings, markers);
  return kExitOk;
}

}  // namespace nsearch::cli
