#ifndef NSEARCH_QUERY_EXPLAIN_H_
#define NSEARCH_QUERY_EXPLAIN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "index/base/result.h"
#include "index/segment/index_reader.h"
#include "query/query_plan.h"
#include "query/score/bm25.h"

namespace nsearch::query {

// How one score was built, as Lucene's Explanation: a value, what it is, and the values it was
// computed from. A sum's details are its terms; a BM25 clause's details are its factors (idf,
// tf part, boost) and their inputs (N, df, freq, dl, avgdl, k1, b).
struct Explanation {
  double value = 0;
  std::string description;
  std::vector<Explanation> details;
};

// Explains the score of global document `doc` for `plan` with `bm25`, recomputing it by walking
// the plan: each term and phrase is scored alone in the document's segment by the scorers the
// searcher uses, and a group's matching clauses are summed as the evaluators sum them (required
// clauses first, then optional ones, each in clause order), so the root's value equals the hit's
// score bit for bit. Clauses that do not match the document (optional or excluded) are left
// out. A document the plan does not match gets value 0 and "no match". Errors: Corruption from
// damaged postings. REQUIRES: doc < reader.max_doc().
Result<Explanation> ExplainScore(const segment::IndexReader& reader, const PlanNode& plan,
                                 const Bm25Params& bm25, uint64_t doc);

// The explanation as indented text, one line per node ("12.3456 sum of:"), `indent` spaces
// before the root and two more per level.
std::string ToText(const Explanation& explanation, size_t indent = 0);

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EXPLAIN_H_
