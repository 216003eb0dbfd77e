#ifndef NSEARCH_CLI_BATCH_COMMAND_H_
#define NSEARCH_CLI_BATCH_COMMAND_H_

#include <string>

#include "query/searcher.h"

namespace nsearch::cli {

// Batch mode: runs every "qid<TAB>text" line of `queries_path` through `searcher` with the
// settings of `request` (its query is replaced), `passes` times in this process. Prints the
// last pass as a TREC run ("qid Q0 docid rank score nsearch") on stdout and, as the last line on
// stderr, "queries=N mean_ms=X p50_ms=X p99_ms=X" over that pass, timing parse, analysis and
// top-k evaluation per query. With request.count_only, stdout gets "qid<TAB>count" lines
// instead of the run. A query that fails to parse is reported with its line and skipped.
// Returns the exit code.
int RunBatch(query::Searcher& searcher, query::SearchRequest request,
             const std::string& queries_path, int passes);

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_BATCH_COMMAND_H_
