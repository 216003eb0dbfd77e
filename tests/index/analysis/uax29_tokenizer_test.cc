#include "index/analysis/uax29_tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace nsearch::analysis {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  Uax29Tokenizer tokenizer(text);
  WordSpan span;
  while (tokenizer.Next(&span)) {
    words.emplace_back(text.substr(span.begin, span.end - span.begin));
  }
  return words;
}

using Words_ = std::vector<std::string>;

// Every expectation below is what Lucene 4.10.4's StandardTokenizer returned for the same text
// (run on this machine with Debian's liblucene4.10-java).

TEST(Uax29TokenizerTest, JoinsLettersAndDigitsAsStandardTokenizer) {
  EXPECT_EQ(Words("U.S.A. e.g. don't 3.5 1,000.25 10mg a1.5"),
            (Words_{"U.S.A", "e.g", "don't", "3.5", "1,000.25", "10mg", "a1.5"}));
  EXPECT_EQ(Words("3.5.7 a.b.c. .5 5. 5.a"), (Words_{"3.5.7", "a.b.c", "5", "5", "5", "a"}));
  EXPECT_EQ(Words(""), Words_{});
  EXPECT_EQ(Words(" -- !! "), Words_{});
}

TEST(Uax29TokenizerTest, ColonJoinsLettersOnly) {
  EXPECT_EQ(Words("Objective:To a:t 10:1 x:1"),
            (Words_{"Objective:To", "a:t", "10", "1", "x", "1"}));
}

TEST(Uax29TokenizerTest, ConnectorsJoinAndConnectorsAloneAreNoWord) {
  EXPECT_EQ(Words("snake_case __ _foo foo_ 1_000"),
            (Words_{"snake_case", "_foo", "foo_", "1_000"}));
}

TEST(Uax29TokenizerTest, KeepsApostrophesInsideWords) {
  EXPECT_EQ(Words("Putin\xE2\x80\x99s parents' O'Neil's"),
            (Words_{"Putin\xE2\x80\x99s", "parents", "O'Neil's"}));
}

TEST(Uax29TokenizerTest, LeavesAccentsAndDropsSuperscripts) {
  // "naïve Krüppel µm m² H₂O": superscript and subscript digits are no Numeric.
  EXPECT_EQ(Words("na\xC3\xAFve Kr\xC3\xBCppel \xC2\xB5m m\xC2\xB2 H\xE2\x82\x82O"),
            (Words_{"na\xC3\xAFve", "Kr\xC3\xBCppel", "\xC2\xB5m", "m", "H", "O"}));
  // A soft hyphen (Format) stays inside the word.
  EXPECT_EQ(Words("co\xC2\xADoperate"), Words_{"co\xC2\xADoperate"});
}

TEST(Uax29TokenizerTest, SplitsHanAndHiraganaPerCharacterAndKeepsKatakanaRuns) {
  // 日本語テキストです カタカナ ひらがな
  EXPECT_EQ(Words("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9"
                  "\xE3\x83\x88\xE3\x81\xA7\xE3\x81\x99 \xE3\x82\xAB\xE3\x82\xBF\xE3\x82\xAB"
                  "\xE3\x83\x8A \xE3\x81\xB2\xE3\x82\x89\xE3\x81\x8C\xE3\x81\xAA"),
            (Words_{"\xE6\x97\xA5", "\xE6\x9C\xAC", "\xE8\xAA\x9E",
                    "\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88", "\xE3\x81\xA7",
                    "\xE3\x81\x99", "\xE3\x82\xAB\xE3\x82\xBF\xE3\x82\xAB\xE3\x83\x8A",
                    "\xE3\x81\xB2", "\xE3\x82\x89", "\xE3\x81\x8C", "\xE3\x81\xAA"}));
}

TEST(Uax29TokenizerTest, KeepsSouthEastAsianRunsWhole) {
  // ภาษาไทย abc
  EXPECT_EQ(Words("\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB9\x84\xE0\xB8\x97"
                  "\xE0\xB8\xA2 abc"),
            (Words_{"\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB9\x84\xE0\xB8\x97"
                    "\xE0\xB8\xA2",
                    "abc"}));
}

TEST(Uax29TokenizerTest, AppliesTheHebrewQuoteRules) {
  // צה"ל ג'ירפה: a double quote between Hebrew letters joins them, and so does an apostrophe.
  EXPECT_EQ(Words("\xD7\xA6\xD7\x94\"\xD7\x9C \xD7\x92'\xD7\x99\xD7\xA8\xD7\xA4\xD7\x94"),
            (Words_{"\xD7\xA6\xD7\x94\"\xD7\x9C", "\xD7\x92'\xD7\x99\xD7\xA8\xD7\xA4\xD7\x94"}));
}

TEST(Uax29TokenizerTest, SplitsAddressesAtAtSignsAndSlashes) {
  EXPECT_EQ(Words("gaog@mail.cbi.pku.edu.cn http://x.org/a-b"),
            (Words_{"gaog", "mail.cbi.pku.edu.cn", "http", "x.org", "a", "b"}));
}

TEST(Uax29TokenizerTest, CountsFullwidthDigitsAndLettersAsWordCharacters) {
  // １２３ ＡＢＣ
  EXPECT_EQ(
      Words("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93 \xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3"),
      (Words_{"\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93", "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3"}));
}

TEST(Uax29TokenizerTest, KeepsUnicode63ForNarrowNoBreakSpaceAndModifierSymbols) {
  // Unicode 11 made U+202F a connector and Unicode 7 made U+02FB a letter; Lucene 4 (Unicode
  // 6.3) split "20 000" and dropped "˻".
  EXPECT_EQ(Words("20\xE2\x80\xAF"
                  "000 \xCB\xBB"),
            (Words_{"20", "000"}));
}

TEST(Uax29TokenizerTest, InvalidUtf8SeparatesWords) {
  EXPECT_EQ(Words("ab\xFF"
                  "cd \xC3"),
            (Words_{"ab", "cd"}));
  const std::string with_nul("a\0b", 3);
  EXPECT_EQ(Words(with_nul), (Words_{"a", "b"}));
}

TEST(Uax29TokenizerTest, FlagsAsciiWords) {
  Uax29Tokenizer tokenizer("abc na\xC3\xAFve");
  WordSpan span;
  ASSERT_TRUE(tokenizer.Next(&span));
  EXPECT_TRUE(span.ascii);
  ASSERT_TRUE(tokenizer.Next(&span));
  EXPECT_FALSE(span.ascii);
  EXPECT_FALSE(tokenizer.Next(&span));
}

}  // namespace
}  // namespace nsearch::analysis
