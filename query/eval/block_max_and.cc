// Block-max AND, as Lucene's BlockMaxConjunctionBulkScorer: the required clauses leapfrog with
// the cheapest one leading, in windows that follow the lead's postings blocks. Per window every
// clause is bounded by its block bounds there. A window whose summed bounds cannot beat the entry
// bar is skipped with one seek. Within a window the score comes first: the lead's document is
// scored, and each further clause is only sought (its block decoded) while the partial score plus
// the bounds of the clauses not yet visited can still enter.
//
// Optional clauses (`+a b`) only add to the score. Once the required clauses alone cannot reach
// the bar in a window, a document there must also match an optional clause to enter, so the
// optional clauses join the leapfrog (Lucene's ReqOptSumScorer does the same).
//
// Two-phase checks (phrase positions), exclusions and the optional clauses' scores come last, for
// candidates that can still enter. Every document that is scored sums its clause scores in clause
// order, as Conjunction::Score and RequiredOptional::Score do.

#include <algorithm>
#include <numeric>

#include "query/eval/block_max.h"

namespace nsearch::query {
namespace {

// Windows are capped so that a lead without block bounds (one block, or a group) still gets its
// bounds refreshed now and then; Lucene's MAX_WINDOW_SIZE.
constexpr DocId kMaxWindow = 65536;

class BlockMaxAndEvaluator {
 public:
  BlockMaxAndEvaluator(std::vector<std::unique_ptr<DocScorer>> required,
                       std::vector<std::unique_ptr<DocScorer>> optional, DocScorer* excluded,
                       uint64_t doc_base, TopKCollector* collector, MatchCount* count)
      : required_(std::move(required)),
        optional_(std::move(optional)),
        excluded_(excluded),
        doc_base_(doc_base),
        collector_(collector),
        bar_(collector),
        count_(count),
        order_(required_.size()),
        two_phase_(required_.size()),
        required_bound_(required_.size()),
        rest_bound_(required_.size() + 1),
        required_score_(required_.size()),
        optional_bound_(optional_.size()) {
    std::iota(order_.begin(), order_.end(), 0);
    std::stable_sort(order_.begin(), order_.end(), [this](size_t a, size_t b) {
      return required_[a]->Cost() < required_[b]->Cost();
    });
    for (size_t i = 0; i < required_.size(); ++i) {
      two_phase_[i] = required_[i]->TwoPhase();
      any_two_phase_ = any_two_phase_ || two_phase_[i];
    }
  }

  Status Run() {
    DocScorer& lead = *required_[order_[0]];
    DocId d = lead.doc();
    while (d != kEndDoc) {
      if (!collector_->full()) {
        d = Align(d);
        if (d != kEndDoc) {
          Collect(d, false, 0);
          d = lead.NextCandidate();
        }
        continue;
      }
      if (!have_window_ || d > window_max_) {
        ComputeWindow(d);
      }
      if (!bar_.MayEnter(rest_bound_[0])) {
        count_->exact = false;  // nothing in the window can enter
        d = window_max_ == kEndDoc ? kEndDoc : lead.SeekCandidate(window_max_ + 1);
        continue;
      }
      if (!optional_.empty() && !bar_.MayEnter(required_window_bound_)) {
        // Only documents with an optional clause can enter here: go to the next one.
        const DocId next = NextOptional(d);
        if (next != d) {
          count_->exact = false;
          const DocId target = std::min(next, window_max_ == kEndDoc ? kEndDoc : window_max_ + 1);
          d = target == kEndDoc ? kEndDoc : lead.SeekCandidate(target);
          continue;
        }
      }
      // Score first: visit the clauses cheapest first while the partial score can still enter.
      double partial = 0;
      DocId next = d;
      bool pruned = false;
      for (size_t k = 0; k < order_.size(); ++k) {
        if (k > 0 && !bar_.MayEnter(partial + rest_bound_[k])) {
          pruned = true;  // cannot enter; whether it matches is left unknown
          count_->exact = false;
          break;
        }
        const size_t i = order_[k];
        DocScorer& r = *required_[i];
        const DocId at = r.doc() < d ? r.SeekCandidate(d) : r.doc();
        if (at != d) {
          next = at;
          break;
        }
        if (two_phase_[i]) {
          partial += std::min(required_bound_[i], r.CandidateMaxScore());
        } else {
          required_score_[i] = r.Score();
          partial += required_score_[i];
        }
      }
      if (pruned) {
        d = lead.NextCandidate();
      } else if (next == d) {
        Collect(d, true, partial);
        d = lead.NextCandidate();
      } else {
        d = next == kEndDoc ? kEndDoc : lead.SeekCandidate(next);
      }
    }
    for (const auto& r : required_) {
      NSEARCH_RETURN_IF_ERROR(r->status());
    }
    for (const auto& o : optional_) {
      NSEARCH_RETURN_IF_ERROR(o->status());
    }
    return excluded_ == nullptr ? Status::Ok() : excluded_->status();
  }

 private:
  // Leapfrogs every required clause onto one candidate >= d (the lead is on d); returns it.
  DocId Align(DocId d) {
    for (;;) {
      if (d == kEndDoc) {
        return kEndDoc;
      }
      DocId next = d;
      for (size_t k = 1; k < order_.size(); ++k) {
        DocScorer& r = *required_[order_[k]];
        const DocId at = r.doc() < d ? r.SeekCandidate(d) : r.doc();
        if (at != d) {
          next = at;
          break;
        }
      }
      if (next == d) {
        return d;
      }
      d = next == kEndDoc ? kEndDoc : required_[order_[0]]->SeekCandidate(next);
    }
  }

  // The window from d to the end of the lead's block, and the bounds of every clause there.
  void ComputeWindow(DocId d) {
    window_max_ = required_[order_[0]]->ShallowAdvance(d);
    window_max_ = std::min(window_max_, d > kEndDoc - kMaxWindow ? kEndDoc : d + kMaxWindow);
    for (size_t k = 1; k < order_.size(); ++k) {
      required_[order_[k]]->ShallowAdvance(d);
    }
    required_window_bound_ = 0;
    for (size_t i = 0; i < required_.size(); ++i) {
      required_bound_[i] = required_[i]->MaxScoreUpTo(window_max_);
      required_window_bound_ += required_bound_[i];
    }
    double optional_window_bound = 0;
    for (size_t j = 0; j < optional_.size(); ++j) {
      optional_[j]->ShallowAdvance(d);
      optional_bound_[j] = optional_[j]->MaxScoreUpTo(window_max_);
      optional_window_bound += optional_bound_[j];
    }
    // rest_bound_[k]: the bound of required clauses order_[k..] plus the optional ones.
    rest_bound_[order_.size()] = optional_window_bound;
    for (size_t k = order_.size(); k-- > 0;) {
      rest_bound_[k] = rest_bound_[k + 1] + required_bound_[order_[k]];
    }
    have_window_ = true;
  }

  // Moves the optional clauses to their first candidates >= d; returns the smallest.
  DocId NextOptional(DocId d) {
    DocId next = kEndDoc;
    for (const auto& o : optional_) {
      next = std::min(next, o->doc() < d ? o->SeekCandidate(d) : o->doc());
    }
    return next;
  }

  // Every required clause is on candidate d. With `scored`, required_score_ holds the scores of
  // the single-phase ones and `partial` bounds the required part.
  void Collect(DocId d, bool scored, double partial) {
    double optional_part = 0;  // bound of the optional clauses' score in d
    if (scored) {
      for (size_t j = 0; j < optional_.size(); ++j) {
        if (optional_[j]->doc() <= d) {  // past d, a clause has nothing to add here
          optional_part += optional_bound_[j];
        }
      }
      if (!bar_.MayEnter(partial + optional_part)) {
        // Cannot enter. Unless it still needs a check, it is a match.
        if (any_two_phase_ || excluded_ != nullptr) {
          count_->exact = false;
        } else {
          ++count_->matches;
        }
        return;
      }
    }
    for (size_t i : order_) {
      if (two_phase_[i] && !required_[i]->Matches()) {
        return;
      }
    }
    if (excluded_ != nullptr && AdvanceTo(*excluded_, d)) {
      return;
    }
    ++count_->matches;
    double score = 0;
    for (size_t i = 0; i < required_.size(); ++i) {
      score += scored && !two_phase_[i] ? required_score_[i] : required_[i]->Score();
    }
    if (optional_.empty()) {
      collector_->Insert({doc_base_ + d, score});
      return;
    }
    if (scored && !bar_.MayEnter(score + optional_part)) {
      return;
    }
    double optional_score = 0;
    bool any_optional = false;
    for (const auto& o : optional_) {
      if (o->doc() < d) {
        o->SeekCandidate(d);
      }
      if (o->doc() == d && o->Matches()) {
        optional_score += o->Score();
        any_optional = true;
      }
    }
    collector_->Insert({doc_base_ + d, any_optional ? score + optional_score : score});
  }

  std::vector<std::unique_ptr<DocScorer>> required_;  // clause order
  std::vector<std::unique_ptr<DocScorer>> optional_;  // clause order
  DocScorer* excluded_;
  uint64_t doc_base_;
  TopKCollector* collector_;
  EntryBar bar_;
  MatchCount* count_;
  std::vector<size_t> order_;    // required clause indexes, cheapest first
  std::vector<bool> two_phase_;  // per required clause
  bool any_two_phase_ = false;

  // The current window: documents from the target of the last ComputeWindow to window_max_.
  bool have_window_ = false;
  DocId window_max_ = 0;
  double required_window_bound_ = 0;
  std::vector<double> required_bound_;  // per required clause
  std::vector<double> rest_bound_;      // see ComputeWindow
  std::vector<double> required_score_;  // per required clause, in the candidate
  std::vector<double> optional_bound_;  // per optional clause
};

}  // namespace

Status RankBlockMaxAnd(std::vector<std::unique_ptr<DocScorer>> required,
                       std::vector<std::unique_ptr<DocScorer>> optional, DocScorer* excluded,
                       uint64_t doc_base, TopKCollector* collector, MatchCount* count) {
  BlockMaxAndEvaluator evaluator(std::move(required), std::move(optional), excluded, doc_base,
                                 collector, count);
  return evaluator.Run();
}

Status RankBlockMax(BlockMaxQuery query, uint64_t doc_base, TopKCollector* collector,
                    MatchCount* count) {
  if (!query.required.empty()) {
    return RankBlockMaxAnd(std::move(query.required), std::move(query.optional),
                           query.excluded.get(), doc_base, collector, count);
  }
  return RankMaxScore(std::move(query.optional), query.excluded.get(), doc_base, collector, count);
}

}  // namespace nsearch::query
