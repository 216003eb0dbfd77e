// Differential tests of block-max pruning (query/eval/block_max.h). On generated corpora large
// enough for long posting lists (skip tables, many blocks per list), with skewed frequencies and
// document lengths, in one segment and in many, the pruned evaluators must return exactly the
// exhaustive top k: the same documents in the same order with bit-identical scores. Both must
// agree with the brute-force oracle, and exact totals must equal its count.

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "index/base/file_format.h"
#include "index/postings/postings_format.h"
#include "index/segment/segment_info.h"
#include "query/searcher.h"
#include "tests/query/search_test_util.h"
#include "tests/support/brute_force_searcher.h"

namespace nsearch::query {
namespace {

using test::BruteForceResult;
using test::BruteForceSearcher;

// Stop words ("the", "of", "a", "and") leave position gaps in phrases.
const std::vector<std::string>& Vocabulary() {
  static const std::vector<std::string> words = {
      "alpha",  "bravo",   "the",    "charlie", "delta",  "echo",   "of",    "foxtrot",
      "golf",   "hotel",   "india",  "a",       "juliet", "kilo",   "lima",  "mike",
      "oscar",  "papa",    "quebec", "and",     "romeo",  "sierra", "tango", "uniform",
      "victor", "whiskey", "xray",   "yankee",  "zulu",   "red",    "green", "blue",
      "black",  "white",   "north",  "south",   "river",  "stone",  "light", "ember"};
  return words;
}

// Zipf's law with exponent 1: the first words occur in most documents, the last in few.
class WordPicker : public ZipfWordPicker {
 public:
  WordPicker() : ZipfWordPicker(Vocabulary(), /*uniform_one_in=*/4) {}
};

std::string Words(std::mt19937& rng, WordPicker& pick, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) {
      out.push_back(' ');
    }
    out.append(pick(rng));
  }
  return out;
}

// Mostly short documents, some medium and a few very long ones; now and then one word repeated
// many times (a high frequency that dominates its block's bound).
std::vector<store::StoredDocument> RandomCorpus(std::mt19937& rng, WordPicker& pick) {
  const size_t num_docs = 600 + rng() % 1900;
  std::vector<store::StoredDocument> docs;
  for (size_t i = 0; i < num_docs; ++i) {
    store::StoredDocument doc;
    doc.id = "d";
    doc.id += std::to_string(i);
    const unsigned shape = rng() % 100;
    const size_t length = shape < 70   ? 1 + rng() % 20
                          : shape < 95 ? 20 + rng() % 60
                                       : 200 + rng() % 600;
    if (rng() % 3 == 0) {
      doc.title = Words(rng, pick, 1 + rng() % 5);
    }
    doc.body = Words(rng, pick, length);
    if (rng() % 20 == 0) {
      const std::string& burst = pick(rng);
      for (size_t r = 5 + rng() % 36; r > 0; --r) {
        doc.body.push_back(' ');
        doc.body.append(burst);
      }
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

// A phrase, exact or (one in two) sloppy, now and then boosted.
std::string Phrase(std::mt19937& rng, WordPicker& pick) {
  std::string q = "\"";
  q.append(Words(rng, pick, 2 + rng() % 2));
  q.push_back('"');
  if (rng() % 2 == 0) {
    q.push_back('~');
    q.append(std::to_string(1 + rng() % 6));
  }
  q.append(RandomBoost(rng, 4));
  return q;
}

// Queries of every shape the evaluators handle: OR of several words, +a +b, +a b, a -b, phrases
// (exact and sloppy) alone and among other clauses, nested groups, boosts and AND/OR/NOT.
std::string RandomQuery(std::mt19937& rng, WordPicker& pick) {
  switch (rng() % 10) {
    case 8: {
      std::string q = pick(rng);
      q.append(RandomBoost(rng, 2)).append(" AND ").append(pick(rng)).append(RandomBoost(rng, 3));
      q.append(rng() % 2 == 0 ? " OR " : " AND NOT ").append(Phrase(rng, pick));
      return q;
    }
    case 9: {
      std::string q = "(";
      q.append(pick(rng)).append(" || ").append(pick(rng)).append(")").append(RandomBoost(rng, 2));
      q.append(" && ").append(pick(rng)).append(RandomBoost(rng, 2)).append(" ");
      q.append(Words(rng, pick, 1 + rng() % 3));
      return q;
    }
    case 0:
    case 1:
      return Words(rng, pick, 2 + rng() % 6);
    case 2: {
      std::string q;
      for (size_t i = 0, n = 2 + rng() % 3; i < n; ++i) {
        q.append(i > 0 ? " +" : "+").append(pick(rng));
      }
      return q;
    }
    case 3: {
      std::string q = "+";
      q.append(pick(rng)).append(" ").append(Words(rng, pick, 1 + rng() % 4));
      if (rng() % 3 == 0) {
        q.append(" +").append(pick(rng));
      }
      return q;
    }
    case 4: {
      std::string q = Words(rng, pick, 1 + rng() % 4);
      q.append(" -").append(pick(rng));
      if (rng() % 3 == 0) {
        q.append(" -").append(Phrase(rng, pick));
      }
      return q;
    }
    case 5: {
      std::string q = Phrase(rng, pick);
      if (rng() % 2 == 0) {
        q.append(rng() % 2 == 0 ? " +" : " ").append(pick(rng));
      }
      return q;
    }
    case 6: {
      std::string q = rng() % 2 == 0 ? "+" : "";
      q.append(pick(rng)).append(" (").append(Words(rng, pick, 2)).append(") ");
      q.append(rng() % 2 == 0 ? "+" : "").append(Phrase(rng, pick));
      return q;
    }
    default:
      return pick(rng);
  }
}

std::string Describe(const SearchRequest& r) {
  std::string out = "[";
  out.append(r.query).append("] mode ").append(std::to_string(static_cast<int>(r.mode)));
  out.append(" k=").append(std::to_string(r.limit)).append(" offset=");
  out.append(std::to_string(r.offset)).append(r.exact_total ? " exact" : " lower-bound");
  return out;
}

// What the pruned run must reproduce of the exhaustive one: every hit, bit for bit.
void ExpectIdentical(const TopDocs& pruned, const TopDocs& exhaustive, const std::string& what) {
  ASSERT_EQ(pruned.hits.size(), exhaustive.hits.size()) << what;
  for (size_t i = 0; i < pruned.hits.size(); ++i) {
    ASSERT_EQ(pruned.hits[i].doc, exhaustive.hits[i].doc) << what << " rank " << i;
    ASSERT_EQ(pruned.hits[i].score, exhaustive.hits[i].score) << what << " rank " << i;
  }
}

struct Tally {
  size_t queries = 0;
  size_t matching = 0;
  size_t inexact = 0;  // pruned runs that skipped counting
};

void CheckQuery(const TestIndex& index, const BruteForceResult& want, SearchRequest request,
                const std::string& what, Tally* tally) {
  request.evaluator = Evaluator::kExhaustive;
  request.exact_total = true;
  Result<TopDocs> exhaustive = index.searcher->TopHits(request);
  ASSERT_TRUE(exhaustive.ok()) << what << ": " << exhaustive.status().ToString();
  ASSERT_EQ(exhaustive->total, want.total) << what;
  const size_t begin = std::min(request.offset, want.hits.size());
  const size_t end = std::min(want.hits.size(), request.offset + request.limit);
  ASSERT_EQ(exhaustive->hits.size(), end - begin) << what;
  for (size_t i = 0; i < exhaustive->hits.size(); ++i) {
    const Hit& w = want.hits[begin + i];
    ASSERT_EQ(exhaustive->hits[i].doc, w.doc) << what << " oracle rank " << begin + i;
    ASSERT_LE(std::abs(exhaustive->hits[i].score - w.score), 1e-9 * w.score) << what;
  }

  request.evaluator = Evaluator::kBlockMax;
  for (bool exact : {true, false}) {
    request.exact_total = exact;
    const std::string context = what + (exact ? " exact_total" : " lower-bound total");
    Result<TopDocs> pruned = index.searcher->TopHits(request);
    ASSERT_TRUE(pruned.ok()) << context << ": " << pruned.status().ToString();
    ASSERT_NO_FATAL_FAILURE(ExpectIdentical(*pruned, *exhaustive, context));
    if (exact || pruned->total_is_exact) {
      ASSERT_TRUE(pruned->total_is_exact) << context;
      ASSERT_EQ(pruned->total, want.total) << context;
    } else {
      ASSERT_LE(pruned->total, want.total) << context;
      ++tally->inexact;
    }
  }
  request.count_only = true;
  Result<TopDocs> count = index.searcher->TopHits(request);
  ASSERT_TRUE(count.ok()) << what;
  EXPECT_TRUE(count->hits.empty()) << what;
  EXPECT_TRUE(count->total_is_exact) << what;
  EXPECT_EQ(count->total, want.total) << what << " count only";
  ++tally->queries;
  tally->matching += want.total > 0 ? 1 : 0;
}

class BlockMaxTest : public ::testing::TestWithParam<int> {};

TEST_P(BlockMaxTest, MatchesExhaustiveTopK) {
  std::mt19937 rng(7000 + static_cast<unsigned>(GetParam()));
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
  // Budgets of 60-300 KB cut these corpora into about 2-15 segments of a few hundred documents,
  // so frequent words still fill several blocks per segment.
  ASSERT_NO_FATAL_FAILURE(BuildTestIndex(docs, analysis, 60000 + rng() % 240000, &many, scoring));
  ASSERT_EQ(one.reader->num_segments(), 1u);
  ASSERT_GT(many.reader->num_segments(), 1u);
  // The frequent words must span many blocks, or the skip tables go untested.
  ASSERT_GT((*oracle)->DocFreq("alpha"), 4u * 128u);

  Result<std::unique_ptr<analysis::Analyzer>> analyzer = analysis::Analyzer::Create(analysis);
  ASSERT_TRUE(analyzer.ok());
  Tally tally;
  for (int iter = 0; iter < 24; ++iter) {
    SearchRequest request;
    std::optional<PlanNode> plan;
    if (iter < 18) {
      request.query = RandomQuery(rng, pick);
      Result<QueryNode> parsed = ParseQuery(request.query);
      ASSERT_TRUE(parsed.ok()) << request.query << ": " << parsed.status().ToString();
      plan = PlanQuery(*parsed, **analyzer);
    } else {
      const QueryMode modes[] = {QueryMode::kOr, QueryMode::kAnd, QueryMode::kPhrase};
      request.mode = modes[iter % 3];
      request.query = Words(rng, pick, 2 + rng() % 4);
      plan = PlanWords(request.query, request.mode, **analyzer);
    }
    if (iter % 3 == 1) {
      request.bm25.k1 = 0.9;
      request.bm25.b = 0.4;
    } else if (iter % 7 == 2) {
      request.bm25.k1 = 2.5;
      request.bm25.b = 1.0;
    }
    Bm25Params oracle_params = request.bm25;  // the searcher takes the model from the index
    oracle_params.model = lucene ? Bm25Model::kLucene4 : Bm25Model::kExact;
    const BruteForceResult want = (*oracle)->Search(plan, oracle_params);
    for (size_t k : {1, 10, 100, 1000}) {
      request.limit = k;
      request.offset = k == 10 && iter % 2 == 0 ? 1 + rng() % 30 : 0;
      for (const TestIndex* index : {&one, &many}) {
        const std::string what = "seed " + std::to_string(GetParam()) + " " + Describe(request) +
                                 (index == &one ? " one" : " many") + " segments, plan [" +
                                 (plan ? ToString(*plan) : "") + "]";
        ASSERT_NO_FATAL_FAILURE(CheckQuery(*index, want, request, what, &tally));
      }
    }
  }
  EXPECT_GT(tally.matching, tally.queries / 2);  // the generator must mostly find something
  EXPECT_GT(tally.inexact, 0u);                  // and pruning must have skipped something
}

INSTANTIATE_TEST_SUITE_P(Seeds, BlockMaxTest, ::testing::Range(0, 24));

// Damaged skip tables, with checksums that still match (as a bug or a bad disk under the
// checksum would leave them): the pruned evaluators read skip entries without decoding blocks,
// and must still fail with Corruption or answer, never crash or loop.
class BlockMaxCorruptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(4242);
    WordPicker pick;
    docs_ = RandomCorpus(rng, pick);
    ASSERT_NO_FATAL_FAILURE(
        BuildTestIndex(docs_, analysis::AnalyzerOptions(), size_t{256} << 20, &index_));
    ASSERT_EQ(index_.reader->num_segments(), 1u);
    post_name_ = segment::SegmentFile(index_.reader->manifest().segments[0].name, "post");
    Result<std::string> post = ReadWholeFile(*index_.dir, post_name_);
    ASSERT_TRUE(post.ok());
    original_ = *post;
    Result<std::optional<postings::TermInfo>> info =
        index_.reader->segment(0).FindTerm(segment::FieldKey(segment::kDefaultBodyField, "alpha"));
    ASSERT_TRUE(info.ok() && info->has_value());
    alpha_ = **info;
    ASSERT_GE(alpha_.df, 4 * 128u);  // a skip table of several entries
  }

  // Replaces the .post file with `body` (framed again, so the checksum matches) and reopens.
  void ReopenWithBody(std::string_view body) {
    std::string file = original_.substr(0, kFileHeaderSize);
    file.append(body);
    std::string footer;
    AppendFileFooter(&footer, file, postings::kPostingsMagic);
    file.append(footer);
    index_.searcher.reset();
    index_.reader.reset();
    ASSERT_TRUE(WriteFileAtomically(*index_.dir, post_name_, file).ok());
    ASSERT_NO_FATAL_FAILURE(OpenTestSearcher(&index_));
  }

  std::string Body() const {
    return original_.substr(kFileHeaderSize, original_.size() - kFileHeaderSize - kFileFooterSize);
  }
  size_t SkipEntryOffset(uint32_t block) const {
    return alpha_.postings_offset + postings::kSkipEntrySize * block;
  }

  std::vector<store::StoredDocument> docs_;
  TestIndex index_;
  std::string post_name_;
  std::string original_;
  postings::TermInfo alpha_;
};

TEST_F(BlockMaxCorruptionTest, DamagedFirstSkipEntryIsCorruption) {
  std::string body = Body();
  body[SkipEntryOffset(0)] ^= 0x5a;  // block 0's last doc no longer matches the block
  ASSERT_NO_FATAL_FAILURE(ReopenWithBody(body));
  for (const char* query : {"alpha", "alpha bravo charlie", "+alpha +bravo", "+bravo alpha",
                            "\"alpha bravo\"", "bravo -alpha"}) {
    for (Evaluator evaluator : {Evaluator::kBlockMax, Evaluator::kExhaustive}) {
      SearchRequest request;
      request.query = query;
      request.evaluator = evaluator;
      Result<TopDocs> got = index_.searcher->TopHits(request);
      EXPECT_TRUE(got.status().IsCorruption()) << query << ": " << got.status().ToString();
    }
  }
}

TEST_F(BlockMaxCorruptionTest, DamagedSkipEntriesNeverCrash) {
  std::mt19937 rng(99);
  const uint32_t num_blocks = (alpha_.df + 127) / 128;
  int corrupt = 0;
  for (int trial = 0; trial < 60; ++trial) {
    std::string body = Body();
    for (int flips = 1 + static_cast<int>(rng() % 6); flips > 0; --flips) {
      const size_t at = SkipEntryOffset(static_cast<uint32_t>(rng() % num_blocks)) +
                        rng() % postings::kSkipEntrySize;
      body[at] = static_cast<char>(rng());
    }
    ASSERT_NO_FATAL_FAILURE(ReopenWithBody(body));
    for (const char* query :
         {"alpha", "alpha bravo", "alpha echo -bravo", "+alpha +echo", "+echo alpha golf"}) {
      for (size_t k : {1, 10}) {
        SearchRequest request;
        request.query = query;
        request.limit = k;
        request.exact_total = trial % 2 == 0;
        Result<TopDocs> got = index_.searcher->TopHits(request);
        if (!got.ok()) {
          ASSERT_TRUE(got.status().IsCorruption()) << got.status().ToString();
          ++corrupt;
        } else {
          ASSERT_LE(got->hits.size(), k);
        }
      }
    }
  }
  EXPECT_GT(corrupt, 0);
}

}  // namespace
}  // namespace nsearch::query
