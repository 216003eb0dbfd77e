#ifndef NSEARCH_QUERY_EVAL_BITSET_SCORER_H_
#define NSEARCH_QUERY_EVAL_BITSET_SCORER_H_

#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

#include "query/eval/doc_scorer.h"

namespace nsearch::query {

// The first document >= from whose bit is set in `words` (bit d % 64 of word d / 64), or kEndDoc.
inline DocId NextSetBit(const std::vector<uint64_t>& words, uint64_t from) {
  size_t w = from / 64;
  if (w >= words.size()) {
    return kEndDoc;
  }
  uint64_t word = words[w] & (~uint64_t{0} << (from % 64));
  while (word == 0) {
    if (++w == words.size()) {
      return kEndDoc;
    }
    word = words[w];
  }
  return static_cast<DocId>(64 * w + static_cast<size_t>(std::countr_zero(word)));
}

// Walks the documents of a bitset it owns, scoring 0: a filter (date ranges), which restricts
// what matches and leaves scores as they are. `status` is what building the set met (a damaged
// list stops the walk at once).
class BitsetScorer final : public DocScorer {
 public:
  BitsetScorer(std::vector<uint64_t> words, Status status)
      : words_(std::move(words)), status_(std::move(status)) {
    for (uint64_t w : words_) {
      cost_ += static_cast<uint64_t>(std::popcount(w));
    }
    doc_ = status_.ok() ? NextSetBit(words_, 0) : kEndDoc;
  }
  DocId doc() const override { return doc_; }
  DocId Next() override { return doc_ = NextSetBit(words_, uint64_t{doc_} + 1); }
  DocId Seek(DocId target) override { return doc_ = NextSetBit(words_, target); }
  double Score() override { return 0; }
  uint64_t Cost() const override { return cost_; }
  Status status() const override { return status_; }
  double MaxScore() const override { return 0; }

 private:
  std::vector<uint64_t> words_;
  Status status_;
  uint64_t cost_ = 0;
  DocId doc_ = kEndDoc;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_BITSET_SCORER_H_
