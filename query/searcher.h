#ifndef NSEARCH_QUERY_SEARCHER_H_
#define NSEARCH_QUERY_SEARCHER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/segment/index_reader.h"
#include "query/collect/top_k_collector.h"
#include "query/explain.h"
#include "query/parser/query_parser.h"
#include "query/query_plan.h"
#include "query/score/bm25.h"
#include "query/snippet/snippet_generator.h"
#include "query/term_expansion.h"

namespace nsearch::query {

class ScorerBuilder;
struct PreparedQuery;

// Limits on the result window, so a request cannot ask for unbounded work or memory.
inline constexpr size_t kMaxLimit = 10000;
inline constexpr size_t kMaxWindow = 1000000;  // offset + limit

// How the top k are found. Both return the same hits with the same scores.
enum class Evaluator {
  kBlockMax,  // dynamic pruning: block-max MaxScore for OR, block-max AND (query/eval/block_max.h)
  kExhaustive,  // every match scored: the reference the pruned evaluators are tested against
};

struct SearchRequest {
  std::string query;
  QueryMode mode = QueryMode::kQuery;
  size_t limit = 10;  // hits to return
  size_t offset = 0;  // hits to skip (pagination)
  Bm25Params bm25;
  // BM25F field weights as "title=3,body=1" (ParseFieldWeights); when set, they replace
  // bm25.field_weights.
  std::string field_weights;
  bool fetch_documents = true;  // title, date and snippet per hit (else ids and scores only)
  SnippetOptions snippet;
  // Whether `total` must be exact. When false, pruning skips matches without counting them and
  // the total may be a lower bound (total_is_exact says which). When true and pruning skipped
  // some, the matches are counted in a second, score-free pass.
  bool exact_total = true;
  // Count the matches only: no scoring and no hits (the total is exact).
  bool count_only = false;
  Evaluator evaluator = Evaluator::kBlockMax;
  // Fill each hit's `explanation` with how its score was built (query/explain.h).
  bool explain = false;
  // Bounds on prefix (word*) and fuzzy (word~) words.
  ExpansionLimits expansion;
};

struct SearchHit {
  uint64_t doc = 0;  // global document number
  double score = 0;
  std::string id;
  std::string title;
  std::string date;
  Snippet snippet;                         // empty unless fetch_documents
  std::optional<Explanation> explanation;  // set when the request asked to explain
};

struct SearchResponse {
  std::string query;
  uint64_t total = 0;          // documents matching the query
  bool total_is_exact = true;  // else `total` is a lower bound (see exact_total)
  double took_ms = 0;
  std::vector<SearchHit> hits;
};

// Ranked top documents of a query, before any stored field is read.
struct TopDocs {
  uint64_t total = 0;
  bool total_is_exact = true;  // else `total` is a lower bound
  std::vector<Hit> hits;       // best first, offset applied
};

// Runs queries against one index snapshot: parse, analyze, plan, expand prefix and fuzzy words
// against the term dictionaries, evaluate (document at a time
// over every segment in order, with index-wide BM25 statistics and block-max pruning, or
// exhaustively), then fetch stored fields and snippets for the returned hits only. Not
// thread-safe (it owns an analyzer); use one Searcher per thread over a shared reader. The
// reader must outlive it.
class Searcher {
 public:
  static Result<std::unique_ptr<Searcher>> Create(const segment::IndexReader* reader);
  ~Searcher();

  // Errors: InvalidArgument for a bad query or window (with the query column), Corruption when
  // damaged postings are met.
  Result<SearchResponse> Search(const SearchRequest& request);

  // The ranked hits only: parse, analysis and top-k evaluation (what batch mode times). With
  // count_only, the total alone.
  Result<TopDocs> TopHits(const SearchRequest& request);

  // The external id of a global document number. REQUIRES: doc < reader's max_doc().
  std::string_view ExternalId(uint64_t doc) const;
  // Stored fields of a global document number.
  Result<store::StoredDocument> Document(uint64_t doc) const;

  const segment::IndexReader& reader() const { return *reader_; }

 private:
  explicit Searcher(const segment::IndexReader* reader) : reader_(reader) {}
  // Parses, analyzes and expands the query, and looks its terms up: nullopt when nothing is left
  // to search.
  Result<std::optional<PreparedQuery>> Prepare(const SearchRequest& request);
  Result<TopDocs> Rank(const PreparedQuery& prepared, const SearchRequest& request);
  Result<uint64_t> CountMatches(const ScorerBuilder& builder, const PlanNode& plan) const;
  SnippetGenerator MakeSnippetGenerator(const PlanNode& plan, const SnippetOptions& options);

  const segment::IndexReader* reader_;
  std::unique_ptr<analysis::Analyzer> analyzer_;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_SEARCHER_H_
