#ifndef NSEARCH_INDEX_SEGMENT_INDEX_READER_H_
#define NSEARCH_INDEX_SEGMENT_INDEX_READER_H_

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "index/base/directory.h"
#include "index/segment/deleted_docs.h"
#include "index/segment/manifest.h"
#include "index/segment/segment_reader.h"

namespace nsearch::segment {

// Sums over the segments of an index snapshot (for stats).
struct IndexTotals {
  uint64_t terms = 0;  // summed per segment: a term in two segments counts twice
  uint64_t postings = 0;
  uint64_t tokens = 0;                                          // sum of document lengths
  std::vector<std::pair<std::string, uint64_t>> bytes_by_kind;  // per file extension, file order
  uint64_t bytes = 0;                                           // all segment files
  uint64_t deleted = 0;  // deleted documents not yet dropped by a merge
};

// A snapshot of an index at one commit: its manifest, open segments and their deletions.
// Documents are numbered globally in segment order (doc_base(i) + local id); deleted ones keep
// their numbers but never match. Immutable; thread-safe. Later commits do not affect an open
// reader.
class IndexReader {
 public:
  // NotFound if `dir` holds no manifest; Corruption naming the file if any file is damaged.
  // Segments also open in `previous` (an older snapshot of the same directory) are shared with
  // it rather than opened and checksummed again. If a writer commits, and removes files of the
  // commit being opened, while this runs, it starts over on the new commit.
  static Result<std::shared_ptr<const IndexReader>> Open(Directory& dir,
                                                         const IndexReader* previous = nullptr);

  const Manifest& manifest() const { return manifest_; }
  size_t num_segments() const { return segments_.size(); }
  const SegmentReader& segment(size_t i) const { return *segments_[i].reader; }
  // Deletions of segment i in this snapshot, or nullptr when it has none.
  const DeletedDocs* deleted_docs(size_t i) const { return segments_[i].deleted.get(); }
  uint64_t doc_base(size_t i) const { return doc_bases_[i]; }
  // One past the largest global document number (deleted documents included).
  uint64_t max_doc() const { return max_doc_; }
  // Documents that are not deleted.
  uint64_t num_docs() const { return manifest_.live_docs(); }
  // Mean length of the documents that are not deleted (0 when there are none).
  double avg_doc_length() const;
  // The text fields (Manifest::fields).
  const std::vector<FieldSpec>& fields() const { return manifest_.fields; }
  // Mean length of `field` over the documents that are not deleted, those without the field
  // counting as 0 (0 when there are none). REQUIRES: field < fields().size().
  double avg_field_length(size_t field) const;
  // The segment holding global document `doc`. REQUIRES: doc < max_doc().
  size_t SegmentOf(uint64_t doc) const;
  bool IsDeleted(uint64_t doc) const;
  // The global number of the live document with external id `id` (the last one if, against
  // the writer's rules, several are live), or nullopt.
  std::optional<uint64_t> FindDocument(std::string_view id) const;
  IndexTotals Totals() const;

 private:
  struct Segment {
    std::shared_ptr<const SegmentReader> reader;
    std::shared_ptr<const DeletedDocs> deleted;
    uint64_t del_generation = 0;
  };
  IndexReader() = default;
  static Result<std::shared_ptr<const IndexReader>> OpenOnce(Directory& dir,
                                                             const IndexReader* previous);

  Manifest manifest_;
  std::vector<Segment> segments_;
  std::vector<uint64_t> doc_bases_;
  uint64_t max_doc_ = 0;
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_INDEX_READER_H_
