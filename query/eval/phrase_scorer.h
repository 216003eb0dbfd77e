#ifndef NSEARCH_QUERY_EVAL_PHRASE_SCORER_H_
#define NSEARCH_QUERY_EVAL_PHRASE_SCORER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "index/postings/posting_cursor.h"
#include "index/segment/segment_reader.h"
#include "query/eval/doc_scorer.h"
#include "query/score/bm25.h"

namespace nsearch::query {

// One term of a phrase: its postings and its position relative to the phrase's first term
// (stop words leave gaps: "state of the art" is state@0, art@3).
struct PhraseTerm {
  postings::TermInfo info;
  uint32_t offset = 0;
};

// Lucene's sloppy phrase frequency (SloppyPhraseMatcher, without its multi-term repeats): the
// terms' positions minus their phrase offsets are walked in step, always advancing the one
// furthest behind; a match's length is the spread (largest minus smallest) of those shifted
// positions, minimized while the lead moves, and each match no longer than the slop adds
// 1 / (length + 1). Terms may match out of order ("b a"~2 matches "a b"). A term that occurs
// twice in the phrase must match two different positions (Lucene's repeat groups: the k-th copy
// starts at the k-th occurrence; on a collision the lesser copy moves on). Each match
// consumes one position, so the frequency is at most the sum of the terms' frequencies.
// Not thread-safe (scratch space); reusable across documents.
class SloppyPhraseMatcher {
 public:
  // `offsets`: each term's position in the phrase, increasing; `same_as[i]`: the index of the
  // first term equal to term i (i itself when none before it is). REQUIRES: sizes equal, >= 2.
  SloppyPhraseMatcher(std::vector<uint32_t> offsets, const std::vector<size_t>& same_as,
                      uint32_t slop);
  // The sloppy frequency in one document; lists[i] holds term i's positions, increasing.
  double Freq(std::span<const std::span<const uint32_t>> lists);

 private:
  bool Advance(size_t i);
  bool ResolveRepeats(size_t i);

  std::vector<int64_t> offsets_;
  std::vector<size_t> same_as_;
  std::vector<uint32_t> rank_;  // copies of the same term before this one
  std::vector<bool> repeated_;
  uint32_t slop_;
  std::span<const std::span<const uint32_t>> lists_;
  std::vector<size_t> at_;
  std::vector<int64_t> pos_;  // position minus offset
  int64_t end_ = 0;           // the largest of pos_
};

// Matches documents containing the terms at their relative offsets. Documents are first
// intersected on doc ids, rarest term first; positions are decoded only for those candidates.
// Scores with BM25 using the number of phrase occurrences as the frequency and the sum of the
// terms' idf as the weight (Lucene's PhraseQuery). The segment must outlive it.
//
// Two-phase: the candidates are the documents holding every term; Matches() checks positions.
// Bounds: a phrase occurs at most min(freq of its terms) times in a document, whose length is
// at least the largest of their min_doc_len, so the terms' block bounds bound the phrase. A
// sloppy phrase's frequency is at most the sum of its terms' frequencies (Lucene's maxFreq).
// With a slop > 0, it matches as SloppyPhraseMatcher and scores its sloppy frequency.
class PhraseScorer final : public DocScorer {
 public:
  // `terms` are words of text field `field`, scored on the documents' lengths there.
  // REQUIRES: terms.size() >= 2, field < segment.num_fields().
  PhraseScorer(const segment::SegmentReader& segment, const std::vector<PhraseTerm>& terms,
               uint32_t field, const Bm25TermScorer& bm25, uint32_t slop = 0);

  DocId doc() const override { return doc_; }
  DocId Next() override;
  DocId Seek(DocId target) override;
  double Score() override {
    return bm25_.Score(sloppy_ ? sloppy_freq_ : freq_, segment_.field_length(doc_, field_));
  }
  double Freq() override { return sloppy_ ? sloppy_freq_ : freq_; }
  uint64_t Cost() const override { return cursors_[order_[0]].cost(); }
  Status status() const override;

  double MaxScore() const override { return max_score_; }
  DocId ShallowAdvance(DocId target) override;
  double MaxScoreUpTo(DocId up_to) override;

  DocId NextCandidate() override;
  DocId SeekCandidate(DocId target) override;
  bool Matches() override;
  double CandidateMaxScore() override;
  bool TwoPhase() const override { return true; }

 private:
  // Leapfrogs the cursors from `target` on until they all sit on one document; returns it.
  DocId Align(DocId target);
  // From `target` on, finds the next document holding the phrase.
  DocId FindMatch(DocId target);
  // Number of phrase occurrences in the document all cursors are on (0 if none).
  uint32_t CountOccurrences();
  // Whether the document all cursors are on matches; sets freq_ or sloppy_freq_.
  bool CheckPositions();
  // BM25 bound for a document with these frequencies of the terms (min or sum, see above).
  double Bound(uint64_t min_freq, uint64_t sum_freq, uint32_t min_doc_len) const;

  const segment::SegmentReader& segment_;
  uint32_t field_;
  std::vector<postings::PostingCursor> cursors_;
  std::vector<uint32_t> offsets_;
  std::vector<size_t> order_;  // cursor indexes, rarest first
  Bm25TermScorer bm25_;
  double max_score_ = 0;
  DocId doc_ = 0;
  bool confirmed_ = false;  // doc_ is a match (not just a candidate) and freq_ is its count
  uint32_t freq_ = 0;
  std::optional<SloppyPhraseMatcher> sloppy_;  // set when the slop is above 0
  double sloppy_freq_ = 0;
  // Scratch for CountOccurrences, kept to avoid allocating per document.
  std::vector<std::span<const uint32_t>> lists_;
  std::vector<size_t> at_;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_PHRASE_SCORER_H_
