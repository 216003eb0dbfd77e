// date: filters through the Searcher: which documents they keep, that they leave scores alone,
// and the index they need. SearcherOracleTest covers them on random corpora.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "index/segment/index_writer.h"
#include "query/searcher.h"
#include "tests/query/search_test_util.h"

namespace nsearch::query {
namespace {

class DateFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<store::StoredDocument> docs = {
        {"d0", "", "korea pact", "2024-06-19", ""},
        {"d1", "", "korea summit", "2024-06-20T09:00:00Z", ""},
        {"d2", "", "korea talks", "2024-05-31", ""},
        {"d3", "", "korea news", "", ""},             // no date
        {"d4", "", "korea report", "June 2024", ""},  // not a date
        {"d5", "", "korea history", "1950-06-25", ""},
        {"d6", "", "pact", "2025-01-01", ""},
    };
    // Several segments: every dictionary's date terms count.
    ASSERT_NO_FATAL_FAILURE(BuildTestIndex(docs, analysis::AnalyzerOptions(), 1, &index_));
    ASSERT_GT(index_.reader->num_segments(), 1u);
  }

  std::vector<std::string> Ids(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    Result<SearchResponse> r = index_.searcher->Search(request);
    EXPECT_TRUE(r.ok()) << query << ": " << r.status().ToString();
    std::vector<std::string> ids;
    if (r.ok()) {
      for (const SearchHit& h : r->hits) ids.push_back(h.id);
      std::sort(ids.begin(), ids.end());
      EXPECT_EQ(r->total, ids.size()) << query;
    }
    return ids;
  }

  TestIndex index_;
};

using IdList = std::vector<std::string>;

TEST_F(DateFilterTest, KeepsTheDocumentsDatedWithinTheRange) {
  EXPECT_EQ(Ids("date:2024-06-19"), IdList{"d0"});
  EXPECT_EQ(Ids("date:2024-06-20"), IdList{"d1"});  // the time of day is ignored
  EXPECT_EQ(Ids("date:2024-06"), (IdList{"d0", "d1"}));
  EXPECT_EQ(Ids("date:2024"), (IdList{"d0", "d1", "d2"}));
  EXPECT_EQ(Ids("date:>=2024-06-19"), (IdList{"d0", "d1", "d6"}));
  EXPECT_EQ(Ids("date:>2024-06-19"), (IdList{"d1", "d6"}));
  EXPECT_EQ(Ids("date:<2024-06-19"), (IdList{"d2", "d5"}));
  EXPECT_EQ(Ids("date:[2024-05-31 TO 2024-06-19]"), (IdList{"d0", "d2"}));
  EXPECT_EQ(Ids("date:{2024-05-31 TO 2024-06-20}"), IdList{"d0"});
  EXPECT_EQ(Ids("date:[* TO *]"), (IdList{"d0", "d1", "d2", "d5", "d6"}));  // dated ones
  EXPECT_EQ(Ids("date:[2024-07-01 TO 2024-06-01]"), IdList{});
  EXPECT_EQ(Ids("date:1999"), IdList{});
}

TEST_F(DateFilterTest, FiltersCombineWithWordsWithoutChangingScores) {
  EXPECT_EQ(Ids("korea date:2024-06"), (IdList{"d0", "d1"}));  // optional in form, required
  EXPECT_EQ(Ids("pact date:2024"), IdList{"d0"});  // "pact" stays needed: d1, d2 lack it
  EXPECT_EQ(Ids("korea +date:2024-06"), (IdList{"d0", "d1"}));
  EXPECT_EQ(Ids("korea -date:2024"), (IdList{"d3", "d4", "d5"}));
  EXPECT_EQ(Ids("pact AND date:>=2025"), IdList{"d6"});
  EXPECT_EQ(Ids("(pact OR summit) date:2024"), (IdList{"d0", "d1"}));

  SearchRequest plain, filtered;
  plain.query = "korea pact";
  filtered.query = "korea pact date:2024";
  Result<SearchResponse> a = index_.searcher->Search(plain);
  Result<SearchResponse> b = index_.searcher->Search(filtered);
  ASSERT_TRUE(a.ok() && b.ok());
  for (const SearchHit& hb : b->hits) {
    const auto it = std::find_if(a->hits.begin(), a->hits.end(),
                                 [&](const SearchHit& ha) { return ha.id == hb.id; });
    ASSERT_NE(it, a->hits.end()) << hb.id;
    EXPECT_EQ(it->score, hb.score) << hb.id;  // bit for bit
  }
  SearchRequest only;
  only.query = "date:2024";
  only.explain = true;
  Result<SearchResponse> c = index_.searcher->Search(only);
  ASSERT_TRUE(c.ok());
  for (const SearchHit& h : c->hits) {
    EXPECT_EQ(h.score, 0) << h.id;
    ASSERT_TRUE(h.explanation.has_value());
    EXPECT_NE(ToText(*h.explanation).find("filter date:[2024-01-01 TO 2024-12-31]"),
              std::string::npos)
        << ToText(*h.explanation);
  }
}

TEST_F(DateFilterTest, CountsMatchWithoutRanking) {
  SearchRequest request;
  request.query = "korea date:>=2024";
  request.count_only = true;
  Result<TopDocs> top = index_.searcher->TopHits(request);
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->total, 3u);
}

TEST_F(DateFilterTest, DatesAreNeverExpandedAsWords) {
  // "20240619" is a word of no document; a fuzzy word two edits from the date term must not
  // reach it.
  EXPECT_EQ(Ids("20240619~2"), IdList{});
}

TEST(DateFilterOldIndexTest, AnIndexWithoutDateTermsSaysToReindex) {
  analysis::AnalyzerOptions old;
  old.index_dates = false;  // as read from an index built before dates were indexed
  TestIndex index;
  ASSERT_NO_FATAL_FAILURE(
      BuildTestIndex({{"d0", "", "korea", "2024-06-19", ""}}, old, size_t{1} << 20, &index));
  SearchRequest request;
  request.query = "korea date:2024";
  Result<SearchResponse> r = index.searcher->Search(request);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "query: 'date:[2024-01-01 TO 2024-12-31]' needs dates in the index, and this one was "
            "built before nsearch indexed them: index the documents again to filter by date");
  request.query = "korea";
  EXPECT_TRUE(index.searcher->Search(request).ok());
}

}  // namespace
}  // namespace nsearch::query
