#ifndef NSEARCH_INDEX_STORE_DOC_STORE_FORMAT_H_
#define NSEARCH_INDEX_STORE_DOC_STORE_FORMAT_H_

// Private to index/store: byte-level pieces shared by the writer and the reader.
// See docs/FORMAT.md#doc-store.

#include <cstddef>
#include <cstdint>

namespace nsearch::store::internal {

// Trailer after the block index: index offset (fixed64) | block count (fixed32) |
// document count (fixed32).
inline constexpr size_t kTrailerSize = 16;

// Each document is 5 length-prefixed strings (id, title, body, date, path), then a varint32
// count of further fields and that many (name, text) pairs of length-prefixed strings; it takes
// at least 6 bytes (all fields empty, no further ones).
inline constexpr uint32_t kNumFields = 5;
inline constexpr uint64_t kMinDocBytes = kNumFields + 1;
// Further fields of one document, at most (the index's field list is shorter still).
inline constexpr uint32_t kMaxExtraFields = 64;

// The smallest block index entry: four 1-byte varints.
inline constexpr uint64_t kMinIndexEntryBytes = 4;

}  // namespace nsearch::store::internal

#endif  // NSEARCH_INDEX_STORE_DOC_STORE_FORMAT_H_
