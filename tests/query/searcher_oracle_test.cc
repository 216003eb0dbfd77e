// Differential test: Searcher (postings, per-segment scorer trees) against BruteForceSearcher
// (every document scored from its analyzed text) on random small corpora.

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "query/searcher.h"
#include "tests/query/search_test_util.h"
#include "tests/support/brute_force_searcher.h"

namespace nsearch::query {
namespace {

using test::BruteForceResult;
using test::BruteForceSearcher;

// A small vocabulary so that words repeat and phrases hit: stop words leave position gaps,
// inflections fold onto one term ("Tangos" -> "tango") and "jong-un" is two terms.
const std::vector<std::string>& Vocabulary() {
  static const std::vector<std::string> words = {
      "alpha", "bravo",   "charlie", "delta",  "the",     "echo",   "of",      "foxtrot",
      "golf",  "hotel",   "and",     "india",  "juliet",  "kilo",   "a",       "lima",
      "mike",  "Tangos",  "oscar",   "papa",   "quebec",  "romeo",  "jong-un", "sierra",
      "tango", "uniform", "victor",  "Echoes", "whiskey", "yankee", "zulu",    "November"};
  return words;
}

// Picks words with probability ~ 1 / (rank + 1), Zipf's law with exponent 1.
class WordPicker : public ZipfWordPicker {
 public:
  WordPicker() : ZipfWordPicker(Vocabulary()) {}
};

std::vector<store::StoredDocument> RandomCorpus(std::mt19937& rng, WordPicker& pick) {
  const size_t num_docs = 20 + rng() % 281;
  std::vector<store::StoredDocument> docs;
  for (size_t i = 0; i < num_docs; ++i) {
    store::StoredDocument doc;
    doc.id = "doc" + std::to_string(i);
    if (rng() % 20 != 0) {  // 1 in 20 documents is empty
      doc.title = rng() % 3 == 0 ? "" : RandomWords(rng, pick, 1 + rng() % 4);
      doc.body = RandomWords(rng, pick, rng() % 41);
    }
    // Dates in June 2024, some with a time, some missing or not dates at all.
    const unsigned date = rng() % 10;
    if (date < 7) {
      doc.date = std::string("2024-06-").append(std::to_string(10 + rng() % 20));
      doc.date.append(date == 0 ? "T12:00:00Z" : "");
    } else if (date == 7) {
      doc.date = "June 2024";
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

void ExpectSameHits(const TopDocs& got, const BruteForceResult& want, size_t k,
                    const std::string& what) {
  EXPECT_EQ(got.total, want.total) << what;
  ASSERT_EQ(got.hits.size(), std::min(k, want.hits.size())) << what;
  for (size_t i = 0; i < got.hits.size(); ++i) {
    ASSERT_EQ(got.hits[i].doc, want.hits[i].doc) << what << " rank " << i;
    EXPECT_LE(std::abs(got.hits[i].score - want.hits[i].score), 1e-5 * std::abs(want.hits[i].score))
        << what << " rank " << i;
  }
}

class SearcherOracleTest : public ::testing::TestWithParam<int> {};

TEST_P(SearcherOracleTest, MatchesBruteForce) {
  std::mt19937 rng(1000 + static_cast<unsigned>(GetParam()));
  WordPicker pick;
  // One seed in three builds the index as --preset lucene does and scores it as Lucene 4.
  const bool lucene = GetParam() % 3 == 2;
  const analysis::AnalyzerOptions analysis =
      lucene ? LuceneAnalysis() : analysis::AnalyzerOptions();
  const segment::ScoringModel scoring =
      lucene ? segment::ScoringModel::kLucene4 : segment::ScoringModel::kBm25;
  const std::vector<store::StoredDocument> docs = RandomCorpus(rng, pick);

  Result<std::unique_ptr<BruteForceSearcher>> oracle = BruteForceSearcher::Create(docs, analysis);
  ASSERT_TRUE(oracle.ok()) << oracle.status().ToString();
  TestIndex one;
  ASSERT_NO_FATAL_FAILURE(BuildTestIndex(docs, analysis, size_t{256} << 20, &one, scoring));
  TestIndex many;
  // Every document costs SegmentWriter over 40 bytes, so 800 bytes splits any corpus here.
  const size_t budget = rng() % 4 == 0 ? 1 : 200 + rng() % 600;
  ASSERT_NO_FATAL_FAILURE(BuildTestIndex(docs, analysis, budget, &many, scoring));
  ASSERT_EQ(one.reader->num_segments(), 1u);
  ASSERT_GT(many.reader->num_segments(), 1u);
  ASSERT_EQ(many.reader->num_docs(), docs.size());
  ASSERT_EQ(one.reader->avg_doc_length(), (*oracle)->avg_doc_length());
  for (uint64_t d = 0; d < docs.size(); d += 7) {
    ASSERT_EQ(many.searcher->ExternalId(d), docs[d].id);
  }

  Result<std::unique_ptr<analysis::Analyzer>> analyzer = analysis::Analyzer::Create(analysis);
  ASSERT_TRUE(analyzer.ok());
  size_t nonempty = 0;
  for (int iter = 0; iter < 40; ++iter) {
    SearchRequest request;
    std::optional<PlanNode> plan;
    if (iter < 28) {
      request.query = RandomQuery(rng, pick, 0);
      Result<QueryNode> parsed = ParseQuery(request.query);
      ASSERT_TRUE(parsed.ok()) << request.query << ": " << parsed.status().ToString();
      plan = PlanQuery(*parsed, **analyzer);
    } else {
      const QueryMode modes[] = {QueryMode::kOr, QueryMode::kAnd, QueryMode::kPhrase};
      request.mode = modes[iter % 3];
      request.query = RandomWords(rng, pick, 1 + rng() % 3);
      plan = PlanWords(request.query, request.mode, **analyzer);
    }
    Bm25Params params;
    if (iter % 2 == 1) {
      params.k1 = 0.9;
      params.b = 0.4;
    }
    request.bm25 = params;
    // The searcher takes the model from the index; the oracle is told.
    params.model = lucene ? Bm25Model::kLucene4 : Bm25Model::kExact;
    const BruteForceResult want = (*oracle)->Search(plan, params);
    nonempty += want.total > 0 ? 1 : 0;
    const std::string what = "seed " + std::to_string(GetParam()) + " query [" + request.query +
                             "] mode " + std::to_string(static_cast<int>(request.mode)) +
                             " plan [" + (plan ? ToString(*plan) : "") + "]";
    for (size_t k : {10, 1000}) {
      request.limit = k;
      for (TestIndex* index : {&one, &many}) {
        Result<TopDocs> got = index->searcher->TopHits(request);
        ASSERT_TRUE(got.ok()) << what << ": " << got.status().ToString();
        ASSERT_NO_FATAL_FAILURE(
            ExpectSameHits(*got, want, k,
                           what + (index == &one ? " one segment" : " many segments") +
                               " k=" + std::to_string(k)));
      }
    }
    // A page further down the same ranking.
    request.limit = 7;
    request.offset = 1 + rng() % 20;
    Result<TopDocs> page = many.searcher->TopHits(request);
    ASSERT_TRUE(page.ok()) << what;
    EXPECT_EQ(page->total, want.total) << what;
    const size_t begin = std::min(request.offset, want.hits.size());
    ASSERT_EQ(page->hits.size(), std::min(want.hits.size(), begin + 7) - begin) << what;
    for (size_t i = 0; i < page->hits.size(); ++i) {
      EXPECT_EQ(page->hits[i].doc, want.hits[begin + i].doc) << what << " page rank " << i;
    }
  }
  // The generator is only useful if most queries match something.
  EXPECT_GT(nonempty, 20u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, SearcherOracleTest, ::testing::Range(0, 50));

// The oracle itself, on a corpus small enough to score by hand.
TEST(BruteForceSearcherTest, ScoresTermsPhrasesAndBooleans) {
  const std::vector<store::StoredDocument> docs = {
      {"a", "", "alpha bravo alpha", "", ""},
      {"b", "alpha", "bravo", "", ""},  // the body starts after a gap: no "alpha bravo"
      {"c", "", "charlie of the bravo", "", ""},
  };
  Result<std::unique_ptr<BruteForceSearcher>> oracle =
      BruteForceSearcher::Create(docs, analysis::AnalyzerOptions());
  ASSERT_TRUE(oracle.ok());
  const BruteForceSearcher& bf = **oracle;
  EXPECT_EQ(bf.DocFreq("alpha"), 2u);
  EXPECT_EQ(bf.DocFreq("bravo"), 3u);
  EXPECT_EQ(bf.DocLength(2), 2u);
  EXPECT_DOUBLE_EQ(bf.avg_doc_length(), 7.0 / 3.0);

  // BM25F over title and body; the body's average length is (3 + 1 + 2) / 3 = 2.
  CollectionStats body;
  body.num_docs = 3;
  body.avg_doc_length = 2;
  EXPECT_DOUBLE_EQ(bf.avg_field_length(segment::kDefaultBodyField), 2);
  const auto saturate = [](double idf, double s) { return idf * (s / (1.2 + s)); };
  PlanNode alpha;
  alpha.kind = PlanNode::Kind::kTerm;
  alpha.terms = {"alpha"};
  BruteForceResult r = bf.Search(alpha, Bm25Params());
  ASSERT_EQ(r.total, 2u);
  EXPECT_EQ(r.hits[0].doc, 0u);  // tf 2 in the body beats tf 1 in the short title
  // df: 1 in the title, 1 in the body: the larger is 1.
  EXPECT_DOUBLE_EQ(
      r.hits[0].score,
      saturate(Bm25Idf(3, 1), Bm25TermScorer::FieldShare(1, Bm25Params(), body).Score(2, 3)));
  alpha.field = static_cast<int>(segment::kDefaultBodyField);  // body:alpha, plain BM25
  r = bf.Search(alpha, Bm25Params());
  ASSERT_EQ(r.total, 1u);
  EXPECT_DOUBLE_EQ(r.hits[0].score, Bm25TermScorer(Bm25Idf(3, 1), Bm25Params(), body).Score(2, 3));

  PlanNode phrase;
  phrase.kind = PlanNode::Kind::kPhrase;
  phrase.terms = {"alpha", "bravo"};
  phrase.offsets = {0, 1};
  r = bf.Search(phrase, Bm25Params());
  ASSERT_EQ(r.total, 1u);
  EXPECT_EQ(r.hits[0].doc, 0u);
  EXPECT_DOUBLE_EQ(r.hits[0].score,
                   saturate(Bm25Idf(3, 1) + Bm25Idf(3, 3),
                            Bm25TermScorer::FieldShare(1, Bm25Params(), body).Score(1, 3)));
  phrase.terms = {"charli", "bravo"};
  phrase.offsets = {0, 3};
  EXPECT_EQ(bf.Search(phrase, Bm25Params()).total, 1u);

  alpha.field = PlanNode::kAllFields;
  PlanNode query;  // +bravo -alpha: alpha in any field, so b (alpha in its title) is out too
  PlanNode bravo;
  bravo.terms = {"bravo"};
  bravo.kind = PlanNode::Kind::kTerm;
  query.clauses.push_back({Occur::kMust, bravo});
  query.clauses.push_back({Occur::kMustNot, alpha});
  r = bf.Search(query, Bm25Params());
  ASSERT_EQ(r.total, 1u);
  EXPECT_EQ(r.hits[0].doc, 2u);
  query.clauses.resize(1);
  query.clauses[0].occur = Occur::kMustNot;  // only an exclusion: nothing
  EXPECT_EQ(bf.Search(query, Bm25Params()).total, 0u);
  EXPECT_EQ(bf.Search(std::optional<PlanNode>(), Bm25Params()).total, 0u);
}

}  // namespace
}  // namespace nsearch::query
