#ifndef NSEARCH_QUERY_EVAL_DOC_SCORER_H_
#define NSEARCH_QUERY_EVAL_DOC_SCORER_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "index/base/status.h"
#include "index/postings/term_info.h"

namespace nsearch::query {

using postings::DocId;
using postings::kEndDoc;

// The one interface every evaluator node implements (document-at-a-time, as Lucene's Scorer):
// it walks the documents a query clause matches in increasing order and scores them.
// Not thread-safe. Trees of scorers are built per segment and per query.
class DocScorer {
 public:
  virtual ~DocScorer() = default;
  // Current document, or kEndDoc once exhausted. Positioned on the first match after creation.
  virtual DocId doc() const = 0;
  // Advances to the next match and returns it.
  virtual DocId Next() = 0;
  // Advances to the first match >= target and returns it. REQUIRES: target > doc().
  virtual DocId Seek(DocId target) = 0;
  // Score of the current document. REQUIRES: doc() != kEndDoc.
  virtual double Score() = 0;
  // An estimate of the number of matches, for ordering children (cheapest first).
  virtual uint64_t Cost() const = 0;
  // Not Ok if damaged postings stopped a cursor early.
  virtual Status status() const = 0;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_DOC_SCORER_H_
