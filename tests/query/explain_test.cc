#include "query/explain.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "query/searcher.h"
#include "seeds/seed_index.h"
#include "tests/query/search_test_util.h"

namespace nsearch::query {
namespace {

// Searches `query` with explanations; fails the test unless exactly `hits` documents match.
Result<SearchResponse> Explained(const TestIndex& index, const std::string& query, size_t hits) {
  SearchRequest request;
  request.query = query;
  request.explain = true;
  Result<SearchResponse> response = index.searcher->Search(request);
  EXPECT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_TRUE(!response.ok() || response->hits.size() == hits) << query;
  if (response.ok() && response->hits.size() != hits) {
    return Status::InvalidArgument(query + ": not " + std::to_string(hits) + " hits");
  }
  return response;
}

bool Near(double got, double want) {
  return std::abs(got - want) <= 1e-9 * std::max(1.0, std::abs(want));
}

// Checks the arithmetic of every node: a sum's value is its details' sum, a BM25 clause's value
// is boost * idf * tf, an idf is the formula of N and df, a tf part the formula of its inputs.
void ExpectConsistent(const Explanation& e, const std::string& what) {
  if (e.description == "sum of:") {
    ASSERT_FALSE(e.details.empty()) << what;
    double sum = 0;
    for (const Explanation& d : e.details) {
      sum += d.value;
      ExpectConsistent(d, what);
    }
    EXPECT_TRUE(Near(e.value, sum)) << what << ": " << e.value << " vs " << sum;
    return;
  }
  const bool bm25f = e.description.find("[BM25F]") != std::string::npos;
  ASSERT_EQ(e.details.size(), bm25f ? 4u : 3u) << what << ": " << e.description;
  const Explanation& boost = e.details[0];
  const Explanation& idf = e.details[1];
  const Explanation& tf = e.details[2];
  EXPECT_EQ(boost.description, "boost");
  if (bm25f) {
    // boost * idf * S / (k1 + S), S the sum of the fields' shares w * freq / (1 - b + b dl/avgdl)
    const double k1 = e.details[2].value;
    const Explanation& sum = e.details[3];
    EXPECT_TRUE(Near(e.value, boost.value * idf.value * (sum.value / (k1 + sum.value))))
        << what << ": " << e.description << " " << e.value;
    double shares = 0;
    ASSERT_FALSE(sum.details.empty()) << what;
    for (const Explanation& share : sum.details) {
      ASSERT_EQ(share.details.size(), 5u) << what;
      const double w = share.details[0].value, freq = share.details[1].value;
      const double b = share.details[2].value, dl = share.details[3].value;
      const double avgdl = share.details[4].value;
      EXPECT_GT(freq, 0) << what;
      EXPECT_TRUE(Near(share.value, w * freq / (1 - b + b * dl / avgdl))) << what;
      shares += share.value;
    }
    EXPECT_TRUE(Near(sum.value, shares)) << what;
    return;
  }
  EXPECT_TRUE(Near(e.value, boost.value * idf.value * tf.value))
      << what << ": " << e.description << " " << e.value;
  const std::vector<Explanation> single = {idf};
  const std::vector<Explanation>& idfs =
      e.description.rfind("phrase ", 0) == 0 ? idf.details : single;
  ASSERT_FALSE(idfs.empty());
  double idf_sum = 0;
  for (const Explanation& i : idfs) {
    ASSERT_EQ(i.details.size(), 2u) << what;
    const double n = i.details[0].value, df = i.details[1].value;
    EXPECT_TRUE(Near(i.value, std::log(1 + (n - df + 0.5) / (df + 0.5)))) << what;
    idf_sum += i.value;
  }
  EXPECT_TRUE(Near(idf.value, idf_sum)) << what;
  ASSERT_EQ(tf.details.size(), 5u) << what;
  const double freq = tf.details[0].value, k1 = tf.details[1].value, b = tf.details[2].value;
  const double dl = tf.details[3].value, avgdl = tf.details[4].value;
  EXPECT_GT(freq, 0) << what;
  EXPECT_TRUE(Near(tf.value, freq / (freq + k1 * (1 - b + b * dl / avgdl)))) << what;
}

// Searches with explanations and checks that each explanation adds up to its hit's score.
void ExpectExplanationsAddUp(Searcher& searcher, const std::string& query, const Bm25Params& bm25,
                             Evaluator evaluator = Evaluator::kBlockMax) {
  SearchRequest request;
  request.query = query;
  request.limit = 1000;
  request.bm25 = bm25;
  request.explain = true;
  request.fetch_documents = false;
  request.evaluator = evaluator;
  Result<SearchResponse> response = searcher.Search(request);
  ASSERT_TRUE(response.ok()) << query << ": " << response.status().ToString();
  for (const SearchHit& hit : response->hits) {
    ASSERT_TRUE(hit.explanation.has_value()) << query;
    const std::string what = query + " doc " + std::to_string(hit.doc);
    EXPECT_LE(std::abs(hit.explanation->value - hit.score), 1e-9 * std::abs(hit.score))
        << what << "\n"
        << ToText(*hit.explanation);
    ExpectConsistent(*hit.explanation, what);
  }
}

TEST(ExplainTest, OneTermByHand) {
  // No stop words and no stemming change: lengths 3, 2 and 4, so avgdl = 3.
  const std::vector<store::StoredDocument> docs = {
      {"d0", "", "alpha bravo alpha", "", ""},
      {"d1", "", "bravo delta", "", ""},
      {"d2", "", "delta echo golf hotel", "", ""},
  };
  TestIndex index;  // one field: plain BM25
  ASSERT_NO_FATAL_FAILURE(BuildTestIndex(docs, {}, size_t{256} << 20, &index,
                                         segment::ScoringModel::kBm25, BodyOnly()));
  Result<SearchResponse> response = Explained(index, "alpha", 1);
  ASSERT_TRUE(response.ok());
  const SearchHit& hit = response->hits[0];
  ASSERT_TRUE(hit.explanation.has_value());
  const Explanation& e = *hit.explanation;

  const double idf = std::log(1 + (3 - 1 + 0.5) / (1 + 0.5));     // N = 3, df = 1
  const double tf = 2 / (2 + 1.2 * (1 - 0.75 + 0.75 * 3 / 3.0));  // tf 2, dl 3, avgdl 3
  EXPECT_TRUE(Near(hit.score, idf * tf)) << hit.score;
  EXPECT_EQ(e.value, hit.score);
  EXPECT_NE(e.description.find("term \"alpha\""), std::string::npos) << e.description;
  ASSERT_EQ(e.details.size(), 3u);
  EXPECT_EQ(e.details[0].value, 1);  // boost
  EXPECT_TRUE(Near(e.details[1].value, idf));
  ASSERT_EQ(e.details[1].details.size(), 2u);
  EXPECT_EQ(e.details[1].details[0].value, 3);  // N
  EXPECT_EQ(e.details[1].details[1].value, 1);  // df
  EXPECT_TRUE(Near(e.details[2].value, tf));
  ASSERT_EQ(e.details[2].details.size(), 5u);
  EXPECT_EQ(e.details[2].details[0].value, 2);     // freq
  EXPECT_EQ(e.details[2].details[1].value, 1.2);   // k1
  EXPECT_EQ(e.details[2].details[2].value, 0.75);  // b
  EXPECT_EQ(e.details[2].details[3].value, 3);     // dl
  EXPECT_EQ(e.details[2].details[4].value, 3);     // avgdl

  const std::string text = ToText(e);
  EXPECT_NEAR(std::stod(text), hit.score, 1e-4) << text;
  EXPECT_EQ(text.find(" term \"alpha\" in body [BM25]: boost * idf * tf, from:\n"), text.find(' '))
      << text;
  EXPECT_NE(text.find("\n    1.2 k1,"), std::string::npos) << text;
  EXPECT_NE(text.find("\n    3 N, documents in the index\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n    2 freq,"), std::string::npos) << text;
}

TEST(ExplainTest, PhraseAndGroupsByHand) {
  const std::vector<store::StoredDocument> docs = {
      {"d0", "", "alpha bravo alpha bravo charlie", "", ""},
      {"d1", "", "bravo alpha", "", ""},
      {"d2", "", "charlie delta", "", ""},
  };
  TestIndex index;
  ASSERT_NO_FATAL_FAILURE(BuildTestIndex(docs, {}, size_t{256} << 20, &index,
                                         segment::ScoringModel::kBm25, BodyOnly()));
  // d1 lacks the phrase, d2 has delta.
  Result<SearchResponse> response = Explained(index, "\"alpha bravo\" charlie -delta zulu", 1);
  ASSERT_TRUE(response.ok());
  const Explanation& e = *response->hits[0].explanation;
  EXPECT_EQ(e.value, response->hits[0].score);
  ASSERT_EQ(e.description, "sum of:");
  ASSERT_EQ(e.details.size(), 2u) << ToText(e);  // delta and zulu left out
  const Explanation& phrase = e.details[0];
  EXPECT_NE(phrase.description.find("phrase \"alpha bravo\""), std::string::npos);
  EXPECT_EQ(phrase.details[2].details[0].value, 2);  // the phrase occurs twice
  ASSERT_EQ(phrase.details[1].details.size(), 2u);   // idf(alpha) + idf(bravo)
  EXPECT_TRUE(Near(phrase.details[1].value, 2 * std::log(1 + (3 - 2 + 0.5) / (2 + 0.5))));
  EXPECT_NE(e.details[1].description.find("term \"charli"), std::string::npos);
  ExpectConsistent(e, "by hand");
}

TEST(ExplainTest, Bm25fByHand) {
  // Title and body: "alpha" twice in d0's title (length 2) and once in its body (length 3).
  const std::vector<store::StoredDocument> docs = {
      {"d0", "alpha alpha", "alpha bravo charlie", "", ""},
      {"d1", "bravo", "delta echo", "", ""},
  };
  TestIndex index;
  ASSERT_NO_FATAL_FAILURE(BuildTestIndex(docs, {}, size_t{256} << 20, &index));
  Result<SearchResponse> response = Explained(index, "alpha", 1);
  ASSERT_TRUE(response.ok());
  const Explanation& e = *response->hits[0].explanation;
  // avgdl: title (2 + 1) / 2 = 1.5, body (3 + 2) / 2 = 2.5; title weight 2, b 0.75, k1 1.2.
  const double title = 2 * 2 / (0.25 + 0.75 * 2 / 1.5);
  const double body = 1 * 1 / (0.25 + 0.75 * 3 / 2.5);
  const double s = title + body;
  const double idf = std::log(1 + (2 - 1 + 0.5) / (1 + 0.5));  // df 1 in both fields
  EXPECT_TRUE(Near(response->hits[0].score, idf * s / (1.2 + s))) << response->hits[0].score;
  EXPECT_NE(e.description.find("[BM25F]"), std::string::npos) << ToText(e);
  ASSERT_EQ(e.details.size(), 4u) << ToText(e);
  ASSERT_EQ(e.details[3].details.size(), 2u) << ToText(e);  // a share per field
  EXPECT_TRUE(Near(e.details[3].details[0].value, title)) << ToText(e);
  EXPECT_TRUE(Near(e.details[3].details[1].value, body)) << ToText(e);
  ExpectConsistent(e, "bm25f by hand");
}

TEST(ExplainTest, NoMatchExplainsZero) {
  const std::vector<store::StoredDocument> docs = {{"d0", "", "alpha", "", ""},
                                                   {"d1", "", "bravo", "", ""}};
  TestIndex index;
  ASSERT_NO_FATAL_FAILURE(BuildTestIndex(docs, {}, size_t{256} << 20, &index));
  PlanNode plan;
  plan.kind = PlanNode::Kind::kTerm;
  plan.terms = {"alpha"};
  Result<Explanation> e = ExplainScore(*index.reader, plan, {}, 1);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->value, 0);
  EXPECT_EQ(e->description, "no match");
  Result<Explanation> hit = ExplainScore(*index.reader, plan, {}, 0);
  ASSERT_TRUE(hit.ok()) << hit.status().ToString();
  EXPECT_GT(hit->value, 0);
}

TEST(ExplainTest, SeedsAddUp) {
  Result<std::unique_ptr<Directory>> dir = seeds::BuildSeedIndex();
  ASSERT_TRUE(dir.ok()) << dir.status().ToString();
  Result<std::shared_ptr<const segment::IndexReader>> reader = segment::IndexReader::Open(**dir);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(reader->get());
  ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
  const char* const queries[] = {"mutual defense",
                                 "\"mutual defense\"",
                                 "korea",
                                 "+korea -russia",
                                 "+putin +kim treaty pact",
                                 "\"kim jong-un\" (putin OR russia) -\"south korea\"",
                                 "(north (korea +pyongyang)) \"defense pact\" -weather",
                                 "the of and",
                                 "military military military"};
  for (const char* q : queries) {
    ExpectExplanationsAddUp(**searcher, q, {});
    ExpectExplanationsAddUp(**searcher, q, {0.9, 0.4}, Evaluator::kExhaustive);
  }
}

// A random corpus split into segments, some of whose documents are deleted after a commit.
void BuildRandomIndex(std::mt19937& rng, ZipfWordPicker& pick, TestIndex* index) {
  std::vector<store::StoredDocument> docs;
  const size_t n = 20 + rng() % 200;
  for (size_t i = 0; i < n; ++i) {
    docs.push_back({"doc" + std::to_string(i), "", RandomWords(rng, pick, rng() % 30), "", ""});
  }
  ASSERT_NO_FATAL_FAILURE(BuildTestIndex(docs, {}, 200 + rng() % 2000, index));
  if (rng() % 2 == 0) {
    return;
  }
  segment::IndexWriterOptions options;
  options.merge_policy = segment::MergePolicy::Never();
  Result<std::unique_ptr<segment::IndexWriter>> writer =
      segment::IndexWriter::Open(*index->dir, options);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (size_t i = 0; i < n; i += 1 + rng() % 5) {
    ASSERT_TRUE((*writer)->Delete("doc" + std::to_string(i)).ok());
  }
  ASSERT_TRUE((*writer)->Commit().ok());
  writer->reset();
  ASSERT_NO_FATAL_FAILURE(OpenTestSearcher(index));
}

TEST(ExplainTest, RandomCorporaAddUp) {
  static const std::vector<std::string> words = {
      "alpha", "bravo", "charlie", "delta", "the",  "echo",    "of",      "foxtrot",
      "golf",  "hotel", "and",     "india", "kilo", "jong-un", "Tangos",  "tango",
      "lima",  "mike",  "oscar",   "papa",  "zulu", "Echoes",  "whiskey", "yankee"};
  for (unsigned seed = 0; seed < 12; ++seed) {
    std::mt19937 rng(7000 + seed);
    ZipfWordPicker pick(words, 5);
    TestIndex index;
    ASSERT_NO_FATAL_FAILURE(BuildRandomIndex(rng, pick, &index));
    for (int q = 0; q < 25; ++q) {
      const std::string query = RandomQuery(rng, pick, 0);
      const Bm25Params bm25 = rng() % 2 ? Bm25Params{} : Bm25Params{0.5 + rng() % 20 / 10.0, 0.3};
      ASSERT_NO_FATAL_FAILURE(ExpectExplanationsAddUp(*index.searcher, query, bm25));
      ASSERT_NO_FATAL_FAILURE(
          ExpectExplanationsAddUp(*index.searcher, query, bm25, Evaluator::kExhaustive));
    }
  }
}

}  // namespace
}  // namespace nsearch::query
