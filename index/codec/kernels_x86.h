#ifndef NSEARCH_INDEX_CODEC_KERNELS_X86_H_
#define NSEARCH_INDEX_CODEC_KERNELS_X86_H_

// Internal to index/codec: the x86 SIMD kernel tables, for kernels.cc (dispatch) only.
//
// Each table lives in its own bitpack_<isa>.cc. Those files are compiled with the baseline flags
// like everything else; only their kernel functions carry __attribute__((target("<isa>"))). So
// no inline or template code they share with other files (the STL, index/base) is ever emitted
// with wider instructions, and the binary runs on any x86-64 CPU until dispatch picks a table.

#include <cstddef>
#include <cstdint>

#include "index/codec/kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define NSEARCH_CODEC_X86_KERNELS 1
#endif

#ifdef NSEARCH_CODEC_X86_KERNELS
namespace nsearch::codec {

// REQUIRES (to call the table's functions): __builtin_cpu_supports("sse4.1").
const Kernels& Sse41Kernels();
// REQUIRES (to call the table's functions): __builtin_cpu_supports("avx2").
const Kernels& Avx2Kernels();
// REQUIRES (to call the table's functions): __builtin_cpu_supports("avx512f").
const Kernels& Avx512Kernels();

// The SSE4.1 pack kernel, which the AVX2 and AVX-512 tables reuse: packing runs once per block at
// indexing time, and the 4-lane layout maps onto 128-bit registers one word at a time.
// REQUIRES: as Kernels::pack, and __builtin_cpu_supports("sse4.1").
void Sse41Pack(const uint32_t* in, uint32_t bits, char* dst);

}  // namespace nsearch::codec
#endif  // NSEARCH_CODEC_X86_KERNELS

#endif  // NSEARCH_INDEX_CODEC_KERNELS_X86_H_
