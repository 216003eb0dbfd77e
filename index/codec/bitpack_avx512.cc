// AVX-512 (AVX512F) kernels. Unpack decodes four slots per 512-bit register: element 4q+l holds
// lane l of slot 4*quad+q, i.e. output value 16*quad + 4q + l, so one contiguous store writes 16
// values. Each 256-bit half gets its two slots' words as the AVX2 kernel does (a broadcast when
// both start in one word, else one 256-bit load of the two adjacent words), and the halves are
// joined with vinserti64x4. When all four slots start in one word (every quad below 8 bits wide)
// a single 128-bit broadcast (vbroadcasti32x4) fills the register, likewise for the words the
// straddling slots continue into, and at 32 bits it is one plain load. No shuffle instruction is
// needed and every load stays inside the PackedBytes(bits) payload. Variable shifts then apply each
// slot's bit offset (a left shift by 32 yields 0 for slots that do not straddle), with counts from
// QuadPlan, computed at compile time per width and quad. (A version that loaded the payload into
// registers and gathered each quad's words with vpermt2d measured 10-25% slower on AMD Zen 4 at
// widths 6..28.) Pack reuses the SSE4.1 kernel (see kernels_x86.h).

#include "index/codec/kernels_x86.h"

#ifdef NSEARCH_CODEC_X86_KERNELS

#include <immintrin.h>

#include <array>
#include <bit>
#include <utility>

#include "index/codec/bitpack.h"

#define NSEARCH_TARGET_AVX512 __attribute__((target("avx512f")))

namespace nsearch::codec {
namespace {

constexpr uint32_t kSlots = 32;  // values per lane: kBlockSize / 4 lanes
constexpr uint32_t kQuads = kSlots / 4;

constexpr bool Straddles(uint32_t offset, uint32_t bits) { return offset + bits > 32; }

// How to decode slots 4*quad .. 4*quad+3 at width `bits`. Element e = 4q + l of each vector
// belongs to slot 4*quad + q of lane l.
struct QuadPlan {
  uint32_t word = 0;        // the payload word slot 4*quad starts in
  bool one_word = false;    // all four slots start in `word`
  bool contiguous = false;  // slot 4*quad+q starts in word `word` + q (only at 32 bits)
  bool straddles = false;   // some slot continues into the next word
  bool one_next = true;     // all slots that straddle continue into word `next`
  uint32_t next = 0;        // the word the last straddling slot continues into
  bool uniform = false;     // all four slots have the same bit offset...
  uint32_t offset = 0;      // ...which is this one
  bool needs_mask = false;  // some slot ends below bit 31 of its word, so bits above it remain
  alignas(64) std::array<uint32_t, 16> right{};  // each element's bit offset within its word
  alignas(64) std::array<uint32_t, 16> left{};   // 32 - offset for straddlers, else 32
};

constexpr QuadPlan MakeQuadPlan(uint32_t bits, uint32_t quad) {
  QuadPlan plan;
  plan.word = 4 * quad * bits / 32;
  plan.offset = 4 * quad * bits % 32;
  plan.one_word = plan.contiguous = plan.uniform = true;
  for (uint32_t q = 0; q < 4; ++q) {
    const uint32_t bit = (4 * quad + q) * bits;
    const uint32_t off = bit % 32;
    plan.one_word = plan.one_word && bit / 32 == plan.word;
    plan.contiguous = plan.contiguous && bit / 32 == plan.word + q;
    if (Straddles(off, bits)) {
      plan.one_next = plan.one_next && (!plan.straddles || plan.next == bit / 32 + 1);
      plan.next = bit / 32 + 1;
      plan.straddles = true;
    }
    plan.uniform = plan.uniform && off == plan.offset;
    plan.needs_mask = plan.needs_mask || off + bits != 32;
    for (uint32_t l = 0; l < 4; ++l) {
      plan.right[4 * q + l] = off;
      plan.left[4 * q + l] = Straddles(off, bits) ? 32 - off : 32;
    }
  }
  return plan;
}

// GCC 12's unmasked forms of these intrinsics pass _mm512_undefined_epi32() (`__m512i y = y;`)
// as the merge source, which -Werror=uninitialized rejects once inlined (GCC bug 105593). The
// zero-masking forms with an all-ones mask compile to the same unmasked instructions.
constexpr __mmask16 kAll = 0xFFFF;

NSEARCH_TARGET_AVX512 inline __m512i ShiftRight(__m512i v, __m512i counts) {
  return _mm512_maskz_srlv_epi32(kAll, v, counts);
}

NSEARCH_TARGET_AVX512 inline __m512i ShiftLeft(__m512i v, __m512i counts) {
  return _mm512_maskz_sllv_epi32(kAll, v, counts);
}

// Shifts the 16 elements up by kBy positions (towards higher indices), filling with zeros.
template <int kBy>
NSEARCH_TARGET_AVX512 inline __m512i ShiftUp(__m512i v) {
  return _mm512_maskz_alignr_epi32(kAll, v, _mm512_setzero_si512(), 16 - kBy);
}

NSEARCH_TARGET_AVX512 inline __m512i Load512(const std::array<uint32_t, 16>& a) {
  return _mm512_load_si512(a.data());
}

// Payload word `word` of the four lanes, in all four quarters.
NSEARCH_TARGET_AVX512 inline __m512i Broadcast512(const char* src, uint32_t word) {
  return _mm512_maskz_broadcast_i32x4(
      kAll, _mm_loadu_si128(reinterpret_cast<const __m128i*>(src) + word));
}

NSEARCH_TARGET_AVX512 inline __m256i Broadcast256(const char* src, uint32_t word) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src) + word));
}

// Payload words `word` and `word`+1 of the four lanes.
NSEARCH_TARGET_AVX512 inline __m256i Load256(const char* src, uint32_t word) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + 16 * word));
}

// The words slots kSlot and kSlot+1 start in (kNext: continue into) as two 128-bit halves, as in
// the AVX2 kernel. Two slots start in the same or adjacent words; when both straddle, slot kSlot
// ends inside the word where kSlot+1 starts. A half whose slot does not straddle is don't-care.
template <uint32_t kBits, uint32_t kSlot, bool kNext>
NSEARCH_TARGET_AVX512 inline __m256i PairWords(const char* src) {
  constexpr uint32_t kWord0 = kSlot * kBits / 32;
  constexpr uint32_t kWord1 = (kSlot + 1) * kBits / 32;
  constexpr bool kStraddles0 = Straddles(kSlot * kBits % 32, kBits);
  constexpr bool kStraddles1 = Straddles((kSlot + 1) * kBits % 32, kBits);
  if constexpr (!kNext) {
    if constexpr (kWord0 == kWord1) {
      return Broadcast256(src, kWord0);
    } else {
      return Load256(src, kWord0);
    }
  } else if constexpr (kStraddles0 && kStraddles1) {
    static_assert(kWord1 == kWord0 + 1);
    return Load256(src, kWord0 + 1);
  } else if constexpr (kStraddles0) {
    return Broadcast256(src, kWord0 + 1);
  } else if constexpr (kStraddles1) {
    return Broadcast256(src, kWord1 + 1);
  } else {
    return _mm256_setzero_si256();
  }
}

template <uint32_t kBits, uint32_t kQuad, bool kNext>
NSEARCH_TARGET_AVX512 inline __m512i QuadWords(const char* src) {
  // Locals, not nested calls: at -O0 GCC defines the intrinsic as a macro, and template
  // arguments' commas would split its arguments. The insert fills the cast's undefined half.
  const __m256i low = PairWords<kBits, 4 * kQuad, kNext>(src);
  const __m256i high = PairWords<kBits, 4 * kQuad + 2, kNext>(src);
  return _mm512_maskz_inserti64x4(0xFF, _mm512_castsi256_si512(low), high, 1);
}

template <uint32_t kBits, uint32_t kQuad>
NSEARCH_TARGET_AVX512 inline void UnpackQuad(const char* src, __m512i mask, __m512i* out) {
  static constexpr QuadPlan kPlan = MakeQuadPlan(kBits, kQuad);
  __m512i v;
  if constexpr (kPlan.contiguous) {
    v = _mm512_loadu_si512(src + 16 * kPlan.word);
  } else if constexpr (kPlan.one_word) {
    v = Broadcast512(src, kPlan.word);
  } else {
    v = QuadWords<kBits, kQuad, false>(src);
  }
  if constexpr (kPlan.uniform) {
    if constexpr (kPlan.offset != 0) {
      v = _mm512_srli_epi32(v, kPlan.offset);
    }
  } else {
    v = ShiftRight(v, Load512(kPlan.right));
  }
  if constexpr (kPlan.straddles) {
    __m512i next;
    if constexpr (kPlan.one_next) {
      next = Broadcast512(src, kPlan.next);
    } else {
      next = QuadWords<kBits, kQuad, true>(src);
    }
    v = _mm512_or_si512(v, ShiftLeft(next, Load512(kPlan.left)));
  }
  if constexpr (kPlan.needs_mask) {
    v = _mm512_and_si512(v, mask);
  }
  _mm512_storeu_si512(out + kQuad, v);
}

template <uint32_t kBits, uint32_t... kQuad>
NSEARCH_TARGET_AVX512 void UnpackQuads(const char* src, __m512i* out,
                                       std::integer_sequence<uint32_t, kQuad...>) {
  const __m512i mask =
      _mm512_set1_epi32(static_cast<int>(kBits >= 32 ? ~uint32_t{0} : (uint32_t{1} << kBits) - 1));
  (UnpackQuad<kBits, kQuad>(src, mask, out), ...);
}

template <uint32_t kBits>
NSEARCH_TARGET_AVX512 void UnpackWidth(const char* src, uint32_t* out) {
  auto* out512 = reinterpret_cast<__m512i*>(out);
  if constexpr (kBits == 0) {
    for (uint32_t i = 0; i < kQuads; ++i) {
      _mm512_storeu_si512(out512 + i, _mm512_setzero_si512());
    }
  } else {
    UnpackQuads<kBits>(src, out512, std::make_integer_sequence<uint32_t, kQuads>{});
  }
}

using UnpackFn = void (*)(const char*, uint32_t*);

template <uint32_t... kBits>
constexpr std::array<UnpackFn, 33> MakeUnpackTable(std::integer_sequence<uint32_t, kBits...>) {
  return {&UnpackWidth<kBits>...};
}

constexpr std::array<UnpackFn, 33> kUnpack =
    MakeUnpackTable(std::make_integer_sequence<uint32_t, 33>{});

NSEARCH_TARGET_AVX512 void Avx512Unpack(const char* src, uint32_t bits, uint32_t* out) {
  kUnpack[bits](src, out);
}

NSEARCH_TARGET_AVX512 uint32_t Avx512MaxBits(const uint32_t* in, size_t n) {
  __m512i acc = _mm512_setzero_si512();
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    acc = _mm512_or_si512(acc, _mm512_loadu_si512(in + i));
  }
  if (i < n) {  // the tail, as one masked load
    const auto tail = static_cast<__mmask16>((1u << (n - i)) - 1);
    acc = _mm512_or_si512(acc, _mm512_maskz_loadu_epi32(tail, in + i));
  }
  // Both halves through the masked extract: GCC 12 builds _mm512_castsi512_si256 on the
  // unmasked one (see kAll).
  const __m256i acc256 = _mm256_or_si256(_mm512_maskz_extracti64x4_epi64(0xFF, acc, 0),
                                         _mm512_maskz_extracti64x4_epi64(0xFF, acc, 1));
  __m128i acc128 =
      _mm_or_si128(_mm256_castsi256_si128(acc256), _mm256_extracti128_si256(acc256, 1));
  acc128 = _mm_or_si128(acc128, _mm_srli_si128(acc128, 8));
  acc128 = _mm_or_si128(acc128, _mm_srli_si128(acc128, 4));
  const auto bits = static_cast<uint32_t>(_mm_cvtsi128_si32(acc128));
  return static_cast<uint32_t>(std::bit_width(bits));
}

NSEARCH_TARGET_AVX512 void Avx512PrefixSum(uint32_t* values, size_t n, uint32_t base) {
  // As in the SSE4.1 kernel, only `carry` crosses iterations, at one add each. Four whole-vector
  // shifts (valignd) scan all 16 elements.
  __m512i carry = _mm512_set1_epi32(static_cast<int>(base));
  const __m512i last = _mm512_set1_epi32(15);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m512i x = _mm512_loadu_si512(values + i);
    x = _mm512_add_epi32(x, ShiftUp<1>(x));
    x = _mm512_add_epi32(x, ShiftUp<2>(x));
    x = _mm512_add_epi32(x, ShiftUp<4>(x));
    x = _mm512_add_epi32(x, ShiftUp<8>(x));
    _mm512_storeu_si512(values + i, _mm512_add_epi32(x, carry));
    carry = _mm512_add_epi32(carry, _mm512_maskz_permutexvar_epi32(kAll, last, x));
  }
  auto sum = static_cast<uint32_t>(_mm512_cvtsi512_si32(carry));
  for (; i < n; ++i) {
    sum += values[i];  // wraps modulo 2^32, as the vector adds do
    values[i] = sum;
  }
}

constexpr Kernels kAvx512Kernels = {
    "avx512", Avx512MaxBits, Sse41Pack, Avx512Unpack, Avx512PrefixSum,
};

}  // namespace

const Kernels& Avx512Kernels() { return kAvx512Kernels; }

}  // namespace nsearch::codec

#endif  // NSEARCH_CODEC_X86_KERNELS
