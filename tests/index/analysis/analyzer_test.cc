#include "index/analysis/analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace nsearch::analysis {
namespace {

std::unique_ptr<Analyzer> MakeAnalyzer(const AnalyzerOptions& options = AnalyzerOptions()) {
  Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(options);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  return std::move(analyzer).value();
}

std::vector<std::string> Terms(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> terms;
  for (const Token& t : analyzer.AnalyzeToVector(text)) {
    terms.push_back(t.term);
  }
  return terms;
}

using Terms_ = std::vector<std::string>;

void ExpectToken(const Token& t, std::string_view term, uint32_t position, uint32_t begin,
                 uint32_t end) {
  EXPECT_EQ(t.term, term);
  EXPECT_EQ(t.position, position) << term;
  EXPECT_EQ(t.begin, begin) << term;
  EXPECT_EQ(t.end, end) << term;
}

TEST(AnalyzerTest, StripsPossessiveAndStems) {
  auto analyzer = MakeAnalyzer();
  // "Putin’s" is 9 bytes: the apostrophe is U+2019.
  std::vector<Token> tokens = analyzer->AnalyzeToVector("Putin\xE2\x80\x99s latest moves");
  ASSERT_EQ(tokens.size(), 3u);
  ExpectToken(tokens[0], "putin", 0, 0, 9);
  ExpectToken(tokens[1], "latest", 1, 10, 16);
  ExpectToken(tokens[2], "move", 2, 17, 22);
}

TEST(AnalyzerTest, StripsAllPossessiveForms) {
  auto analyzer = MakeAnalyzer();
  EXPECT_EQ(Terms(*analyzer, "Putin's"), Terms_{"putin"});
  EXPECT_EQ(Terms(*analyzer, "PUTIN'S"), Terms_{"putin"});
  EXPECT_EQ(Terms(*analyzer, "Putin\xEF\xBC\x87s"), Terms_{"putin"});  // fullwidth apostrophe
  EXPECT_EQ(Terms(*analyzer, "Korea\xE2\x80\x99s"), Terms_{"korea"});
  EXPECT_EQ(Terms(*analyzer, "countries\xE2\x80\x99"), Terms_{"countri"});
  EXPECT_EQ(Terms(*analyzer, "parents'"), Terms_{"parent"});
}

TEST(AnalyzerTest, UnifiesApostrophes) {
  auto analyzer = MakeAnalyzer();
  EXPECT_EQ(Terms(*analyzer, "don't"), Terms(*analyzer, "don\xE2\x80\x99t"));
  EXPECT_EQ(Terms(*analyzer, "don't"), Terms_{"don't"});
}

TEST(AnalyzerTest, StopwordsLeavePositionGaps) {
  auto analyzer = MakeAnalyzer();
  std::vector<Token> tokens = analyzer->AnalyzeToVector("The Russian leader");
  ASSERT_EQ(tokens.size(), 2u);
  ExpectToken(tokens[0], "russian", 1, 4, 11);
  ExpectToken(tokens[1], "leader", 2, 12, 18);

  tokens = analyzer->AnalyzeToVector("state of the art");
  ASSERT_EQ(tokens.size(), 2u);
  ExpectToken(tokens[0], "state", 0, 0, 5);
  ExpectToken(tokens[1], "art", 3, 13, 16);
}

TEST(AnalyzerTest, StopwordsMatchAfterFoldingAndPossessive) {
  auto analyzer = MakeAnalyzer();
  EXPECT_EQ(Terms(*analyzer, "THE The tHe"), Terms_{});
  EXPECT_EQ(Terms(*analyzer, "it's"), Terms_{});
  EXPECT_EQ(Terms(*analyzer, "\xC3\x80"), Terms_{});  // "À" folds to the stopword "a"
}

TEST(AnalyzerTest, LuceneStopListHasThirtyThreeWords) {
  const std::vector<std::string>& words = LuceneEnglishStopwords();
  EXPECT_EQ(words.size(), 33u);
  auto analyzer = MakeAnalyzer();
  for (const std::string& w : words) {
    EXPECT_EQ(Terms(*analyzer, w), Terms_{}) << w;
  }
}

TEST(AnalyzerTest, CustomStopwordsAreFolded) {
  AnalyzerOptions options;
  options.stopwords = {"Caf\xC3\xA9", "NORTH"};
  auto analyzer = MakeAnalyzer(options);
  EXPECT_EQ(Terms(*analyzer, "cafe the North korea"), (Terms_{"the", "korea"}));
}

TEST(AnalyzerTest, SplitsHyphenatedNames) {
  auto analyzer = MakeAnalyzer();
  std::vector<Token> tokens = analyzer->AnalyzeToVector("Kim Jong-un");
  ASSERT_EQ(tokens.size(), 3u);
  ExpectToken(tokens[0], "kim", 0, 0, 3);
  ExpectToken(tokens[1], "jong", 1, 4, 8);
  ExpectToken(tokens[2], "un", 2, 9, 11);
  EXPECT_EQ(Terms(*analyzer, "2024-06-19"), (Terms_{"2024", "06", "19"}));
  EXPECT_EQ(Terms(*analyzer, "1,000.5 U.S."),
            (Terms_{"1,000.5", "u."}));  // Snowball strips the plural-looking "s"
}

TEST(AnalyzerTest, StemsSpellingVariants) {
  auto analyzer = MakeAnalyzer();
  // British spellings are folded to American ones first (spelling.h).
  EXPECT_EQ(Terms(*analyzer, "mutual defence"), (Terms_{"mutual", "defens"}));
  EXPECT_EQ(Terms(*analyzer, "mutual defense"), (Terms_{"mutual", "defens"}));
  EXPECT_EQ(Terms(*analyzer, "threatened weapons arriving"),
            (Terms_{"threaten", "weapon", "arriv"}));
}

TEST(AnalyzerTest, FoldsCaseAndAccents) {
  auto analyzer = MakeAnalyzer();
  std::vector<Token> tokens = analyzer->AnalyzeToVector(
      "\xC3\x9Cn\xC3\xAF"
      "c\xC3\xB6"
      "d\xC3\xA9 CAF\xC3\x89");
  ASSERT_EQ(tokens.size(), 2u);
  ExpectToken(tokens[0], "unicod", 0, 0, 11);
  ExpectToken(tokens[1], "cafe", 1, 12, 17);
  // Decomposed input (e + U+0301) folds the same way as precomposed.
  EXPECT_EQ(Terms(*analyzer, "cafe\xCC\x81"), Terms_{"cafe"});
  EXPECT_EQ(Terms(*analyzer,
                  "Stra\xC3\x9F"
                  "e"),
            Terms_{"strass"});                                                         // ß -> ss
  EXPECT_EQ(Terms(*analyzer, "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3"), Terms_{"abc"});  // ＡＢＣ
}

TEST(AnalyzerTest, InvalidUtf8SeparatesWords) {
  auto analyzer = MakeAnalyzer();
  std::vector<Token> tokens = analyzer->AnalyzeToVector(
      "abc\xFF\xFE"
      "def");
  ASSERT_EQ(tokens.size(), 2u);
  ExpectToken(tokens[0], "abc", 0, 0, 3);
  ExpectToken(tokens[1], "def", 1, 5, 8);
}

TEST(AnalyzerTest, EmptyTextYieldsNoTokens) {
  auto analyzer = MakeAnalyzer();
  EXPECT_TRUE(analyzer->AnalyzeToVector("").empty());
  EXPECT_TRUE(analyzer->AnalyzeToVector("  \t\r\n  ").empty());
  EXPECT_TRUE(analyzer->AnalyzeToVector("\xE2\x80\x94 -- !!").empty());
  int calls = 0;
  EXPECT_EQ(analyzer->Analyze("", 7, [&calls](const Token&) { ++calls; }), 7u);
  EXPECT_EQ(calls, 0);
}

TEST(AnalyzerTest, AnalyzeContinuesFromFirstPosition) {
  auto analyzer = MakeAnalyzer();
  std::vector<Token> tokens;
  auto sink = [&tokens](const Token& t) { tokens.push_back(t); };
  uint32_t next = analyzer->Analyze("North Korea", 0, sink);
  EXPECT_EQ(next, 2u);
  next = analyzer->Analyze("the deal is done", next, sink);
  EXPECT_EQ(next, 6u);  // stopwords count
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[2].term, "deal");
  EXPECT_EQ(tokens[2].position, 3u);
  EXPECT_EQ(tokens[2].begin, 4u);  // offsets are relative to each analyzed text
  EXPECT_EQ(tokens[3].term, "done");
  EXPECT_EQ(tokens[3].position, 5u);
}

TEST(AnalyzerTest, DropsOverlongWordsButKeepsTheirPosition) {
  auto analyzer = MakeAnalyzer();
  const std::string longest(kMaxTokenBytes, 'x');
  const std::string too_long(kMaxTokenBytes + 1, 'y');
  std::vector<Token> tokens = analyzer->AnalyzeToVector(longest + " " + too_long + " end");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].term, longest);
  EXPECT_EQ(tokens[1].term, "end");
  EXPECT_EQ(tokens[1].position, 2u);
}

TEST(AnalyzerTest, CjkIdeographsAreSingleTokens) {
  auto analyzer = MakeAnalyzer();
  std::vector<Token> tokens = analyzer->AnalyzeToVector("\xE5\x8C\x97\xE6\x9C\x9D\xE9\xAE\xAE");
  ASSERT_EQ(tokens.size(), 3u);
  ExpectToken(tokens[0], "\xE5\x8C\x97", 0, 0, 3);
  ExpectToken(tokens[2], "\xE9\xAE\xAE", 2, 6, 9);
}

TEST(AnalyzerTest, NoStemmingWithLanguageNone) {
  AnalyzerOptions options;
  options.language = "none";
  auto analyzer = MakeAnalyzer(options);
  EXPECT_EQ(Terms(*analyzer, "The latest moves of Putin\xE2\x80\x99s"),
            (Terms_{"latest", "moves", "putin"}));
  EXPECT_EQ(analyzer->options().language, "none");
}

TEST(AnalyzerTest, OtherLanguagesStem) {
  AnalyzerOptions options;
  options.language = "german";
  options.stopwords.clear();
  auto analyzer = MakeAnalyzer(options);
  EXPECT_EQ(Terms(*analyzer, "Katzen"), Terms_{"katz"});
  EXPECT_TRUE(analyzer->options().stopwords.empty());
}

TEST(AnalyzerTest, RejectsUnknownLanguage) {
  AnalyzerOptions options;
  options.language = "klingon";
  Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(options);
  ASSERT_FALSE(analyzer.ok());
  EXPECT_TRUE(analyzer.status().IsInvalidArgument());
  EXPECT_NE(analyzer.status().message().find("klingon"), std::string::npos);
}

TEST(AnalyzerTest, HandlesMegabyteInput) {
  auto analyzer = MakeAnalyzer();
  std::string text;
  const std::string sentence = "Russian President Vladimir Putin drives North Korean leader ";
  while (text.size() < (1u << 20)) {
    text += sentence;
  }
  size_t count = 0;
  uint32_t last_position = 0;
  const uint32_t next = analyzer->Analyze(text, 0, [&](const Token& t) {
    ++count;
    last_position = t.position;
  });
  const size_t sentences = text.size() / sentence.size();
  EXPECT_EQ(count, sentences * 8);
  EXPECT_EQ(next, sentences * 8);
  EXPECT_EQ(last_position, next - 1);
}

TEST(AnalyzerTest, RandomBytesNeverBreakInvariants) {
  auto analyzer = MakeAnalyzer();
  std::mt19937 rng(42);
  // Mix random bytes with pieces that exercise the joiners and multi-byte paths.
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "1",
                                           "'",
                                           ".",
                                           ",",
                                           "_",
                                           " ",
                                           "-",
                                           "\xE2\x80\x99",
                                           "\xC3\xA9",
                                           "\xCC\x81",
                                           "\xE5\x8C\x97",
                                           "\xC2\xAD",
                                           "s",
                                           "\xEF\xBC\x87"};
  for (int iter = 0; iter < 4000; ++iter) {
    std::string text;
    const int len = static_cast<int>(rng() % 64);
    for (int i = 0; i < len; ++i) {
      if (rng() % 2 == 0) {
        text.push_back(static_cast<char>(rng() & 0xFF));
      } else {
        text += pieces[rng() % pieces.size()];
      }
    }
    int64_t last = -1;
    const uint32_t next = analyzer->Analyze(text, 0, [&](const Token& t) {
      EXPECT_LT(t.begin, t.end);
      EXPECT_LE(t.end, text.size());
      EXPECT_GT(static_cast<int64_t>(t.position), last);
      EXPECT_FALSE(t.term.empty());
      EXPECT_LE(t.term.size(), kMaxTokenBytes);
      last = t.position;
    });
    EXPECT_GT(static_cast<int64_t>(next), last);
  }
}

// The seed articles: every token's offsets point at its source word.
TEST(AnalyzerTest, AnalyzesSeedArticles) {
  const char* root = std::getenv("NSEARCH_SOURCE_DIR");
  const std::string path = std::string(root != nullptr ? root : NSEARCH_TEST_SOURCE_DIR) +
                           "/seeds/000_260ab7398a4ca0a3.txt";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  auto analyzer = MakeAnalyzer();
  std::vector<Token> tokens = analyzer->AnalyzeToVector(text);
  ASSERT_GT(tokens.size(), 100u);
  std::vector<std::string> terms;
  for (const Token& t : tokens) {
    ASSERT_LE(t.end, text.size());
    terms.push_back(t.term);
    if (text.substr(t.begin, t.end - t.begin) == "Putin\xE2\x80\x99s") {
      EXPECT_EQ(t.term, "putin");
    }
  }
  auto contains = [&terms](const std::string& term) {
    return std::find(terms.begin(), terms.end(), term) != terms.end();
  };
  EXPECT_TRUE(contains("pyongyang"));
  EXPECT_TRUE(contains("jong"));
  EXPECT_TRUE(contains("putin"));
  EXPECT_FALSE(contains("the"));
  EXPECT_FALSE(contains("putin\xE2\x80\x99s"));
}

// Word ids promise one term per id within a stem generation, whatever the cache size: checked
// over random text with caches small enough to be forgotten every few words.
TEST(AnalyzerTest, WordIdsNameOneTermPerStemGeneration) {
  const std::vector<std::string> words = {"run",     "running", "runs",   "Runner",      "defence",
                                          "defense", "cats",    "cat",    "caterpillar", "the",
                                          "Ünïcödé", "jong-un", "mutual", "mutually"};
  std::mt19937 rng(7);
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    text += words[rng() % words.size()];
    text += ' ';
  }
  const std::vector<Token> reference = MakeAnalyzer()->AnalyzeToVector(text);
  for (const size_t entries : {size_t{0}, size_t{1}, size_t{2}, size_t{5}, size_t{1} << 17}) {
    SCOPED_TRACE(entries);
    auto analyzer = Analyzer::Create(AnalyzerOptions(), entries);
    ASSERT_TRUE(analyzer.ok());
    Analyzer& a = **analyzer;
    std::map<std::pair<uint64_t, uint32_t>, std::string> term_of;  // (generation, id) -> term
    std::vector<Token> tokens;
    uint64_t generations = 0;
    a.Analyze(text, 0, [&](const Token& t) {
      tokens.push_back(t);
      generations = a.stem_generation();
      if (t.word_id != Token::kNoWordId) {
        EXPECT_LT(t.word_id, std::max<size_t>(entries, 1));
        auto [it, inserted] = term_of.emplace(std::pair(a.stem_generation(), t.word_id), t.term);
        EXPECT_EQ(it->second, t.term) << "word id " << t.word_id << " at " << t.begin;
      }
    });
    ASSERT_EQ(tokens.size(), reference.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
      EXPECT_EQ(tokens[i].term, reference[i].term);  // the cache never changes a term
    }
    if (entries < words.size()) {
      EXPECT_GT(generations, 10u);  // the cache was forgotten, and ids reused, many times
    } else {
      EXPECT_EQ(generations, 0u);
      EXPECT_FALSE(term_of.empty());
    }
  }
}

TEST(AnalyzerTest, UncachedStemmersGiveNoWordIds) {
  for (const char* language : {"lucene-porter", "none"}) {
    AnalyzerOptions options;
    options.language = language;
    for (const Token& t : MakeAnalyzer(options)->AnalyzeToVector("running runs running")) {
      EXPECT_EQ(t.word_id, Token::kNoWordId) << language;
    }
  }
}

}  // namespace
}  // namespace nsearch::analysis
