#ifndef NSEARCH_QUERY_TERM_EXPANSION_H_
#define NSEARCH_QUERY_TERM_EXPANSION_H_

#include <cstddef>

#include "index/base/status.h"
#include "index/segment/index_reader.h"
#include "query/query_plan.h"
#include "query/scorer_builder.h"

namespace nsearch::query {

// Bounds on what prefix and fuzzy words may cost, so that `a*` or many `word~` cannot ask for
// unbounded time or memory.
struct ExpansionLimits {
  // A prefix matching more index terms is refused (as Lucene's 1024-clause limit does).
  size_t max_prefix_terms = 1024;
  // The closest terms a fuzzy word keeps: fewest edits first, then most frequent (Lucene's
  // maxExpansions).
  size_t max_fuzzy_terms = 50;
  // Fuzzy words in one query: each one reads every term dictionary.
  size_t max_fuzzy_words = 8;
  // Terms all expansions of one query may add.
  size_t max_total_terms = 4096;
};

// Replaces every kPrefix and kFuzzy node of `plan` by the disjunction of the index terms it
// stands for, in any segment of `reader` (union of the term dictionaries, read in term order):
//  - word*: the terms that start with the folded word, plus the analyzed whole word ("defense*"
//    matches "defens", the stem of "defense"), each scored as a term (so a document matching
//    several of them scores their sum);
//  - word~N: the terms within N edits (code points, adjacent transpositions counting one) of the
//    analyzed word and shorter by fewer edits than either is long, the max_fuzzy_terms closest,
//    each boosted by 1 - edits / min(length of both) as Lucene's FuzzyQuery does.
// The terms of one word share the largest live df among them for their idf (blended_df). A
// word that matches no term matches nothing. A kDateRange becomes the kFilter of the date terms
// within it (dates are never expanded as words). Each term's statistics go into `terms`, so a later
// LookUpTerms finds them there. Errors: InvalidArgument naming the word when a prefix or fuzzy
// word is not one word or a limit is exceeded, or for a date range on an index without date
// terms (built before they existed); Corruption from a damaged term dictionary.
Status ExpandTerms(PlanNode* plan, const segment::IndexReader& reader,
                   const ExpansionLimits& limits, TermTable* terms);

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_TERM_EXPANSION_H_
