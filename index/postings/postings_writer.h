#ifndef NSEARCH_INDEX_POSTINGS_POSTINGS_WRITER_H_
#define NSEARCH_INDEX_POSTINGS_POSTINGS_WRITER_H_

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/base/file_format.h"
#include "index/postings/term_info.h"

namespace nsearch::postings {

// Writes the postings (.post) and positions (.pos) files of one segment, a term at a time.
// Call order: Create, (StartTerm, AddDoc+, FinishTerm)*, Finish. Not thread-safe.
// Lists are cut into blocks of codec::kBlockSize documents; full blocks are bit-packed, the
// remainder is varint-coded; lists with a full block get a skip table with per-block bounds.
class PostingsWriter {
 public:
  static Result<std::unique_ptr<PostingsWriter>> Create(Directory& dir,
                                                        const std::string& postings_name,
                                                        const std::string& positions_name);
  ~PostingsWriter();

  void StartTerm();
  // REQUIRES: doc greater than the previous doc of this term; positions.size() >= 1 (the term
  // frequency), non-decreasing; doc_len >= positions.size().
  void AddDoc(DocId doc, std::span<const uint32_t> positions, uint32_t doc_len);
  // Writes the term's blocks and returns where they are. REQUIRES: at least one AddDoc.
  Result<TermInfo> FinishTerm();
  // Pads, writes footers, fsyncs and closes both files.
  Status Finish();

 private:
  struct Stream {
    std::unique_ptr<WritableFile> file;
    FileChecksum checksum;
    uint64_t body_size = 0;
    Status Append(std::string_view bytes);
  };
  PostingsWriter() = default;
  void EncodeBlock(size_t begin, size_t end, size_t positions_before, std::string* skip);
  static Status FinishStream(Stream& stream, uint32_t magic);

  Stream post_;
  Stream pos_;
  // The current term, buffered so its skip table can precede its blocks.
  std::vector<DocId> docs_;
  std::vector<uint32_t> freqs_;
  std::vector<uint32_t> doc_lens_;
  std::vector<uint32_t> pos_deltas_;  // per document: first position, then gaps
  std::string blocks_;
  std::string positions_;
  uint64_t total_freq_ = 0;
};

}  // namespace nsearch::postings

#endif  // NSEARCH_INDEX_POSTINGS_POSTINGS_WRITER_H_
