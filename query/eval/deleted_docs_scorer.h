#ifndef NSEARCH_QUERY_EVAL_DELETED_DOCS_SCORER_H_
#define NSEARCH_QUERY_EVAL_DELETED_DOCS_SCORER_H_

#include "index/segment/deleted_docs.h"
#include "query/eval/bitset_scorer.h"
#include "query/eval/doc_scorer.h"

namespace nsearch::query {

// Walks the deleted documents of a segment, so that evaluators exclude them as they exclude
// a NOT clause: every evaluator then skips deleted documents without knowing about them.
// Scores 0. The bitmap must outlive it.
class DeletedDocsScorer final : public DocScorer {
 public:
  explicit DeletedDocsScorer(const segment::DeletedDocs& deleted)
      : words_(deleted.words()), cost_(deleted.count()) {
    doc_ = Find(0);
  }
  DocId doc() const override { return doc_; }
  DocId Next() override { return doc_ = Find(doc_ + 1); }
  DocId Seek(DocId target) override { return doc_ = Find(target); }
  double Score() override { return 0; }
  uint64_t Cost() const override { return cost_; }
  Status status() const override { return Status::Ok(); }
  double MaxScore() const override { return 0; }

 private:
  DocId Find(uint64_t from) const { return NextSetBit(words_, from); }

  const std::vector<uint64_t>& words_;
  uint64_t cost_;
  DocId doc_ = kEndDoc;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_DELETED_DOCS_SCORER_H_
