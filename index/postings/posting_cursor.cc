#include "index/postings/posting_cursor.h"

#include "index/base/coding.h"
#include "index/codec/block_codec.h"
#include "index/codec/varint_block.h"
#include "index/postings/postings_format.h"

namespace nsearch::postings {

using codec::kBlockSize;

PostingCursor::PostingCursor(const PostingsSource& source, const TermInfo& info)
    : source_(&source), info_(info) {
  if (info.df == 0) {
    return;
  }
  has_skip_ = info.df >= kBlockSize;
  num_blocks_ = has_skip_ ? (info.df + kBlockSize - 1) / kBlockSize : 1;
  const uint64_t skip_bytes = has_skip_ ? uint64_t{kSkipEntrySize} * num_blocks_ : 0;
  if (info.postings_offset > source.postings.size() ||
      skip_bytes > source.postings.size() - info.postings_offset) {
    Fail("list offset " + std::to_string(info.postings_offset) + " past the end of the file");
    return;
  }
  skip_ = source.postings.data() + info.postings_offset;
  blocks_begin_ = info.postings_offset + skip_bytes;
  if (LoadBlock(0)) {
    doc_ = docs_[0];
    if (!has_skip_) {
      single_block_last_doc_ = block_last_doc_;
    }
  }
}

DocId PostingCursor::SkipLastDoc(uint32_t block) const {
  return DecodeFixed32(skip_ + uint64_t{kSkipEntrySize} * block);
}

DocId PostingCursor::ShallowSeek(DocId target) {
  if (!status_.ok() || num_blocks_ == 0) {
    shallow_block_ = num_blocks_;
    return kEndDoc;
  }
  if (!has_skip_) {
    if (shallow_block_ == 0 && single_block_last_doc_ < target) {
      shallow_block_ = 1;
    }
    return shallow_block_ == 0 ? single_block_last_doc_ : kEndDoc;
  }
  // A linear walk: windows and seeks move forward a few blocks at a time, and each step reads
  // one 24-byte entry. Damaged last docs (not increasing) only make it stop early or late; the
  // decoded block is checked against its entry when it is loaded.
  while (shallow_block_ < num_blocks_ && SkipLastDoc(shallow_block_) < target) {
    ++shallow_block_;
  }
  return shallow_block_ < num_blocks_ ? SkipLastDoc(shallow_block_) : kEndDoc;
}

PostingCursor::BlockBounds PostingCursor::block_bounds(uint32_t block) const {
  if (!has_skip_) {
    return {single_block_last_doc_, info_.max_freq, info_.min_doc_len};
  }
  const char* entry = skip_ + uint64_t{kSkipEntrySize} * block;
  return {DecodeFixed32(entry), DecodeFixed32(entry + 16), DecodeFixed32(entry + 20)};
}

void PostingCursor::Fail(const std::string& problem) {
  if (status_.ok()) {
    status_ = Status::Corruption(source_->name + ": postings: " + problem);
  }
  doc_ = kEndDoc;
  block_last_doc_ = kEndDoc;
  block_ = num_blocks_;
  shallow_block_ = num_blocks_;
}

bool PostingCursor::LoadBlock(uint32_t block) {
  block_ = block;
  index_ = 0;
  positions_loaded_ = false;
  const bool full = block < info_.df / kBlockSize;
  block_size_ = full ? static_cast<uint32_t>(kBlockSize) : info_.df % kBlockSize;
  uint64_t offset = blocks_begin_;
  DocId base = 0;
  if (has_skip_) {
    const char* entry = skip_ + uint64_t{kSkipEntrySize} * block;
    offset += DecodeFixed32(entry + 4);
    block_last_doc_ = DecodeFixed32(entry);
    block_max_freq_ = DecodeFixed32(entry + 16);
    block_min_doc_len_ = DecodeFixed32(entry + 20);
    if (block > 0) {
      base = DecodeFixed32(entry - kSkipEntrySize);
    }
  } else {
    block_max_freq_ = info_.max_freq;
    block_min_doc_len_ = info_.min_doc_len;
  }
  const std::string where = "block " + std::to_string(block);
  if (offset > source_->postings.size()) {
    Fail(where + " offset past the end of the file");
    return false;
  }
  const char* p = source_->postings.data() + offset;
  const size_t avail = source_->postings.size() - offset;
  size_t used_docs, used_freqs;
  if (full) {
    used_docs = codec::DecodeBlock(p, avail, docs_);
    used_freqs = used_docs == 0 ? 0 : codec::DecodeBlock(p + used_docs, avail - used_docs, freqs_);
  } else {
    used_docs = codec::DecodeVarints(p, avail, block_size_, docs_);
    used_freqs = used_docs == 0
                     ? 0
                     : codec::DecodeVarints(p + used_docs, avail - used_docs, block_size_, freqs_);
  }
  if (used_docs == 0 || used_freqs == 0) {
    Fail(where + " truncated or malformed");
    return false;
  }
  // Validate once per block so the loops that walk it need no checks (streamvbyte's idea).
  uint64_t doc = base;
  for (uint32_t i = 0; i < block_size_; ++i) {
    const bool first_of_list = block == 0 && i == 0;
    if (docs_[i] == 0 && !first_of_list) {
      Fail(where + " doc ids not increasing");
      return false;
    }
    doc += docs_[i];
    if (doc >= source_->max_doc) {
      Fail(where + " doc id " + std::to_string(doc) + " >= segment size " +
           std::to_string(source_->max_doc));
      return false;
    }
    docs_[i] = static_cast<DocId>(doc);
    if (freqs_[i] == UINT32_MAX) {
      Fail(where + " frequency overflow");
      return false;
    }
    freqs_[i] += 1;
  }
  if (has_skip_ && docs_[block_size_ - 1] != block_last_doc_) {
    Fail(where + " last doc disagrees with the skip table");
    return false;
  }
  block_last_doc_ = docs_[block_size_ - 1];
  return true;
}

DocId PostingCursor::Next() {
  if (doc_ == kEndDoc) {
    return doc_;
  }
  if (++index_ < block_size_) {
    return doc_ = docs_[index_];
  }
  if (block_ + 1 >= num_blocks_ || !LoadBlock(block_ + 1)) {
    doc_ = kEndDoc;
    return doc_;
  }
  return doc_ = docs_[0];
}

DocId PostingCursor::Seek(DocId target) {
  if (doc_ >= target) {
    return doc_;
  }
  if (block_last_doc_ < target) {
    if (!has_skip_) {
      return doc_ = kEndDoc;
    }
    uint32_t b = block_ + 1;
    // The blocks before the shallow block end before the target it was moved to. If the one
    // just before it also ends before this target, the scan can start at the shallow block.
    if (shallow_block_ > b && SkipLastDoc(shallow_block_ - 1) < target) {
      b = shallow_block_;
    }
    while (b < num_blocks_ && SkipLastDoc(b) < target) {
      ++b;
    }
    if (b >= num_blocks_ || !LoadBlock(b)) {
      return doc_ = kEndDoc;
    }
  }
  while (docs_[index_] < target) {
    ++index_;
  }
  return doc_ = docs_[index_];
}

bool PostingCursor::LoadPositions() {
  uint64_t count = 0;
  position_starts_.resize(block_size_ + 1);
  for (uint32_t i = 0; i < block_size_; ++i) {
    position_starts_[i] = static_cast<uint32_t>(count);
    count += freqs_[i];
  }
  uint64_t offset = info_.positions_offset;
  if (has_skip_) {
    offset += DecodeFixed64(skip_ + uint64_t{kSkipEntrySize} * block_ + 8);
  }
  const std::string where = "positions of block " + std::to_string(block_);
  // A packed block of width 0 holds 128 values in one byte, so no honest block holds more.
  if (offset > source_->positions.size() ||
      count > uint64_t{kBlockSize} * (source_->positions.size() - offset + 1)) {
    Fail(where + " out of range");
    return false;
  }
  position_starts_[block_size_] = static_cast<uint32_t>(count);
  positions_.resize(count);
  const char* p = source_->positions.data() + offset;
  size_t avail = source_->positions.size() - offset;
  size_t done = 0;
  for (; done + kBlockSize <= count; done += kBlockSize) {
    const size_t used = codec::DecodeBlock(p, avail, positions_.data() + done);
    if (used == 0) {
      Fail(where + " truncated or malformed");
      return false;
    }
    p += used;
    avail -= used;
  }
  if (done < count && codec::DecodeVarints(p, avail, count - done, positions_.data() + done) == 0) {
    Fail(where + " truncated or malformed");
    return false;
  }
  for (uint32_t i = 0; i < block_size_; ++i) {
    uint32_t pos = 0;
    for (uint32_t j = position_starts_[i]; j < position_starts_[i + 1]; ++j) {
      pos += positions_[j];
      positions_[j] = pos;
    }
  }
  positions_loaded_ = true;
  return true;
}

std::span<const uint32_t> PostingCursor::positions() {
  if (!positions_loaded_ && !LoadPositions()) {
    return {};
  }
  return std::span<const uint32_t>(positions_.data() + position_starts_[index_],
                                   position_starts_[index_ + 1] - position_starts_[index_]);
}

}  // namespace nsearch::postings
