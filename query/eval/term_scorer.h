#ifndef NSEARCH_QUERY_EVAL_TERM_SCORER_H_
#define NSEARCH_QUERY_EVAL_TERM_SCORER_H_

#include <algorithm>

#include "index/postings/posting_cursor.h"
#include "index/segment/segment_reader.h"
#include "query/eval/doc_scorer.h"
#include "query/score/bm25.h"

namespace nsearch::query {

// Matches the documents of one term of text field `field` and scores them with `bm25` (BM25,
// or a field's BM25F share) on the documents' lengths in that field. Its score bounds come from
// the skip table's per-block max_freq and min_doc_len (TermInfo's for a list without one). The
// segment must outlive it.
class TermScorer final : public DocScorer {
 public:
  // REQUIRES: field < segment.num_fields().
  TermScorer(const segment::SegmentReader& segment, const postings::TermInfo& info, uint32_t field,
             const Bm25TermScorer& bm25)
      : segment_(segment),
        cursor_(segment.OpenCursor(info)),
        field_(field),
        bm25_(bm25),
        max_score_(bm25.UpperBound(info.max_freq, info.min_doc_len)) {}

  DocId doc() const override { return cursor_.doc(); }
  DocId Next() override { return cursor_.Next(); }
  DocId Seek(DocId target) override { return cursor_.Seek(target); }
  double Score() override {
    return bm25_.Score(cursor_.freq(), segment_.field_length(cursor_.doc(), field_));
  }
  double Freq() override { return cursor_.freq(); }
  uint64_t Cost() const override { return cursor_.cost(); }
  Status status() const override { return cursor_.status(); }

  double MaxScore() const override { return max_score_; }
  DocId ShallowAdvance(DocId target) override {
    return cursor_.ShallowSeek(std::max(target, cursor_.doc()));
  }
  // The largest block bound over the blocks from the shallow one to the one holding `up_to`.
  double MaxScoreUpTo(DocId up_to) override {
    if (cursor_.doc() > up_to) {
      return 0;
    }
    double best = 0;
    for (uint32_t b = cursor_.shallow_block(); b < cursor_.num_blocks(); ++b) {
      const postings::PostingCursor::BlockBounds bounds = cursor_.block_bounds(b);
      best = std::max(best, bm25_.UpperBound(bounds.max_freq, bounds.min_doc_len));
      if (bounds.last_doc >= up_to) {
        break;
      }
    }
    return best;
  }

 private:
  const segment::SegmentReader& segment_;
  postings::PostingCursor cursor_;
  uint32_t field_;
  Bm25TermScorer bm25_;
  double max_score_;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_TERM_SCORER_H_
