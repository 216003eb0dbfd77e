#ifndef NSEARCH_QUERY_EDIT_DISTANCE_H_
#define NSEARCH_QUERY_EDIT_DISTANCE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nsearch::query {

// The code points of UTF-8 `s` (a maximal invalid sequence counts as one code point), into
// *out (cleared first; reusing it saves allocations).
void DecodeCodePoints(std::string_view s, std::u32string* out);
std::u32string CodePoints(std::string_view s);

// The optimal string alignment distance between `a` and `b` (Levenshtein's insertions,
// deletions and substitutions, plus transpositions of adjacent code points, each edit counting
// one, as Lucene's fuzzy queries count them) when it is at most `max`; otherwise max + 1. Stops
// as soon as every alignment needs more than `max` edits, so a bound of 1 or 2 costs
// O(max(|a|, |b|)) per rejected pair in practice. The reference WalkFuzzy is tested against.
uint32_t BoundedEditDistance(std::u32string_view a, std::u32string_view b, uint32_t max);

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EDIT_DISTANCE_H_
