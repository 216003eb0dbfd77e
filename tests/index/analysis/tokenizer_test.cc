#include "index/analysis/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace nsearch::analysis {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  Tokenizer tokenizer(text);
  WordSpan span;
  while (tokenizer.Next(&span)) {
    words.emplace_back(text.substr(span.begin, span.end - span.begin));
  }
  return words;
}

using Words_ = std::vector<std::string>;

TEST(TokenizerTest, SplitsOnWhitespaceAndPunctuation) {
  EXPECT_EQ(Words("Hello, world! (twice)"), (Words_{"Hello", "world", "twice"}));
  EXPECT_EQ(Words(""), Words_{});
  EXPECT_EQ(Words(" \t\n\r  "), Words_{});
  EXPECT_EQ(Words("--- ... !!!"), Words_{});
}

TEST(TokenizerTest, SplitsOnHyphensAndDashes) {
  EXPECT_EQ(Words("Kim Jong-un"), (Words_{"Kim", "Jong", "un"}));
  EXPECT_EQ(Words("2024-06-19"), (Words_{"2024", "06", "19"}));
  EXPECT_EQ(Words("war \xE2\x80\x93 now"), (Words_{"war", "now"}));  // en dash
}

TEST(TokenizerTest, ApostrophesJoinLetters) {
  EXPECT_EQ(Words("Putin\xE2\x80\x99s latest"), (Words_{"Putin\xE2\x80\x99s", "latest"}));
  EXPECT_EQ(Words("don't"), Words_{"don't"});
  EXPECT_EQ(Words("l\xC2\xB7l"), Words_{"l\xC2\xB7l"});  // middle dot
  // Leading and trailing quotes are not part of the word.
  EXPECT_EQ(Words("\xE2\x80\x98"
                  "aggression\xE2\x80\x99"),
            Words_{"aggression"});
  EXPECT_EQ(Words("parents' rights"), (Words_{"parents", "rights"}));
  EXPECT_EQ(Words("'quoted'"), Words_{"quoted"});
}

TEST(TokenizerTest, PeriodJoinsLettersAndDigits) {
  EXPECT_EQ(Words("the U.S. and"), (Words_{"the", "U.S", "and"}));
  EXPECT_EQ(Words("3.5 percent"), (Words_{"3.5", "percent"}));
  EXPECT_EQ(Words("end. Next"), (Words_{"end", "Next"}));
  EXPECT_EQ(Words("a.1"), (Words_{"a", "1"}));  // letter '.' digit does not join
}

TEST(TokenizerTest, CommaAndSemicolonJoinDigitsOnly) {
  EXPECT_EQ(Words("1,000.5"), Words_{"1,000.5"});
  EXPECT_EQ(Words("a,b"), (Words_{"a", "b"}));
  EXPECT_EQ(Words("1;2"), Words_{"1;2"});
  EXPECT_EQ(Words("June 19, 2024"), (Words_{"June", "19", "2024"}));
}

TEST(TokenizerTest, LettersAndDigitsMix) { EXPECT_EQ(Words("mp3 4g"), (Words_{"mp3", "4g"})); }

TEST(TokenizerTest, UnderscoreJoinsInsideWords) {
  EXPECT_EQ(Words("snake_case"), Words_{"snake_case"});
  EXPECT_EQ(Words("__init__"), Words_{"init"});
}

TEST(TokenizerTest, ColonDoesNotJoin) {
  EXPECT_EQ(Words("Update:Putin"), (Words_{"Update", "Putin"}));
}

TEST(TokenizerTest, MarksExtendWords) {
  // "e" + combining acute accent, then "x".
  EXPECT_EQ(Words("caf"
                  "e\xCC\x81"
                  "x y"),
            (Words_{"cafe\xCC\x81x", "y"}));
  // A soft hyphen (Cf) stays inside the word.
  EXPECT_EQ(Words("co\xC2\xADoperate"), Words_{"co\xC2\xADoperate"});
  // A mark with no word before it is a separator.
  EXPECT_EQ(Words(" \xCC\x81 a"), Words_{"a"});
}

TEST(TokenizerTest, IdeographsAreOneWordEach) {
  // 北朝鮮 (three Han), then ひらがな (four Hiragana), then Latin.
  EXPECT_EQ(Words("\xE5\x8C\x97\xE6\x9C\x9D\xE9\xAE\xAE"
                  "abc"),
            (Words_{"\xE5\x8C\x97", "\xE6\x9C\x9D", "\xE9\xAE\xAE", "abc"}));
  EXPECT_EQ(Words("\xE3\x81\xB2\xE3\x82\x89"), (Words_{"\xE3\x81\xB2", "\xE3\x82\x89"}));
}

TEST(TokenizerTest, HangulAndCyrillicFormWords) {
  EXPECT_EQ(Words("\xEB\xB6\x81\xED\x95\x9C \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD"),
            (Words_{"\xEB\xB6\x81\xED\x95\x9C", "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD"}));
}

TEST(TokenizerTest, InvalidUtf8Separates) {
  EXPECT_EQ(Words("abc\xFF\xFE"
                  "def"),
            (Words_{"abc", "def"}));
  EXPECT_EQ(Words("abc\xE2\x80"), Words_{"abc"});
  EXPECT_EQ(Words("ab\xC3"), Words_{"ab"});
}

TEST(TokenizerTest, ReportsAsciiWords) {
  Tokenizer tokenizer("plain caf\xC3\xA9 it's Putin\xE2\x80\x99s");
  WordSpan span;
  std::vector<bool> ascii;
  while (tokenizer.Next(&span)) {
    ascii.push_back(span.ascii);
  }
  EXPECT_EQ(ascii, (std::vector<bool>{true, false, true, false}));
}

}  // namespace
}  // namespace nsearch::analysis
