#ifndef NSEARCH_QUERY_EVAL_BOOLEAN_SCORERS_H_
#define NSEARCH_QUERY_EVAL_BOOLEAN_SCORERS_H_

#include <memory>
#include <vector>

#include "query/eval/doc_scorer.h"

namespace nsearch::query {

// Scores of several clauses are always summed in the order the clauses were given, so every
// evaluator (and the brute-force oracle) adds the same floats in the same order.

// Matches documents every child matches (leapfrog, cheapest child leading).
// REQUIRES: at least one child.
std::unique_ptr<DocScorer> MakeConjunction(std::vector<std::unique_ptr<DocScorer>> children);

// Matches documents any child matches. REQUIRES: at least one child.
std::unique_ptr<DocScorer> MakeDisjunction(std::vector<std::unique_ptr<DocScorer>> children);

// A word (or phrase) searched in several fields and scored as BM25F: matches documents any
// child matches; each child scores its field's share of the pseudo-frequency S
// (Bm25TermScorer::FieldShare), and the score is weight * S / (k1 + S), S summed in child order.
// Freq() is S. REQUIRES: at least one child.
std::unique_ptr<DocScorer> MakeBm25fWord(std::vector<std::unique_ptr<DocScorer>> field_shares,
                                         double weight, double k1);

// Matches what `required` matches; adds `optional`'s score where it matches too.
std::unique_ptr<DocScorer> MakeRequiredOptional(std::unique_ptr<DocScorer> required,
                                                std::unique_ptr<DocScorer> optional);

// Matches what `required` matches and `excluded` does not; scores as `required`.
std::unique_ptr<DocScorer> MakeRequiredExcluded(std::unique_ptr<DocScorer> required,
                                                std::unique_ptr<DocScorer> excluded);

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_BOOLEAN_SCORERS_H_
