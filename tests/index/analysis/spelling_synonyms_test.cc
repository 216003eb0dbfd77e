#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/analysis/spelling.h"
#include "index/analysis/synonyms.h"

namespace nsearch::analysis {
namespace {

std::vector<std::string> Terms(const AnalyzerOptions& options, std::string_view text) {
  Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(options);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  std::vector<std::string> terms;
  for (const Token& t : (*analyzer)->AnalyzeToVector(text)) {
    terms.push_back(t.term);
  }
  return terms;
}

AnalyzerOptions Unstemmed() {
  AnalyzerOptions options;
  options.language = "none";
  return options;
}

TEST(SpellingTest, MapsBritishToAmerican) {
  EXPECT_EQ(AmericanSpelling("defence"), "defense");
  EXPECT_EQ(AmericanSpelling("colours"), "colors");
  EXPECT_EQ(AmericanSpelling("organisation"), "organization");
  EXPECT_EQ(AmericanSpelling("randomised"), "randomized");
  EXPECT_EQ(AmericanSpelling("analysing"), "analyzing");
  EXPECT_EQ(AmericanSpelling("centre"), "center");
  EXPECT_EQ(AmericanSpelling("haemoglobin"), "hemoglobin");
  EXPECT_EQ(AmericanSpelling("tumour"), "tumor");
  EXPECT_EQ(AmericanSpelling("signalling"), "signaling");
}

TEST(SpellingTest, LeavesAmericanAndUnlistedWordsAlone) {
  EXPECT_EQ(AmericanSpelling("defense"), std::nullopt);
  EXPECT_EQ(AmericanSpelling("color"), std::nullopt);
  EXPECT_EQ(AmericanSpelling("house"), std::nullopt);
  EXPECT_EQ(AmericanSpelling(""), std::nullopt);
  EXPECT_EQ(AmericanSpelling("Defence"), std::nullopt);  // callers fold case first
  // A plural of "analysis" must not become the verb "analyzes".
  EXPECT_EQ(AmericanSpelling("analyses"), std::nullopt);
}

TEST(SpellingTest, ListIsLargeAndIdempotent) {
  EXPECT_GT(SpellingVariantCount(), 500u);
  std::string_view text = EmbeddedSpellingVariants();
  size_t pairs = 0;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    const std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (line.empty() || line[0] == '#') {
      continue;
    }
    const size_t space = line.find(' ');
    ASSERT_NE(space, std::string_view::npos) << line;
    const std::string_view british = line.substr(0, space);
    const std::string_view american = line.substr(space + 1);
    EXPECT_EQ(AmericanSpelling(british), american) << line;
    EXPECT_EQ(AmericanSpelling(american), std::nullopt) << line;
    ++pairs;
  }
  EXPECT_EQ(pairs, SpellingVariantCount());
}

TEST(SpellingTest, AnalyzerFoldsAfterCaseFoldingAndBeforeStemming) {
  EXPECT_EQ(Terms(AnalyzerOptions(), "Mutual DEFENCE"), Terms(AnalyzerOptions(), "mutual defense"));
  EXPECT_EQ(Terms(AnalyzerOptions(), "the Organisers' colours"),
            Terms(AnalyzerOptions(), "the organizers colors"));
  EXPECT_EQ(Terms(Unstemmed(), "Defence centre's"),
            (std::vector<std::string>{"defense", "center"}));
}

TEST(SpellingTest, CanBeTurnedOff) {
  AnalyzerOptions options = Unstemmed();
  options.fold_spelling = false;
  EXPECT_EQ(Terms(options, "defence colour"), (std::vector<std::string>{"defence", "colour"}));
  AnalyzerOptions stemmed;
  stemmed.fold_spelling = false;
  EXPECT_NE(Terms(stemmed, "defence"), Terms(stemmed, "defense"));
}

TEST(SpellingTest, IsMeantForEnglish) {
  EXPECT_TRUE(IsEnglishLanguage("english"));
  EXPECT_TRUE(IsEnglishLanguage("porter"));
  EXPECT_FALSE(IsEnglishLanguage("french"));
  EXPECT_FALSE(IsEnglishLanguage("none"));
}

TEST(SynonymsTest, MapsEveryMemberToTheFirstWordKeepingPositions) {
  AnalyzerOptions options = Unstemmed();
  options.synonyms = {{"dprk", "Pyongyang"}, {"USA", "america", "states"}};
  Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(options);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  const std::vector<Token> tokens = (*analyzer)->AnalyzeToVector("Pyongyang and America, dprk");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].term, "dprk");
  EXPECT_EQ(tokens[0].position, 0u);
  EXPECT_EQ(tokens[1].term, "usa");
  EXPECT_EQ(tokens[1].position, 2u);
  EXPECT_EQ(tokens[1].begin, 14u);  // offsets still point at the source word
  EXPECT_EQ(tokens[2].term, "dprk");
}

TEST(SynonymsTest, ApplyAfterSpellingFoldingAndBeforeStemming) {
  AnalyzerOptions options;
  options.synonyms = {{"defense", "protection"}};
  EXPECT_EQ(Terms(options, "Defence protection"), Terms(options, "defense defense"));
  EXPECT_EQ(Terms(options, "protection"), Terms(options, "defences"));
  // Groups hold word forms, not stems: an inflection must be listed to be mapped.
  EXPECT_NE(Terms(options, "protections"), Terms(options, "defense"));
}

TEST(SynonymsTest, CreateRejectsInvalidGroups) {
  const std::vector<std::vector<std::vector<std::string>>> bad = {
      {{"alone"}},                          // one word
      {{"north korea", "dprk"}},            // two words
      {{"the", "a1"}},                      // a stopword
      {{"car", "auto"}, {"auto", "motor"}}  // a word in two groups
  };
  for (const auto& groups : bad) {
    AnalyzerOptions options;
    options.synonyms = groups;
    Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(options);
    ASSERT_FALSE(analyzer.ok()) << groups[0][0];
    EXPECT_TRUE(analyzer.status().IsInvalidArgument());
  }
}

TEST(SynonymsTest, ParsesCommaAndSpaceSeparatedLines) {
  Result<std::vector<std::vector<std::string>>> groups =
      ParseSynonyms("# comment\n\nusa, United , america  # trailing\ncar auto\tautomobile\r\n",
                    AnalyzerOptions());
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ((*groups)[1], (std::vector<std::string>{"car", "auto", "automobile"}));
  EXPECT_EQ((*groups)[0][0], "usa");
  EXPECT_EQ((*groups)[0][2], "america");
}

TEST(SynonymsTest, ParseErrorsNameTheLine) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"a1 b1\nlonely\n", "line 2: a synonym group needs at least two different words"},
      {"dprk, north korea\n", "line 1: 'north korea' is not one word"},
      {"x1 y1\n\nthe z1\n", "line 3: 'the' is a stopword"},
      {"car auto\nauto motor\n", "line 2: 'auto' is already in the group of line 1"},
      {"ok fine\nbad \xff\xfe bytes\n", "line 2: invalid UTF-8"},
      {"colour color\n", "line 1: a synonym group needs at least two different words"},
  };
  for (const Case& c : cases) {
    Result<std::vector<std::vector<std::string>>> groups = ParseSynonyms(c.text, AnalyzerOptions());
    ASSERT_FALSE(groups.ok()) << c.text;
    EXPECT_TRUE(groups.status().IsInvalidArgument());
    EXPECT_NE(groups.status().message().find(c.message), std::string::npos)
        << groups.status().message();
  }
}

TEST(SynonymsTest, ParsedGroupsAreAcceptedByTheAnalyzer) {
  AnalyzerOptions options;
  Result<std::vector<std::vector<std::string>>> groups =
      ParseSynonyms("dprk, pyongyang\ncar auto automobile\n", options);
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  options.synonyms = *groups;
  EXPECT_EQ(Terms(options, "automobile pyongyang"), Terms(options, "car dprk"));
}

}  // namespace
}  // namespace nsearch::analysis
