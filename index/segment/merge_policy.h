#ifndef NSEARCH_INDEX_SEGMENT_MERGE_POLICY_H_
#define NSEARCH_INDEX_SEGMENT_MERGE_POLICY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "index/segment/segment_info.h"

namespace nsearch::segment {

// A tiered merge policy over adjacent segments (after Lucene's LogMergePolicy): a segment's
// tier is log(live documents) in base `segments_per_tier`; windows of `segments_per_tier`
// adjacent segments of the top tier present (allowing 0.75 tier below it, and all segments
// under `floor_docs` as one tier) are merged into one of the next tier. So an index of N
// documents has O(segments_per_tier * log N) segments and a document is rewritten O(log N)
// times. Only adjacent segments merge, so documents keep the order they were added in (ties
// in ranking go to the earlier document). A segment whose deleted share passes
// `max_deleted_fraction` is rewritten on its own to drop them.
struct MergePolicy {
  size_t segments_per_tier = 10;
  // Segments below this many live documents all count as the lowest tier.
  size_t floor_docs = 1000;
  double max_deleted_fraction = 0.3;
  // A policy that never merges on its own (ForceMerge still works): for tests.
  static MergePolicy Never() {
    MergePolicy policy;
    policy.segments_per_tier = SIZE_MAX;
    policy.max_deleted_fraction = 1.0;
    return policy;
  }
  // Merges (each a list of positions in `segments`, ascending) to run now; no segment appears
  // twice. Empty when nothing needs merging.
  std::vector<std::vector<size_t>> FindMerges(const std::vector<SegmentInfo>& segments) const;
  // A merge of adjacent segments (the window of smallest total size) that reduces `segments`
  // to at most max_segments (>= 1); a lone segment with deletions is rewritten when
  // max_segments is 1.
  std::vector<std::vector<size_t>> FindForcedMerges(const std::vector<SegmentInfo>& segments,
                                                    size_t max_segments) const;
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_MERGE_POLICY_H_
