#include "query/eval/boolean_scorers.h"

#include <algorithm>
#include <numeric>
#include <optional>

#include "query/eval/summing_union.h"

namespace nsearch::query {
namespace {

class Conjunction final : public DocScorer {
 public:
  explicit Conjunction(std::vector<std::unique_ptr<DocScorer>> children)
      : children_(std::move(children)), order_(children_.size()) {
    std::iota(order_.begin(), order_.end(), 0);
    std::stable_sort(order_.begin(), order_.end(), [this](size_t a, size_t b) {
      return children_[a]->Cost() < children_[b]->Cost();
    });
    doc_ = Align(children_[order_[0]]->doc());
  }

  DocId doc() const override { return doc_; }
  DocId Next() override {
    if (doc_ == kEndDoc) {
      return doc_;
    }
    return doc_ = Align(children_[order_[0]]->Next());
  }
  DocId Seek(DocId target) override {
    if (doc_ >= target) {
      return doc_;
    }
    return doc_ = Align(children_[order_[0]]->Seek(target));
  }
  double Score() override {
    double sum = 0;
    for (auto& c : children_) {
      sum += c->Score();
    }
    return sum;
  }
  uint64_t Cost() const override { return children_[order_[0]]->Cost(); }
  Status status() const override { return FirstError(children_); }

  double MaxScore() const override { return SumOfMaxScores(children_); }
  DocId ShallowAdvance(DocId target) override { return MinShallowAdvance(children_, target); }
  double MaxScoreUpTo(DocId up_to) override {
    return doc_ > up_to ? 0 : SumOfMaxScoresUpTo(children_, up_to);
  }

 private:
  DocId Align(DocId target) {
    for (;;) {
      if (target == kEndDoc) {
        return kEndDoc;
      }
      bool aligned = true;
      for (size_t i : order_) {
        DocScorer& c = *children_[i];
        const DocId d = c.doc() < target ? c.Seek(target) : c.doc();
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

  std::vector<std::unique_ptr<DocScorer>> children_;
  std::vector<size_t> order_;
  DocId doc_ = kEndDoc;
};

using Disjunction = SummingUnion<DocScorer>;

class RequiredOptional final : public DocScorer {
 public:
  RequiredOptional(std::unique_ptr<DocScorer> required, std::unique_ptr<DocScorer> optional)
      : required_(std::move(required)), optional_(std::move(optional)) {}

  DocId doc() const override { return required_->doc(); }
  DocId Next() override { return required_->Next(); }
  DocId Seek(DocId target) override { return required_->Seek(target); }
  double Score() override {
    const DocId d = required_->doc();
    double score = required_->Score();
    if (optional_->doc() < d) {
      optional_->Seek(d);
    }
    if (optional_->doc() == d) {
      score += optional_->Score();
    }
    return score;
  }
  uint64_t Cost() const override { return required_->Cost(); }
  Status status() const override {
    NSEARCH_RETURN_IF_ERROR(required_->status());
    return optional_->status();
  }

  double MaxScore() const override { return required_->MaxScore() + optional_->MaxScore(); }
  DocId ShallowAdvance(DocId target) override {
    return std::min(required_->ShallowAdvance(target), optional_->ShallowAdvance(target));
  }
  double MaxScoreUpTo(DocId up_to) override {
    if (required_->doc() > up_to) {
      return 0;
    }
    return required_->MaxScoreUpTo(up_to) + optional_->MaxScoreUpTo(up_to);
  }

 private:
  std::unique_ptr<DocScorer> required_;
  std::unique_ptr<DocScorer> optional_;
};

class RequiredExcluded final : public DocScorer {
 public:
  RequiredExcluded(std::unique_ptr<DocScorer> required, std::unique_ptr<DocScorer> excluded)
      : required_(std::move(required)), excluded_(std::move(excluded)) {
    SkipExcluded();
  }

  DocId doc() const override { return required_->doc(); }
  DocId Next() override {
    required_->Next();
    return SkipExcluded();
  }
  DocId Seek(DocId target) override {
    required_->Seek(target);
    return SkipExcluded();
  }
  double Score() override { return required_->Score(); }
  uint64_t Cost() const override { return required_->Cost(); }
  Status status() const override {
    NSEARCH_RETURN_IF_ERROR(required_->status());
    return excluded_->status();
  }

  double MaxScore() const override { return required_->MaxScore(); }
  DocId ShallowAdvance(DocId target) override { return required_->ShallowAdvance(target); }
  double MaxScoreUpTo(DocId up_to) override { return required_->MaxScoreUpTo(up_to); }

 private:
  DocId SkipExcluded() {
    for (DocId d = required_->doc(); d != kEndDoc; d = required_->Next()) {
      if (!AdvanceTo(*excluded_, d)) {
        return d;
      }
    }
    return kEndDoc;
  }

  std::unique_ptr<DocScorer> required_;
  std::unique_ptr<DocScorer> excluded_;
};

}  // namespace

std::unique_ptr<DocScorer> MakeConjunction(std::vector<std::unique_ptr<DocScorer>> children) {
  if (children.size() == 1) {
    return std::move(children[0]);
  }
  return std::make_unique<Conjunction>(std::move(children));
}

std::unique_ptr<DocScorer> MakeBm25fWord(std::vector<std::unique_ptr<DocScorer>> field_shares,
                                         double weight, double k1) {
  return std::make_unique<Disjunction>(std::move(field_shares), Saturation{weight, k1});
}

std::unique_ptr<DocScorer> MakeDisjunction(std::vector<std::unique_ptr<DocScorer>> children) {
  if (children.size() == 1) {
    return std::move(children[0]);
  }
  return std::make_unique<Disjunction>(std::move(children));
}

std::unique_ptr<DocScorer> MakeRequiredOptional(std::unique_ptr<DocScorer> required,
                                                std::unique_ptr<DocScorer> optional) {
  return std::make_unique<RequiredOptional>(std::move(required), std::move(optional));
}

std::unique_ptr<DocScorer> MakeRequiredExcluded(std::unique_ptr<DocScorer> required,
                                                std::unique_ptr<DocScorer> excluded) {
  return std::make_unique<RequiredExcluded>(std::move(required), std::move(excluded));
}

}  // namespace nsearch::query
