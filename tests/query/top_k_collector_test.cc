#include "query/collect/top_k_collector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace nsearch::query {
namespace {

std::vector<uint64_t> Docs(const std::vector<Hit>& hits) {
  std::vector<uint64_t> docs;
  for (const Hit& h : hits) {
    docs.push_back(h.doc);
  }
  return docs;
}

TEST(TopKCollectorTest, KeepsKBestBestFirst) {
  TopKCollector collector(3);
  const double scores[] = {0.5, 2.0, 1.0, 3.0, 0.1, 2.5};
  for (uint64_t d = 0; d < 6; ++d) {
    collector.Insert({d, scores[d]});
  }
  EXPECT_TRUE(collector.full());
  EXPECT_EQ(collector.worst().doc, 1u);
  const std::vector<Hit> hits = collector.TakeSorted();
  EXPECT_EQ(Docs(hits), (std::vector<uint64_t>{3, 5, 1}));
  EXPECT_DOUBLE_EQ(hits[0].score, 3.0);
  EXPECT_DOUBLE_EQ(hits[2].score, 2.0);
}

TEST(TopKCollectorTest, InsertReportsWhetherKept) {
  TopKCollector collector(2);
  EXPECT_TRUE(collector.Insert({0, 1.0}));
  EXPECT_TRUE(collector.Insert({1, 2.0}));
  EXPECT_FALSE(collector.Insert({2, 0.5}));
  EXPECT_FALSE(collector.Insert({3, 1.0}));  // ties the worst but has a larger doc
  EXPECT_TRUE(collector.Insert({4, 1.5}));
  EXPECT_EQ(Docs(collector.TakeSorted()), (std::vector<uint64_t>{1, 4}));
}

TEST(TopKCollectorTest, BreaksTiesByDocAscending) {
  TopKCollector collector(3);
  for (uint64_t d : {9, 4, 7, 1, 8}) {
    collector.Insert({d, 1.0});
  }
  EXPECT_EQ(Docs(collector.TakeSorted()), (std::vector<uint64_t>{1, 4, 7}));
}

TEST(TopKCollectorTest, LaterSmallerDocWinsTie) {
  TopKCollector collector(1);
  collector.Insert({5, 1.0});
  EXPECT_TRUE(collector.Insert({2, 1.0}));
  EXPECT_EQ(Docs(collector.TakeSorted()), (std::vector<uint64_t>{2}));
}

TEST(TopKCollectorTest, ZeroKKeepsNothing) {
  TopKCollector collector(0);
  EXPECT_FALSE(collector.Insert({0, 1.0}));
  EXPECT_TRUE(collector.full());
  EXPECT_TRUE(collector.TakeSorted().empty());
}

TEST(TopKCollectorTest, FewerThanKReturnsAllSorted) {
  TopKCollector collector(10);
  collector.Insert({3, 1.0});
  collector.Insert({1, 2.0});
  collector.Insert({2, 1.0});
  EXPECT_FALSE(collector.full());
  EXPECT_EQ(Docs(collector.TakeSorted()), (std::vector<uint64_t>{1, 2, 3}));
}

TEST(TopKCollectorTest, MatchesFullSortOnRandomHits) {
  std::mt19937 rng(42);
  for (int iter = 0; iter < 200; ++iter) {
    const size_t k = rng() % 20;
    std::vector<Hit> all;
    const uint64_t n = rng() % 100;
    for (uint64_t d = 0; d < n; ++d) {
      all.push_back({d, static_cast<double>(rng() % 8)});  // many ties
    }
    std::shuffle(all.begin(), all.end(), rng);
    TopKCollector collector(k);
    for (const Hit& h : all) {
      collector.Insert(h);
    }
    std::sort(all.begin(), all.end(), RanksBefore);
    all.resize(std::min(k, all.size()));
    EXPECT_EQ(Docs(collector.TakeSorted()), Docs(all));
  }
}

}  // namespace
}  // namespace nsearch::query
