// The Lucene-style additions to the query language end to end: sloppy phrase frequencies
// computed by hand, boosts and operators through the Searcher.

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "query/eval/phrase_scorer.h"
#include "query/searcher.h"
#include "tests/query/search_test_util.h"

namespace nsearch::query {
namespace {

double SloppyFreq(const std::vector<std::vector<uint32_t>>& positions,
                  const std::vector<uint32_t>& offsets, const std::vector<size_t>& same_as,
                  uint32_t slop) {
  std::vector<std::span<const uint32_t>> lists(positions.begin(), positions.end());
  SloppyPhraseMatcher matcher(offsets, same_as, slop);
  return matcher.Freq(lists);
}

TEST(SloppyPhraseMatcherTest, InOrderMatchIsOne) {
  // "a b" in "a b": both terms at shifted position 0.
  EXPECT_EQ(SloppyFreq({{0}, {1}}, {0, 1}, {0, 1}, 1), 1.0);
}

TEST(SloppyPhraseMatcherTest, GapCostsOneMovePerPosition) {
  // "a b" in "a x b": one move, 1 / 2; out of reach with slop 0 (not used) is the exact path.
  EXPECT_EQ(SloppyFreq({{0}, {2}}, {0, 1}, {0, 1}, 1), 0.5);
  EXPECT_EQ(SloppyFreq({{0}, {3}}, {0, 1}, {0, 1}, 1), 0.0);
}

TEST(SloppyPhraseMatcherTest, ReversedOrderNeedsSlopTwo) {
  // "a b" in "b a": a at 1 (shifted 1), b at 0 (shifted -1): length 2, as in Lucene.
  EXPECT_EQ(SloppyFreq({{1}, {0}}, {0, 1}, {0, 1}, 1), 0.0);
  EXPECT_DOUBLE_EQ(SloppyFreq({{1}, {0}}, {0, 1}, {0, 1}, 2), 1.0 / 3);
}

TEST(SloppyPhraseMatcherTest, SumsSeveralMatches) {
  // "a b" in "a b x x x a b": two exact matches.
  EXPECT_EQ(SloppyFreq({{0, 5}, {1, 6}}, {0, 1}, {0, 1}, 3), 2.0);
  // "a b" in "a a a b" (Lucene's walk keeps one match, minimized to length 0).
  EXPECT_EQ(SloppyFreq({{0, 1, 2}, {3}}, {0, 1}, {0, 1}, 10), 1.0);
}

TEST(SloppyPhraseMatcherTest, RepeatedTermNeedsTwoPositions) {
  // "a a"~1 in "a": one occurrence cannot be both copies.
  EXPECT_EQ(SloppyFreq({{0}, {0}}, {0, 1}, {0, 0}, 1), 0.0);
  // "a a"~1 in "a x a": copies at 0 and 2, one move: 1 / 2.
  EXPECT_EQ(SloppyFreq({{0, 2}, {0, 2}}, {0, 1}, {0, 0}, 1), 0.5);
}

class QueryLanguageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<store::StoredDocument> docs = {
        {"d0", "", "mutual defense treaty", "", ""},
        {"d1", "", "defense of the mutual kind", "", ""},
        {"d2", "", "mutual aid and a common defense", "", ""},
        {"d3", "", "treaty alone", "", ""},
    };
    ASSERT_NO_FATAL_FAILURE(
        BuildTestIndex(docs, analysis::AnalyzerOptions(), size_t{256} << 20, &index_));
  }

  std::vector<std::string> Ids(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.fetch_documents = false;
    Result<SearchResponse> r = index_.searcher->Search(request);
    EXPECT_TRUE(r.ok()) << query << ": " << r.status().ToString();
    std::vector<std::string> ids;
    if (r.ok()) {
      for (const SearchHit& h : r->hits) {
        ids.push_back(h.id);
      }
    }
    return ids;
  }

  double ScoreOf(const std::string& query, const std::string& id) {
    SearchRequest request;
    request.query = query;
    Result<SearchResponse> r = index_.searcher->Search(request);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    for (const SearchHit& h : r->hits) {
      if (h.id == id) {
        return h.score;
      }
    }
    return -1;
  }

  TestIndex index_;
};

TEST_F(QueryLanguageTest, SloppyPhraseWidensTheMatch) {
  EXPECT_EQ(Ids("\"mutual defense\""), std::vector<std::string>{"d0"});
  EXPECT_EQ(Ids("\"mutual defense\"~0"), std::vector<std::string>{"d0"});
  EXPECT_EQ(Ids("\"mutual defense\"~3"), std::vector<std::string>{"d0"});
  // d2: "mutual aid [and] [a] common defense": defense is 4 positions past its place.
  // d1: "defense [of] [the] mutual": 3 apart and reversed, 4 moves (Lucene counts 2 for a swap).
  // Both weigh 1 / 5; d1 is the shorter document.
  EXPECT_EQ(Ids("\"mutual defense\"~4"), (std::vector<std::string>{"d0", "d1", "d2"}));
  EXPECT_EQ(Ids("\"defense mutual\"~1"), std::vector<std::string>{});
  // d0 swapped (2 moves), d1 "defense [of] [the] mutual" 2 past: both 1 / 3, same length.
  EXPECT_EQ(Ids("\"defense mutual\"~2"), (std::vector<std::string>{"d0", "d1"}));
}

TEST_F(QueryLanguageTest, BoostMultipliesTheScore) {
  const double plain = ScoreOf("treaty", "d3");
  ASSERT_GT(plain, 0);
  EXPECT_DOUBLE_EQ(ScoreOf("treaty^2", "d3"), 2 * plain);
  EXPECT_DOUBLE_EQ(ScoreOf("(treaty alone)^0.5", "d3"), 0.5 * ScoreOf("treaty alone", "d3"));
  EXPECT_EQ(Ids("alone mutual")[0], "d3");
  EXPECT_NE(Ids("alone mutual^10")[0], "d3");
}

TEST_F(QueryLanguageTest, OperatorsSelectDocuments) {
  EXPECT_EQ(Ids("mutual AND treaty"), std::vector<std::string>{"d0"});
  EXPECT_EQ(Ids("treaty AND NOT mutual"), std::vector<std::string>{"d3"});
  EXPECT_EQ(Ids("treaty && !alone"), std::vector<std::string>{"d0"});
  EXPECT_EQ(Ids("NOT treaty").size(), 0u);
  EXPECT_EQ(Ids("aid OR alone").size(), 2u);
  EXPECT_EQ(Ids("aid OR treaty AND alone").size(), 2u);
  EXPECT_EQ(Ids("aid OR treaty AND alone"), Ids("aid (+treaty +alone)"));
}

TEST_F(QueryLanguageTest, BadSyntaxIsInvalidArgumentWithColumn) {
  SearchRequest request;
  request.query = "mutual AND";
  Result<TopDocs> r = index_.searcher->TopHits(request);
  ASSERT_TRUE(r.status().IsInvalidArgument());
  EXPECT_EQ(r.status().message(),
            "query: column 8: 'AND' must be followed by a word, phrase or group");
}

}  // namespace
}  // namespace nsearch::query
