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

// The text fields a node searches: its field, or every field of the index for kAllFields.
std::vector<uint32_t> NodeFields(const PlanNode& node, const segment::IndexReader& reader);

// The BM25F weight of each field of the index: `params.field_weights` where given, else the
// index's defaults.
std::vector<double> FieldWeights(const segment::IndexReader& reader, const Bm25Params& params);

// Field weights written "title=3,body=1" (names of `reader`'s fields, weights > 0): the vector
// for Bm25Params::field_weights, the index's defaults for fields not named. InvalidArgument
// naming the problem otherwise.
Result<std::vector<double>> ParseFieldWeights(std::string_view spec,
                                              const segment::IndexReader& reader);

// Looks up every term of `node` in every segment of `reader` into `table`, keyed by index key
// (segment::FieldKey for words in each field the node searches; date terms as they are). Terms
// already in it are kept.
Status LookUpTerms(const PlanNode& node, const segment::IndexReader& reader, TermTable* table);

// Builds the evaluators of a plan for one segment at a time, with index-wide BM25 statistics.
// A word or phrase in one field is scored by BM25 on that field (N: live documents; df: the
// field's; avgdl: the field's mean length). One in several fields (kAllFields on an index of
// more than one) is scored by BM25F: S = Σ_f w_f * tf_f / (1 - b + b * dl_f / avgdl_f) over
// the fields where it occurs, score = boost * idf * S / (k1 + S), with df the largest of the
// fields' (Lucene's CombinedFieldQuery takes the same) and w_f from FieldWeights.
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

  // The statistics of a word in field `f`, and its index-wide df there (0 when absent).
  const TermStats& Stats(uint32_t f, const std::string& term) const;
  uint64_t DocFreq(uint32_t f, const std::string& term) const;
  std::unique_ptr<DocScorer> BuildTerm(const PlanNode& node, size_t s) const;
  std::unique_ptr<DocScorer> BuildPhrase(const PlanNode& node, size_t s) const;

  const segment::IndexReader& reader_;
  const TermTable& terms_;
  Bm25Params bm25_;
  uint64_t num_docs_ = 0;
  std::vector<CollectionStats> field_stats_;  // by field: N and the field's avgdl
  std::vector<double> field_weights_;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_SCORER_BUILDER_H_
