#ifndef NSEARCH_INDEX_SEGMENT_BYTE_SLICE_POOL_H_
#define NSEARCH_INDEX_SEGMENT_BYTE_SLICE_POOL_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nsearch::segment {

// Growable byte streams, many of them, packed into large blocks: the in-memory postings of a
// segment being built (the design of Lucene's ByteBlockPool and tantivy's memory arena). A
// stream is a chain of slices of growing size (8 bytes, then 16, ... up to 256) that end in the
// 4-byte address of the next one: an empty stream costs 8 bytes, a long one about 2% more than
// its bytes plus one partly filled slice, with no reallocation and no copy. Blocks are mapped from
// the operating system and returned to it whole: the pool's memory is bytes() (to the page), with
// no allocator overhead and no fragmentation left behind. Not thread-safe.
//
// Addresses are 32-bit byte offsets, so a pool holds at most kMaxBytes; callers stop adding
// before full() (a segment is written out then).
class ByteSlicePool {
 public:
  static_assert(sizeof(size_t) >= 8, "a pool spans 4 GiB of addresses");
  static constexpr size_t kBlockBytes = size_t{256} << 10;
  static constexpr size_t kMaxBytes = size_t{4} << 30;

  ByteSlicePool() = default;
  ByteSlicePool(const ByteSlicePool&) = delete;
  ByteSlicePool& operator=(const ByteSlicePool&) = delete;
  ~ByteSlicePool();

  // Where a stream is: its first slice and the next byte to write.
  struct Stream {
    uint32_t start;
    uint32_t upto;
  };

  // A new empty stream. Throws std::bad_alloc as the writes do.
  Stream NewStream();
  // Appends one byte / a LEB128 varint to `s`. Throw std::bad_alloc when no block can be mapped,
  // or past kMaxBytes (callers stop at full()).
  void WriteByte(Stream* s, uint8_t byte) {
    uint8_t* p = At(s->upto);
    if (*p != 0) {  // the end marker of a full slice: ahead of the cursor, everything is 0
      s->upto = NextSlice(s->upto);
      p = At(s->upto);
    }
    *p = byte;
    ++s->upto;
  }
  void WriteVarint(Stream* s, uint32_t value) {
    while (value >= 0x80) {
      WriteByte(s, static_cast<uint8_t>(value | 0x80));
      value >>= 7;
    }
    WriteByte(s, static_cast<uint8_t>(value));
  }

  // Bytes of slices handed out: what the pool has written or will, and so (to the page) what it
  // holds resident, as untouched pages of a mapped block take no memory.
  size_t bytes() const {
    return blocks_.empty() ? 0 : (blocks_.size() - 1) * kBlockBytes + block_used_;
  }
  // True once fewer than two blocks' worth of addresses are left.
  bool full() const { return bytes() + 2 * kBlockBytes > kMaxBytes; }

  // Reads a stream front to back, up to where it was written when the reader was made.
  class Reader {
   public:
    Reader(const ByteSlicePool& pool, Stream s);
    bool done() const { return pos_ == end_; }
    // REQUIRES: !done().
    uint8_t ReadByte() {
      if (pos_ == limit_) {
        NextSlice();
      }
      return *pool_->At(pos_++);
    }
    // REQUIRES: a whole varint is left.
    uint32_t ReadVarint() {
      uint32_t value = 0;
      for (int shift = 0;; shift += 7) {
        const uint8_t byte = ReadByte();
        value |= static_cast<uint32_t>(byte & 0x7f) << shift;
        if (byte < 0x80) {
          return value;
        }
      }
    }

   private:
    void NextSlice();
    const ByteSlicePool* pool_;
    uint32_t pos_;
    uint32_t end_;
    uint32_t limit_;  // where the current slice's data ends and its forward address begins
    int level_ = 0;
  };

 private:
  friend class Reader;
  static constexpr int kLevels = 6;
  static constexpr uint32_t kSliceBytes[kLevels] = {8, 16, 32, 64, 128, 256};
  static constexpr uint32_t kAddressBytes = 4;

  uint8_t* At(uint32_t address) const {
    return blocks_[address / kBlockBytes] + address % kBlockBytes;
  }
  // A zeroed slice of `level` whose end marker is set; returns its address.
  uint32_t Allocate(int level);
  // Called with the cursor on a full slice's end marker: links a new slice, returns its start.
  uint32_t NextSlice(uint32_t marker);

  std::vector<uint8_t*> blocks_;
  uint32_t block_used_ = kBlockBytes;  // bytes used of the last block
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_BYTE_SLICE_POOL_H_
