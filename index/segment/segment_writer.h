#ifndef NSEARCH_INDEX_SEGMENT_SEGMENT_WRITER_H_
#define NSEARCH_INDEX_SEGMENT_SEGMENT_WRITER_H_

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/base/directory.h"
#include "index/base/string_interner.h"
#include "index/segment/byte_slice_pool.h"
#include "index/segment/fields.h"
#include "index/segment/segment_info.h"
#include "index/store/doc_store.h"
#include "index/store/stored_document.h"

namespace nsearch::segment {

// Inverts documents in memory and writes them as one immutable segment.
// Call order: Create, Add*, Finish. Not thread-safe.
//
// Each text field (fields.h) is analyzed into its own position space, from 0, and its words are
// indexed under the field's keys (FieldKey), with one length per document and field. A
// kTitleAndBody field analyzes the body right after the title, as one text. Stored fields
// stream to the document store as documents arrive.
class SegmentWriter {
 public:
  // `analyzer` must outlive the writer. REQUIRES: ValidateFields(fields) is Ok.
  static Result<std::unique_ptr<SegmentWriter>> Create(Directory& dir, std::string name,
                                                       analysis::Analyzer* analyzer,
                                                       std::vector<FieldSpec> fields);
  ~SegmentWriter();

  // Inverts and stores `doc`. A document the store refuses is not added. Fails, leaving the
  // writer unusable (Add and Finish fail from then on), with NotSupported if the document takes the
  // in-memory postings past ByteSlicePool::kMaxBytes (callers finish the segment first unless
  // HasRoomFor it), or with IOError if memory runs out.
  Status Add(const store::StoredDocument& doc);
  uint32_t num_docs() const { return static_cast<uint32_t>(doc_ids_.size()); }
  // Heap and pool bytes held by the in-memory postings, term table and per-document columns
  // (capacities, blocks mapped, plus an allowance for allocator overhead).
  size_t memory_usage() const { return memory_usage_ + pool_.bytes() + terms_.memory_usage(); }
  // Whether a document of `doc_bytes` bytes of text fits with the in-memory postings staying
  // under `limit` bytes, allowing a generous 4 bytes of postings per byte of text (Wikipedia
  // takes 0.4). `limit` is capped at kMaxPostingsLimit.
  bool HasRoomFor(size_t doc_bytes, size_t limit) const {
    return pool_.bytes() + 4 * doc_bytes <= std::min(limit, kMaxPostingsLimit);
  }
  // The most postings a segment writer should gather: 1 GiB short of what its pool holds.
  static constexpr size_t kMaxPostingsLimit = ByteSlicePool::kMaxBytes - (size_t{1} << 30);

  // Writes term dictionary, postings, positions, lengths and ids; finishes the store.
  Result<SegmentInfo> Finish();

 private:
  // A term's postings so far, as two byte streams of varints (4 bytes where 12 were, for the
  // common term that occurs once in a document): per document the gap from the previous
  // document, then (written when the next document begins) its frequency; per occurrence the
  // gap from the previous position in its document.
  struct TermPostings {
    ByteSlicePool::Stream docs;
    ByteSlicePool::Stream positions;
    uint32_t last_doc;       // the document being added to
    uint32_t freq;           // its occurrences so far (its entry in `docs` waits for the next)
    uint32_t last_position;  // in last_doc
    uint32_t num_docs;
  };
  // Term states live in chunks that never move: no reallocation, no copy, no spike.
  static constexpr uint32_t kTermsPerChunk = 4096;
  TermPostings& Postings(uint32_t term) {
    return term_chunks_[term / kTermsPerChunk][term % kTermsPerChunk];
  }

  SegmentWriter(Directory& dir, std::string name, analysis::Analyzer* analyzer,
                std::vector<FieldSpec> fields);
  Status AddDocument(const store::StoredDocument& doc);
  // Whether the pool is full, marking the writer broken if so: nothing more may be recorded.
  bool PoolFull();
  // Records one occurrence of `token` of field `field` in document `doc`.
  void AddToken(const analysis::Token& token, uint32_t field, uint32_t doc);
  // Records one occurrence of index key `key` in document `doc` at `position`.
  void AddOccurrence(std::string_view key, uint32_t doc, uint32_t position);
  // The id of index key `key`, its postings started if it is new.
  uint32_t TermId(std::string_view key);
  // The term id of `token` in field `field`: through word_terms_ if the token has a word id.
  uint32_t TokenTermId(const analysis::Token& token, uint32_t field);
  // Records one occurrence of term `term` in document `doc` at `position`.
  void AddTermOccurrence(uint32_t term, uint32_t doc, uint32_t position);

  Directory& dir_;
  std::string name_;
  analysis::Analyzer* analyzer_;
  std::unique_ptr<store::DocStoreWriter> store_;
  StringInterner terms_;
  ByteSlicePool pool_;
  std::vector<std::unique_ptr<TermPostings[]>> term_chunks_;  // by term id
  const std::vector<FieldSpec> fields_;
  std::vector<uint32_t> doc_lengths_;  // num_fields lengths per document
  std::vector<std::string> doc_ids_;
  size_t memory_usage_ = 0;  // term states and per-document columns; pool_ and terms_ apart
  std::vector<uint64_t> field_lengths_;
  std::string key_;  // scratch
  // Per field, term id + 1 of each Token::word_id of the analyzer's stem generation
  // word_terms_generation_ (0: not seen yet), so that a repeated word costs an array lookup,
  // not a hash of its key. Emptied when the analyzer's stem cache forgets its words.
  std::vector<std::vector<uint32_t>> word_terms_;
  uint64_t word_terms_generation_ = 0;
  // An Add failed half-way (the pool filled up, or memory ran out): the segment must not be
  // written.
  bool broken_ = false;
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_SEGMENT_WRITER_H_
