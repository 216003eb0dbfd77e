#include "index/codec/bitpack.h"

#include "index/codec/kernels.h"

namespace nsearch::codec {

uint32_t MaxBits(const uint32_t* in, size_t n) { return ActiveKernels().max_bits(in, n); }

void PackBlock(const uint32_t* in, uint32_t bits, std::string* out) {
  if (bits == 0) {
    return;
  }
  const size_t old_size = out->size();
  out->resize(old_size + PackedBytes(bits));
  ActiveKernels().pack(in, bits, out->data() + old_size);
}

void UnpackBlock(const char* src, uint32_t bits, uint32_t* out) {
  ActiveKernels().unpack(src, bits, out);
}

void PrefixSum(uint32_t* values, size_t n, uint32_t base) {
  ActiveKernels().prefix_sum(values, n, base);
}

}  // namespace nsearch::codec
