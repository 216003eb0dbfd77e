#ifndef NSEARCH_INDEX_SEGMENT_DELETED_DOCS_H_
#define NSEARCH_INDEX_SEGMENT_DELETED_DOCS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "index/base/directory.h"

namespace nsearch::segment {

// "NSDE": see docs/FORMAT.md#deleted-documents.
inline constexpr uint32_t kDeletedDocsMagic = 0x4544534e;

// The deleted documents of one segment: a bitmap over its local document ids. Segments are
// immutable; deleting a document writes a new bitmap file under a new generation
// (<segment>.<generation>.del), which the manifest names. Not thread-safe while modified;
// immutable once a reader holds it.
class DeletedDocs {
 public:
  explicit DeletedDocs(uint32_t num_docs = 0) : num_docs_(num_docs), words_((num_docs + 63) / 64) {}

  uint32_t num_docs() const { return num_docs_; }
  // Number of deleted documents.
  uint32_t count() const { return count_; }
  // REQUIRES: doc < num_docs().
  bool contains(uint32_t doc) const { return (words_[doc / 64] >> (doc % 64)) & 1; }
  // Marks `doc` deleted; true if it was live. REQUIRES: doc < num_docs().
  bool Insert(uint32_t doc);
  // The bitmap, bit d%64 of word d/64 for document d; bits past num_docs() are 0.
  const std::vector<uint64_t>& words() const { return words_; }

 private:
  uint32_t num_docs_;
  uint32_t count_ = 0;
  std::vector<uint64_t> words_;
};

// The file name of generation `generation` of a segment's deletions: "seg_000001.3.del".
std::string DeletedDocsFile(const std::string& segment, uint64_t generation);

// Writes `deleted` to a new file `name`, fsynced and closed.
Status WriteDeletedDocs(Directory& dir, const std::string& name, const DeletedDocs& deleted);

// Reads and validates a deletions file: framing, checksum, and that it covers `num_docs`
// documents of which exactly `expected_count` are deleted (both from the manifest).
Result<DeletedDocs> ReadDeletedDocs(Directory& dir, const std::string& name, uint32_t num_docs,
                                    uint32_t expected_count);

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_DELETED_DOCS_H_
