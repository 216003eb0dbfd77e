#include "query/snippet/snippet_generator.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

namespace nsearch::query {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) {
      return false;
    }
    for (size_t j = 1; j <= n; ++j) {
      const auto cc = static_cast<unsigned char>(s[i + j]);
      if ((cc & 0xC0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    const uint32_t min[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

class SnippetGeneratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<analysis::Analyzer>> analyzer =
        analysis::Analyzer::Create(analysis::AnalyzerOptions());
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    analyzer_ = std::move(analyzer).value();
  }

  Snippet Generate(std::vector<std::string> terms, std::vector<SnippetPhrase> phrases,
                   std::string_view text, size_t max_bytes = 240) {
    SnippetOptions options;
    options.max_bytes = max_bytes;
    SnippetGenerator generator(analyzer_.get(), std::move(terms), std::move(phrases), options);
    return generator.Generate(text);
  }

  // Appends the phrase of `text`'s analyzed words, if it has two or more.
  void AddPhrase(const std::string& text, std::vector<SnippetPhrase>* phrases) {
    SnippetPhrase phrase;
    for (const auto& token : analyzer_->AnalyzeToVector(text)) {
      phrase.terms.push_back(token.term);
      phrase.offsets.push_back(token.position);
    }
    if (phrase.terms.size() >= 2) {
      const uint32_t first = phrase.offsets[0];
      for (uint32_t& o : phrase.offsets) o -= first;
      phrases->push_back(phrase);
    }
  }

  // The highlighted substrings, checking that every range lies inside the text, in order.
  static std::vector<std::string> Marked(const Snippet& s) {
    std::vector<std::string> out;
    uint32_t last = 0;
    for (const auto& [b, e] : s.highlights) {
      EXPECT_LE(last, b);
      EXPECT_LT(b, e);
      EXPECT_LE(e, s.text.size());
      if (b < e && e <= s.text.size()) {
        out.push_back(s.text.substr(b, e - b));
      }
      last = e;
    }
    return out;
  }

  std::unique_ptr<analysis::Analyzer> analyzer_;
};

using Strings = std::vector<std::string>;

TEST_F(SnippetGeneratorTest, ShortTextIsShownWholeWithHighlights) {
  const std::string text = "North Korea and Russia signed a mutual defense pact.";
  const Snippet s = Generate({"defens", "korea"}, {}, text);
  EXPECT_EQ(s.text, text);
  ASSERT_EQ(s.highlights.size(), 2u);
  EXPECT_EQ(s.highlights[0], (std::pair<uint32_t, uint32_t>{6, 11}));   // Korea
  EXPECT_EQ(s.highlights[1], (std::pair<uint32_t, uint32_t>{39, 46}));  // defense
  EXPECT_EQ(Marked(s), (Strings{"Korea", "defense"}));
}

TEST_F(SnippetGeneratorTest, HighlightsEveryOccurrenceAndInflection) {
  const Snippet s = Generate({"pact"}, {}, "Pacts, pact; PACT.");
  EXPECT_EQ(Marked(s), (Strings{"Pacts", "pact", "PACT"}));
}

TEST_F(SnippetGeneratorTest, NoMatchesGivesTextWithoutHighlights) {
  const Snippet s = Generate({"treati"}, {}, "Nothing to see here.");
  EXPECT_EQ(s.text, "Nothing to see here.");
  EXPECT_TRUE(s.highlights.empty());
}

// Tokens that start with no query term's first byte keep no term; an empty query term (no
// query makes one today) must not match them.
TEST_F(SnippetGeneratorTest, EmptyQueryTermsMatchNothing) {
  // "treaty" and "North" start with bytes no query term has, so they keep empty terms.
  const std::string text = "North Korea and Russia signed a mutual defense treaty, a pact.";
  const Snippet s = Generate(
      {"", "pact"}, {{{"", "defens"}, {0, 1}}, {{"mutual", ""}, {0, 1}}, {{"defens", ""}, {0, 1}}},
      text);
  EXPECT_EQ(s.text, text);
  EXPECT_EQ(Marked(s), (Strings{"pact"}));
}

TEST_F(SnippetGeneratorTest, EmptyTextGivesEmptySnippet) {
  const Snippet s = Generate({"pact"}, {{{"mutual", "defens"}, {0, 1}}}, "");
  EXPECT_EQ(s.text, "");
  EXPECT_TRUE(s.highlights.empty());
  const Snippet blank = Generate({"pact"}, {}, "  \n\t ");
  EXPECT_EQ(blank.text, "");
  EXPECT_TRUE(blank.highlights.empty());
}

TEST_F(SnippetGeneratorTest, CollapsesWhiteSpaceRuns) {
  const Snippet s = Generate({"pact"}, {}, "  a\n\n  mutual \t\t defense   pact  \r\n");
  EXPECT_EQ(s.text, "a mutual defense pact");
  EXPECT_EQ(Marked(s), (Strings{"pact"}));
  EXPECT_EQ(s.highlights[0].first, 17u);
}

TEST_F(SnippetGeneratorTest, LongTextShowsWindowWithQueryTermsAndEllipses) {
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "Filler words about weather and sports fill this sentence. ";
  }
  const size_t match_at = text.size();
  text += "Russia and North Korea signed a mutual defense pact in Pyongyang. ";
  for (int i = 0; i < 40; ++i) {
    text += "More filler words about nothing in particular follow here. ";
  }
  const Snippet s = Generate({"mutual", "defens", "pact"}, {}, text, 120);
  ASSERT_GT(text.size(), 120u);
  EXPECT_EQ(s.text.rfind(kEllipsis, 0), 0u) << s.text;
  EXPECT_EQ(s.text.size() - s.text.rfind(kEllipsis), kEllipsis.size()) << s.text;
  EXPECT_LE(s.text.size(), 120 + 2 * kEllipsis.size());
  EXPECT_EQ(Marked(s), (Strings{"mutual", "defense", "pact"})) << s.text;
  EXPECT_NE(s.text.find("mutual defense pact"), std::string::npos);
  EXPECT_GT(match_at, 0u);
  EXPECT_TRUE(IsValidUtf8(s.text));
}

TEST_F(SnippetGeneratorTest, LongTextPrefersWindowWithMoreDistinctTerms) {
  std::string text = "A pact here. ";
  for (int i = 0; i < 30; ++i) {
    text += "lorem ipsum dolor sit amet. ";
  }
  text += "The mutual defense pact. ";
  for (int i = 0; i < 30; ++i) {
    text += "lorem ipsum dolor sit amet. ";
  }
  const Snippet s = Generate({"mutual", "defens", "pact"}, {}, text, 80);
  EXPECT_EQ(Marked(s), (Strings{"mutual", "defense", "pact"})) << s.text;
  EXPECT_EQ(s.text.rfind(kEllipsis, 0), 0u);
}

TEST_F(SnippetGeneratorTest, WindowAtStartHasNoLeadingEllipsis) {
  std::string text = "Mutual defense is the topic. ";
  for (int i = 0; i < 30; ++i) {
    text += "lorem ipsum dolor sit amet. ";
  }
  const Snippet s = Generate({"mutual"}, {}, text, 60);
  EXPECT_EQ(s.text.rfind("Mutual defense", 0), 0u) << s.text;
  EXPECT_EQ(s.text.size() - s.text.rfind(kEllipsis), kEllipsis.size()) << s.text;
  EXPECT_EQ(Marked(s), (Strings{"Mutual"}));
}

TEST_F(SnippetGeneratorTest, HighlightsPhraseAsOneSpanOnly) {
  const std::string text = "The mutual defense pact: mutual trust and a strong defense.";
  const Snippet s = Generate({}, {{{"mutual", "defens"}, {0, 1}}}, text);
  EXPECT_EQ(s.text, text);
  EXPECT_EQ(Marked(s), (Strings{"mutual defense"}));
  EXPECT_EQ(s.highlights[0].first, 4u);
}

TEST_F(SnippetGeneratorTest, HighlightsPhraseAcrossStopwordGap) {
  const std::string text = "State of the art, and the state of art.";
  const Snippet s = Generate({}, {{{"state", "art"}, {0, 3}}}, text);
  EXPECT_EQ(Marked(s), (Strings{"State of the art"}));
}

TEST_F(SnippetGeneratorTest, MultiByteTextStaysValidAndHighlightsWords) {
  // "Café" (é is 2 bytes), "Korea’s" (’ is 3 bytes), CJK words (3 bytes per character).
  const std::string text =
      "Le caf\xC3\xA9 de Korea\xE2\x80\x99s \xE6\x9D\xB1\xE4\xBA\xAC and the caf\xC3\xA9s.";
  const Snippet s = Generate({"cafe", "korea"}, {}, text);
  EXPECT_EQ(s.text, text);
  EXPECT_TRUE(IsValidUtf8(s.text));
  EXPECT_EQ(Marked(s), (Strings{"caf\xC3\xA9", "Korea\xE2\x80\x99s", "caf\xC3\xA9s"}));
}

TEST_F(SnippetGeneratorTest, LongMultiByteTextIsCutOnCharacterBoundaries) {
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text += "\xE6\x9D\xB1\xE4\xBA\xAC \xC3\xA9t\xC3\xA9 \xE2\x80\x99quoted\xE2\x80\x99 ";
  }
  text += "caf\xC3\xA9 cr\xC3\xA8me ";
  for (int i = 0; i < 60; ++i) {
    text += "\xE6\x9D\xB1\xE4\xBA\xAC \xC3\xA9t\xC3\xA9 ";
  }
  for (size_t max : {16, 40, 63, 100, 241}) {
    const Snippet s = Generate({"cafe"}, {}, text, max);
    EXPECT_TRUE(IsValidUtf8(s.text)) << max;
    EXPECT_EQ(Marked(s), (Strings{"caf\xC3\xA9"})) << max << ": " << s.text;
  }
}

TEST_F(SnippetGeneratorTest, PhraseCutByWindowStartDoesNotHideLaterHighlights) {
  // The best window starts at "delta" (three distinct terms within 80 bytes); its lead of
  // max / 5 bytes begins inside the phrase "alpha bravo charlie", whose match starts before the
  // window. The cut phrase is not highlighted; the words inside the window still are.
  std::string text;
  for (int i = 0; i < 10; ++i) {
    text += "lorem ipsum dolor sit amet. ";
  }
  text += "alpha bravo charlie delta " + std::string(50, 'x') + " echo foxtrot ";
  for (int i = 0; i < 10; ++i) {
    text += "lorem ipsum dolor sit amet. ";
  }
  const Snippet s =
      Generate({"delta", "echo", "foxtrot"}, {{{"alpha", "bravo", "charli"}, {0, 1, 2}}}, text, 80);
  const Strings marked = Marked(s);
  ASSERT_FALSE(marked.empty()) << s.text;
  EXPECT_EQ(marked[0], "delta") << s.text;
  for (const std::string& m : marked) {
    EXPECT_TRUE(m == "delta" || m == "echo" || m == "foxtrot") << m << " in " << s.text;
  }
}

}  // namespace
}  // namespace nsearch::query

namespace nsearch::query {
namespace {

// Skipping the stemmer for words that cannot match must never change a snippet: random texts
// full of inflections, words the stemmer treats specially (dying, skies, news, yearly) and
// accented or upper-case first letters, random queries of their stems and phrases.
TEST_F(SnippetGeneratorTest, SkippingUnmatchableStemsNeverChangesTheSnippet) {
  const std::vector<std::string> words = {
      "defense",  "Defenses", "defensive",  "dying",    "die",   "lying",  "lies",    "skies",
      "sky",      "news",     "yearly",     "Yankees",  "yield", "Éclair", "eclairs", "Ñandú",
      "über",     "Uber",     "mutual",     "mutually", "the",   "of",     "pact",    "pacts",
      "Korea",    "Korean's", "jong-un",    "running",  "ran",   "runs",   "studies", "studying",
      "'quoted'", "x1",       "2024-06-19", "agreed"};
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<size_t> pick(0, words.size() - 1);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const size_t length = 5 + rng() % 400;
    for (size_t i = 0; i < length; ++i) {
      text.append(words[pick(rng)]).append(rng() % 9 == 0 ? ".\n" : " ");
    }
    std::vector<std::string> terms;
    for (int t = 0; t < 1 + static_cast<int>(rng() % 3); ++t) {
      for (const auto& token : analyzer_->AnalyzeToVector(words[pick(rng)])) {
        terms.push_back(token.term);
      }
    }
    std::vector<SnippetPhrase> phrases;
    if (rng() % 2 == 0) {
      AddPhrase(words[pick(rng)] + " " + words[pick(rng)], &phrases);
    }
    SnippetOptions fast;
    fast.max_bytes = 60 + rng() % 200;
    SnippetOptions full = fast;
    full.skip_unmatchable_stems = false;
    SnippetGenerator a(analyzer_.get(), terms, phrases, fast);
    SnippetGenerator b(analyzer_.get(), terms, phrases, full);
    const Snippet x = a.Generate(text);
    const Snippet y = b.Generate(text);
    ASSERT_EQ(x.text, y.text) << "round " << round;
    ASSERT_EQ(x.highlights, y.highlights) << "round " << round;
  }
}

TEST_F(SnippetGeneratorTest, FindsAMatchFarIntoAHugeText) {
  std::string text;
  while (text.size() < (size_t{8} << 20)) {
    text += "lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
  }
  text += "Both signed a MUTUAL Defence pact. ";
  for (int i = 0; i < 1000; ++i) {
    text += "lorem ipsum dolor sit amet. ";
  }
  SnippetGenerator generator(analyzer_.get(), {"mutual", "defens", "pact"}, {}, SnippetOptions());
  const Snippet s = generator.Generate(text);
  EXPECT_EQ(Marked(s), (Strings{"MUTUAL", "Defence", "pact"})) << s.text;
  SnippetGenerator phrase(analyzer_.get(), {}, {{{"mutual", "defens"}, {0, 1}}}, SnippetOptions());
  EXPECT_EQ(Marked(phrase.Generate(text)), Strings{"MUTUAL Defence"});
}

TEST_F(SnippetGeneratorTest, PrefersTheTighterOfTwoEqualPassages) {
  std::string text = "The pact was long in the making, people say, and the mutual aid too. ";
  for (int i = 0; i < 20; ++i) {
    text += "lorem ipsum dolor sit amet. ";
  }
  text += "A mutual pact. ";
  for (int i = 0; i < 20; ++i) {
    text += "lorem ipsum dolor sit amet. ";
  }
  const Snippet s = Generate({"mutual", "pact"}, {}, text, 100);
  EXPECT_NE(s.text.find("A mutual pact."), std::string::npos) << s.text;
}

// Bounded windows must give the snippet of the whole text whenever every match starts with its
// term's first four letters (as here) and the regions fit the budget: same text and highlights.
TEST_F(SnippetGeneratorTest, BoundedWindowsEqualWholeAnalysis) {
  const std::vector<std::string> words = {
      "defense",  "Defenses", "defensive", "mutual",  "Mutually", "pact",  "pacts",  "Korea",
      "Korean's", "running",  "ran",       "studies", "studying", "the",   "of",     "lorem",
      "ipsum",    "dolor",    "sit",       "amet",    "x1",       "Seoul", "agreed", "Agree"};
  std::mt19937 rng(1123);
  std::uniform_int_distribution<size_t> pick(0, words.size() - 1);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const size_t length = 500 + rng() % 1500;  // 3 to 12 KiB
    // Mostly filler, so that matches are sparse and windows separate.
    for (size_t i = 0; i < length; ++i) {
      text.append(rng() % 12 == 0 ? words[pick(rng)] : words[16 + rng() % 4]);
      text.append(rng() % 9 == 0 ? ".\n" : " ");
    }
    std::vector<std::string> terms;
    for (const auto& token : analyzer_->AnalyzeToVector(words[pick(rng)])) {
      terms.push_back(token.term);
    }
    std::vector<SnippetPhrase> phrases;
    if (rng() % 2 == 0) {
      AddPhrase(words[pick(rng)] + " " + words[pick(rng)], &phrases);
    }
    SnippetOptions whole;
    whole.max_bytes = 60 + rng() % 200;
    whole.whole_text_bytes = size_t{1} << 30;
    SnippetOptions bounded = whole;
    bounded.whole_text_bytes = 4096;  // 16 KiB of regions: more than the matches need here
    const Snippet x = SnippetGenerator(analyzer_.get(), terms, phrases, whole).Generate(text);
    const Snippet y = SnippetGenerator(analyzer_.get(), terms, phrases, bounded).Generate(text);
    ASSERT_EQ(x.text, y.text) << "round " << round;
    ASSERT_EQ(x.highlights, y.highlights) << "round " << round;
  }
}

}  // namespace
}  // namespace nsearch::query
