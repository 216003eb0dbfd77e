#ifndef NSEARCH_INDEX_CODEC_KERNELS_H_
#define NSEARCH_INDEX_CODEC_KERNELS_H_

#include <cstddef>
#include <cstdint>
#include <span>

namespace nsearch::codec {

// One implementation of the hot codec loops (streamvbyte-style isolation). The scalar table is
// the reference; each SIMD table (bitpack_sse41.cc, bitpack_avx2.cc, bitpack_avx512.cc) produces
// the same bytes and values and is tested against the scalar one (tests/index/codec/
// kernels_test.cc). The public functions in bitpack.h call ActiveKernels().
// Tables are immutable and thread-safe. A SIMD table's functions may only be called on a CPU that
// supports its instruction set: get tables from SupportedKernels() or ActiveKernels() only.
struct Kernels {
  // Short name for logs, benchmarks and test names: "scalar", "sse41", "avx2" or "avx512".
  const char* name;
  // See MaxBits() in bitpack.h.
  uint32_t (*max_bits)(const uint32_t* in, size_t n);
  // See PackBlock() in bitpack.h: writes exactly PackedBytes(bits) bytes to dst, in the layout
  // documented there; bits of a value at or above `bits` are dropped. REQUIRES: bits in 1..32.
  void (*pack)(const uint32_t* in, uint32_t bits, char* dst);
  // Inverse of pack: writes kBlockSize values to out. Reads PackedBytes(bits) bytes from src and
  // may read up to kDecodePadding bytes more (whose contents do not affect the result), so src
  // must be followed by that many readable bytes. ScalarKernels() never reads more, which
  // DecodeBlock() relies on near the end of its input. (The SIMD tables in this build do not
  // either, but callers must not rely on that.) No alignment needed. bits == 0 reads nothing.
  // REQUIRES: bits in 0..32.
  void (*unpack)(const char* src, uint32_t bits, uint32_t* out);
  // See PrefixSum() in bitpack.h.
  void (*prefix_sum)(uint32_t* values, size_t n, uint32_t base);
};

// The portable reference implementation. Runs on any CPU.
const Kernels& ScalarKernels();

// Every table compiled into this build that this CPU (and OS) can run: ScalarKernels() first,
// then the SIMD tables in increasing order of instruction set (sse41, avx2, avx512), so the last
// one uses the widest registers. Ignores NSEARCH_FORCE_SCALAR. Non-x86 builds return only the
// scalar table.
// The span and the tables live for the whole process. Detected once; thread-safe.
std::span<const Kernels* const> SupportedKernels();

// The kernels the public functions in bitpack.h use: SupportedKernels().back(), or
// ScalarKernels() when the environment variable NSEARCH_FORCE_SCALAR is set to anything but ""
// or "0". Chosen on the first call and fixed for the rest of the process; thread-safe.
const Kernels& ActiveKernels();

}  // namespace nsearch::codec

#endif  // NSEARCH_INDEX_CODEC_KERNELS_H_
