#ifndef NSEARCH_INDEX_ANALYSIS_UTF8_H_
#define NSEARCH_INDEX_ANALYSIS_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace nsearch::analysis {

// UTF-8 validation helpers, following the Unicode Standard (chapter 3, table 3-7): overlong
// forms, surrogates (U+D800..U+DFFF) and code points above U+10FFFF are invalid. All functions
// are pure and thread-safe.

// The result of decoding one code point.
struct Utf8Char {
  char32_t code_point;  // the decoded code point; U+FFFD when !valid
  size_t length;        // bytes consumed, >= 1; when !valid, the maximal invalid subpart's length
  bool valid;
};

// Decodes the code point at the front of `s`.
// REQUIRES: !s.empty().
Utf8Char DecodeUtf8(std::string_view s);

// True if `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// Copy of `s` with each maximal invalid subsequence (the W3C/WHATWG "maximal subpart" practice)
// replaced by U+FFFD. Valid input is returned unchanged.
std::string SanitizeUtf8(std::string_view s);

}  // namespace nsearch::analysis

#endif  // NSEARCH_INDEX_ANALYSIS_UTF8_H_
