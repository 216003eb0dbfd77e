#include "index/codec/block_codec.h"

#include "index/codec/kernels.h"

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
  // Validated once here so the kernel's inner loop stays check-free. Kernels may read up to
  // kDecodePadding bytes past the payload; the scalar one reads none, so it decodes a block that
  // ends closer than that to `size`. Padded streams (.post, .pos) never need it.
  const size_t used = 1 + PackedBytes(bits);
  const Kernels& kernels = size - used >= kDecodePadding ? ActiveKernels() : ScalarKernels();
  kernels.unpack(src + 1, bits, out);
  return used;
}

}  // namespace nsearch::codec
