#include "index/segment/byte_slice_pool.h"

#include <sys/mman.h>

#include <algorithm>
#include <new>

namespace nsearch::segment {
namespace {

// The byte that ends an unfilled slice: never 0, and it names the slice's level.
constexpr uint8_t kMarker = 0x10;

}  // namespace

ByteSlicePool::~ByteSlicePool() {
  for (uint8_t* block : blocks_) {
    ::munmap(block, kBlockBytes);
  }
}

ByteSlicePool::Stream ByteSlicePool::NewStream() {
  const uint32_t start = Allocate(0);
  return {start, start};
}

uint32_t ByteSlicePool::Allocate(int level) {
  const uint32_t size = kSliceBytes[level];
  if (block_used_ + size > kBlockBytes) {
    if ((blocks_.size() + 1) * kBlockBytes > kMaxBytes) {
      throw std::bad_alloc();  // callers stop at full(); this is the backstop
    }
    blocks_.reserve(blocks_.size() + 1);  // so the push below cannot fail and leak the block
    // Fresh anonymous pages are zero, as the end-marker scheme needs, and cost nothing until
    // written; munmap gives them back to the system whole.
    void* block =
        ::mmap(nullptr, kBlockBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) {
      throw std::bad_alloc();
    }
    blocks_.push_back(static_cast<uint8_t*>(block));
    block_used_ = 0;
  }
  const uint32_t address = static_cast<uint32_t>((blocks_.size() - 1) * kBlockBytes + block_used_);
  block_used_ += size;
  *At(address + size - kAddressBytes) = static_cast<uint8_t>(kMarker | level);
  return address;
}

uint32_t ByteSlicePool::NextSlice(uint32_t marker) {
  const int level = *At(marker) & 0x0f;
  const uint32_t next = Allocate(std::min(level + 1, kLevels - 1));
  uint8_t* p = At(marker);  // the 4 address bytes never straddle a block: slices do not
  for (uint32_t i = 0; i < kAddressBytes; ++i) {
    p[i] = static_cast<uint8_t>(next >> (8 * i));
  }
  return next;
}

ByteSlicePool::Reader::Reader(const ByteSlicePool& pool, Stream s)
    : pool_(&pool), pos_(s.start), end_(s.upto), limit_(s.start + kSliceBytes[0] - kAddressBytes) {}

void ByteSlicePool::Reader::NextSlice() {
  const uint8_t* p = pool_->At(limit_);
  uint32_t next = 0;
  for (uint32_t i = 0; i < kAddressBytes; ++i) {
    next |= static_cast<uint32_t>(p[i]) << (8 * i);
  }
  level_ = std::min(level_ + 1, kLevels - 1);
  pos_ = next;
  limit_ = next + kSliceBytes[level_] - kAddressBytes;
}

}  // namespace nsearch::segment
