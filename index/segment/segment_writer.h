#ifndef NSEARCH_INDEX_SEGMENT_SEGMENT_WRITER_H_
#define NSEARCH_INDEX_SEGMENT_SEGMENT_WRITER_H_

#include <memory>
#include <string>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/base/directory.h"
#include "index/base/string_interner.h"
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

  Status Add(const store::StoredDocument& doc);
  uint32_t num_docs() const { return static_cast<uint32_t>(doc_ids_.size()); }
  // Heap bytes held by the in-memory postings, term table and per-document columns (vector
  // capacities plus an allowance for allocator overhead).
  size_t memory_usage() const { return memory_usage_ + terms_.memory_usage(); }

  // Writes term dictionary, postings, positions, lengths and ids; finishes the store.
  Result<SegmentInfo> Finish();

 private:
  struct TermPostings {
    std::vector<uint32_t> docs;
    std::vector<uint32_t> freqs;
    std::vector<uint32_t> positions;
  };
  SegmentWriter(Directory& dir, std::string name, analysis::Analyzer* analyzer,
                std::vector<FieldSpec> fields);
  // Appends to a postings vector, counting its growth in memory_usage_.
  void Append(std::vector<uint32_t>* v, uint32_t value);
  // Records one occurrence of index key `key` in document `doc` at `position`.
  void AddOccurrence(std::string_view key, uint32_t doc, uint32_t position);

  Directory& dir_;
  std::string name_;
  analysis::Analyzer* analyzer_;
  std::unique_ptr<store::DocStoreWriter> store_;
  StringInterner terms_;
  std::vector<TermPostings> postings_;  // by term id
  const std::vector<FieldSpec> fields_;
  std::vector<uint32_t> doc_lengths_;  // num_fields lengths per document
  std::vector<std::string> doc_ids_;
  size_t memory_usage_ = 0;  // postings vectors and per-document columns; terms_ counted apart
  std::vector<uint64_t> field_lengths_;
  std::string key_;  // scratch
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_SEGMENT_WRITER_H_
