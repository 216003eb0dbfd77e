#ifndef NSEARCH_INDEX_SEGMENT_SEGMENT_READER_H_
#define NSEARCH_INDEX_SEGMENT_SEGMENT_READER_H_

#include <memory>
#include <optional>
#include <string>

#include "index/base/directory.h"
#include "index/postings/posting_cursor.h"
#include "index/postings/term_dict.h"
#include "index/segment/doc_table.h"
#include "index/segment/fields.h"
#include "index/segment/segment_info.h"
#include "index/store/doc_store.h"

namespace nsearch::segment {

// An open, immutable segment: every file mapped and checksummed at Open. Thread-safe; cursors
// it hands out are not (one per query thread). Its deletions are not part of it: they change
// from commit to commit, and an IndexReader pairs each segment with those of its snapshot.
class SegmentReader {
 public:
  // Errors name the damaged file: "Corruption: /idx/seg_000001.post: checksum mismatch ...".
  static Result<std::unique_ptr<SegmentReader>> Open(Directory& dir, const SegmentInfo& info);
  ~SegmentReader();

  const SegmentInfo& info() const { return info_; }
  uint32_t num_docs() const { return info_.num_docs; }

  Result<std::optional<postings::TermInfo>> FindTerm(std::string_view term) const {
    return term_dict_->Find(term);
  }
  // A cursor over a term of this segment. The reader must outlive it.
  postings::PostingCursor OpenCursor(const postings::TermInfo& info) const {
    return postings::PostingCursor(source_, info);
  }
  uint32_t num_fields() const { return doc_table_->num_fields(); }
  // The length of `doc` in `field`: BM25's dl for the field's terms.
  // REQUIRES: doc < num_docs(), field < num_fields().
  uint32_t field_length(postings::DocId doc, uint32_t field) const {
    return doc_table_->length(doc, field);
  }
  // The length of `doc` over every field. REQUIRES: doc < num_docs().
  uint32_t doc_length(postings::DocId doc) const { return doc_table_->total_length(doc); }
  // The length that bounds the postings of index key `key` (posting lists record it per
  // block): its field's for a field's word, the whole document's for other terms (dates).
  uint32_t key_length(std::string_view key, postings::DocId doc) const {
    const int field = KeyField(key);
    return field >= 0 && static_cast<uint32_t>(field) < num_fields()
               ? field_length(doc, static_cast<uint32_t>(field))
               : doc_length(doc);
  }
  std::string_view external_id(postings::DocId doc) const { return doc_table_->id(doc); }
  const DocTable& doc_table() const { return *doc_table_; }
  Result<store::StoredDocument> Document(postings::DocId doc) const { return store_->Get(doc); }

  // Drops the pages of every file of the segment from the resident set (ReadableFile::DropPages):
  // for writers and merges, which read segments once.
  void DropPages() const;

  const postings::TermDictReader& term_dict() const { return *term_dict_; }
  const store::DocStoreReader& doc_store() const { return *store_; }
  const std::vector<std::pair<std::string, uint64_t>>& file_sizes() const { return file_sizes_; }

 private:
  SegmentReader() = default;

  SegmentInfo info_;
  std::unique_ptr<postings::TermDictReader> term_dict_;
  std::shared_ptr<const ReadableFile> post_file_;
  std::shared_ptr<const ReadableFile> pos_file_;
  postings::PostingsSource source_;
  std::unique_ptr<DocTable> doc_table_;
  std::unique_ptr<store::DocStoreReader> store_;
  std::vector<std::pair<std::string, uint64_t>> file_sizes_;
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_SEGMENT_READER_H_
