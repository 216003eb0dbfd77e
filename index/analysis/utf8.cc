#include "index/analysis/utf8.h"

#include <cstdint>

namespace nsearch::analysis {
namespace {

inline bool InRange(uint8_t b, uint8_t lo, uint8_t hi) { return b >= lo && b <= hi; }

}  // namespace

Utf8Char DecodeUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const size_t n = s.size();
  const uint8_t b0 = p[0];
  if (b0 < 0x80) {
    return {b0, 1, true};
  }
  // Table 3-7: the allowed range of the second byte depends on the lead byte; every later
  // continuation byte is 80..BF.
  size_t need;
  uint8_t lo = 0x80;
  uint8_t hi = 0xBF;
  char32_t cp;
  if (InRange(b0, 0xC2, 0xDF)) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (InRange(b0, 0xE0, 0xEF)) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) {
      lo = 0xA0;  // no overlongs
    } else if (b0 == 0xED) {
      hi = 0x9F;  // no surrogates
    }
  } else if (InRange(b0, 0xF0, 0xF4)) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) {
      lo = 0x90;  // no overlongs
    } else if (b0 == 0xF4) {
      hi = 0x8F;  // nothing above U+10FFFF
    }
  } else {
    return {0xFFFD, 1, false};  // 80..C1, F5..FF never start a sequence
  }
  for (size_t i = 1; i <= need; ++i) {
    if (i >= n || !InRange(p[i], lo, hi)) {
      return {0xFFFD, i, false};
    }
    cp = (cp << 6) | (p[i] & 0x3F);
    lo = 0x80;
    hi = 0xBF;
  }
  return {cp, need + 1, true};
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<uint8_t>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    Utf8Char c = DecodeUtf8(s.substr(i));
    if (!c.valid) {
      return false;
    }
    i += c.length;
  }
  return true;
}

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<uint8_t>(s[i]) < 0x80) {
      out.push_back(s[i]);
      ++i;
      continue;
    }
    Utf8Char c = DecodeUtf8(s.substr(i));
    if (c.valid) {
      out.append(s.data() + i, c.length);
    } else {
      out.append("\xEF\xBF\xBD");
    }
    i += c.length;
  }
  return out;
}

}  // namespace nsearch::analysis
