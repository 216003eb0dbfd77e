#include "index/codec/block_codec.h"

#include <bit>

#include "index/codec/kernels.h"

namespace nsearch::codec {
namespace {

// The cheapest form of a block: its width, and how many values exceed it (0: plain).
struct BlockForm {
  uint32_t bits = 0;
  uint32_t exceptions = 0;
};

// Tries every width from the widest value's down to kExceptionBits below it, while no more
// than kMaxExceptions values are wider, and keeps the one that takes the fewest bytes.
BlockForm ChooseForm(const uint32_t* in) {
  uint32_t count_by_width[33] = {};
  for (size_t i = 0; i < kBlockSize; ++i) {
    ++count_by_width[std::bit_width(in[i])];
  }
  uint32_t max_bits = 32;
  while (max_bits > 0 && count_by_width[max_bits] == 0) --max_bits;
  BlockForm best{max_bits, 0};
  size_t best_bytes = 1 + PackedBytes(max_bits);
  uint32_t wider = 0;
  for (uint32_t bits = max_bits; bits > 0 && max_bits - (bits - 1) <= kExceptionBits; --bits) {
    wider += count_by_width[bits];  // values wider than bits - 1
    if (wider > kMaxExceptions) {
      break;
    }
    const size_t bytes = 2 + 2 * size_t{wider} + PackedBytes(bits - 1);
    if (bytes < best_bytes) {
      best = {bits - 1, wider};
      best_bytes = bytes;
    }
  }
  return best;
}

}  // namespace

void EncodeBlock(const uint32_t* in, std::string* out) {
  const BlockForm form = ChooseForm(in);
  if (form.exceptions == 0) {
    out->push_back(static_cast<char>(form.bits));
    PackBlock(in, form.bits, out);
    return;
  }
  out->push_back(static_cast<char>(form.bits | kExceptionsFlag));
  out->push_back(static_cast<char>(form.exceptions));
  const uint32_t mask = (uint32_t{1} << form.bits) - 1;  // form.bits < 32 with exceptions
  uint32_t low[kBlockSize];
  for (size_t i = 0; i < kBlockSize; ++i) {
    low[i] = in[i] & mask;
    if (const uint32_t high = in[i] >> form.bits; high != 0) {
      out->push_back(static_cast<char>(i));
      out->push_back(static_cast<char>(high));
    }
  }
  PackBlock(low, form.bits, out);
}

size_t DecodeBlock(const char* src, size_t size, uint32_t* out) {
  if (size == 0) {
    return 0;
  }
  const auto token = static_cast<uint8_t>(src[0]);
  const uint32_t bits = token & ~kExceptionsFlag;
  const bool patched = (token & kExceptionsFlag) != 0;
  uint32_t exceptions = 0;
  size_t head = 1;
  if (patched) {
    exceptions = size >= 2 ? static_cast<uint8_t>(src[1]) : 0;
    if (bits >= 32 || exceptions == 0 || exceptions > kMaxExceptions) {
      return 0;
    }
    head = 2 + 2 * size_t{exceptions};
  } else if (bits > 32) {
    return 0;
  }
  if (size < head || size - head < PackedBytes(bits)) {
    return 0;
  }
  // Validated once here so the kernel's inner loop stays check-free. Kernels may read up to
  // kDecodePadding bytes past the payload; the scalar one reads none, so it decodes a block that
  // ends closer than that to `size`. Padded streams (.post, .pos) never need it.
  const size_t used = head + PackedBytes(bits);
  const Kernels& kernels = size - used >= kDecodePadding ? ActiveKernels() : ScalarKernels();
  kernels.unpack(src + head, bits, out);
  int previous = -1;
  for (uint32_t e = 0; e < exceptions; ++e) {
    const auto index = static_cast<uint8_t>(src[2 + 2 * e]);
    const uint32_t high = static_cast<uint8_t>(src[3 + 2 * e]);
    // Canonical only: in order, each exception adding at least one bit and losing none.
    if (index >= kBlockSize || index <= previous || high == 0 ||
        (bits > 32 - kExceptionBits && (high >> (32 - bits)) != 0)) {
      return 0;
    }
    previous = index;
    out[index] |= high << bits;
  }
  return used;
}

}  // namespace nsearch::codec
