// AVX2 kernels. Unpack decodes two slots per 256-bit register: the low half gets slot s of the four
// lanes and the high half slot s+1, which are output values 4s..4s+7, so one contiguous store
// writes them. The two slots start in the same payload word or in consecutive ones, so each half's
// source word comes from one broadcast (vbroadcasti128) or one unaligned 256-bit load, never a
// shuffle, and variable shifts (vpsrlvd/vpsllvd) apply each half's own bit offset. A left shift by
// 32 yields 0, which cancels the straddle term of a half that does not straddle. Every load stays
// inside the PackedBytes(bits) payload. Pack reuses the SSE4.1 kernel (see kernels_x86.h).

#include "index/codec/kernels_x86.h"

#ifdef NSEARCH_CODEC_X86_KERNELS

#include <immintrin.h>

#include <array>
#include <bit>
#include <utility>

#include "index/codec/bitpack.h"

#define NSEARCH_TARGET_AVX2 __attribute__((target("avx2")))

namespace nsearch::codec {
namespace {

constexpr uint32_t kSlots = 32;  // values per lane: kBlockSize / 4 lanes

NSEARCH_TARGET_AVX2 inline __m256i Broadcast128(const __m128i* p) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(p));
}

NSEARCH_TARGET_AVX2 inline __m256i Load256(const __m128i* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

// Decodes slots kSlot and kSlot+1 of the four lanes into out[4*kSlot .. 4*kSlot+8).
template <uint32_t kBits, uint32_t kSlot>
NSEARCH_TARGET_AVX2 inline void UnpackPair(const __m128i* in, __m256i mask, __m256i* out) {
  constexpr uint32_t kWord0 = kSlot * kBits / 32;
  constexpr uint32_t kOff0 = kSlot * kBits % 32;
  constexpr uint32_t kWord1 = (kSlot + 1) * kBits / 32;
  constexpr uint32_t kOff1 = (kSlot + 1) * kBits % 32;
  constexpr bool kStraddles0 = kOff0 + kBits > 32;
  constexpr bool kStraddles1 = kOff1 + kBits > 32;
  static_assert(kWord1 == kWord0 || kWord1 == kWord0 + 1, "bits <= 32");

  __m256i words;
  if constexpr (kWord1 == kWord0) {
    words = Broadcast128(in + kWord0);
  } else {
    words = Load256(in + kWord0);  // words kWord0 and kWord1
  }
  __m256i v;
  if constexpr (kOff0 == kOff1) {  // only at 32 bits, where both offsets are 0
    v = kOff0 == 0 ? words : _mm256_srli_epi32(words, kOff0);
  } else {
    v = _mm256_srlv_epi32(
        words, _mm256_setr_epi32(kOff0, kOff0, kOff0, kOff0, kOff1, kOff1, kOff1, kOff1));
  }
  if constexpr (kStraddles0 || kStraddles1) {
    // The next word of each straddling half. When both straddle, slot kSlot ends inside word
    // kWord0+1 = kWord1, so the two next words are kWord0+1 and kWord0+2: one 256-bit load.
    __m256i next;
    if constexpr (kStraddles0 && kStraddles1) {
      static_assert(kWord1 == kWord0 + 1);
      next = Load256(in + kWord0 + 1);
    } else if constexpr (kStraddles0) {
      next = Broadcast128(in + kWord0 + 1);
    } else {
      next = Broadcast128(in + kWord1 + 1);
    }
    constexpr int kLeft0 = kStraddles0 ? 32 - kOff0 : 32;
    constexpr int kLeft1 = kStraddles1 ? 32 - kOff1 : 32;
    v = _mm256_or_si256(
        v, _mm256_sllv_epi32(next, _mm256_setr_epi32(kLeft0, kLeft0, kLeft0, kLeft0, kLeft1, kLeft1,
                                                     kLeft1, kLeft1)));
  }
  if constexpr (kOff0 + kBits != 32 || kOff1 + kBits != 32) {
    v = _mm256_and_si256(v, mask);
  }
  _mm256_storeu_si256(out + kSlot / 2, v);
}

template <uint32_t kBits, uint32_t... kPair>
NSEARCH_TARGET_AVX2 void UnpackPairs(const __m128i* in, __m256i* out,
                                     std::integer_sequence<uint32_t, kPair...>) {
  const __m256i mask =
      _mm256_set1_epi32(static_cast<int>(kBits >= 32 ? ~uint32_t{0} : (uint32_t{1} << kBits) - 1));
  (UnpackPair<kBits, 2 * kPair>(in, mask, out), ...);
}

template <uint32_t kBits>
NSEARCH_TARGET_AVX2 void UnpackWidth(const char* src, uint32_t* out) {
  auto* out256 = reinterpret_cast<__m256i*>(out);
  if constexpr (kBits == 0) {
    for (uint32_t i = 0; i < kSlots / 2; ++i) {
      _mm256_storeu_si256(out256 + i, _mm256_setzero_si256());
    }
  } else {
    UnpackPairs<kBits>(reinterpret_cast<const __m128i*>(src), out256,
                       std::make_integer_sequence<uint32_t, kSlots / 2>{});
  }
}

using UnpackFn = void (*)(const char*, uint32_t*);

template <uint32_t... kBits>
constexpr std::array<UnpackFn, 33> MakeUnpackTable(std::integer_sequence<uint32_t, kBits...>) {
  return {&UnpackWidth<kBits>...};
}

constexpr std::array<UnpackFn, 33> kUnpack =
    MakeUnpackTable(std::make_integer_sequence<uint32_t, 33>{});

NSEARCH_TARGET_AVX2 void Avx2Unpack(const char* src, uint32_t bits, uint32_t* out) {
  kUnpack[bits](src, out);
}

NSEARCH_TARGET_AVX2 uint32_t Avx2MaxBits(const uint32_t* in, size_t n) {
  __m256i acc = _mm256_setzero_si256();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    acc = _mm256_or_si256(acc, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i)));
  }
  __m128i acc128 = _mm_or_si128(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
  acc128 = _mm_or_si128(acc128, _mm_srli_si128(acc128, 8));
  acc128 = _mm_or_si128(acc128, _mm_srli_si128(acc128, 4));
  auto bits = static_cast<uint32_t>(_mm_cvtsi128_si32(acc128));
  for (; i < n; ++i) {
    bits |= in[i];
  }
  return static_cast<uint32_t>(std::bit_width(bits));
}

NSEARCH_TARGET_AVX2 void Avx2PrefixSum(uint32_t* values, size_t n, uint32_t base) {
  // As in the SSE4.1 kernel, only `carry` crosses iterations, at one add each.
  __m256i carry = _mm256_set1_epi32(static_cast<int>(base));
  const __m256i last = _mm256_set1_epi32(7);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    auto* p = reinterpret_cast<__m256i*>(values + i);
    __m256i x = _mm256_loadu_si256(p);
    // Scan within each 128-bit half (byte shifts do not cross halves)...
    x = _mm256_add_epi32(x, _mm256_slli_si256(x, 4));
    x = _mm256_add_epi32(x, _mm256_slli_si256(x, 8));
    // ...then add the low half's total to the high half: [0 0 0 0 | x3 x3 x3 x3].
    const __m256i totals = _mm256_shuffle_epi32(x, 0xFF);
    x = _mm256_add_epi32(x, _mm256_permute2x128_si256(totals, totals, 0x08));
    _mm256_storeu_si256(p, _mm256_add_epi32(x, carry));
    carry = _mm256_add_epi32(carry, _mm256_permutevar8x32_epi32(x, last));
  }
  auto sum = static_cast<uint32_t>(_mm256_cvtsi256_si32(carry));
  for (; i < n; ++i) {
    sum += values[i];  // wraps modulo 2^32, as the vector adds do
    values[i] = sum;
  }
}

constexpr Kernels kAvx2Kernels = {
    "avx2", Avx2MaxBits, Sse41Pack, Avx2Unpack, Avx2PrefixSum,
};

}  // namespace

const Kernels& Avx2Kernels() { return kAvx2Kernels; }

}  // namespace nsearch::codec

#endif  // NSEARCH_CODEC_X86_KERNELS
