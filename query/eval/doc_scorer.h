#ifndef NSEARCH_QUERY_EVAL_DOC_SCORER_H_
#define NSEARCH_QUERY_EVAL_DOC_SCORER_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "index/base/status.h"
#include "index/postings/term_info.h"

namespace nsearch::query {

using postings::DocId;
using postings::kEndDoc;

// The one interface every evaluator node implements (document-at-a-time, as Lucene's Scorer):
// it walks the documents a query clause matches in increasing order and scores them.
// Not thread-safe. Trees of scorers are built per segment and per query.
//
// Besides the exact walk (doc, Next, Seek, Score), a scorer offers what pruning evaluators need:
// score upper bounds, per block where the postings have them (MaxScore, ShallowAdvance,
// MaxScoreUpTo), and a two-phase walk (NextCandidate, SeekCandidate, Matches; Lucene's
// TwoPhaseIterator) so that costly checks such as phrase positions run only for documents
// that could still enter the top k.
class DocScorer {
 public:
  virtual ~DocScorer() = default;
  // Current document, or kEndDoc once exhausted. Positioned on the first match after creation.
  virtual DocId doc() const = 0;
  // Advances to the next match and returns it.
  virtual DocId Next() = 0;
  // Advances to the first match >= target and returns it. REQUIRES: target > doc().
  virtual DocId Seek(DocId target) = 0;
  // Score of the current document. REQUIRES: doc() != kEndDoc, and a confirmed match after a
  // two-phase move (Matches() returned true).
  virtual double Score() = 0;
  // An estimate of the number of matches, for ordering children (cheapest first).
  virtual uint64_t Cost() const = 0;
  // Not Ok if damaged postings stopped a cursor early.
  virtual Status status() const = 0;

  // An upper bound of Score() over every document.
  virtual double MaxScore() const = 0;
  // Prepares bounds for the documents >= max(target, doc()) without moving doc(), and returns
  // the last document up to which they stay the same (the end of a postings block), or kEndDoc.
  // REQUIRES: target does not decrease from one call to the next.
  virtual DocId ShallowAdvance(DocId /*target*/) { return kEndDoc; }
  // An upper bound of Score() over the documents from the last ShallowAdvance target (or
  // doc(), if greater) up to `up_to`, inclusive; 0 when there is none.
  virtual double MaxScoreUpTo(DocId /*up_to*/) { return MaxScore(); }

  // Two-phase walk. NextCandidate and SeekCandidate (same contracts as Next and Seek) stop on
  // documents that may match, a superset of the matches; Matches() then tells whether the
  // current one does. Scorers without a costly check stop on matches only (TwoPhase() false,
  // Matches() true).
  virtual DocId NextCandidate() { return Next(); }
  virtual DocId SeekCandidate(DocId target) { return Seek(target); }
  // REQUIRES: doc() != kEndDoc.
  virtual bool Matches() { return true; }
  // An upper bound of Score() if the current candidate matches, known before Matches() runs
  // (a phrase: BM25 of its rarest term's frequency here). REQUIRES: doc() != kEndDoc.
  virtual double CandidateMaxScore() { return MaxScore(); }
  virtual bool TwoPhase() const { return false; }

  // The frequency Score() used for the current document (a term's occurrences, a phrase's
  // matches), for explanations; 0 for scorers that combine others. REQUIRES: as Score().
  virtual double Freq() { return 0; }
};

// Moves `scorer` to its first match >= d unless it is already there or past it, and tells whether
// it now stands on d (for exclusions and other membership tests in increasing doc order).
inline bool AdvanceTo(DocScorer& scorer, DocId d) {
  if (scorer.doc() < d) {
    scorer.Seek(d);
  }
  return scorer.doc() == d;
}

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_EVAL_DOC_SCORER_H_
