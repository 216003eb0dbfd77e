// SSE4.1 kernels: the layout's native decoder. One 128-bit register holds word w of all four lanes,
// and slot s of every lane sits at the same bit offset, so each step shifts all four lanes by the
// same immediate (Lemire & Boytsov 2015, SIMD-BP128). Each width has its own fully unrolled
// function, so every word index, shift and straddle test is a compile-time constant.

#include "index/codec/kernels_x86.h"

#ifdef NSEARCH_CODEC_X86_KERNELS

#include <immintrin.h>

#include <array>
#include <bit>
#include <utility>

#include "index/codec/bitpack.h"

#define NSEARCH_TARGET_SSE41 __attribute__((target("sse4.1")))

namespace nsearch::codec {
namespace {

constexpr uint32_t kSlots = 32;  // values per lane: kBlockSize / 4 lanes

template <uint32_t kBits>
NSEARCH_TARGET_SSE41 __m128i LowMask128() {
  return _mm_set1_epi32(static_cast<int>(kBits >= 32 ? ~uint32_t{0} : (uint32_t{1} << kBits) - 1));
}

// Decodes slot kSlot of the four lanes. `word` holds the payload word the slot starts in and is
// advanced to the next word when the slot reaches the end of it.
template <uint32_t kBits, uint32_t kSlot>
NSEARCH_TARGET_SSE41 inline void UnpackSlot(const __m128i* in, __m128i& word, __m128i mask,
                                            __m128i* out) {
  constexpr uint32_t kWord = kSlot * kBits / 32;
  constexpr uint32_t kOff = kSlot * kBits % 32;
  __m128i v = word;
  if constexpr (kOff != 0) {
    v = _mm_srli_epi32(v, kOff);
  }
  // The last slot always ends exactly at the end of word kBits-1: never load past the payload.
  if constexpr (kOff + kBits >= 32 && kSlot + 1 < kSlots) {
    word = _mm_loadu_si128(in + kWord + 1);
    if constexpr (kOff + kBits > 32) {
      v = _mm_or_si128(v, _mm_slli_epi32(word, 32 - kOff));
    }
  }
  if constexpr (kOff + kBits != 32) {  // a slot ending at bit 31 has nothing above it to clear
    v = _mm_and_si128(v, mask);
  }
  _mm_storeu_si128(out + kSlot, v);
}

template <uint32_t kBits, uint32_t... kSlot>
NSEARCH_TARGET_SSE41 void UnpackSlots(const __m128i* in, __m128i* out,
                                      std::integer_sequence<uint32_t, kSlot...>) {
  __m128i word = _mm_loadu_si128(in);
  const __m128i mask = LowMask128<kBits>();
  (UnpackSlot<kBits, kSlot>(in, word, mask, out), ...);  // comma fold: slots in order
}

template <uint32_t kBits>
NSEARCH_TARGET_SSE41 void UnpackWidth(const char* src, uint32_t* out) {
  auto* out128 = reinterpret_cast<__m128i*>(out);
  if constexpr (kBits == 0) {
    for (uint32_t s = 0; s < kSlots; ++s) {
      _mm_storeu_si128(out128 + s, _mm_setzero_si128());
    }
  } else {
    UnpackSlots<kBits>(reinterpret_cast<const __m128i*>(src), out128,
                       std::make_integer_sequence<uint32_t, kSlots>{});
  }
}

// Encodes slot kSlot of the four lanes into `acc`, which collects word kSlot*kBits/32 and is
// stored once the word is full.
template <uint32_t kBits, uint32_t kSlot>
NSEARCH_TARGET_SSE41 inline void PackSlot(const __m128i* in, __m128i& acc, __m128i mask,
                                          __m128i* out) {
  constexpr uint32_t kWord = kSlot * kBits / 32;
  constexpr uint32_t kOff = kSlot * kBits % 32;
  __m128i v = _mm_loadu_si128(in + kSlot);
  if constexpr (kBits < 32) {
    v = _mm_and_si128(v, mask);  // the scalar reference drops bits at or above kBits too
  }
  if constexpr (kOff == 0) {
    acc = v;
  } else {
    acc = _mm_or_si128(acc, _mm_slli_epi32(v, kOff));
  }
  if constexpr (kOff + kBits >= 32) {
    _mm_storeu_si128(out + kWord, acc);
    if constexpr (kOff + kBits > 32) {
      acc = _mm_srli_epi32(v, 32 - kOff);  // the straddling value's high bits start the next word
    }
  }
}

template <uint32_t kBits, uint32_t... kSlot>
NSEARCH_TARGET_SSE41 void PackSlots(const __m128i* in, __m128i* out,
                                    std::integer_sequence<uint32_t, kSlot...>) {
  __m128i acc = _mm_setzero_si128();
  const __m128i mask = LowMask128<kBits>();
  (PackSlot<kBits, kSlot>(in, acc, mask, out), ...);
}

template <uint32_t kBits>
NSEARCH_TARGET_SSE41 void PackWidth(const uint32_t* in, char* dst) {
  if constexpr (kBits != 0) {
    PackSlots<kBits>(reinterpret_cast<const __m128i*>(in), reinterpret_cast<__m128i*>(dst),
                     std::make_integer_sequence<uint32_t, kSlots>{});
  }
}

using UnpackFn = void (*)(const char*, uint32_t*);
using PackFn = void (*)(const uint32_t*, char*);

template <uint32_t... kBits>
constexpr std::array<UnpackFn, 33> MakeUnpackTable(std::integer_sequence<uint32_t, kBits...>) {
  return {&UnpackWidth<kBits>...};
}
template <uint32_t... kBits>
constexpr std::array<PackFn, 33> MakePackTable(std::integer_sequence<uint32_t, kBits...>) {
  return {&PackWidth<kBits>...};
}

constexpr std::array<UnpackFn, 33> kUnpack =
    MakeUnpackTable(std::make_integer_sequence<uint32_t, 33>{});
constexpr std::array<PackFn, 33> kPack = MakePackTable(std::make_integer_sequence<uint32_t, 33>{});

NSEARCH_TARGET_SSE41 void Sse41Unpack(const char* src, uint32_t bits, uint32_t* out) {
  kUnpack[bits](src, out);
}

NSEARCH_TARGET_SSE41 uint32_t Sse41MaxBits(const uint32_t* in, size_t n) {
  __m128i acc = _mm_setzero_si128();
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    acc = _mm_or_si128(acc, _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i)));
  }
  acc = _mm_or_si128(acc, _mm_srli_si128(acc, 8));
  acc = _mm_or_si128(acc, _mm_srli_si128(acc, 4));
  auto bits = static_cast<uint32_t>(_mm_cvtsi128_si32(acc));
  for (; i < n; ++i) {
    bits |= in[i];
  }
  return static_cast<uint32_t>(std::bit_width(bits));
}

NSEARCH_TARGET_SSE41 void Sse41PrefixSum(uint32_t* values, size_t n, uint32_t base) {
  // `carry` (base plus everything so far, in all lanes) is the only value carried between
  // iterations, and it takes one add per iteration: the in-register scan is off that path.
  __m128i carry = _mm_set1_epi32(static_cast<int>(base));
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    auto* p = reinterpret_cast<__m128i*>(values + i);
    __m128i x = _mm_loadu_si128(p);
    x = _mm_add_epi32(x, _mm_slli_si128(x, 4));
    x = _mm_add_epi32(x, _mm_slli_si128(x, 8));
    _mm_storeu_si128(p, _mm_add_epi32(x, carry));
    carry = _mm_add_epi32(carry, _mm_shuffle_epi32(x, 0xFF));
  }
  auto sum = static_cast<uint32_t>(_mm_cvtsi128_si32(carry));
  for (; i < n; ++i) {
    sum += values[i];  // wraps modulo 2^32, as the vector adds do
    values[i] = sum;
  }
}

constexpr Kernels kSse41Kernels = {
    "sse41", Sse41MaxBits, Sse41Pack, Sse41Unpack, Sse41PrefixSum,
};

}  // namespace

NSEARCH_TARGET_SSE41 void Sse41Pack(const uint32_t* in, uint32_t bits, char* dst) {
  kPack[bits](in, dst);
}

const Kernels& Sse41Kernels() { return kSse41Kernels; }

}  // namespace nsearch::codec

#endif  // NSEARCH_CODEC_X86_KERNELS
