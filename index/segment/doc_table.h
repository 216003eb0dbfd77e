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

// Writes the .len file for `lengths`, num_docs * num_fields values in document order (the
// lengths of every field of document 0, then of document 1, ...): one column per field, each of
// 1, 2 or 4 bytes per document, the fewest that hold the field's largest length in the segment.
// REQUIRES: 1 <= num_fields <= 255, lengths.size() a multiple of num_fields.
Status WriteDocLengths(Directory& dir, const std::string& name,
                       const std::vector<uint32_t>& lengths, uint32_t num_fields);
// Writes the .ids file: fixed32 count, count+1 fixed32 offsets, the id bytes, then a lookup table
// of (Hash64(id) fixed64, doc fixed32) sorted by hash, then doc.
Status WriteDocIds(Directory& dir, const std::string& name,
                   const std::vector<std::string_view>& ids);

// Reads both columns of a segment. Immutable after Open; thread-safe.
class DocTable {
 public:
  // Validates framing, checksums and that both files describe exactly `num_docs` documents (of
  // `num_fields` lengths each).
  static Result<std::unique_ptr<DocTable>> Open(Directory& dir, const std::string& lengths_name,
                                                const std::string& ids_name, uint32_t num_docs,
                                                uint32_t num_fields);
  // The length of `doc` in `field` (its indexed words there).
  // REQUIRES: doc < num_docs, field < num_fields.
  uint32_t length(uint32_t doc, uint32_t field) const { return columns_[field].Get(doc); }
  // The sum of its lengths over the fields. REQUIRES: doc < num_docs.
  uint32_t total_length(uint32_t doc) const {
    uint64_t sum = 0;
    for (uint32_t f = 0; f < num_fields_; ++f) {
      sum += length(doc, f);
    }
    return sum > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(sum);
  }
  uint32_t num_fields() const { return num_fields_; }
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
  // A field's lengths: `width` bytes little-endian per document. Fields are few and the width
  // is the same for every lookup of one scorer, so the branch predicts well.
  struct LengthColumn {
    const char* data = nullptr;
    uint32_t width = 4;
    uint32_t Get(uint32_t doc) const {
      if (width == 1) {
        return static_cast<uint8_t>(data[doc]);
      }
      if (width == 2) {
        return DecodeFixed16(data + 2 * size_t{doc});
      }
      return DecodeFixed32(data + 4 * size_t{doc});
    }
  };
  std::vector<LengthColumn> columns_;
  const char* id_offsets_ = nullptr;
  const char* id_bytes_ = nullptr;
  const char* lookup_ = nullptr;
  uint32_t num_docs_ = 0;
  uint32_t num_fields_ = 1;
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_DOC_TABLE_H_
