#ifndef NSEARCH_INDEX_POSTINGS_POSTING_CURSOR_H_
#define NSEARCH_INDEX_POSTINGS_POSTING_CURSOR_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "index/base/status.h"
#include "index/codec/bitpack.h"
#include "index/postings/term_info.h"

namespace nsearch::postings {

// The bytes a cursor reads: the bodies of a segment's .post and .pos files (checksummed at open),
// its document count for validation, and a name for error messages. Must outlive the cursors.
struct PostingsSource {
  std::string_view postings;
  std::string_view positions;
  DocId max_doc = 0;
  std::string name;
};

// Walks one term's postings in increasing doc order, decoding a block at a time; positions are
// decoded only when asked for. Not thread-safe; cheap to create.
//
// Damaged data never crashes a cursor: it stops (doc() == kEndDoc) and status() says what broke.
// Evaluators check status() when they finish.
class PostingCursor {
 public:
  // Positions the cursor on the list's first document.
  PostingCursor(const PostingsSource& source, const TermInfo& info);

  // Current document, or kEndDoc once exhausted.
  DocId doc() const { return doc_; }
  // Term frequency in the current document. REQUIRES: doc() != kEndDoc.
  uint32_t freq() const { return freqs_[index_]; }
  // Advances to the next document and returns it.
  DocId Next();
  // Advances to the first document >= target and returns it. Never moves backwards.
  DocId Seek(DocId target);
  // Number of documents in the list (an upper bound on the work of walking it).
  uint32_t cost() const { return info_.df; }
  const TermInfo& info() const { return info_; }

  // Positions of the term in the current document, increasing. REQUIRES: doc() != kEndDoc.
  // Valid until the cursor moves. Empty (and status() set) if the positions are damaged.
  std::span<const uint32_t> positions();

  // Bounds of the current block: its last document, largest frequency and shortest length.
  DocId block_last_doc() const { return block_last_doc_; }
  uint32_t block_max_freq() const { return block_max_freq_; }
  uint32_t block_min_doc_len() const { return block_min_doc_len_; }

  const Status& status() const { return status_; }

 private:
  bool LoadBlock(uint32_t block);
  bool LoadPositions();
  void Fail(const std::string& problem);

  const PostingsSource* source_;
  TermInfo info_;
  uint32_t num_blocks_ = 0;
  bool has_skip_ = false;
  const char* skip_ = nullptr;  // skip table, num_blocks_ entries
  uint64_t blocks_begin_ = 0;   // offset of the first block in the .post body

  uint32_t block_ = 0;       // current block
  uint32_t block_size_ = 0;  // documents in it
  uint32_t index_ = 0;       // current document's index in the block
  DocId doc_ = kEndDoc;
  DocId block_last_doc_ = kEndDoc;
  uint32_t block_max_freq_ = 0;
  uint32_t block_min_doc_len_ = 0;
  alignas(64) DocId docs_[codec::kBlockSize];
  alignas(64) uint32_t freqs_[codec::kBlockSize];

  bool positions_loaded_ = false;
  std::vector<uint32_t> positions_;        // the block's positions, absolute per document
  std::vector<uint32_t> position_starts_;  // per document of the block, index into positions_

  Status status_;
};

}  // namespace nsearch::postings

#endif  // NSEARCH_INDEX_POSTINGS_POSTING_CURSOR_H_
