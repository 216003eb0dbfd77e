// Prefix (word*) and fuzzy (word~N) words through the Searcher: what they expand to, how they
// score, their limits and errors. SearcherOracleTest and BlockMaxTest cover them on random
// corpora against the brute-force oracle and the exhaustive evaluator.

#include "query/term_expansion.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/searcher.h"
#include "tests/query/search_test_util.h"

namespace nsearch::query {
namespace {

class TermExpansionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<store::StoredDocument> docs = {
        {"d0", "", "defense treaty signed", "", ""},
        {"d1", "", "they defended the border", "", ""},
        {"d2", "", "a defensive posture and defenders", "", ""},
        {"d3", "", "defemse typo noted", "", ""},
        {"d4", "", "defense defense defense budget", "", ""},
        {"d5", "", "nothing to see", "", ""},
    };
    // One segment per document or two: the expansion must see every term dictionary.
    ASSERT_NO_FATAL_FAILURE(BuildTestIndex(docs, analysis::AnalyzerOptions(), 1, &index_));
    ASSERT_GT(index_.reader->num_segments(), 1u);
  }

  Result<SearchResponse> Run(const std::string& query, const ExpansionLimits& limits = {}) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    request.expansion = limits;
    return index_.searcher->Search(request);
  }

  std::vector<std::string> Ids(const std::string& query) {
    Result<SearchResponse> r = Run(query);
    EXPECT_TRUE(r.ok()) << query << ": " << r.status().ToString();
    std::vector<std::string> ids;
    if (r.ok()) {
      for (const SearchHit& h : r->hits) {
        ids.push_back(h.id);
      }
      std::sort(ids.begin(), ids.end());
    }
    return ids;
  }

  std::string ErrorOf(const std::string& query, const ExpansionLimits& limits = {}) {
    Result<SearchResponse> r = Run(query, limits);
    return r.ok() ? "ok" : r.status().message();
  }

  TestIndex index_;
};

using IdList = std::vector<std::string>;

TEST_F(TermExpansionTest, PrefixMatchesEveryTermStartingWithIt) {
  // defens (defense, defensive), defend (defended), defend (defenders -> defend), defems.
  EXPECT_EQ(Ids("defen*"), (IdList{"d0", "d1", "d2", "d4"}));
  EXPECT_EQ(Ids("defe*"), (IdList{"d0", "d1", "d2", "d3", "d4"}));
  EXPECT_EQ(Ids("zzz*"), IdList{});
  EXPECT_EQ(Ids("+zzz* defense"), IdList{});  // a required word that matches nothing
  EXPECT_EQ(Ids("zzz* defense"), (IdList{"d0", "d2", "d4"}));
  EXPECT_EQ(Ids("defen* -border"), (IdList{"d0", "d2", "d4"}));
}

TEST_F(TermExpansionTest, PrefixOfAWholeWordAlsoMatchesItsStem) {
  // "defense" stems to "defens": no index term starts with "defense", yet defense* must find
  // the documents that say "defense".
  EXPECT_EQ(Ids("defense*"), (IdList{"d0", "d2", "d4"}));
  EXPECT_EQ(Ids("Defended*"), (IdList{"d1", "d2"}));  // folded, stemmed: defend (defenders)
}

TEST_F(TermExpansionTest, FuzzyMatchesTermsWithinTheEditDistance) {
  EXPECT_EQ(Ids("defemse~1"), (IdList{"d0", "d2", "d3", "d4"}));  // defems, defens
  EXPECT_EQ(Ids("defemse~0"), IdList{"d3"});
  EXPECT_EQ(Ids("defense~"), (IdList{"d0", "d1", "d2", "d3", "d4"}));  // ~ is two: defend too
  EXPECT_EQ(Ids("bordr~1"), IdList{"d1"});
  EXPECT_EQ(Ids("the~"), IdList{});  // a stopword drops out, as a plain word does
}

TEST_F(TermExpansionTest, ExpansionsShareTheLargestDfSoTyposDoNotWin) {
  // d0 "defense" and d3 "defemse": both once, in documents of the same length. With its own df the
  // rare typo would score higher; blended, the exact word (boost 1) beats the typo (boost 1 - 1/6).
  Result<SearchResponse> r = Run("defense~1");
  ASSERT_TRUE(r.ok());
  double d0 = 0, d3 = 0;
  for (const SearchHit& h : r->hits) {
    if (h.id == "d0")
      d0 = h.score;
    if (h.id == "d3")
      d3 = h.score;
  }
  ASSERT_GT(d3, 0);
  EXPECT_DOUBLE_EQ(d3 / d0, 1 - 1.0 / 6);
}

TEST_F(TermExpansionTest, SnippetsHighlightTheExpandedTerms) {
  Result<SearchResponse> r = Run("defen*");
  ASSERT_TRUE(r.ok());
  bool saw_defenders = false;
  for (const SearchHit& h : r->hits) {
    ASSERT_FALSE(h.snippet.highlights.empty()) << h.id;
    saw_defenders = saw_defenders || h.snippet.text.find("defenders") != std::string::npos;
  }
  EXPECT_TRUE(saw_defenders);
}

TEST_F(TermExpansionTest, LimitsAreReportedNamingTheWord) {
  ExpansionLimits limits;
  limits.max_prefix_terms = 2;
  EXPECT_EQ(ErrorOf("x d*", limits),
            "query: 'd*' matches more than 2 index terms; make the prefix longer");
  EXPECT_EQ(ErrorOf("defend*", limits), "ok");
  limits = {};
  limits.max_fuzzy_words = 2;
  EXPECT_EQ(ErrorOf("x~ y~ z~", limits),
            "query: 'z~2' is one fuzzy word too many: a query may have 2");
  limits = {};
  limits.max_total_terms = 2;
  EXPECT_EQ(ErrorOf("defe*", limits), "query: 'defe*' takes the query over 2 expanded terms");
  limits = {};
  limits.max_fuzzy_terms = 1;
  Result<SearchResponse> closest = Run("defemse~1", limits);
  ASSERT_TRUE(closest.ok());
  ASSERT_EQ(closest->hits.size(), 1u);  // only the exact term "defems" is kept
  EXPECT_EQ(closest->hits[0].id, "d3");
}

TEST_F(TermExpansionTest, WordsThatAreNotOneWordAreRefused) {
  EXPECT_EQ(ErrorOf("jong-un~"), "query: 'jong-un~2' must be exactly one word before '~'");
  EXPECT_EQ(ErrorOf("jong-u*"), "query: 'jong-u*' must have exactly one word before '*'");
  EXPECT_EQ(ErrorOf("!!*"), "query: '!!*' must have exactly one word before '*'");
}

TEST_F(TermExpansionTest, ExplainNamesTheWordATermCameFrom) {
  SearchRequest request;
  request.query = "defemse~1";
  request.explain = true;
  Result<SearchResponse> r = index_.searcher->Search(request);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->hits.empty());
  for (const SearchHit& h : r->hits) {
    ASSERT_TRUE(h.explanation.has_value());
    EXPECT_DOUBLE_EQ(h.explanation->value, h.score) << h.id;
    EXPECT_NE(ToText(*h.explanation).find("(from defemse~1)"), std::string::npos);
  }
}

}  // namespace
}  // namespace nsearch::query
