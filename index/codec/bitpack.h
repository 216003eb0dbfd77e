#ifndef NSEARCH_INDEX_CODEC_BITPACK_H_
#define NSEARCH_INDEX_CODEC_BITPACK_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace nsearch::codec {

// Bit packing of fixed-size blocks in the SIMD-BP128 layout (Lemire & Boytsov, "Decoding billions
// of integers per second through vectorization", 2015). See docs/FORMAT.md#postings-blocks.
//
// These functions dispatch through ActiveKernels() (index/codec/kernels.h): every implementation
// (scalar, SSE4.1, AVX2, AVX-512) produces and accepts exactly the same bytes and values.
// All functions are thread-safe.

// Integers per packed block.
inline constexpr size_t kBlockSize = 128;

// Bytes a decoder may read past a block's end. Writers append this many zero bytes at the end of
// any stream that holds packed blocks, so SIMD kernels can use full-width unaligned loads.
inline constexpr size_t kDecodePadding = 32;

// Smallest bit width (0..32) that holds every value of in[0..n). Returns 0 when n == 0.
// REQUIRES: in points to n readable values (may be null when n == 0).
uint32_t MaxBits(const uint32_t* in, size_t n);

// Bytes a packed block of width `bits` occupies: kBlockSize * bits / 8 = 16 * bits.
constexpr size_t PackedBytes(uint32_t bits) { return 16 * static_cast<size_t>(bits); }

// Appends kBlockSize values packed at width `bits` (PackedBytes(bits) bytes) to *out.
// Layout: 4 interleaved 32-bit lanes. Value i goes to lane i % 4, slot i / 4; each lane packs its
// 32 values LSB-first into `bits` 32-bit words (slot s occupies bits [s*bits, (s+1)*bits) of the
// lane's bit string); word w of lane l is stored at uint32 index 4*w + l, little-endian.
// bits == 0 writes nothing.
// REQUIRES: in points to kBlockSize values; bits <= 32; every value < 2^bits (higher bits are
// dropped).
void PackBlock(const uint32_t* in, uint32_t bits, std::string* out);

// Inverse of PackBlock: writes kBlockSize values to out. Reads PackedBytes(bits) bytes and may
// read up to kDecodePadding bytes more, whose contents do not matter (see Kernels::unpack).
// REQUIRES: src holds PackedBytes(bits) + kDecodePadding readable bytes (no alignment needed);
// bits <= 32; out has room for kBlockSize values. bits == 0 reads nothing (src may be null).
// DecodeBlock() has no padding requirement.
void UnpackBlock(const char* src, uint32_t bits, uint32_t* out);

// In-place inclusive prefix sum: values[i] = base + in[0] + ... + in[i], with uint32 wraparound.
// Turns doc-id deltas into doc ids.
// REQUIRES: values points to n writable values (may be null when n == 0).
void PrefixSum(uint32_t* values, size_t n, uint32_t base);

}  // namespace nsearch::codec

#endif  // NSEARCH_INDEX_CODEC_BITPACK_H_
