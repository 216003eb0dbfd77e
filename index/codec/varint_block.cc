#include "index/codec/varint_block.h"

#include "index/base/coding.h"

namespace nsearch::codec {

void EncodeVarints(const uint32_t* in, size_t n, std::string* out) {
  for (size_t i = 0; i < n; ++i) {
    PutVarint32(out, in[i]);
  }
}

size_t DecodeVarints(const char* src, size_t size, size_t n, uint32_t* out) {
  const auto* p = reinterpret_cast<const uint8_t*>(src);
  const uint8_t* const end = p + size;
  for (size_t i = 0; i < n; ++i) {
    uint32_t v = 0;
    for (uint32_t shift = 0;; shift += 7) {
      if (p == end) {
        return 0;  // truncated
      }
      const uint8_t byte = *p++;
      if (shift == 28 && byte > 0x0f) {
        return 0;  // a fifth byte may carry only the top 4 bits, and must be the last
      }
      v |= static_cast<uint32_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        break;
      }
    }
    out[i] = v;
  }
  return static_cast<size_t>(p - reinterpret_cast<const uint8_t*>(src));
}

}  // namespace nsearch::codec
