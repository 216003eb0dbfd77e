#ifndef NSEARCH_INDEX_SEGMENT_INDEX_READER_H_
#define NSEARCH_INDEX_SEGMENT_INDEX_READER_H_

#include <memory>
#include <vector>

#include "index/base/directory.h"
#include "index/segment/manifest.h"
#include "index/segment/segment_reader.h"

namespace nsearch::segment {

// A snapshot of an index at one commit: its manifest and open segments. Documents are numbered
// globally in segment order (doc_base(i) + local id). Immutable; thread-safe. Later commits do not
// affect an open reader.
// Sums over the segments of an index snapshot (for stats).
struct IndexTotals {
  uint64_t terms = 0;  // summed per segment: a term in two segments counts twice
  uint64_t postings = 0;
  uint64_t tokens = 0;                                          // sum of document lengths
  std::vector<std::pair<std::string, uint64_t>> bytes_by_kind;  // per file extension, file order
  uint64_t bytes = 0;                                           // all segment files
};

class IndexReader {
 public:
  // NotFound if `dir` holds no manifest; Corruption naming the file if any file is damaged.
  static Result<std::unique_ptr<IndexReader>> Open(Directory& dir);

  const Manifest& manifest() const { return manifest_; }
  size_t num_segments() const { return segments_.size(); }
  const SegmentReader& segment(size_t i) const { return *segments_[i]; }
  uint64_t doc_base(size_t i) const { return doc_bases_[i]; }
  uint64_t num_docs() const { return num_docs_; }
  // Mean document length over the whole index (0 when empty).
  double avg_doc_length() const;
  IndexTotals Totals() const;

 private:
  IndexReader() = default;
  Manifest manifest_;
  std::vector<std::unique_ptr<SegmentReader>> segments_;
  std::vector<uint64_t> doc_bases_;
  uint64_t num_docs_ = 0;
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_INDEX_READER_H_
