#ifndef NSEARCH_INDEX_POSTINGS_POSTINGS_FORMAT_H_
#define NSEARCH_INDEX_POSTINGS_POSTINGS_FORMAT_H_

#include <cstddef>
#include <cstdint>

// Constants of the .post and .pos files shared by the writer and the cursor.
// See docs/FORMAT.md#postings.
namespace nsearch::postings {

inline constexpr uint32_t kPostingsMagic = 0x5450534e;   // "NSPT"
inline constexpr uint32_t kPositionsMagic = 0x5350534e;  // "NSPS"

// One skip entry per block of a list that has at least one full block:
//   last_doc fixed32 | doc_offset fixed32 | pos_offset fixed64 | max_freq fixed32 | min_doc_len
//   fixed32
inline constexpr size_t kSkipEntrySize = 24;

}  // namespace nsearch::postings

#endif  // NSEARCH_INDEX_POSTINGS_POSTINGS_FORMAT_H_
