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

  // Block-max support. A "shallow" block pointer moves over the skip table alone, without
  // decoding anything, so pruning evaluators can bound the scores of documents they have not
  // reached (Lucene's advanceShallow). It is independent of doc(): the decoded block may lag
  // behind it or run ahead of it. A list without a skip table is one block whose bounds are
  // TermInfo's max_freq and min_doc_len.
  struct BlockBounds {
    DocId last_doc = kEndDoc;  // the block's last document
    uint32_t max_freq = 0;     // its largest frequency
    uint32_t min_doc_len = 0;  // its shortest document length
  };
  // Moves the shallow pointer forward to the first block whose last document is >= target
  // and returns that document, or kEndDoc (pointer at num_blocks()) when no block holds one.
  // Never moves backwards: a target below the shallow block's range leaves it in place.
  // Reads only the skip table, which the constructor checked to lie inside the file; the last
  // docs it holds are checked against the decoded blocks only when those are decoded. A cursor
  // that failed reports kEndDoc.
  DocId ShallowSeek(DocId target);
  // The block the shallow pointer is on; num_blocks() once past the last one.
  uint32_t shallow_block() const { return shallow_block_; }
  uint32_t num_blocks() const { return num_blocks_; }
  // Bounds of block `block`. REQUIRES: block < num_blocks().
  BlockBounds block_bounds(uint32_t block) const;

  const Status& status() const { return status_; }

 private:
  DocId SkipLastDoc(uint32_t block) const;
  bool LoadBlock(uint32_t block);
  bool LoadPositions();
  void Fail(const std::string& problem);

  const PostingsSource* source_;
  TermInfo info_;
  uint32_t num_blocks_ = 0;
  bool has_skip_ = false;
  const char* skip_ = nullptr;  // skip table, num_blocks_ entries
  uint64_t blocks_begin_ = 0;   // offset of the first block in the .post body

  uint32_t shallow_block_ = 0;             // see ShallowSeek
  DocId single_block_last_doc_ = kEndDoc;  // without a skip table: the list's last doc

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
