#ifndef NSEARCH_INDEX_SEGMENT_DOC_TABLE_H_
#define NSEARCH_INDEX_SEGMENT_DOC_TABLE_H_

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/base/coding.h"
#include "index/base/directory.h"

namespace nsearch::segment {

// Per-document columns read by random access: document lengths (.len) and external ids (.ids).
// See docs/FORMAT.md#document-lengths and #document-ids.
inline constexpr uint32_t kDocLengthsMagic = 0x4c44534e;  // "NSDL"
inline constexpr uint32_t kDocIdsMagic = 0x4449534e;      // "NSID"

// Writes the .len file: one fixed32 length per document.
Status WriteDocLengths(Directory& dir, const std::string& name,
                       const std::vector<uint32_t>& lengths);
// Writes the .ids file: fixed32 count, count+1 fixed32 offsets, the id bytes, then a lookup table
// of (Hash64(id) fixed64, doc fixed32) sorted by hash, then doc.
Status WriteDocIds(Directory& dir, const std::string& name,
                   const std::vector<std::string_view>& ids);

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
  uint32_t num_docs() const { return num_docs_; }
  // See ReadableFile::DropPages.
  void DropPages() const {
    lengths_file_->DropPages();
    ids_file_->DropPages();
  }

  // Appends the documents whose id is `id` to `docs`, in increasing order: one binary search
  // over the lookup table, then a comparison of the candidates' ids.
  void FindId(std::string_view id, std::vector<uint32_t>* docs) const;

  // Entry i < num_docs() of the lookup table, which is sorted by (hash, doc): for merge-joins
  // of many ids against a segment.
  uint64_t lookup_hash(uint32_t i) const { return DecodeFixed64(lookup_ + 12 * size_t{i}); }
  uint32_t lookup_doc(uint32_t i) const { return DecodeFixed32(lookup_ + 12 * size_t{i} + 8); }

 private:
  DocTable() = default;
  std::shared_ptr<const ReadableFile> lengths_file_;
  std::shared_ptr<const ReadableFile> ids_file_;
  const char* lengths_ = nullptr;
  const char* id_offsets_ = nullptr;
  const char* id_bytes_ = nullptr;
  const char* lookup_ = nullptr;
  uint32_t num_docs_ = 0;
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_DOC_TABLE_H_
