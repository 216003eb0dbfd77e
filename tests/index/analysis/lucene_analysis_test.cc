// The Analyzer set up as `nsearch index --preset lucene` sets it up, against Lucene 4.10.4's
// EnglishAnalyzer: every expectation is what EnglishAnalyzer returned for the same text.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/analysis/porter_stemmer.h"

namespace nsearch::analysis {
namespace {

std::unique_ptr<Analyzer> MakeLuceneAnalyzer() {
  AnalyzerOptions options;
  options.language = kLucenePorterLanguage;
  options.tokenizer = TokenizerKind::kUax29;
  options.case_folding = CaseFolding::kLowercase;
  options.fold_spelling = false;
  auto analyzer = Analyzer::Create(options);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  return std::move(analyzer).value();
}

// "term@position" for each token.
std::vector<std::string> Tokens(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : analyzer.AnalyzeToVector(text)) {
    out.push_back(t.term + "@" + std::to_string(t.position));
  }
  return out;
}

using Tokens_ = std::vector<std::string>;

TEST(LuceneAnalysisTest, MatchesEnglishAnalyzer) {
  auto analyzer = MakeLuceneAnalyzer();
  // Putin’s PARENTS' O'Neil'S vs. the technology of Naïve µm-scale m² cells
  EXPECT_EQ(Tokens(*analyzer,
                   "Putin\xE2\x80\x99s PARENTS' O'Neil'S vs. the technology of Na\xC3\xAFve "
                   "\xC2\xB5m-scale m\xC2\xB2 cells"),
            (Tokens_{"putin@0", "parent@1", "o'neil@2", "vs@3", "technolog@5", "na\xC3\xAFv@7",
                     "\xC2\xB5m@8", "scale@9", "m@10", "cell@11"}));
  EXPECT_EQ(Tokens(*analyzer, "The state of the art: Objective:To assess mutual defence"),
            (Tokens_{"state@1", "art@4", "objective:to@5", "assess@6", "mutual@7", "defenc@8"}));
}

TEST(LuceneAnalysisTest, LowercasesCodePointByCodePoint) {
  auto analyzer = MakeLuceneAnalyzer();
  // İstanbul ΣΊΣΥΦΟΣ Straße: simple lowercase mappings, no final sigma, no folding of ß.
  EXPECT_EQ(Tokens(*analyzer,
                   "\xC4\xB0stanbul \xCE\xA3\xCE\x8A\xCE\xA3\xCE\xA5\xCE\xA6\xCE\x9F"
                   "\xCE\xA3 Stra\xC3\x9F"
                   "e"),
            (Tokens_{"istanbul@0", "\xCF\x83\xCE\xAF\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x83@1",
                     "stra\xC3\x9F"
                     "e@2"}));
}

TEST(LuceneAnalysisTest, FoldWordsUsesTheSameWords) {
  auto analyzer = MakeLuceneAnalyzer();
  EXPECT_EQ(analyzer->FoldWords("Objective:To Na\xC3\xAFve's"),
            (std::vector<std::string>{"objective:to", "na\xC3\xAFve"}));
}

TEST(LuceneAnalysisTest, DefaultAnalyzerStaysNsearchs) {
  auto analyzer = Analyzer::Create(AnalyzerOptions()).value();
  EXPECT_EQ(Tokens(*analyzer, "Objective:To Na\xC3\xAFve technology"),
            (Tokens_{"object@0", "naiv@2", "technolog@3"}));  // "to" is a stop word
}

}  // namespace
}  // namespace nsearch::analysis
