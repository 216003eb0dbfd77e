#include "query/score/bm25.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <random>

namespace nsearch::query {
namespace {

CollectionStats Stats(uint64_t num_docs, double avg_doc_length) {
  CollectionStats stats;
  stats.num_docs = num_docs;
  stats.avg_doc_length = avg_doc_length;
  return stats;
}

TEST(Bm25Test, IdfMatchesLuceneFormula) {
  // N = 5, n = 2: ln(1 + (5 - 2 + 0.5) / (2 + 0.5)) = ln(1 + 3.5 / 2.5) = ln(2.4) = 0.875468737...
  EXPECT_NEAR(Bm25Idf(5, 2), 0.8754687373538999, 1e-12);
  // N = 1000, n = 0: ln(1 + 1000.5 / 0.5) = ln(2002) = 7.601901959...
  EXPECT_NEAR(Bm25Idf(1000, 0), 7.601901959875166, 1e-12);
  // A term in every document still has a small positive idf: ln(1 + 0.5 / 1000.5).
  EXPECT_NEAR(Bm25Idf(1000, 1000), 0.0004996252914324798, 1e-15);
  EXPECT_GT(Bm25Idf(1000, 1000), 0);
}

TEST(Bm25Test, IdfDecreasesWithDocFreq) {
  for (uint64_t n = 0; n < 100; ++n) {
    EXPECT_GT(Bm25Idf(100, n), Bm25Idf(100, n + 1)) << n;
  }
}

TEST(Bm25Test, ScoresWithDefaultParams) {
  // weight = idf(5, 2) = ln(2.4) = 0.8754687373538999
  // norm = k1 * (1 - b + b * dl / avgdl) = 1.2 * (0.25 + 0.75 * 10 / 8) = 1.2 * 1.1875 = 1.425
  // tf part = 3 / (3 + 1.425) = 0.6779661016949...; score = 0.87546873735 * 0.67796610169
  //         = 0.5935381270195932 (no (k1 + 1) factor, as in Lucene 8+).
  const Bm25TermScorer scorer(Bm25Idf(5, 2), Bm25Params{}, Stats(5, 8));
  EXPECT_NEAR(scorer.Score(3, 10), 0.5935381270195932, 1e-12);
  EXPECT_DOUBLE_EQ(scorer.weight(), Bm25Idf(5, 2));
  EXPECT_DOUBLE_EQ(scorer.k1(), 1.2);
}

TEST(Bm25Test, ScoresWithAnseriniParams) {
  // norm = 0.9 * (1 - 0.4 + 0.4 * 10 / 8) = 0.9 * (0.6 + 0.5) = 0.99
  // tf part = 3 / 3.99 = 0.7518796992...; score = 0.87546873735 * 0.75187969925
  //         = 0.6582471709427818
  Bm25Params params;
  params.k1 = 0.9;
  params.b = 0.4;
  const Bm25TermScorer scorer(Bm25Idf(5, 2), params, Stats(5, 8));
  EXPECT_NEAR(scorer.Score(3, 10), 0.6582471709427818, 1e-12);
}

TEST(Bm25Test, WeightScalesScoreLinearly) {
  // A boost of 2 on the term above with tf = 1, dl = 0: norm = 1.2 * 0.25 = 0.3,
  // tf part = 1 / 1.3, score = 2 * 0.87546873735 / 1.3 = 1.3468749805444613.
  const Bm25TermScorer scorer(2 * Bm25Idf(5, 2), Bm25Params{}, Stats(5, 8));
  EXPECT_NEAR(scorer.Score(1, 0), 1.3468749805444613, 1e-12);
}

TEST(Bm25Test, ZeroAverageLengthIgnoresDocLength) {
  // An empty index has avgdl = 0; the length term drops instead of dividing by zero:
  // norm = 1.2 * 0.25 = 0.3 for any dl.
  const Bm25TermScorer scorer(1.0, Bm25Params{}, Stats(0, 0));
  EXPECT_DOUBLE_EQ(scorer.Score(1, 7), 1.0 / 1.3);
  EXPECT_TRUE(std::isfinite(scorer.Score(1, 1000000)));
}

TEST(Bm25Test, ScoreGrowsWithFreqAndShrinksWithLength) {
  const Bm25TermScorer scorer(1.5, Bm25Params{}, Stats(100, 20));
  for (uint32_t f = 1; f < 50; ++f) {
    EXPECT_LT(scorer.Score(f, 20), scorer.Score(f + 1, 20));
    EXPECT_LT(scorer.Score(f, 20), 1.5);  // bounded by the weight
  }
  for (uint32_t len = 1; len < 200; ++len) {
    EXPECT_GT(scorer.Score(3, len), scorer.Score(3, len + 1));
  }
}

TEST(Bm25Test, UpperBoundCoversEveryFreqAndLengthInRange) {
  std::mt19937 rng(7);
  const Bm25Params params_list[] = {
      {1.2, 0.75, Bm25Model::kExact},   {0.9, 0.4, Bm25Model::kExact},
      {2.0, 1.0, Bm25Model::kExact},    {1.2, 0.0, Bm25Model::kExact},
      {1.2, 0.75, Bm25Model::kLucene4}, {0.9, 0.4, Bm25Model::kLucene4},
      {2.0, 1.0, Bm25Model::kLucene4}};
  for (const Bm25Params& params : params_list) {
    for (int iter = 0; iter < 2000; ++iter) {
      const Bm25TermScorer scorer(0.1 + (rng() % 1000) / 100.0, params,
                                  Stats(1000, 1 + rng() % 500));
      const uint32_t max_freq = 1 + rng() % 100;
      const uint32_t min_len = rng() % 300;
      const double bound = scorer.UpperBound(max_freq, min_len);
      const uint32_t freq = 1 + rng() % max_freq;
      const uint32_t len = min_len + rng() % 1000;
      EXPECT_GE(bound, scorer.Score(freq, len))
          << "freq " << freq << " <= " << max_freq << ", len " << len << " >= " << min_len;
    }
  }
}

// Lucene 4.10.4's SmallFloat.floatToByte315(1f / (float) Math.sqrt(len)) and NORM_TABLE, as
// printed by Lucene itself on this machine.
TEST(Bm25Test, LuceneNormsMatchLucene) {
  const struct {
    uint32_t length;
    int norm;
    float decoded;
  } cases[] = {{1, 124, 1.0f},      {2, 121, 2.56f},      {3, 120, 4.0f},
               {4, 120, 4.0f},      {5, 119, 5.2244897f}, {6, 118, 7.111111f},
               {8, 117, 10.24f},    {10, 117, 10.24f},    {16, 116, 16.0f},
               {39, 113, 40.96f},   {40, 113, 40.96f},    {100, 110, 113.77778f},
               {161, 109, 163.84f}, {1000, 104, 1024.0f}, {65536, 92, 65536.0f}};
  for (const auto& c : cases) {
    EXPECT_EQ(LuceneNormByte(c.length), c.norm) << c.length;
    EXPECT_FLOAT_EQ(LuceneNormLength(LuceneNormByte(c.length)), c.decoded) << c.length;
  }
  EXPECT_EQ(LuceneNormByte(0), 255);  // 1 / sqrt(0) is infinite
  // Beyond the precomputed table too: the norm never grows with the length.
  for (uint32_t len = 1; len < 100000; len += 7) {
    EXPECT_GE(LuceneNormByte(len), LuceneNormByte(len + 7)) << len;
  }
}

TEST(Bm25Test, LuceneModelReproducesBm25Similarity) {
  // Lucene: idf(df 2, maxDoc 5) = 0.87546873f; k1 0.9, b 0.4, avgdl 8, freq 3, length 10
  // (norm 117, decoded 10.24): weight * (k1 + 1) * 3 / (3 + cache[117]) = 1.2472934f, bits
  // 1067427663.
  Bm25Params params;
  params.k1 = 0.9;
  params.b = 0.4;
  params.model = Bm25Model::kLucene4;
  const Bm25TermScorer scorer(Bm25Idf(5, 2), params, Stats(5, 8));
  const double score = scorer.Score(3, 10);
  EXPECT_EQ(static_cast<double>(static_cast<float>(score)), score);  // a float, exactly
  EXPECT_EQ(std::bit_cast<uint32_t>(static_cast<float>(score)), 1067427663u);
  ASSERT_NE(scorer.lucene(), nullptr);
  // Lengths that share a norm score alike; the exact model tells them apart.
  EXPECT_EQ(scorer.Score(3, 8), scorer.Score(3, 10));
  params.model = Bm25Model::kExact;
  const Bm25TermScorer exact(Bm25Idf(5, 2), params, Stats(5, 8));
  EXPECT_NE(exact.Score(3, 8), exact.Score(3, 10));
  EXPECT_EQ(exact.lucene(), nullptr);
}

}  // namespace
}  // namespace nsearch::query
