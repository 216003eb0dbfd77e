#include "index/segment/merge_policy.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nsearch::segment {

std::vector<std::vector<size_t>> MergePolicy::FindMerges(
    const std::vector<SegmentInfo>& segments) const {
  std::vector<std::vector<size_t>> merges;
  const size_t n = segments.size();
  std::vector<bool> taken(n, false);
  if (segments_per_tier >= 2 && segments_per_tier <= n) {
    const double log_base = std::log(static_cast<double>(segments_per_tier));
    const double floor_level =
        std::log(static_cast<double>(std::max<size_t>(floor_docs, 1))) / log_base;
    std::vector<double> level(n);
    for (size_t i = 0; i < n; ++i) {
      const double live = std::max<double>(static_cast<double>(segments[i].live_docs()), 1.0);
      level[i] = std::max(std::log(live) / log_base, floor_level);
    }
    size_t start = 0;
    while (start < n) {
      const double max_level =
          *std::max_element(level.begin() + static_cast<long>(start), level.end());
      // Segments under the floor all count as one tier; above it, a tier spans 0.75 level.
      const double bottom =
          max_level <= floor_level ? -std::numeric_limits<double>::infinity() : max_level - 0.75;
      size_t upto = n;  // one past the last segment of the tier
      while (upto > start && level[upto - 1] < bottom) {
        --upto;
      }
      for (size_t end = start + segments_per_tier; end <= upto; end += segments_per_tier) {
        std::vector<size_t> merge;
        for (size_t i = end - segments_per_tier; i < end; ++i) {
          merge.push_back(i);
          taken[i] = true;
        }
        merges.push_back(std::move(merge));
      }
      start = upto;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const SegmentInfo& s = segments[i];
    if (!taken[i] && s.num_deleted > 0 &&
        static_cast<double>(s.num_deleted) > max_deleted_fraction * s.num_docs) {
      merges.push_back({i});
    }
  }
  return merges;
}

std::vector<std::vector<size_t>> MergePolicy::FindForcedMerges(
    const std::vector<SegmentInfo>& segments, size_t max_segments) const {
  max_segments = std::max<size_t>(max_segments, 1);
  const size_t n = segments.size();
  if (n <= max_segments) {
    if (n == 1 && max_segments == 1 && segments[0].num_deleted > 0) {
      return {{0}};
    }
    return {};
  }
  const size_t width = n - max_segments + 1;
  size_t best = 0;
  uint64_t best_docs = UINT64_MAX;
  for (size_t first = 0; first + width <= n; ++first) {
    uint64_t docs = 0;
    for (size_t i = first; i < first + width; ++i) {
      docs += segments[i].live_docs();
    }
    if (docs < best_docs) {
      best_docs = docs;
      best = first;
    }
  }
  std::vector<size_t> merge;
  for (size_t i = best; i < best + width; ++i) {
    merge.push_back(i);
  }
  return {merge};
}

}  // namespace nsearch::segment
