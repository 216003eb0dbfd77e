#include "query/edit_distance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "tests/support/brute_force_searcher.h"

namespace nsearch::query {
namespace {

TEST(EditDistanceTest, CountsEachKindOfEditOnce) {
  EXPECT_EQ(BoundedEditDistance(U"defense", U"defense", 2), 0u);
  EXPECT_EQ(BoundedEditDistance(U"defense", U"defence", 2), 1u);  // substitution
  EXPECT_EQ(BoundedEditDistance(U"defense", U"defens", 2), 1u);   // deletion
  EXPECT_EQ(BoundedEditDistance(U"defens", U"defense", 2), 1u);   // insertion
  EXPECT_EQ(BoundedEditDistance(U"defense", U"edfense", 2), 1u);  // transposition
  EXPECT_EQ(BoundedEditDistance(U"ca", U"abc", 2), 3u);  // OSA: no edit of a transposed pair
  EXPECT_EQ(BoundedEditDistance(U"", U"ab", 2), 2u);
  EXPECT_EQ(BoundedEditDistance(U"kitten", U"sitting", 2), 3u);  // 3 > 2: max + 1
  EXPECT_EQ(BoundedEditDistance(U"kitten", U"sitting", 3), 3u);
}

TEST(EditDistanceTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePoints("séoul").size(), 5u);
  EXPECT_EQ(BoundedEditDistance(CodePoints("séoul"), CodePoints("seoul"), 2), 1u);
  EXPECT_EQ(BoundedEditDistance(CodePoints("서울"), CodePoints("서을"), 2), 1u);
  EXPECT_EQ(CodePoints(std::string("a\xff"
                                   "b"))
                .size(),
            3u);  // an invalid byte is one
}

TEST(EditDistanceTest, BoundedEqualsTheFullTableOnRandomStrings) {
  std::mt19937 rng(5);
  for (int iter = 0; iter < 50000; ++iter) {
    // A three-letter alphabet makes near misses and transpositions common.
    auto random_string = [&] {
      std::u32string s(rng() % 9, U'a');
      for (auto& c : s) c = U'a' + static_cast<char32_t>(rng() % 3);
      return s;
    };
    const std::u32string a = random_string(), b = random_string();
    const uint32_t max = rng() % 4;
    EXPECT_EQ(BoundedEditDistance(a, b, max),
              std::min<size_t>(test::FullEditDistance(a, b), max + 1))
        << "max " << max << " sizes " << a.size() << " " << b.size();
  }
}

}  // namespace
}  // namespace nsearch::query
