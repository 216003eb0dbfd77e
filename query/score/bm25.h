#ifndef NSEARCH_QUERY_SCORE_BM25_H_
#define NSEARCH_QUERY_SCORE_BM25_H_

#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

namespace nsearch::query {

// Which BM25 arithmetic scores a document (the index's ScoringModel, index/segment/manifest.h).
enum class Bm25Model : uint8_t {
  // Exact document lengths, double precision, no (k1 + 1) factor (as Lucene 8+).
  kExact,
  // Lucene 4's BM25Similarity, to reproduce its scores: the length goes through Lucene's one-byte
  // norm (LuceneNormByte), the arithmetic is float, and weights carry the (k1 + 1) factor.
  kLucene4,
};

// BM25's free parameters. The defaults are Robertson's usual k1 = 1.2, b = 0.75 (also Lucene's
// BM25Similarity defaults); Anserini's tuned values for BEIR are k1 = 0.9, b = 0.4.
struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
  Bm25Model model = Bm25Model::kExact;
  // BM25F weights of the index's text fields, by field number; empty or shorter: the index's
  // defaults (segment::FieldSpec::weight) for the fields not given.
  std::vector<double> field_weights = {};
};

// Lucene 4's norm of a document `length` words long: SmallFloat.floatToByte315(1 / sqrt(length))
// (BM25Similarity.encodeNormValue with boost 1). Lossy: 3 and 4 share a byte, so do 8 to 10,
// and the steps widen to about 1/8 of the length.
uint8_t LuceneNormByte(uint32_t length);
// The length a norm byte stands for: 1 / byte315ToFloat(norm)^2 (BM25Similarity's NORM_TABLE).
float LuceneNormLength(uint8_t norm);

// Lucene 4's BM25DocScorer for one clause: weight * (k1 + 1) * freq / (freq + cache[norm]),
// cache[n] = k1 * ((1 - b) + b * LuceneNormLength(n) / avgdl), every step in float.
class LuceneBm25 {
 public:
  LuceneBm25(double weight, double k1, double b, double avg_doc_length);
  double Score(double freq, uint32_t doc_length) const {
    const auto f = static_cast<float>(freq);
    return weight_value_ * f / (f + cache_[LuceneNormByte(doc_length)]);
  }
  // The denominator term of `doc_length`: k1 * (1 - b + b * dl / avgdl) with dl the norm's.
  float Norm(uint32_t doc_length) const { return cache_[LuceneNormByte(doc_length)]; }

 private:
  float weight_value_;
  std::array<float, 256> cache_;
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

// Scores one term (or phrase) clause of weight `weight` (idf times boost) for any document, by
// params.model. Precomputes the length normalisation's constants. Cheap to copy;
// thread-compatible.
class Bm25TermScorer {
 public:
  Bm25TermScorer(double weight, const Bm25Params& params, const CollectionStats& stats)
      : weight_(weight),
        k1_(params.k1),
        k1_times_1_minus_b_(params.k1 * (1 - params.b)),
        k1_b_over_avgdl_(stats.avg_doc_length > 0 ? params.k1 * params.b / stats.avg_doc_length
                                                  : 0),
        lucene_(params.model == Bm25Model::kLucene4
                    ? std::make_shared<const LuceneBm25>(weight, params.k1, params.b,
                                                         stats.avg_doc_length)
                    : nullptr) {}

  // The share of one field in a BM25F pseudo-frequency (Robertson, Zaragoza and Taylor 2004;
  // Zaragoza et al., TREC 2004): Score(freq, dl) = field_weight * freq / (1 - b + b * dl /
  // avgdl), with the field's own avgdl (`stats`). Bm25fScorer sums the shares of a word's fields
  // and saturates the sum once: idf * S / (k1 + S).
  static Bm25TermScorer FieldShare(double field_weight, const Bm25Params& params,
                                   const CollectionStats& stats) {
    Bm25TermScorer share(field_weight, Bm25Params{params.k1, params.b, Bm25Model::kExact}, stats);
    share.field_share_ = true;
    share.one_minus_b_ = 1 - params.b;
    share.b_over_avgdl_ = stats.avg_doc_length > 0 ? params.b / stats.avg_doc_length : 0;
    if (share.b_over_avgdl_ == 0) {
      share.one_minus_b_ = 1;  // no lengths to normalize by
    }
    return share;
  }

  // `freq` is a whole number of occurrences, or a sloppy phrase's fractional frequency.
  double Score(double freq, uint32_t doc_length) const {
    if (lucene_ != nullptr) {
      return lucene_->Score(freq, doc_length);
    }
    if (field_share_) {
      return weight_ * freq / (one_minus_b_ + b_over_avgdl_ * doc_length);
    }
    const double norm = k1_times_1_minus_b_ + k1_b_over_avgdl_ * doc_length;
    return weight_ * (freq / (freq + norm));
  }

  // An upper bound of Score over documents with freq <= max_freq and length >= min_doc_length
  // (the score grows with freq and shrinks with length). Lucene's float steps may round a
  // larger freq's score a few float ulps below a smaller one's, hence the margin there.
  double UpperBound(double max_freq, uint32_t min_doc_length) const {
    const double bound = Score(max_freq, min_doc_length);
    return lucene_ != nullptr ? bound * (1 + 0x1p-20) : bound;
  }

  double weight() const { return weight_; }
  double k1() const { return k1_; }
  bool field_share() const { return field_share_; }
  // Lucene's scorer when the model is kLucene4, else null.
  const LuceneBm25* lucene() const { return lucene_.get(); }

 private:
  double weight_;
  double k1_;
  double k1_times_1_minus_b_;
  double k1_b_over_avgdl_;
  std::shared_ptr<const LuceneBm25> lucene_;
  bool field_share_ = false;
  double one_minus_b_ = 0;
  double b_over_avgdl_ = 0;
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_SCORE_BM25_H_
