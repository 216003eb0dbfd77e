#ifndef NSEARCH_INDEX_SEGMENT_DOC_TABLE_H_
#define NSEARCH_INDEX_SEGMENT_DOC_TABLE_H_

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/base/directory.h"

namespace nsearch::segment {

// Per-document columns read by random access: document lengths (.len) and external ids (.ids).
// See docs/FORMAT.md#document-lengths and #document-ids.
inline constexpr uint32_t kDocLengthsMagic = 0x4c44534e;  // "NSDL"
inline constexpr uint32_t kDocIdsMagic = 0x4449534e;      // "NSID"

// Writes the .len file: one fixed32 length per document.
Status WriteDocLengths(Directory& dir, const std::string& name,
                       const std::vector<uint32_t>& lengths);
// Writes the .ids file: fixed32 count, count+1 fixed32 offsets, then the id bytes.
Status WriteDocIds(Directory& dir, const std::string& name, const std::vector<std::string>& ids);

// Reads both columns of a segment. Immutable after Open; thread-safe.
class DocTable {
 public:
  // Validates framing, checksums and that both files describe exactly `num_docs` documents.
  static Result<std::unique_ptr<DocTable>> Open(Directory& dir, const std::string& lengths_name,
                                                const std::string& ids_name, uint32_t num_docs);
  // REQUIRES: doc < num_docs.
  uint32_t length(uint32_t doc) const {
    uint32_t v;
    std::memcpy(&v, lengths_ + 4 * size_t{doc}, 4);
    return v;
  }
  // REQUIRES: doc < num_docs.
  std::string_view id(uint32_t doc) const;

 private:
  DocTable() = default;
  std::shared_ptr<const ReadableFile> lengths_file_;
  std::shared_ptr<const ReadableFile> ids_file_;
  const char* lengths_ = nullptr;
  const char* id_offsets_ = nullptr;
  const char* id_bytes_ = nullptr;
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_DOC_TABLE_H_
