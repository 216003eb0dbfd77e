#include "index/codec/block_codec.h"

namespace nsearch::codec {

void EncodeBlock(const uint32_t* in, std::string* out) {
  const uint32_t bits = MaxBits(in, kBlockSize);
  out->push_back(static_cast<char>(bits));
  PackBlock(in, bits, out);
}

size_t DecodeBlock(const char* src, size_t size, uint32_t* out) {
  if (size == 0) {
    return 0;
  }
  const uint32_t bits = static_cast<uint8_t>(src[0]);
  if (bits > 32 || size - 1 < PackedBytes(bits)) {
    return 0;
  }
  // Validated once here so the kernel's inner loop stays check-free. When SIMD kernels that
  // over-read land, a block closer than kDecodePadding to `size` must go through the scalar one.
  UnpackBlock(src + 1, bits, out);
  return 1 + PackedBytes(bits);
}

}  // namespace nsearch::codec
