#ifndef NSEARCH_QUERY_EVAL_TERM_SCORER_H_
#define NSEARCH_QUERY_EVAL_TERM_SCORER_H_

#include "index/postings/posting_cursor.h"
#include "index/segment/segment_reader.h"
#include "query/eval/doc_scorer.h"
#include "query/score/bm25.h"

namespace nsearch::query {

// Matches the documents of one term and scores them with BM25. The segment must outlive it.
class TermScorer final : public DocScorer {
 public:
  TermScorer(const segment::SegmentReader& segment, const postings::TermInfo& info,
             const Bm25TermScorer& bm25)
      : segment_(segment), cursor_(segment.OpenCursor(info)), bm25_(bm25) {}

  DocId doc() const override { return cursor_.doc(); }
  DocId Next() override { return cursor_.Next(); }
  DocId Seek(DocId target) override { return cursor_.Seek(target); }
  double Score() override {
    return bm25_.Score(cursor_.freq(), segment_.doc_length(cursor_.doc()));
  }
  uint64_t Cost() const override { return cursor_.cost(); }
  Status status() const override { return cursor_.status(); }

 private:
  const segment::SegmentReader& segment_;
  postings::PostingCursor cursor_;
  Bm25TermScorer bm25_;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_TERM_SCORER_H_
