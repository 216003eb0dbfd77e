#ifndef NSEARCH_INDEX_SEGMENT_SEGMENT_INFO_H_
#define NSEARCH_INDEX_SEGMENT_SEGMENT_INFO_H_

#include <cstdint>
#include <string>
#include <vector>

namespace nsearch::segment {

// What the manifest records of one immutable segment. See docs/FORMAT.md#manifest.
struct SegmentInfo {
  std::string name;           // file name stem: "seg_000001"; files are <name>.<ext>
  uint32_t num_docs = 0;      // documents, numbered 0..num_docs-1 inside the segment
  uint64_t total_length = 0;  // sum of document lengths (indexed tokens): Σ field_lengths
  // Per text field of the index (Manifest::fields, in order): the sum of the documents' lengths
  // in that field, for BM25's avgdl; the deleted documents' share.
  std::vector<uint64_t> field_lengths;
  std::vector<uint64_t> deleted_field_lengths;
  uint64_t num_terms = 0;     // distinct terms
  uint64_t num_postings = 0;  // (term, document) pairs
  // Deletions: how many documents are deleted, the sum of their lengths, and the generation of
  // the file holding the bitmap (DeletedDocsFile); 0 when no document is deleted.
  uint32_t num_deleted = 0;
  uint64_t deleted_length = 0;
  uint64_t del_generation = 0;

  uint32_t live_docs() const { return num_docs - num_deleted; }
  uint64_t live_length() const { return total_length - deleted_length; }
  uint64_t live_field_length(size_t field) const {
    return field_lengths[field] - deleted_field_lengths[field];
  }

  friend bool operator==(const SegmentInfo&, const SegmentInfo&) = default;
};

// File name extensions of a segment's files.
inline constexpr const char* kSegmentExtensions[] = {"tdict", "post", "pos", "len", "ids", "store"};

inline std::string SegmentFile(const std::string& segment, const char* ext) {
  return segment + "." + ext;
}

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_SEGMENT_INFO_H_
