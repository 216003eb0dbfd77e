#include "index/analysis/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace nsearch::analysis {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Putin\xE2\x80\x99s caf\xC3\xA9"));  // ’ é
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));                // U+1F600
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));                // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));                    // U+D7FF
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));                    // U+E000
  EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));            // NUL is valid
}

TEST(Utf8Test, RejectsOverlongEncodings) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));  // '/' in two bytes
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));  // '/' in three bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));
}

TEST(Utf8Test, RejectsSurrogatesAndOutOfRange) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xFE"));
}

TEST(Utf8Test, RejectsTruncatedAndStraySequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x80"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(
      IsValidUtf8("a\xBF"
                  "b"));
}

TEST(Utf8Test, DecodesCodePointsAndMaximalSubparts) {
  Utf8Char c = DecodeUtf8("\xE2\x80\x99x");
  EXPECT_TRUE(c.valid);
  EXPECT_EQ(c.code_point, U'\u2019');
  EXPECT_EQ(c.length, 3u);
  c = DecodeUtf8("\xE2\x80x");  // truncated: the two-byte prefix is one maximal subpart
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.length, 2u);
  c = DecodeUtf8("\xED\xA0\x80");  // surrogate: ED alone, A0 is not allowed after ED
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.length, 1u);
}

TEST(Utf8Test, SanitizeKeepsValidTextUnchanged) {
  const std::string text =
      "Kim Jong-un \xE2\x80\x9C"
      "quoted\xE2\x80\x9D \xF0\x9F\x98\x80";
  EXPECT_EQ(SanitizeUtf8(text), text);
  EXPECT_EQ(SanitizeUtf8(""), "");
}

TEST(Utf8Test, SanitizeReplacesEachMaximalInvalidSubsequence) {
  const std::string kFffd = "\xEF\xBF\xBD";
  EXPECT_EQ(SanitizeUtf8("abc\xFF\xFE"
                         "def"),
            "abc" + kFffd + kFffd + "def");
  EXPECT_EQ(SanitizeUtf8("a\xE2\x80"
                         "b"),
            "a" + kFffd + "b");                                    // one truncated sequence
  EXPECT_EQ(SanitizeUtf8("\xC0\xAF"), kFffd + kFffd);              // overlong: two subparts
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), kFffd + kFffd + kFffd);  // surrogate
  EXPECT_EQ(SanitizeUtf8("\xF0\x9F\x98"), kFffd);
  // Unicode's example (section 3.9, table 3-8): 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
  EXPECT_EQ(SanitizeUtf8("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
            "a" + kFffd + kFffd + kFffd + "b" + kFffd + "c" + kFffd + kFffd + "d");
}

TEST(Utf8Test, SanitizeOutputIsAlwaysValid) {
  uint32_t seed = 12345;
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    const int len = static_cast<int>(seed % 24);
    for (int j = 0; j < len; ++j) {
      seed = seed * 1103515245u + 12345u;
      s.push_back(static_cast<char>(seed >> 16));
    }
    seed = seed * 1103515245u + 12345u;
    const std::string clean = SanitizeUtf8(s);
    EXPECT_TRUE(IsValidUtf8(clean));
    if (IsValidUtf8(s)) {
      EXPECT_EQ(clean, s);
    }
  }
}

}  // namespace
}  // namespace nsearch::analysis
