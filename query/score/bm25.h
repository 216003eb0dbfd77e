#ifndef NSEARCH_QUERY_SCORE_BM25_H_
#define NSEARCH_QUERY_SCORE_BM25_H_

#include <cmath>
#include <cstdint>

namespace nsearch::query {

// BM25's free parameters. The defaults are Robertson's usual k1 = 1.2, b = 0.75 (also Lucene's
// BM25Similarity defaults); Anserini's tuned values for BEIR are k1 = 0.9, b = 0.4.
struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
};

// Index-wide statistics BM25 needs; the same for every segment so scores are comparable.
struct CollectionStats {
  uint64_t num_docs = 0;      // N
  double avg_doc_length = 0;  // avgdl
};

// BM25 as Lucene computes it (no (k1 + 1) factor in the numerator):
//   idf(n)  = ln(1 + (N - n + 0.5) / (n + 0.5))
//   tf part = tf / (tf + k1 * (1 - b + b * dl / avgdl))
inline double Bm25Idf(uint64_t num_docs, uint64_t doc_freq) {
  const double n = static_cast<double>(doc_freq);
  return std::log(1.0 + (static_cast<double>(num_docs) - n + 0.5) / (n + 0.5));
}

// Scores one term (or phrase) clause of weight `weight` (idf times boost) for any document.
// Precomputes the length normalisation's constants. Cheap to copy; thread-compatible.
class Bm25TermScorer {
 public:
  Bm25TermScorer(double weight, const Bm25Params& params, const CollectionStats& stats)
      : weight_(weight),
        k1_(params.k1),
        k1_times_1_minus_b_(params.k1 * (1 - params.b)),
        k1_b_over_avgdl_(stats.avg_doc_length > 0 ? params.k1 * params.b / stats.avg_doc_length
                                                  : 0) {}

  double Score(uint32_t freq, uint32_t doc_length) const {
    const double tf = freq;
    const double norm = k1_times_1_minus_b_ + k1_b_over_avgdl_ * doc_length;
    return weight_ * (tf / (tf + norm));
  }

  // An upper bound of Score over documents with freq <= max_freq and length >= min_doc_length
  // (the score grows with freq and shrinks with length).
  double UpperBound(uint32_t max_freq, uint32_t min_doc_length) const {
    return Score(max_freq, min_doc_length);
  }

  double weight() const { return weight_; }
  double k1() const { return k1_; }

 private:
  double weight_;
  double k1_;
  double k1_times_1_minus_b_;
  double k1_b_over_avgdl_;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_SCORE_BM25_H_
