// The scalar reference kernels. They define the format: SIMD kernels must match them bit for bit.

#include <bit>
#include <cstring>

#include "index/base/coding.h"
#include "index/codec/bitpack.h"
#include "index/codec/kernels.h"

namespace nsearch::codec {
namespace {

constexpr size_t kLanes = 4;                           // 128-bit SIMD register = 4 x uint32
constexpr size_t kSlotsPerLane = kBlockSize / kLanes;  // 32 values per lane

uint32_t ScalarMaxBits(const uint32_t* in, size_t n) {
  uint32_t acc = 0;
  for (size_t i = 0; i < n; ++i) {
    acc |= in[i];
  }
  return static_cast<uint32_t>(std::bit_width(acc));
}

uint32_t LowMask(uint32_t bits) { return bits >= 32 ? ~uint32_t{0} : (uint32_t{1} << bits) - 1; }

void ScalarPack(const uint32_t* in, uint32_t bits, char* dst) {
  const uint32_t mask = LowMask(bits);
  uint32_t words[kLanes * 32] = {};  // word w of lane l at 4*w + l
  for (size_t lane = 0; lane < kLanes; ++lane) {
    for (size_t slot = 0; slot < kSlotsPerLane; ++slot) {
      const uint32_t v = in[slot * kLanes + lane] & mask;
      const size_t bit = slot * bits;
      const size_t w = bit / 32;
      const uint32_t off = static_cast<uint32_t>(bit % 32);
      words[w * kLanes + lane] |= v << off;
      if (off + bits > 32) {
        // The value straddles two words; off > 0 here, so the shift is in range.
        words[(w + 1) * kLanes + lane] |= v >> (32 - off);
      }
    }
  }
  for (size_t i = 0; i < kLanes * bits; ++i) {
    EncodeFixed32(dst + 4 * i, words[i]);
  }
}

void ScalarUnpack(const char* src, uint32_t bits, uint32_t* out) {
  if (bits == 0) {
    std::memset(out, 0, kBlockSize * sizeof(uint32_t));
    return;
  }
  const uint32_t mask = LowMask(bits);
  for (size_t lane = 0; lane < kLanes; ++lane) {
    for (size_t slot = 0; slot < kSlotsPerLane; ++slot) {
      const size_t bit = slot * bits;
      const size_t w = bit / 32;
      const uint32_t off = static_cast<uint32_t>(bit % 32);
      uint32_t v = DecodeFixed32(src + 4 * (w * kLanes + lane)) >> off;
      if (off + bits > 32) {
        // Straddles into word w + 1, which is < bits, so still inside PackedBytes(bits).
        v |= DecodeFixed32(src + 4 * ((w + 1) * kLanes + lane)) << (32 - off);
      }
      out[slot * kLanes + lane] = v & mask;
    }
  }
}

void ScalarPrefixSum(uint32_t* values, size_t n, uint32_t base) {
  uint32_t sum = base;
  for (size_t i = 0; i < n; ++i) {
    sum += values[i];  // unsigned: wraps modulo 2^32 by definition
    values[i] = sum;
  }
}

constexpr Kernels kScalarKernels = {
    "scalar", ScalarMaxBits, ScalarPack, ScalarUnpack, ScalarPrefixSum,
};

}  // namespace

const Kernels& ScalarKernels() { return kScalarKernels; }

}  // namespace nsearch::codec
