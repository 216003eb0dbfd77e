#ifndef NSEARCH_QUERY_EVAL_BLOCK_MAX_H_
#define NSEARCH_QUERY_EVAL_BLOCK_MAX_H_

#include <limits>
#include <memory>
#include <vector>

#include "index/base/status.h"
#include "query/collect/top_k_collector.h"
#include "query/eval/doc_scorer.h"

namespace nsearch::query {

// Top-k evaluation with block-max dynamic pruning: documents, and whole postings blocks, whose
// score bounds cannot beat the k-th best hit so far are skipped without being scored (or, for
// whole blocks, decoded). The hits are exactly those of the exhaustive walk over the scorer
// tree (query/eval/boolean_scorers.h), with bit-identical scores: every document that is
// scored sums its clause scores in clause order, as the exhaustive scorers do.

// The top level of a query, split by occurrence. Every scorer is one clause, in clause order.
struct BlockMaxQuery {
  std::vector<std::unique_ptr<DocScorer>> required;  // all must match
  std::vector<std::unique_ptr<DocScorer>> optional;  // with no required: at least one
  std::unique_ptr<DocScorer> excluded;               // none may match; may be null
};

// How many matches an evaluation saw. With pruning some matches are never looked at, so
// `matches` is then a lower bound and `exact` is false.
struct MatchCount {
  uint64_t matches = 0;
  bool exact = true;
};

// Adds the competitive matches of `query` in one segment to `collector` as doc_base + local id,
// and counts what it saw into `count`. Segments must be evaluated in increasing doc_base order
// into the same collector: its k-th score then carries over as the entry bar. Returns the
// first error of a scorer (damaged postings), checked once the segment is done.
// REQUIRES: at least one required or optional clause; collector capacity >= 1.
//
// With required clauses: block-max AND (required clauses leapfrog, cheapest first; a window
// of postings blocks whose summed bounds cannot enter is skipped with one seek; two-phase
// checks run last). Otherwise: block-max MaxScore over the optional clauses.
Status RankBlockMax(BlockMaxQuery query, uint64_t doc_base, TopKCollector* collector,
                    MatchCount* count);

// The two evaluators RankBlockMax picks from.
Status RankMaxScore(std::vector<std::unique_ptr<DocScorer>> clauses, DocScorer* excluded,
                    uint64_t doc_base, TopKCollector* collector, MatchCount* count);
Status RankBlockMaxAnd(std::vector<std::unique_ptr<DocScorer>> required,
                       std::vector<std::unique_ptr<DocScorer>> optional, DocScorer* excluded,
                       uint64_t doc_base, TopKCollector* collector, MatchCount* count);

// The entry bar of a top-k collector. A document enters only with a score above the worst kept
// hit: documents arrive in increasing global order, so one that ties the worst ranks after it.
class EntryBar {
 public:
  // REQUIRES: collector capacity >= 1; it outlives this.
  explicit EntryBar(const TopKCollector* collector) : collector_(collector) {}

  // The k-th best score so far, or -infinity while fewer than k hits are kept.
  double value() const {
    return collector_->full() ? collector_->worst().score
                              : -std::numeric_limits<double>::infinity();
  }
  // False only if a document whose score is at most `bound` surely cannot enter.
  //
  // Bounds are inflated by kSlack before the comparison: a bound summed in another order than
  // the score it bounds, or read from a block's (max_freq, min_doc_len) through BM25's rounded
  // arithmetic, may fall short of that score by a few ulps (about n * 2^-53 relative for n
  // clauses). 1e-9 covers any realistic clause count and costs no measurable pruning.
  bool MayEnter(double bound) const {
    return !collector_->full() || bound * kSlack > collector_->worst().score;
  }

  static constexpr double kSlack = 1 + 1e-9;

 private:
  const TopKCollector* collector_;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_BLOCK_MAX_H_
