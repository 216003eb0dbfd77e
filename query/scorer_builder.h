#ifndef NSEARCH_QUERY_SCORER_BUILDER_H_
#define NSEARCH_QUERY_SCORER_BUILDER_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index/segment/index_reader.h"
#include "query/eval/block_max.h"
#include "query/eval/doc_scorer.h"
#include "query/query_plan.h"
#include "query/score/bm25.h"

namespace nsearch::query {

// Index-wide document frequency of a term and its TermInfo in each segment.
struct TermStats {
  uint64_t df = 0;
  std::vector<std::optional<postings::TermInfo>> per_segment;
};
using TermTable = std::map<std::string, TermStats, std::less<>>;

// The documents of `info`'s list in segment `s` that are not deleted: its df when nothing is,
// else a walk of the list (BM25's idf must not count deleted documents).
Result<uint64_t> LiveDocFrequency(const segment::IndexReader& reader, size_t s,
                                  const postings::TermInfo& info);

// `params` with the BM25 model of the index's ScoringModel (its manifest): what every scorer of
// `reader` uses, whatever the caller set.
Bm25Params IndexBm25Params(const segment::IndexReader& reader, Bm25Params params);

// Looks up every term of `node` in every segment of `reader` into `table` (terms already in it
// are kept).
Status LookUpTerms(const PlanNode& node, const segment::IndexReader& reader, TermTable* table);

// Builds the evaluators of a plan for one segment at a time, with index-wide BM25 statistics.
// The reader and the term table must outlive it and the scorers it builds. Thread-compatible.
class ScorerBuilder {
 public:
  // REQUIRES: `terms` holds every term of the plans given to it (LookUpTerms).
  ScorerBuilder(const segment::IndexReader& reader, const TermTable& terms, const Bm25Params& bm25);

  // The exhaustive scorer tree of `node` in segment `s`; nullptr when it cannot match there.
  // REQUIRES: `node` went through ExpandTerms (no kPrefix or kFuzzy left).
  // Deleted documents never match it.
  std::unique_ptr<DocScorer> Build(const PlanNode& node, size_t s) const;

  // The top level of `node` split for RankBlockMax, each clause built by Build; nullopt when it
  // cannot match in segment `s`. Scores are those of Build's tree, bit for bit. Deleted
  // documents are part of the exclusions.
  std::optional<BlockMaxQuery> BuildBlockMax(const PlanNode& node, size_t s) const;

  // Number of live documents of segment `s` that `node` matches, without scoring: a term's df,
  // a leapfrog for conjunctions, a bitset union for disjunctions (a walk of the exclusive tree
  // when the segment has deletions). Corruption if a walked list is damaged.
  Result<uint64_t> CountMatches(const PlanNode& node, size_t s) const;

 private:
  // Build and BuildBlockMax without the exclusion of deleted documents.
  std::unique_ptr<DocScorer> BuildNode(const PlanNode& node, size_t s) const;
  std::optional<BlockMaxQuery> BuildBlockMaxClauses(const PlanNode& node, size_t s) const;
  void ExcludeDeleted(size_t s, BlockMaxQuery* query) const;
  Result<uint64_t> CountNode(const PlanNode& node, size_t s) const;
  struct Clauses {
    std::vector<std::unique_ptr<DocScorer>> must, should, must_not;
    // The intersection of the required filters (date ranges), if any. Filters restrict what the
    // other clauses match without taking part in it: with no required clause, an optional one
    // must still match.
    std::optional<std::vector<uint64_t>> filter;
    Status filter_status;
    bool optional_in_plan = false;  // the node has optional clauses, built here or not
  };
  // The built clauses of a boolean node; false if a required one cannot match. With
  // `skip_should`, optional clauses are not built (they do not change what matches).
  bool BuildClauses(const PlanNode& node, size_t s, bool skip_should, Clauses* out) const;
  std::unique_ptr<DocScorer> BuildBoolean(const PlanNode& node, size_t s) const;
  // The union of a kFilter's term lists in segment `s`, as a bitset; nullptr when empty there.
  std::unique_ptr<DocScorer> BuildFilter(const PlanNode& node, size_t s) const;
  // The same union into *bits (one bit per document of segment `s`); false when it is empty.
  bool FilterBits(const PlanNode& node, size_t s, std::vector<uint64_t>* bits,
                  Status* status) const;
  // The documents of segment `s` outside `bits`: a filter turned into an exclusion.
  std::unique_ptr<DocScorer> Complement(std::vector<uint64_t> bits, Status status, size_t s) const;

  const segment::IndexReader& reader_;
  const TermTable& terms_;
  Bm25Params bm25_;
  CollectionStats stats_;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_SCORER_BUILDER_H_
