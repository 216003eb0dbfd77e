#include "query/score/bm25.h"

#include <bit>

namespace nsearch::query {
namespace {

// Lucene's SmallFloat with 3 mantissa bits and a zero exponent of 15 (floatToByte315): the
// float's bits shifted right by 21 (sign, exponent and 3 mantissa bits), rebased so that the
// byte 1 is the smallest positive value kept.
constexpr int kByte315Base = (63 - 15) << 3;

uint8_t FloatToByte315(float f) {
  const auto bits = std::bit_cast<int32_t>(f);
  const int32_t small = bits >> 21;
  if (small <= kByte315Base) {
    return bits <= 0 ? 0 : 1;
  }
  if (small >= kByte315Base + 0x100) {
    return 255;
  }
  return static_cast<uint8_t>(small - kByte315Base);
}

float Byte315ToFloat(uint8_t b) {
  if (b == 0) {
    return 0.0f;
  }
  return std::bit_cast<float>((int32_t{b} << 21) + ((63 - 15) << 24));
}

uint8_t ComputeNormByte(uint32_t length) {
  // encodeNormValue(1f, length): 1f / (float) Math.sqrt(length); 1/0 is +inf, byte 255.
  return FloatToByte315(1.0f / static_cast<float>(std::sqrt(static_cast<double>(length))));
}

// Norm bytes of the lengths most documents have, computed once.
constexpr uint32_t kNormTableSize = 1 << 14;
const std::array<uint8_t, kNormTableSize>& NormTable() {
  static const auto* const kTable = [] {
    auto* t = new std::array<uint8_t, kNormTableSize>;
    for (uint32_t i = 0; i < kNormTableSize; ++i) {
      (*t)[i] = ComputeNormByte(i);
    }
    return t;
  }();
  return *kTable;
}

}  // namespace

uint8_t LuceneNormByte(uint32_t length) {
  return length < kNormTableSize ? NormTable()[length] : ComputeNormByte(length);
}

float LuceneNormLength(uint8_t norm) {
  const float f = Byte315ToFloat(norm);
  return 1.0f / (f * f);  // NORM_TABLE: byte 0 decodes to 1/0 = +inf
}

LuceneBm25::LuceneBm25(double weight, double k1, double b, double avg_doc_length) {
  const auto k1f = static_cast<float>(k1);
  const auto bf = static_cast<float>(b);
  // avgFieldLength: 1 when the field has no terms (Lucene), else sumTotalTermFreq / maxDoc.
  const float avgdl = avg_doc_length > 0 ? static_cast<float>(avg_doc_length) : 1.0f;
  weight_value_ = static_cast<float>(weight) * (k1f + 1);
  for (int i = 0; i < 256; ++i) {
    cache_[i] = k1f * ((1 - bf) + bf * LuceneNormLength(static_cast<uint8_t>(i)) / avgdl);
  }
}

}  // namespace nsearch::query
