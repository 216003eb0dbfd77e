// WordFilter: never a false negative, few false positives; and the spelling list still folds
// every one of its words through the filter in front of it.

#include "index/analysis/word_filter.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "index/analysis/spelling.h"

namespace nsearch::analysis {
namespace {

// The "british american" pairs of the embedded list.
std::vector<std::pair<std::string, std::string>> SpellingPairs() {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::istringstream lines{std::string(EmbeddedSpellingVariants())};
  std::string line;
  while (std::getline(lines, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string british, american;
    if (words >> british >> american)
      pairs.emplace_back(british, american);
  }
  return pairs;
}

TEST(WordFilterTest, HoldsEveryWordAddedAndRejectsMostOthers) {
  std::mt19937 rng(7);
  std::set<std::string> added;
  WordFilter filter;
  const auto random_word = [&rng](size_t max_length) {
    std::string word(1 + rng() % max_length, 'a');
    for (char& c : word) c = static_cast<char>('a' + rng() % 26);
    return word;
  };
  for (int i = 0; i < 2000; ++i) {
    const std::string word = random_word(14);
    filter.Add(word);
    added.insert(word);
  }
  filter.Add("");
  added.insert("");
  for (const std::string& word : added) EXPECT_TRUE(filter.MayContain(word)) << word;
  int tried = 0, passed = 0;
  while (tried < 100000) {
    const std::string word = random_word(14);
    if (added.count(word))
      continue;
    ++tried;
    passed += filter.MayContain(word) ? 1 : 0;
  }
  EXPECT_LT(passed, tried / 20) << "false positives";  // 2,000 of 65,536 bits: about 3%
}

TEST(WordFilterTest, EverySpellingVariantStillFolds) {
  const auto pairs = SpellingPairs();
  ASSERT_GT(pairs.size(), 900u);
  EXPECT_EQ(pairs.size(), SpellingVariantCount());
  for (const auto& [british, american] : pairs) {
    const auto folded = AmericanSpelling(british);
    ASSERT_TRUE(folded.has_value()) << british;
    EXPECT_EQ(*folded, american) << british;
  }
  EXPECT_FALSE(AmericanSpelling("defense").has_value());
  EXPECT_FALSE(AmericanSpelling("").has_value());
}

}  // namespace
}  // namespace nsearch::analysis
