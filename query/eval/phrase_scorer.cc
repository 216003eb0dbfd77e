#include "query/eval/phrase_scorer.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace nsearch::query {

SloppyPhraseMatcher::SloppyPhraseMatcher(std::vector<uint32_t> offsets,
                                         const std::vector<size_t>& same_as, uint32_t slop)
    : offsets_(offsets.begin(), offsets.end()),
      same_as_(same_as),
      rank_(offsets.size()),
      repeated_(offsets.size()),
      slop_(slop),
      at_(offsets.size()),
      pos_(offsets.size()) {
  for (size_t i = 0; i < same_as_.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (same_as_[j] == same_as_[i]) {
        ++rank_[i];
        repeated_[i] = repeated_[j] = true;
      }
    }
  }
}

bool SloppyPhraseMatcher::Advance(size_t i) {
  if (++at_[i] >= lists_[i].size()) {
    return false;
  }
  pos_[i] = static_cast<int64_t>(lists_[i][at_[i]]) - offsets_[i];
  end_ = std::max(end_, pos_[i]);
  return true;
}

// Lucene's advanceRpts: while term i sits on the same position as another copy of its term,
// the lesser of the two (by shifted position, then offset) moves on.
bool SloppyPhraseMatcher::ResolveRepeats(size_t i) {
  if (!repeated_[i]) {
    return true;
  }
  for (;;) {
    size_t other = pos_.size();
    for (size_t j = 0; j < pos_.size(); ++j) {
      if (j != i && same_as_[j] == same_as_[i] && pos_[j] + offsets_[j] == pos_[i] + offsets_[i]) {
        other = j;
        break;
      }
    }
    if (other == pos_.size()) {
      return true;
    }
    const bool i_lesser =
        pos_[i] < pos_[other] || (pos_[i] == pos_[other] && offsets_[i] < offsets_[other]);
    i = i_lesser ? i : other;
    if (!Advance(i)) {
      return false;
    }
  }
}

double SloppyPhraseMatcher::Freq(std::span<const std::span<const uint32_t>> lists) {
  const size_t n = offsets_.size();
  lists_ = lists;
  end_ = std::numeric_limits<int64_t>::min();
  for (size_t i = 0; i < n; ++i) {
    at_[i] = rank_[i];
    if (at_[i] >= lists[i].size()) {
      return 0;
    }
    pos_[i] = static_cast<int64_t>(lists[i][at_[i]]) - offsets_[i];
    end_ = std::max(end_, pos_[i]);
  }
  const int64_t slop = slop_;
  auto weight = [](int64_t length) { return 1.0 / static_cast<double>(length + 1); };
  double freq = 0;
  for (;;) {
    // The lead is the term furthest behind (ties: the smaller offset), as Lucene's PhraseQueue.
    size_t lead = 0;
    for (size_t i = 1; i < n; ++i) {
      if (pos_[i] < pos_[lead] || (pos_[i] == pos_[lead] && offsets_[i] < offsets_[lead])) {
        lead = i;
      }
    }
    int64_t next = std::numeric_limits<int64_t>::max();
    for (size_t i = 0; i < n; ++i) {
      next = i == lead ? next : std::min(next, pos_[i]);
    }
    int64_t length = end_ - pos_[lead];
    for (;;) {
      if (!Advance(lead) || !ResolveRepeats(lead)) {
        return length <= slop ? freq + weight(length) : freq;
      }
      if (pos_[lead] > next) {
        break;  // the match is as short as this lead makes it
      }
      length = std::min(length, end_ - pos_[lead]);
    }
    if (length <= slop) {
      freq += weight(length);
    }
  }
}

PhraseScorer::PhraseScorer(const segment::SegmentReader& segment,
                           const std::vector<PhraseTerm>& terms, uint32_t field,
                           const Bm25TermScorer& bm25, uint32_t slop)
    : segment_(segment), field_(field), bm25_(bm25) {
  cursors_.reserve(terms.size());
  uint64_t min_freq = std::numeric_limits<uint32_t>::max();
  uint64_t sum_freq = 0;
  uint32_t min_doc_len = 0;
  std::vector<size_t> same_as;
  for (const auto& t : terms) {
    cursors_.push_back(segment.OpenCursor(t.info));
    offsets_.push_back(t.offset);
    min_freq = std::min<uint64_t>(min_freq, t.info.max_freq);
    sum_freq += t.info.max_freq;
    min_doc_len = std::max(min_doc_len, t.info.min_doc_len);
    size_t first = same_as.size();
    for (size_t j = 0; j < same_as.size(); ++j) {
      if (terms[j].info == t.info) {  // the same term
        first = j;
        break;
      }
    }
    same_as.push_back(first);
  }
  if (slop > 0) {
    sloppy_.emplace(offsets_, same_as, slop);
  }
  max_score_ = Bound(min_freq, sum_freq, min_doc_len);
  order_.resize(cursors_.size());
  std::iota(order_.begin(), order_.end(), 0);
  std::stable_sort(order_.begin(), order_.end(),
                   [this](size_t a, size_t b) { return cursors_[a].cost() < cursors_[b].cost(); });
  lists_.resize(cursors_.size());
  at_.resize(cursors_.size());
  doc_ = FindMatch(cursors_[order_[0]].doc());
  confirmed_ = true;
}

DocId PhraseScorer::Align(DocId target) {
  for (;;) {
    if (target == kEndDoc) {
      return kEndDoc;
    }
    bool aligned = true;
    for (size_t i : order_) {
      const DocId d = cursors_[i].doc() < target ? cursors_[i].Seek(target) : cursors_[i].doc();
      if (d != target) {
        target = d;
        aligned = false;
        break;
      }
    }
    if (aligned) {
      return target;
    }
  }
}

DocId PhraseScorer::FindMatch(DocId target) {
  for (;;) {
    target = Align(target);
    if (target == kEndDoc) {
      return kEndDoc;
    }
    if (CheckPositions()) {
      return target;
    }
    target = cursors_[order_[0]].Next();
  }
}

double PhraseScorer::Bound(uint64_t min_freq, uint64_t sum_freq, uint32_t min_doc_len) const {
  return bm25_.UpperBound(static_cast<double>(sloppy_ ? sum_freq : min_freq), min_doc_len);
}

bool PhraseScorer::CheckPositions() {
  if (!sloppy_) {
    freq_ = CountOccurrences();
    return freq_ > 0;
  }
  for (size_t i = 0; i < cursors_.size(); ++i) {
    lists_[i] = cursors_[i].positions();
  }
  sloppy_freq_ = sloppy_->Freq(lists_);
  return sloppy_freq_ > 0;
}

uint32_t PhraseScorer::CountOccurrences() {
  const size_t n = cursors_.size();
  for (size_t i = 0; i < n; ++i) {
    lists_[i] = cursors_[i].positions();
    if (lists_[i].empty()) {
      return 0;
    }
    at_[i] = 0;
  }
  // For each position of the first term, the phrase starts at p - offset[0]; every other term
  // must sit at start + offset[i]. Lists are sorted, so each pointer only moves forward.
  uint32_t count = 0;
  for (uint32_t p0 : lists_[0]) {
    if (p0 < offsets_[0]) {
      continue;
    }
    const uint64_t start = p0 - offsets_[0];
    bool all = true;
    for (size_t i = 1; i < n && all; ++i) {
      const uint64_t want = start + offsets_[i];
      while (at_[i] < lists_[i].size() && lists_[i][at_[i]] < want) {
        ++at_[i];
      }
      all = at_[i] < lists_[i].size() && lists_[i][at_[i]] == want;
    }
    count += all ? 1 : 0;
  }
  return count;
}

DocId PhraseScorer::Next() {
  if (doc_ == kEndDoc) {
    return doc_;
  }
  confirmed_ = true;
  return doc_ = FindMatch(cursors_[order_[0]].Next());
}

DocId PhraseScorer::Seek(DocId target) {
  if (doc_ >= target && confirmed_) {
    return doc_;
  }
  // A candidate at or past the target may still fail its positions check: start from it.
  const DocId from = doc_ >= target ? doc_ : cursors_[order_[0]].Seek(target);
  confirmed_ = true;
  return doc_ = FindMatch(from);
}

DocId PhraseScorer::NextCandidate() {
  if (doc_ == kEndDoc) {
    return doc_;
  }
  confirmed_ = false;
  return doc_ = Align(cursors_[order_[0]].Next());
}

DocId PhraseScorer::SeekCandidate(DocId target) {
  if (doc_ >= target) {
    return doc_;
  }
  confirmed_ = false;
  return doc_ = Align(cursors_[order_[0]].Seek(target));
}

bool PhraseScorer::Matches() {
  if (!confirmed_) {
    confirmed_ = true;
    if (!CheckPositions()) {
      // Not a match: stay on the document, but as a candidate the next move skips.
      confirmed_ = false;
      return false;
    }
  }
  return true;
}

double PhraseScorer::CandidateMaxScore() {
  uint64_t min_freq = std::numeric_limits<uint32_t>::max();
  uint64_t sum_freq = 0;
  for (const auto& c : cursors_) {
    min_freq = std::min<uint64_t>(min_freq, c.freq());
    sum_freq += c.freq();
  }
  return Bound(min_freq, sum_freq, segment_.doc_length(doc_));
}

DocId PhraseScorer::ShallowAdvance(DocId target) {
  const DocId from = std::max(target, doc_);
  DocId end = kEndDoc;
  for (auto& c : cursors_) {
    end = std::min(end, c.ShallowSeek(from));
  }
  return end;
}

double PhraseScorer::MaxScoreUpTo(DocId up_to) {
  if (doc_ > up_to) {
    return 0;
  }
  uint64_t min_freq = std::numeric_limits<uint32_t>::max();
  uint64_t sum_freq = 0;
  uint32_t min_doc_len = 0;
  for (const auto& c : cursors_) {
    uint32_t term_max_freq = 0;
    uint32_t term_min_len = std::numeric_limits<uint32_t>::max();
    for (uint32_t b = c.shallow_block(); b < c.num_blocks(); ++b) {
      const postings::PostingCursor::BlockBounds bounds = c.block_bounds(b);
      term_max_freq = std::max(term_max_freq, bounds.max_freq);
      term_min_len = std::min(term_min_len, bounds.min_doc_len);
      if (bounds.last_doc >= up_to) {
        break;
      }
    }
    if (term_max_freq == 0) {
      return 0;  // a term with no document left: no phrase either
    }
    min_freq = std::min<uint64_t>(min_freq, term_max_freq);
    sum_freq += term_max_freq;
    min_doc_len = std::max(min_doc_len, term_min_len);
  }
  return Bound(min_freq, sum_freq, min_doc_len);
}

Status PhraseScorer::status() const {
  for (const auto& c : cursors_) {
    NSEARCH_RETURN_IF_ERROR(c.status());
  }
  return Status::Ok();
}

}  // namespace nsearch::query
