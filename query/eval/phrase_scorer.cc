#include "query/eval/phrase_scorer.h"

#include <algorithm>
#include <numeric>

namespace nsearch::query {

PhraseScorer::PhraseScorer(const segment::SegmentReader& segment,
                           const std::vector<PhraseTerm>& terms, const Bm25TermScorer& bm25)
    : segment_(segment), bm25_(bm25) {
  cursors_.reserve(terms.size());
  for (const auto& t : terms) {
    cursors_.push_back(segment.OpenCursor(t.info));
    offsets_.push_back(t.offset);
  }
  order_.resize(cursors_.size());
  std::iota(order_.begin(), order_.end(), 0);
  std::stable_sort(order_.begin(), order_.end(),
                   [this](size_t a, size_t b) { return cursors_[a].cost() < cursors_[b].cost(); });
  doc_ = FindMatch(cursors_[order_[0]].doc());
}

DocId PhraseScorer::FindMatch(DocId target) {
  for (;;) {
    // Leapfrog until every cursor is on `target`.
    bool aligned = false;
    while (!aligned) {
      if (target == kEndDoc) {
        return kEndDoc;
      }
      aligned = true;
      for (size_t i : order_) {
        const DocId d = cursors_[i].doc() < target ? cursors_[i].Seek(target) : cursors_[i].doc();
        if (d != target) {
          target = d;
          aligned = false;
          break;
        }
      }
    }
    freq_ = CountOccurrences();
    if (freq_ > 0) {
      return target;
    }
    target = cursors_[order_[0]].Next();
  }
}

uint32_t PhraseScorer::CountOccurrences() {
  const size_t n = cursors_.size();
  std::vector<std::span<const uint32_t>> lists(n);
  for (size_t i = 0; i < n; ++i) {
    lists[i] = cursors_[i].positions();
    if (lists[i].empty()) {
      return 0;
    }
  }
  // For each position of the first term, the phrase starts at p - offset[0]; every other term
  // must sit at start + offset[i]. Lists are sorted, so each pointer only moves forward.
  std::vector<size_t> at(n, 0);
  uint32_t count = 0;
  for (uint32_t p0 : lists[0]) {
    if (p0 < offsets_[0]) {
      continue;
    }
    const uint64_t start = p0 - offsets_[0];
    bool all = true;
    for (size_t i = 1; i < n && all; ++i) {
      const uint64_t want = start + offsets_[i];
      while (at[i] < lists[i].size() && lists[i][at[i]] < want) {
        ++at[i];
      }
      all = at[i] < lists[i].size() && lists[i][at[i]] == want;
    }
    count += all ? 1 : 0;
  }
  return count;
}

DocId PhraseScorer::Next() {
  if (doc_ == kEndDoc) {
    return doc_;
  }
  return doc_ = FindMatch(cursors_[order_[0]].Next());
}

DocId PhraseScorer::Seek(DocId target) {
  if (doc_ >= target) {
    return doc_;
  }
  return doc_ = FindMatch(cursors_[order_[0]].Seek(target));
}

Status PhraseScorer::status() const {
  for (const auto& c : cursors_) {
    NSEARCH_RETURN_IF_ERROR(c.status());
  }
  return Status::Ok();
}

}  // namespace nsearch::query
