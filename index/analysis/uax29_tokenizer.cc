#include "index/analysis/uax29_tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>

#include "index/analysis/utf8.h"

namespace nsearch::analysis {
namespace {

// The Word_Break values the rules distinguish, plus the classes StandardTokenizer adds.
enum class Wb : uint8_t {
  kOther,
  kALetter,
  kHebrew,
  kNumeric,
  kKatakana,
  kExtendNumLet,
  kMidLetter,
  kMidNum,
  kMidNumLet,
  kSingleQuote,
  kDoubleQuote,
  kExtend,    // Extend, Format and ZWJ: WB4 attaches them to the character before
  kHan,       // Script=Han: a word on its own
  kHiragana,  // Script=Hiragana: a word on its own
  kComplex,   // Line_Break=Complex_Context: runs are one word
};

constexpr std::array<Wb, 128> MakeAsciiTable() {
  std::array<Wb, 128> t{};
  for (auto& c : t) {
    c = Wb::kOther;
  }
  for (int c = 'a'; c <= 'z'; ++c) {
    t[c] = Wb::kALetter;
  }
  for (int c = 'A'; c <= 'Z'; ++c) {
    t[c] = Wb::kALetter;
  }
  for (int c = '0'; c <= '9'; ++c) {
    t[c] = Wb::kNumeric;
  }
  t[':'] = Wb::kMidLetter;
  t['.'] = Wb::kMidNumLet;
  t[','] = Wb::kMidNum;
  t[';'] = Wb::kMidNum;
  t['\''] = Wb::kSingleQuote;
  t['"'] = Wb::kDoubleQuote;
  t['_'] = Wb::kExtendNumLet;
  return t;
}

constexpr std::array<Wb, 128> kAsciiWb = MakeAsciiTable();

Wb Classify(char32_t c) {
  const auto cp = static_cast<UChar32>(c);
  switch (u_getIntPropertyValue(cp, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER:
      // Unicode 7+ made some modifier symbols (U+02C2..U+02FF, ...) letters; 6.3 had not.
      return u_charType(cp) == U_MODIFIER_SYMBOL ? Wb::kOther : Wb::kALetter;
    case U_WB_HEBREW_LETTER:
      return Wb::kHebrew;
    case U_WB_NUMERIC:
      return Wb::kNumeric;
    case U_WB_KATAKANA:
      return Wb::kKatakana;
    case U_WB_EXTENDNUMLET:
      // Unicode 11 made U+202F NARROW NO-BREAK SPACE a connector ("1 000" one word); 6.3 had not.
      return c == 0x202F ? Wb::kOther : Wb::kExtendNumLet;
    case U_WB_MIDLETTER:
      return Wb::kMidLetter;
    case U_WB_MIDNUM:
      return Wb::kMidNum;
    case U_WB_MIDNUMLET:
      return Wb::kMidNumLet;
    case U_WB_SINGLE_QUOTE:
      return Wb::kSingleQuote;
    case U_WB_DOUBLE_QUOTE:
      return Wb::kDoubleQuote;
    case U_WB_EXTEND:
    case U_WB_FORMAT:
    case U_WB_ZWJ:  // Unicode 11 split ZWJ off Extend; 6.3 had it there
      return Wb::kExtend;
    default:
      break;
  }
  if (c >= 0xFF10 && c <= 0xFF19) {
    return Wb::kNumeric;  // fullwidth digits: StandardTokenizer's grammar adds them to Numeric
  }
  UErrorCode error = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(cp, &error);
  if (U_SUCCESS(error) && script == USCRIPT_HAN) {
    return Wb::kHan;
  }
  if (U_SUCCESS(error) && script == USCRIPT_HIRAGANA) {
    return Wb::kHiragana;
  }
  if (u_getIntPropertyValue(cp, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) {
    return Wb::kComplex;
  }
  return Wb::kOther;
}

struct Decoded {
  Wb wb;
  size_t length;  // bytes; an invalid subsequence decodes as kOther of its length
  bool ascii;
};

inline Decoded DecodeAt(std::string_view text, size_t pos) {
  const auto b = static_cast<uint8_t>(text[pos]);
  if (b < 0x80) {
    return {kAsciiWb[b], 1, true};
  }
  const Utf8Char c = DecodeUtf8(text.substr(pos));
  return {c.valid ? Classify(c.code_point) : Wb::kOther, c.length, false};
}

inline bool IsAhLetter(Wb c) { return c == Wb::kALetter || c == Wb::kHebrew; }
// The classes that make a run a word (StandardTokenizer's WORD, NUMERIC, KATAKANA types).
inline bool IsWordCore(Wb c) { return IsAhLetter(c) || c == Wb::kNumeric || c == Wb::kKatakana; }
inline bool StartsRun(Wb c) {
  return IsWordCore(c) || c == Wb::kExtendNumLet || c == Wb::kHan || c == Wb::kHiragana ||
         c == Wb::kComplex;
}

}  // namespace

bool Uax29Tokenizer::Next(WordSpan* word) {
  const size_t n = text_.size();
  // Past the Extend characters at `p` (WB4); `ascii` is cleared if one is skipped.
  auto skip_extend = [&](size_t p, bool* ascii) {
    while (p < n) {
      const Decoded e = DecodeAt(text_, p);
      if (e.wb != Wb::kExtend) {
        break;
      }
      *ascii = false;
      p += e.length;
    }
    return p;
  };
  for (;;) {
    Decoded d{};
    for (;;) {
      if (pos_ >= n) {
        return false;
      }
      d = DecodeAt(text_, pos_);
      if (StartsRun(d.wb)) {
        break;
      }
      pos_ += d.length;
    }
    const size_t begin = pos_;
    bool ascii = d.ascii;
    pos_ = skip_extend(pos_ + d.length, &ascii);
    bool core =
        IsWordCore(d.wb) || d.wb == Wb::kHan || d.wb == Wb::kHiragana || d.wb == Wb::kComplex;
    if (d.wb == Wb::kComplex) {
      while (pos_ < n) {
        const Decoded e = DecodeAt(text_, pos_);
        if (e.wb != Wb::kComplex) {
          break;
        }
        pos_ = skip_extend(pos_ + e.length, &ascii);
      }
    } else if (d.wb != Wb::kHan && d.wb != Wb::kHiragana) {
      Wb prev = d.wb;  // the last character that is not Extend
      while (pos_ < n) {
        const Decoded x = DecodeAt(text_, pos_);
        bool x_ascii = x.ascii;  // x and the Extend characters after it
        const size_t after_x = skip_extend(pos_ + x.length, &x_ascii);
        // Rules that look one character past x (WB6/7, WB7b/c, WB11/12).
        const bool mid_letter =
            x.wb == Wb::kMidLetter || x.wb == Wb::kMidNumLet || x.wb == Wb::kSingleQuote;
        const bool mid_num =
            x.wb == Wb::kMidNum || x.wb == Wb::kMidNumLet || x.wb == Wb::kSingleQuote;
        if ((IsAhLetter(prev) && mid_letter) || (prev == Wb::kNumeric && mid_num) ||
            (prev == Wb::kHebrew && x.wb == Wb::kDoubleQuote)) {
          Wb y = Wb::kOther;
          Decoded yd{};
          if (after_x < n) {
            yd = DecodeAt(text_, after_x);
            y = yd.wb;
          }
          const bool joins = (IsAhLetter(prev) && mid_letter && IsAhLetter(y)) ||       // WB6/7
                             (prev == Wb::kNumeric && mid_num && y == Wb::kNumeric) ||  // WB11/12
                             (prev == Wb::kHebrew && x.wb == Wb::kDoubleQuote &&        // WB7b/c
                              y == Wb::kHebrew);
          if (joins) {
            ascii = ascii && x_ascii && yd.ascii;
            pos_ = skip_extend(after_x + yd.length, &ascii);
            prev = y;
            core = true;
            continue;
          }
          if (prev == Wb::kHebrew && x.wb == Wb::kSingleQuote) {  // WB7a
            ascii = ascii && x_ascii;
            pos_ = after_x;
            prev = x.wb;
            continue;
          }
          break;
        }
        const bool joins = (IsAhLetter(prev) && IsAhLetter(x.wb)) ||            // WB5
                           (prev == Wb::kNumeric && x.wb == Wb::kNumeric) ||    // WB8
                           (IsAhLetter(prev) && x.wb == Wb::kNumeric) ||        // WB9
                           (prev == Wb::kNumeric && IsAhLetter(x.wb)) ||        // WB10
                           (prev == Wb::kKatakana && x.wb == Wb::kKatakana) ||  // WB13
                           ((IsWordCore(prev) || prev == Wb::kExtendNumLet) &&  // WB13a
                            x.wb == Wb::kExtendNumLet) ||                       //
                           (prev == Wb::kExtendNumLet && IsWordCore(x.wb));     // WB13b
        if (!joins) {
          break;
        }
        ascii = ascii && x_ascii;
        core = core || IsWordCore(x.wb);
        pos_ = after_x;
        prev = x.wb;
      }
    }
    if (core) {
      word->begin = static_cast<uint32_t>(begin);
      word->end = static_cast<uint32_t>(pos_);
      word->ascii = ascii;
      return true;
    }
    // A run of connectors alone ("__") is no word; look for the next one after it.
  }
}

}  // namespace nsearch::analysis
