#include "index/analysis/tokenizer.h"

#include <utf8proc.h>

#include <array>
#include <cstdint>

#include "index/analysis/utf8.h"

namespace nsearch::analysis {
namespace {

enum class CharClass : uint8_t {
  kOther,      // separates words
  kLetter,     // L*
  kDigit,      // N*
  kExtend,     // M*, Cf: continues the current word
  kIdeograph,  // Han, Hiragana, Katakana: a word on its own
  kMidLetter,  // joins letter-letter
  kMidNumLet,  // joins letter-letter and digit-digit
  kMidNum,     // joins digit-digit
  kConnector,  // Pc: joins any two word characters
};

constexpr std::array<CharClass, 128> MakeAsciiTable() {
  std::array<CharClass, 128> t{};
  for (auto& c : t) {
    c = CharClass::kOther;
  }
  for (int c = 'a'; c <= 'z'; ++c) {
    t[c] = CharClass::kLetter;
  }
  for (int c = 'A'; c <= 'Z'; ++c) {
    t[c] = CharClass::kLetter;
  }
  for (int c = '0'; c <= '9'; ++c) {
    t[c] = CharClass::kDigit;
  }
  t['\''] = CharClass::kMidNumLet;
  t['.'] = CharClass::kMidNumLet;
  t[','] = CharClass::kMidNum;
  t[';'] = CharClass::kMidNum;
  t['_'] = CharClass::kConnector;
  return t;
}

constexpr std::array<CharClass, 128> kAsciiClass = MakeAsciiTable();

bool IsIdeograph(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) ||  // Hiragana, Katakana
         (c >= 0x31F0 && c <= 0x31FF) ||  // Katakana phonetic extensions
         (c >= 0x3005 && c <= 0x3007) ||  // 々 〆 〇
         (c >= 0x3400 && c <= 0x4DBF) ||  // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK compatibility ideographs
         (c >= 0xFF66 && c <= 0xFF9F) ||  // halfwidth Katakana
         (c >= 0x20000 && c <= 0x323AF);  // CJK extensions B..H, compatibility supplement
}

CharClass Classify(char32_t c) {
  if (c < 0x80) {
    return kAsciiClass[c];
  }
  if (IsIdeograph(c)) {
    return CharClass::kIdeograph;
  }
  switch (c) {  // UAX #29 word-break property values (Unicode 15)
    case 0x00B7:
    case 0x0387:
    case 0x05F4:
    case 0x2027:
    case 0xFE13:
    case 0xFE55:
      return CharClass::kMidLetter;
    case 0x2018:
    case 0x2019:
    case 0x2024:
    case 0xFE52:
    case 0xFF07:
    case 0xFF0E:
      return CharClass::kMidNumLet;
    case 0x037E:
    case 0x0589:
    case 0x060C:
    case 0x060D:
    case 0x066C:
    case 0x07F8:
    case 0x2044:
    case 0xFE10:
    case 0xFE14:
    case 0xFE50:
    case 0xFE54:
    case 0xFF0C:
    case 0xFF1B:
      return CharClass::kMidNum;
    default:
      break;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return CharClass::kLetter;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return CharClass::kDigit;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
      return CharClass::kExtend;
    case UTF8PROC_CATEGORY_PC:
      return CharClass::kConnector;
    default:
      return CharClass::kOther;
  }
}

struct Decoded {
  CharClass cls;
  size_t length;  // bytes; an invalid subsequence decodes as kOther of its length
  bool ascii;
};

inline Decoded DecodeAt(std::string_view text, size_t pos) {
  const auto b = static_cast<uint8_t>(text[pos]);
  if (b < 0x80) {
    return {kAsciiClass[b], 1, true};
  }
  Utf8Char c = DecodeUtf8(text.substr(pos));
  return {c.valid ? Classify(c.code_point) : CharClass::kOther, c.length, false};
}

inline bool IsWordChar(CharClass c) { return c == CharClass::kLetter || c == CharClass::kDigit; }

// Whether `mid`, preceded by a word character of class `before` and followed by one of class
// `after`, joins them into one word.
inline bool Joins(CharClass mid, CharClass before, CharClass after) {
  switch (mid) {
    case CharClass::kMidLetter:
      return before == CharClass::kLetter && after == CharClass::kLetter;
    case CharClass::kMidNumLet:
      return before == after && IsWordChar(after);
    case CharClass::kMidNum:
      return before == CharClass::kDigit && after == CharClass::kDigit;
    case CharClass::kConnector:
      return IsWordChar(after);
    default:
      return false;
  }
}

}  // namespace

bool Tokenizer::Next(WordSpan* word) {
  const size_t n = text_.size();
  // Skip separators up to the start of the next word.
  Decoded d{};
  for (;;) {
    if (pos_ >= n) {
      return false;
    }
    d = DecodeAt(text_, pos_);
    if (IsWordChar(d.cls) || d.cls == CharClass::kIdeograph) {
      break;
    }
    pos_ += d.length;
  }
  const size_t begin = pos_;
  bool ascii = d.ascii;
  pos_ += d.length;
  if (d.cls == CharClass::kIdeograph) {
    // An ideograph is a word on its own, with any marks that follow it (e.g. U+3099 dakuten).
    while (pos_ < n) {
      Decoded e = DecodeAt(text_, pos_);
      if (e.cls != CharClass::kExtend) {
        break;
      }
      pos_ += e.length;
      ascii = false;
    }
  } else {
    CharClass last = d.cls;  // class of the last letter/digit; marks do not change it
    while (pos_ < n) {
      Decoded e = DecodeAt(text_, pos_);
      if (IsWordChar(e.cls)) {
        last = e.cls;
      } else if (e.cls == CharClass::kExtend) {
        // Keep `last`: a mark belongs to the character before it.
      } else if (pos_ + e.length < n) {
        Decoded f = DecodeAt(text_, pos_ + e.length);
        if (!IsWordChar(f.cls) || !Joins(e.cls, last, f.cls)) {
          break;
        }
        ascii = ascii && e.ascii;
        pos_ += e.length;
        e = f;
        last = f.cls;
      } else {
        break;
      }
      ascii = ascii && e.ascii;
      pos_ += e.length;
    }
  }
  word->begin = static_cast<uint32_t>(begin);
  word->end = static_cast<uint32_t>(pos_);
  word->ascii = ascii;
  return true;
}

}  // namespace nsearch::analysis
