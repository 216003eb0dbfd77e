#include "query/eval/phrase_scorer.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace nsearch::query {

PhraseScorer::PhraseScorer(const segment::SegmentReader& segment,
                           const std::vector<PhraseTerm>& terms, const Bm25TermScorer& bm25)
    : segment_(segment), bm25_(bm25) {
  cursors_.reserve(terms.size());
  uint32_t max_freq = std::numeric_limits<uint32_t>::max();
  uint32_t min_doc_len = 0;
  for (const auto& t : terms) {
    cursors_.push_back(segment.OpenCursor(t.info));
    offsets_.push_back(t.offset);
    max_freq = std::min(max_freq, t.info.max_freq);
    min_doc_len = std::max(min_doc_len, t.info.min_doc_len);
  }
  max_score_ = bm25_.UpperBound(max_freq, min_doc_len);
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
    freq_ = CountOccurrences();
    if (freq_ > 0) {
      return target;
    }
    target = cursors_[order_[0]].Next();
  }
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
    freq_ = CountOccurrences();
    confirmed_ = true;
    if (freq_ == 0) {
      // Not a match: stay on the document, but as a candidate the next move skips.
      confirmed_ = false;
      return false;
    }
  }
  return true;
}

double PhraseScorer::CandidateMaxScore() {
  uint32_t max_freq = std::numeric_limits<uint32_t>::max();
  for (const auto& c : cursors_) {
    max_freq = std::min(max_freq, c.freq());
  }
  return bm25_.UpperBound(max_freq, segment_.doc_length(doc_));
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
  uint32_t max_freq = std::numeric_limits<uint32_t>::max();
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
    max_freq = std::min(max_freq, term_max_freq);
    min_doc_len = std::max(min_doc_len, term_min_len);
  }
  return bm25_.UpperBound(max_freq, min_doc_len);
}

Status PhraseScorer::status() const {
  for (const auto& c : cursors_) {
    NSEARCH_RETURN_IF_ERROR(c.status());
  }
  return Status::Ok();
}

}  // namespace nsearch::query
