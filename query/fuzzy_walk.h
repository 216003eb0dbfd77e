#ifndef NSEARCH_QUERY_FUZZY_WALK_H_
#define NSEARCH_QUERY_FUZZY_WALK_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "index/base/status.h"
#include "index/postings/term_dict.h"

namespace nsearch::query {

// What a walk visited: for measuring how much of the dictionary it skipped.
struct FuzzyWalkStats {
  uint64_t terms_seen = 0;  // dictionary entries decoded and compared
  uint64_t seeks = 0;       // jumps over every term with a hopeless prefix
};

// Calls visit(word, info, edits) for every key of `dict` that is `key_prefix` (a field's key
// byte, segment/fields.h) followed by a word within `max` edits of `target` (the optimal string
// alignment distance over code points, as BoundedEditDistance), in term order. It walks the
// dictionary as the trie it is sorted like: the edit distance rows of a term's prefixes are kept
// and reused for the next term's shared prefix, and as soon as a prefix is more than `max` edits
// from every prefix of `target`, every term starting with it is skipped with one seek. So it reads
// the terms near the target, not the whole dictionary. Corruption if a block does not parse.
Status WalkFuzzy(
    const postings::TermDictReader& dict, std::string_view key_prefix, std::u32string_view target,
    uint32_t max,
    const std::function<void(std::string_view, const postings::TermInfo&, uint32_t)>& visit,
    FuzzyWalkStats* stats = nullptr);

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_FUZZY_WALK_H_
