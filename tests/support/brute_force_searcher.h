#ifndef NSEARCH_TESTS_SUPPORT_BRUTE_FORCE_SEARCHER_H_
#define NSEARCH_TESTS_SUPPORT_BRUTE_FORCE_SEARCHER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/base/result.h"
#include "index/segment/fields.h"
#include "index/store/stored_document.h"
#include "query/collect/top_k_collector.h"
#include "query/query_plan.h"
#include "query/score/bm25.h"

namespace nsearch::test {

// The optimal string alignment distance of `a` and `b` (insertions, deletions, substitutions and
// transpositions of adjacent code points), from the whole dynamic programming table: the
// reference for query::BoundedEditDistance and the oracle's fuzzy words.
size_t FullEditDistance(const std::u32string& a, const std::u32string& b);

// Every document matching a plan, best first (query::RanksBefore), and how many there are.
struct BruteForceResult {
  uint64_t total = 0;
  std::vector<query::Hit> hits;
};

// The test oracle for Searcher: it analyzes every text field of every document exactly as
// SegmentWriter does (each field from position 0; a kTitleAndBody field's body right after its
// title), keeps the positions of every word per field in memory and scores a PlanNode against
// every document, with no postings, skipping or pruning.
//
// Scoring mirrors the evaluators float for float (query/scorer_builder.h): a word in one field
// is BM25 (query/score/bm25.h) on that field, with the idf over all documents, the df counted
// from the analyzed text and the field's average length; a word in several fields is BM25F,
// the fields' shares summed in field order and saturated once, with the largest of the fields'
// df; a phrase counts
// its exact occurrences at the plan's relative offsets (with a slop, Lucene's sloppy frequency:
// the sum over matches within the slop of 1 / (match length + 1)) and weighs them by the sum of
// its terms' idfs times its boost (the plan carries group boosts down to its leaves). A boolean
// node requires every MUST clause, excludes documents matching any MUST_NOT clause, and with no
// MUST clause requires one SHOULD clause; a node with only MUST_NOT clauses matches nothing. Its
// score is the sum of its MUST clauses in clause order, plus (as a separately summed term) the sum
// of its matching SHOULD clauses in clause order.
//
// A date range matches the documents whose date (read from the stored field) lies within it,
// scoring 0 and, written without + or -, required.
//
// Prefix and fuzzy words are expanded from the collection's terms by a plain reading of
// query/term_expansion.h: the terms with the prefix (or equal to the analyzed whole word), or the
// kMaxFuzzyTerms closest by optimal string alignment distance computed over the whole table;
// each expansion is an optional term whose idf uses the largest df among its word's terms.
//
// Document numbers are the positions in the vector given to Create (insertion order, which is
// the global numbering of an index built from the same documents). Immutable after Create and
// thread-safe (the analyzer is used only inside Create).
class BruteForceSearcher {
 public:
  // Analyzes `docs` with an analyzer built from `options`, into `fields`. InvalidArgument if
  // the options are.
  static Result<std::unique_ptr<BruteForceSearcher>> Create(
      const std::vector<store::StoredDocument>& docs, const analysis::AnalyzerOptions& options,
      const std::vector<segment::FieldSpec>& fields = segment::DefaultFields());

  // All documents matching `plan`, scored with `params`, sorted by score descending then doc.
  BruteForceResult Search(const query::PlanNode& plan, const query::Bm25Params& params) const;

  // Convenience: Search with `plan` absent (nothing to search) returns no hits.
  BruteForceResult Search(const std::optional<query::PlanNode>& plan,
                          const query::Bm25Params& params) const;

  uint64_t num_docs() const { return docs_.size(); }
  // Over all fields.
  double avg_doc_length() const;
  double avg_field_length(size_t field) const;
  // Documents containing `term` at least once, in any field, or in field `field`.
  uint64_t DocFreq(const std::string& term) const;
  uint64_t DocFreq(size_t field, const std::string& term) const;
  uint32_t DocLength(uint64_t doc) const;

 private:
  struct AnalyzedField {
    std::map<std::string, std::vector<uint32_t>, std::less<>> positions;  // sorted per term
    uint32_t length = 0;                                                  // kept tokens
  };
  struct AnalyzedDoc {
    std::vector<AnalyzedField> fields;
    std::string date_term;  // the date term of its date (analysis/date_term.h), or empty
  };
  // The fields `node` searches.
  std::vector<size_t> NodeFields(const query::PlanNode& node) const;

  static constexpr size_t kMaxFuzzyTerms = 50;  // as query::ExpansionLimits

  BruteForceSearcher() = default;
  // `node` with every kPrefix and kFuzzy replaced by a disjunction of terms.
  query::PlanNode Expand(const query::PlanNode& node) const;
  // The score of `node` in document `doc`, or nullopt when it does not match.
  std::optional<double> Score(const query::PlanNode& node, uint64_t doc,
                              const query::Bm25Params& params,
                              const query::CollectionStats& stats) const;
  // BM25 or BM25F of a word or phrase whose frequency in field f of `d` is freq(f) (0: absent),
  // `df(f)` its df there (for a phrase: its idf is `idf`, given).
  std::optional<double> ScoreFields(const query::PlanNode& node, const AnalyzedDoc& d,
                                    const query::Bm25Params& params, double idf,
                                    const std::function<double(size_t)>& freq) const;
  uint32_t PhraseFreq(const query::PlanNode& node, const AnalyzedField& doc) const;
  // Lucene's sloppy phrase frequency of a phrase with slop > 0.
  double SloppyPhraseFreq(const query::PlanNode& node, const AnalyzedField& doc) const;

  std::vector<segment::FieldSpec> fields_;
  std::vector<AnalyzedDoc> docs_;
  std::vector<std::map<std::string, uint64_t, std::less<>>> doc_freq_;  // by field
  std::map<std::string, uint64_t, std::less<>> any_field_doc_freq_;
  std::vector<uint64_t> field_length_;
};

}  // namespace nsearch::test

#endif  // NSEARCH_TESTS_SUPPORT_BRUTE_FORCE_SEARCHER_H_
