#include "index/segment/merge_policy.h"

#include <gtest/gtest.h>

namespace nsearch::segment {
namespace {

std::vector<SegmentInfo> Segments(const std::vector<uint32_t>& sizes) {
  std::vector<SegmentInfo> out;
  for (uint32_t n : sizes) {
    SegmentInfo s;
    s.name = "seg_" + std::to_string(out.size());
    s.num_docs = n;
    out.push_back(s);
  }
  return out;
}

TEST(MergePolicyTest, MergesWindowsOfAdjacentSegmentsOfOneTier) {
  MergePolicy policy;
  policy.segments_per_tier = 3;
  policy.floor_docs = 10;
  EXPECT_TRUE(policy.FindMerges(Segments({5, 5})).empty());
  EXPECT_EQ(policy.FindMerges(Segments({5, 5, 5})), (std::vector<std::vector<size_t>>{{0, 1, 2}}));
  // A big segment first, then small ones: only the small ones merge.
  EXPECT_EQ(policy.FindMerges(Segments({1000, 5, 6, 7, 8})),
            (std::vector<std::vector<size_t>>{{1, 2, 3}}));
  // Three of the top tier merge even with a small one left over behind them.
  EXPECT_EQ(policy.FindMerges(Segments({100, 90, 110, 5})),
            (std::vector<std::vector<size_t>>{{0, 1, 2}}));
}

TEST(MergePolicyTest, RepeatedFlushesKeepFewSegments) {
  MergePolicy policy;
  policy.segments_per_tier = 4;
  policy.floor_docs = 10;
  std::vector<SegmentInfo> segments;
  for (int flush = 0; flush < 500; ++flush) {
    segments.push_back(Segments({10})[0]);
    for (auto merges = policy.FindMerges(segments); !merges.empty();
         merges = policy.FindMerges(segments)) {
      const std::vector<size_t>& m = merges.front();
      SegmentInfo merged;
      for (size_t i : m) merged.num_docs += segments[i].num_docs;
      segments.erase(segments.begin() + static_cast<long>(m.front()),
                     segments.begin() + static_cast<long>(m.back()) + 1);
      segments.insert(segments.begin() + static_cast<long>(m.front()), merged);
    }
    // log4(500) ~ 4.5 tiers of at most 3 segments each.
    ASSERT_LE(segments.size(), 16u) << flush;
  }
  uint64_t total = 0;
  for (const auto& s : segments) total += s.num_docs;
  EXPECT_EQ(total, 5000u);
}

TEST(MergePolicyTest, RewritesSegmentsWithManyDeletions) {
  MergePolicy policy;
  std::vector<SegmentInfo> segments = Segments({100, 100});
  segments[0].num_deleted = 10;
  segments[1].num_deleted = 40;
  EXPECT_EQ(policy.FindMerges(segments), (std::vector<std::vector<size_t>>{{1}}));
  EXPECT_TRUE(MergePolicy::Never().FindMerges(segments).empty());
}

TEST(MergePolicyTest, ForcedMergesPickTheSmallestAdjacentWindow) {
  MergePolicy policy;
  EXPECT_EQ(policy.FindForcedMerges(Segments({50, 1, 2, 40}), 3),
            (std::vector<std::vector<size_t>>{{1, 2}}));
  EXPECT_EQ(policy.FindForcedMerges(Segments({50, 1, 2, 40}), 1),
            (std::vector<std::vector<size_t>>{{0, 1, 2, 3}}));
  EXPECT_TRUE(policy.FindForcedMerges(Segments({50}), 1).empty());
  std::vector<SegmentInfo> one = Segments({50});
  one[0].num_deleted = 1;
  EXPECT_EQ(policy.FindForcedMerges(one, 1), (std::vector<std::vector<size_t>>{{0}}));
}

}  // namespace
}  // namespace nsearch::segment
