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

// Matches what `required` matches; adds `optional`'s score where it matches too.
std::unique_ptr<DocScorer> MakeRequiredOptional(std::unique_ptr<DocScorer> required,
                                                std::unique_ptr<DocScorer> optional);

// Matches what `required` matches and `excluded` does not; scores as `required`.
std::unique_ptr<DocScorer> MakeRequiredExcluded(std::unique_ptr<DocScorer> required,
                                                std::unique_ptr<DocScorer> excluded);

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_BOOLEAN_SCORERS_H_
