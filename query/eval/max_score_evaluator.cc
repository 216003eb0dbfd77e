// Block-max MaxScore for ranked disjunctions (Turtle & Flood 1995, with per-block bounds as in
// Lucene's MaxScoreBulkScorer and Mallia et al., SIGIR 2019).
//
// Why MaxScore rather than block-max WAND: Lucene replaced BMW by this algorithm for its top-level
// disjunctions, and PISA's own experiments find block-max MaxScore as fast or faster than BMW for
// queries of more than a couple of terms and for larger k. Its control flow also suits our
// constraints: the partition into essential and non-essential clauses changes only per window
// (BMW re-sorts the cursors by document at every pivot), non-essential clauses are only ever
// probed with a Seek, so phrases and nested groups fit in as clauses, and the exact clause-order
// sum is computed once per surviving document from cached clause scores.
//
// Outline. The doc space is cut into windows that end at postings block boundaries of the
// essential clauses. Per window every clause gets the bound of its blocks there. Clauses are
// sorted by bound/cost; the longest prefix whose summed bounds cannot beat the entry bar is
// non-essential: a document matching only those cannot enter, so only documents of the
// essential clauses are visited. Each is scored on its essential clauses, then the
// non-essential ones are probed from the highest bound down while the partial score plus the
// remaining bounds can still enter. A window without essential clauses is skipped whole.

#include <algorithm>
#include <numeric>

#include "query/eval/block_max.h"

namespace nsearch::query {
namespace {

// Lucene's heuristics: windows grow until they average 32 candidates per clause, so bounds are
// not recomputed for a handful of documents; never beyond 4096 documents.
constexpr uint64_t kCandidatesPerClausePerWindow = 32;
constexpr DocId kMaxMinWindow = 4096;

class MaxScoreEvaluator {
 public:
  MaxScoreEvaluator(std::vector<std::unique_ptr<DocScorer>> clauses, DocScorer* excluded,
                    uint64_t doc_base, TopKCollector* collector, MatchCount* count)
      : owned_(std::move(clauses)),
        excluded_(excluded),
        doc_base_(doc_base),
        collector_(collector),
        bar_(collector),
        count_(count) {
    for (auto& s : owned_) {
      Clause c;
      c.scorer = s.get();
      c.doc = s->doc();
      c.cost = std::max<uint64_t>(1, s->Cost());
      c.two_phase = s->TwoPhase();
      clauses_.push_back(c);
    }
    sorted_.resize(clauses_.size());
    std::iota(sorted_.begin(), sorted_.end(), 0);
    prefix_.resize(clauses_.size());
  }

  Status Run() {
    DocId window_min = 0;
    while (window_min != kEndDoc) {
      DocId window_max = OuterWindowMax(window_min);
      bool skip = false;
      // Windows depend on the partition and the partition on the windows' bounds: start from
      // the previous window's essential clauses and shrink until stable (usually at once).
      for (;;) {
        UpdateWindowBounds(window_min, window_max);
        if (!Partition()) {
          skip = true;
          break;
        }
        const DocId shrunk = OuterWindowMax(window_min);
        if (shrunk >= window_max) {
          break;
        }
        window_max = shrunk;
      }
      ++num_windows_;
      if (skip) {
        // No document in the window can enter, whatever it matches.
        count_->exact = false;
        window_min = window_max == kEndDoc ? kEndDoc : window_max + 1;
        continue;
      }
      if (first_essential_ > 0) {
        count_->exact = false;  // documents matching only non-essential clauses go unseen
      }
      for (size_t j = first_essential_; j < sorted_.size(); ++j) {
        Clause& c = clauses_[sorted_[j]];
        if (c.doc < window_min) {
          c.doc = c.scorer->SeekCandidate(window_min);
        }
      }
      const DocId next = ScoreWindow(window_max);
      window_min = window_max == kEndDoc ? next : std::min(next, window_max + 1);
    }
    for (const auto& s : owned_) {
      NSEARCH_RETURN_IF_ERROR(s->status());
    }
    return excluded_ == nullptr ? Status::Ok() : excluded_->status();
  }

 private:
  struct Clause {
    DocScorer* scorer = nullptr;
    DocId doc = kEndDoc;  // scorer->doc(), cached
    uint64_t cost = 1;
    bool two_phase = false;
    double window_bound = 0;     // bound of its score in the current window
    double score = 0;            // its score in document `scored_doc`
    DocId scored_doc = kEndDoc;  // the document `score` belongs to
  };

  // The last document of a window starting at window_min: the nearest block end among the
  // essential clauses, but at least the adaptive minimum size.
  DocId OuterWindowMax(DocId window_min) {
    const size_t n = sorted_.size();
    const size_t first_lead = std::min(first_essential_, n - 1);
    DocId window_max = kEndDoc;
    for (size_t j = first_lead; j < n; ++j) {
      window_max = std::min(window_max, clauses_[sorted_[j]].scorer->ShallowAdvance(window_min));
    }
    if (n - first_lead > 1) {
      if (num_candidates_ < num_windows_ * kCandidatesPerClausePerWindow * n) {
        min_window_ = std::min(min_window_ * 2, kMaxMinWindow);
      } else {
        min_window_ = 1;
      }
      const DocId floor =
          window_min > kEndDoc - min_window_ ? kEndDoc : window_min + min_window_ - 1;
      window_max = std::max(window_max, floor);
    }
    return window_max;
  }

  void UpdateWindowBounds(DocId window_min, DocId window_max) {
    for (Clause& c : clauses_) {
      if (c.doc <= window_max && c.doc != kEndDoc) {
        c.scorer->ShallowAdvance(window_min);
        c.window_bound = c.scorer->MaxScoreUpTo(window_max);
      } else {
        c.window_bound = 0;  // no document in the window
      }
    }
  }

  // Splits the clauses into non-essential (sorted_[0, first_essential_)) and essential ones.
  // Returns false if no clause is essential: nothing in the window can enter.
  bool Partition() {
    const size_t n = clauses_.size();
    if (!collector_->full()) {
      first_essential_ = 0;
      next_bar_ = -std::numeric_limits<double>::infinity();  // re-partition once it is full
      return true;
    }
    // By bound per unit of cost (Lucene): with BM25 this is the MaxScore paper's order by
    // bound, since rare terms have both the high bounds and the low costs.
    std::iota(sorted_.begin(), sorted_.end(), 0);
    std::stable_sort(sorted_.begin(), sorted_.end(), [this](uint32_t a, uint32_t b) {
      return clauses_[a].window_bound / static_cast<double>(clauses_[a].cost) <
             clauses_[b].window_bound / static_cast<double>(clauses_[b].cost);
    });
    scratch_.clear();
    double sum = 0;
    size_t non_essential = 0;
    next_bar_ = std::numeric_limits<double>::infinity();
    for (size_t j = 0; j < n; ++j) {
      const uint32_t i = sorted_[j];
      const double with = sum + clauses_[i].window_bound;
      if (!bar_.MayEnter(with)) {
        sum = with;
        prefix_[non_essential] = sum;
        sorted_[non_essential++] = i;
      } else {
        scratch_.push_back(i);
        next_bar_ = std::min(next_bar_, with * EntryBar::kSlack);
      }
    }
    std::copy(scratch_.begin(), scratch_.end(), sorted_.begin() + non_essential);
    first_essential_ = non_essential;
    return first_essential_ < n;
  }

  // Scores the documents of the essential clauses up to window_max, or until the bar rises
  // enough to re-partition. Returns the essential clauses' next document.
  DocId ScoreWindow(DocId window_max) {
    const size_t n = sorted_.size();
    for (;;) {
      DocId d = kEndDoc;
      for (size_t j = first_essential_; j < n; ++j) {
        d = std::min(d, clauses_[sorted_[j]].doc);
      }
      if (d > window_max || d == kEndDoc) {
        return d;
      }
      ScoreDocument(d);
      for (size_t j = first_essential_; j < n; ++j) {
        Clause& c = clauses_[sorted_[j]];
        if (c.doc == d) {
          c.doc = c.scorer->NextCandidate();
        }
      }
      ++num_candidates_;
      if (collector_->full() && bar_.value() >= next_bar_) {
        DocId next = kEndDoc;
        for (size_t j = first_essential_; j < n; ++j) {
          next = std::min(next, clauses_[sorted_[j]].doc);
        }
        return next;
      }
    }
  }

  void ScoreDocument(DocId d) {
    double partial = 0;
    bool any = false;
    for (size_t j = first_essential_; j < sorted_.size(); ++j) {
      Clause& c = clauses_[sorted_[j]];
      if (c.doc == d && (!c.two_phase || c.scorer->Matches())) {
        c.score = c.scorer->Score();
        c.scored_doc = d;
        partial += c.score;
        any = true;
      }
    }
    if (!any) {
      return;  // every essential candidate failed its two-phase check
    }
    // Non-essential clauses, highest bound first; prefix_[j] bounds clauses sorted_[0..j].
    for (size_t j = first_essential_; j-- > 0;) {
      if (!bar_.MayEnter(partial + prefix_[j])) {
        // Cannot enter. It matches unless excluded, which is not worth a seek to find out.
        if (excluded_ == nullptr) {
          ++count_->matches;
        } else {
          count_->exact = false;
        }
        return;
      }
      Clause& c = clauses_[sorted_[j]];
      if (c.doc < d) {
        c.doc = c.scorer->SeekCandidate(d);
      }
      if (c.doc == d && (!c.two_phase || c.scorer->Matches())) {
        c.score = c.scorer->Score();
        c.scored_doc = d;
        partial += c.score;
      }
    }
    if (excluded_ != nullptr && AdvanceTo(*excluded_, d)) {
      return;
    }
    ++count_->matches;
    if (!bar_.MayEnter(partial)) {
      return;
    }
    double score = 0;  // in clause order, as Disjunction::Score
    for (const Clause& c : clauses_) {
      if (c.scored_doc == d) {
        score += c.score;
      }
    }
    collector_->Insert({doc_base_ + d, score});
  }

  std::vector<std::unique_ptr<DocScorer>> owned_;
  DocScorer* excluded_;
  uint64_t doc_base_;
  TopKCollector* collector_;
  EntryBar bar_;
  MatchCount* count_;

  std::vector<Clause> clauses_;   // in clause order
  std::vector<uint32_t> sorted_;  // clause indexes: non-essential (by bound/cost), then essential
  std::vector<double> prefix_;    // prefix_[j]: summed window bounds of sorted_[0..j]
  std::vector<uint32_t> scratch_;
  size_t first_essential_ = 0;
  double next_bar_ = -std::numeric_limits<double>::infinity();
  uint64_t num_windows_ = 0;
  uint64_t num_candidates_ = 0;
  DocId min_window_ = 1;
};

}  // namespace

Status RankMaxScore(std::vector<std::unique_ptr<DocScorer>> clauses, DocScorer* excluded,
                    uint64_t doc_base, TopKCollector* collector, MatchCount* count) {
  MaxScoreEvaluator evaluator(std::move(clauses), excluded, doc_base, collector, count);
  return evaluator.Run();
}

}  // namespace nsearch::query
