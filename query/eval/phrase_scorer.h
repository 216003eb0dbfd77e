#ifndef NSEARCH_QUERY_EVAL_PHRASE_SCORER_H_
#define NSEARCH_QUERY_EVAL_PHRASE_SCORER_H_

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

// Matches documents containing the terms at their relative offsets. Documents are first
// intersected on doc ids, rarest term first; positions are decoded only for those candidates.
// Scores with BM25 using the number of phrase occurrences as the frequency and the sum of the
// terms' idf as the weight (Lucene's PhraseQuery). The segment must outlive it.
//
// Two-phase: the candidates are the documents holding every term; Matches() checks positions.
// Bounds: a phrase occurs at most min(freq of its terms) times in a document, whose length is
// at least the largest of their min_doc_len, so the terms' block bounds bound the phrase.
class PhraseScorer final : public DocScorer {
 public:
  // REQUIRES: terms.size() >= 2.
  PhraseScorer(const segment::SegmentReader& segment, const std::vector<PhraseTerm>& terms,
               const Bm25TermScorer& bm25);

  DocId doc() const override { return doc_; }
  DocId Next() override;
  DocId Seek(DocId target) override;
  double Score() override { return bm25_.Score(freq_, segment_.doc_length(doc_)); }
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

  const segment::SegmentReader& segment_;
  std::vector<postings::PostingCursor> cursors_;
  std::vector<uint32_t> offsets_;
  std::vector<size_t> order_;  // cursor indexes, rarest first
  Bm25TermScorer bm25_;
  double max_score_ = 0;
  DocId doc_ = 0;
  bool confirmed_ = false;  // doc_ is a match (not just a candidate) and freq_ is its count
  uint32_t freq_ = 0;
  // Scratch for CountOccurrences, kept to avoid allocating per document.
  std::vector<std::span<const uint32_t>> lists_;
  std::vector<size_t> at_;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_PHRASE_SCORER_H_
