#ifndef NSEARCH_QUERY_QUERY_PLAN_H_
#define NSEARCH_QUERY_QUERY_PLAN_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/base/status.h"
#include "query/parser/query_node.h"

namespace nsearch::query {

// How batch and API callers want a query's words taken.
enum class QueryMode {
  kQuery,   // the query syntax (ParseQuery)
  kOr,      // every word optional (ranked disjunction)
  kAnd,     // every word required
  kPhrase,  // all words as one phrase
};

// A query after analysis: what the evaluators run. Terms are index terms (folded, stemmed).
// kPrefix, kFuzzy and kDateRange nodes stand for sets of index terms; ExpandTerms
// (query/term_expansion.h) replaces them by disjunctions of kTerm, or by a kFilter, before
// evaluation.
struct PlanNode {
  enum class Kind {
    kTerm,
    kPhrase,
    kBoolean,
    // terms[0]: the folded (unstemmed) prefix; terms[1], if present: the analyzed whole word,
    // which matches too (defense* finds the stem "defens").
    kPrefix,
    // terms[0]: the analyzed word (a single index term once expanded; more means an error).
    kFuzzy,
    // A date: filter. terms[0]: the date term of its first day (kDateTermPrefix when open);
    // terms[1]: of its last day (empty when open). Always required or excluded, never optional.
    kDateRange,
    // What a kDateRange expands to: the documents containing any of `terms` (date terms). Scores
    // 0: filters do not change scores.
    kFilter,
  };
  struct Clause;

  Kind kind = Kind::kBoolean;
  // Words as analyzed (no field key byte), or date terms for kDateRange and kFilter.
  std::vector<std::string> terms;  // kTerm: one; kPhrase: two or more
  std::vector<uint32_t> offsets;   // kPhrase: position of each term relative to the first
  // Multiplies the node's BM25 weight: the product of the ^boosts of the node and of its
  // enclosing groups (group boosts are pushed down to the leaves, so a kBoolean's stays 1); a
  // word repeated in one group counts once per repetition.
  double boost = 1;
  std::vector<Clause> clauses;  // kBoolean
  uint32_t slop = 0;            // kPhrase: position moves allowed (0: exact phrase)
  uint32_t edits = 0;           // kFuzzy: edit distance allowed
  // kPrefix, kFuzzy, kDateRange, kFilter: the clause as the query wrote it ("defen*",
  // "defnse~1", "date:[2024-06-01 TO *]"), for messages.
  // kTerm from an expansion: the same, so --explain can say where the term came from.
  std::string expanded_from;
  // kTerm from an expansion: the df its idf uses, the largest live df among the expansions of
  // its word (as Lucene's blended rewrite), so a rare misspelling does not outrank the word meant.
  // 0 otherwise: the term's own df.
  uint64_t blended_df = 0;
  // kTerm, kPhrase, kPrefix, kFuzzy: the text field searched (its number in the index's field
  // list), or kAllFields: every field, scored together as BM25F (query/scorer_builder.h).
  int field = kAllFields;
  static constexpr int kAllFields = -1;
};

struct PlanNode::Clause {
  Occur occur = Occur::kShould;
  PlanNode node;
};

// Analyzes a parsed query. Words that analyze to nothing (stop words) drop out; a word that
// analyzes to several terms (Jong-un) becomes a phrase (exact, whatever the slop of a phrase it
// came from). Boosts multiply down to the leaves, and so do group fields (title:(a b)) where a
// leaf names none. `fields` are the index's field names: a node's field becomes its number
// there (a field not in it drops the node: CheckQueryFields reports it first). Returns
// std::nullopt when nothing is left to search.
std::optional<PlanNode> PlanQuery(const QueryNode& query, analysis::Analyzer& analyzer,
                                  const std::vector<std::string>& fields = {});

// InvalidArgument naming the first field of `query` not in `fields`, with its column and the
// fields there are.
Status CheckQueryFields(const QueryNode& query, const std::vector<std::string>& fields);

// Builds the plan of a batch-mode line: its words as a disjunction, conjunction or phrase.
// REQUIRES: mode != QueryMode::kQuery.
std::optional<PlanNode> PlanWords(std::string_view text, QueryMode mode,
                                  analysis::Analyzer& analyzer);

// Renders a plan for messages and tests: `+mutual +defens`, `"mutual defens"~2`, `kim^2.00`.
std::string ToString(const PlanNode& plan);

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_QUERY_PLAN_H_
