#ifndef NSEARCH_QUERY_COLLECT_TOP_K_COLLECTOR_H_
#define NSEARCH_QUERY_COLLECT_TOP_K_COLLECTOR_H_

#include <algorithm>
#include <cstdint>
#include <vector>

namespace nsearch::query {

// A scored document, with a document number global to the index.
struct Hit {
  uint64_t doc = 0;
  double score = 0;
};

// Ranking order: score descending, then document number ascending. Deterministic, so pruned and
// exhaustive evaluators can be compared hit for hit.
inline bool RanksBefore(const Hit& a, const Hit& b) {
  return a.score > b.score || (a.score == b.score && a.doc < b.doc);
}

// Keeps the k best hits seen. Not thread-safe.
class TopKCollector {
 public:
  explicit TopKCollector(size_t k) : k_(k) { heap_.reserve(std::min<size_t>(k, 1 << 16)); }

  // Offers a hit; returns true if it was kept.
  bool Insert(const Hit& hit) {
    if (k_ == 0) {
      return false;
    }
    if (heap_.size() < k_) {
      heap_.push_back(hit);
      std::push_heap(heap_.begin(), heap_.end(), RanksBefore);
      return true;
    }
    if (!RanksBefore(hit, heap_.front())) {
      return false;
    }
    std::pop_heap(heap_.begin(), heap_.end(), RanksBefore);
    heap_.back() = hit;
    std::push_heap(heap_.begin(), heap_.end(), RanksBefore);
    return true;
  }

  // Once full(), a new hit must rank before worst() to be kept (pruning evaluators use it).
  bool full() const { return heap_.size() == k_; }
  // REQUIRES: the collector holds a hit.
  const Hit& worst() const { return heap_.front(); }

  // The kept hits, best first. Leaves the collector empty.
  std::vector<Hit> TakeSorted() {
    std::sort_heap(heap_.begin(), heap_.end(), RanksBefore);
    return std::move(heap_);
  }

 private:
  size_t k_;
  std::vector<Hit> heap_;  // heap whose front is the worst kept hit
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_COLLECT_TOP_K_COLLECTOR_H_
