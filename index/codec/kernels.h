#ifndef NSEARCH_INDEX_CODEC_KERNELS_H_
#define NSEARCH_INDEX_CODEC_KERNELS_H_

#include <cstddef>
#include <cstdint>

namespace nsearch::codec {

// One implementation of the hot codec loops (streamvbyte-style isolation). The scalar table is
// the reference; each SIMD table (added later in bitpack_sse41.cc, bitpack_avx2.cc, ...) must
// produce the same bytes and values, and is tested against the scalar one. The public functions
// in bitpack.h call ActiveKernels(). Tables are immutable and thread-safe.
struct Kernels {
  // Short name for logs, `nsearch inspect` and test names: "scalar", "avx2", ...
  const char* name;
  // See MaxBits() in bitpack.h.
  uint32_t (*max_bits)(const uint32_t* in, size_t n);
  // Writes exactly PackedBytes(bits) bytes to dst. REQUIRES: bits in 1..32.
  void (*pack)(const uint32_t* in, uint32_t bits, char* dst);
  // Reads PackedBytes(bits) bytes (SIMD kernels: plus up to kDecodePadding more) from src.
  // REQUIRES: bits in 0..32.
  void (*unpack)(const char* src, uint32_t bits, uint32_t* out);
  // See PrefixSum() in bitpack.h.
  void (*prefix_sum)(uint32_t* values, size_t n, uint32_t base);
};

// The portable reference implementation.
const Kernels& ScalarKernels();

// The kernels the public functions use, chosen once per process. Today always ScalarKernels();
// CPU dispatch (and NSEARCH_FORCE_SCALAR=1) will choose here.
const Kernels& ActiveKernels();

}  // namespace nsearch::codec

#endif  // NSEARCH_INDEX_CODEC_KERNELS_H_
