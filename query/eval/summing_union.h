#ifndef NSEARCH_QUERY_EVAL_SUMMING_UNION_H_
#define NSEARCH_QUERY_EVAL_SUMMING_UNION_H_

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "query/eval/doc_scorer.h"

namespace nsearch::query {

// BM25F's saturation of a sum of field shares: weight * S / (k1 + S).
struct Saturation {
  double weight = 0;
  double k1 = 0;
  double Apply(double s) const { return weight * (s / (k1 + s)); }
};

// Helpers over a vector of children, in clause order. Sums of bounds run in the order Score()
// sums, and floating-point addition is monotonic, so a sum of bounds is never below the sum of
// the scores it bounds.
template <typename Child>
Status FirstError(const std::vector<std::unique_ptr<Child>>& children) {
  for (const auto& c : children) {
    NSEARCH_RETURN_IF_ERROR(c->status());
  }
  return Status::Ok();
}

template <typename Child>
double SumOfMaxScores(const std::vector<std::unique_ptr<Child>>& children) {
  double sum = 0;
  for (const auto& c : children) {
    sum += c->MaxScore();
  }
  return sum;
}

template <typename Child>
DocId MinShallowAdvance(const std::vector<std::unique_ptr<Child>>& children, DocId target) {
  DocId end = kEndDoc;
  for (const auto& c : children) {
    end = std::min(end, c->ShallowAdvance(target));
  }
  return end;
}

template <typename Child>
double SumOfMaxScoresUpTo(const std::vector<std::unique_ptr<Child>>& children, DocId up_to) {
  double sum = 0;
  for (const auto& c : children) {
    sum += c->MaxScoreUpTo(up_to);
  }
  return sum;
}

// Matches what any child matches and scores the sum, in clause order, of the scores of the
// children on the current document, saturated if asked (a BM25F word over its fields). A linear
// scan over the children per step: simple, exact and deterministic. Top-level disjunctions are
// ranked by MaxScoreEvaluator (max_score_evaluator.h); this one serves BM25F words, nested
// groups, exclusions, match counting and the exhaustive reference.
//
// `Child` is DocScorer for any clauses, or a final scorer class (TermScorer) so that the calls
// of a BM25F word, the innermost loop of every query, are direct and not virtual.
template <typename Child>
class SummingUnion final : public DocScorer {
 public:
  explicit SummingUnion(std::vector<std::unique_ptr<Child>> children,
                        std::optional<Saturation> saturation = std::nullopt)
      : children_(std::move(children)), saturation_(saturation) {
    doc_ = MinDoc();
  }

  DocId doc() const override { return doc_; }
  DocId Next() override {
    if (doc_ == kEndDoc) {
      return doc_;
    }
    for (auto& c : children_) {
      if (c->doc() == doc_) {
        c->Next();
      }
    }
    return doc_ = MinDoc();
  }
  DocId Seek(DocId target) override {
    if (doc_ >= target) {
      return doc_;
    }
    for (auto& c : children_) {
      if (c->doc() < target) {
        c->Seek(target);
      }
    }
    return doc_ = MinDoc();
  }
  double Score() override { return Saturate(Sum()); }
  // The summed field shares of a saturated union (BM25F's pseudo-frequency); 0 otherwise.
  double Freq() override { return saturation_ ? Sum() : 0; }
  uint64_t Cost() const override {
    uint64_t sum = 0;
    for (const auto& c : children_) {
      sum += c->Cost();
    }
    return sum;
  }
  Status status() const override { return FirstError(children_); }

  // Saturation grows with the sum, so the saturated sum of the bounds bounds the score.
  double MaxScore() const override { return Saturate(SumOfMaxScores(children_)); }
  DocId ShallowAdvance(DocId target) override { return MinShallowAdvance(children_, target); }
  double MaxScoreUpTo(DocId up_to) override {
    return doc_ > up_to ? 0 : Saturate(SumOfMaxScoresUpTo(children_, up_to));
  }

 private:
  double Sum() {
    double sum = 0;
    for (auto& c : children_) {
      if (c->doc() == doc_) {
        sum += c->Score();
      }
    }
    return sum;
  }
  double Saturate(double sum) const { return saturation_ ? saturation_->Apply(sum) : sum; }
  DocId MinDoc() const {
    DocId min = kEndDoc;
    for (const auto& c : children_) {
      min = std::min(min, c->doc());
    }
    return min;
  }

  std::vector<std::unique_ptr<Child>> children_;
  std::optional<Saturation> saturation_;
  DocId doc_ = kEndDoc;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_SUMMING_UNION_H_
