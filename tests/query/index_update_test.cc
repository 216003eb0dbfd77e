// Differential test of updates: an index changed by adds that replace ids, deletes and merges
// must answer every query exactly as a fresh index of the documents that survive, in the
// order they were added (same ids, same scores: BM25 statistics must not count deleted
// documents), before and after merging. With several indexing threads the order of documents
// may change, so every match is compared as a set of (score, id).

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "query/searcher.h"
#include "tests/query/search_test_util.h"

namespace nsearch::query {
namespace {

const std::vector<std::string>& Vocabulary() {
  static const std::vector<std::string> words = {
      "pact",  "defense", "mutual", "korea", "russia", "the",    "treaty", "of",
      "sign",  "summit",  "and",    "kim",   "putin",  "weapon", "a",      "border",
      "trade", "accord",  "ally",   "army",  "envoy",  "visit",  "talks",  "sanction"};
  return words;
}

struct Op {
  enum Kind { kAdd, kDelete, kCommit } kind;
  store::StoredDocument doc;  // kAdd; doc.id for kDelete
};

// The documents that survive `ops`, in the order they were added.
std::vector<store::StoredDocument> Survivors(const std::vector<Op>& ops) {
  std::vector<store::StoredDocument> added;
  std::map<std::string, size_t> live;  // id -> index in `added`
  std::vector<bool> alive;
  for (const Op& op : ops) {
    if (op.kind == Op::kCommit) {
      continue;
    }
    auto it = live.find(op.doc.id);
    if (it != live.end()) {
      alive[it->second] = false;
      live.erase(it);
    }
    if (op.kind == Op::kAdd) {
      live[op.doc.id] = added.size();
      added.push_back(op.doc);
      alive.push_back(true);
    }
  }
  std::vector<store::StoredDocument> out;
  for (size_t i = 0; i < added.size(); ++i) {
    if (alive[i]) {
      out.push_back(added[i]);
    }
  }
  return out;
}

void Apply(const std::vector<Op>& ops, const segment::IndexWriterOptions& options, Directory& dir) {
  auto writer = segment::IndexWriter::Open(dir, options);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (const Op& op : ops) {
    Status s;
    if (op.kind == Op::kAdd) {
      s = (*writer)->Add(op.doc);
    } else if (op.kind == Op::kDelete) {
      s = (*writer)->Delete(op.doc.id);
    } else {
      s = (*writer)->Commit();
    }
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  const Status s = (*writer)->Commit();
  ASSERT_TRUE(s.ok()) << s.ToString();
}

// Every match of `request` as (score, id), best first, ties by id.
std::vector<std::pair<double, std::string>> AllMatches(Searcher& searcher, SearchRequest request) {
  request.limit = 10000;
  Result<TopDocs> top = searcher.TopHits(request);
  EXPECT_TRUE(top.ok()) << request.query;
  std::vector<std::pair<double, std::string>> out;
  for (const Hit& hit : top.ok() ? top->hits : std::vector<Hit>()) {
    out.emplace_back(-hit.score, std::string(searcher.ExternalId(hit.doc)));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ExpectSameResults(const TestIndex& want, const segment::IndexReader& reader,
                       const std::vector<std::string>& queries, bool same_order,
                       const std::string& what) {
  auto searcher = Searcher::Create(&reader);
  ASSERT_TRUE(searcher.ok());
  ASSERT_EQ(reader.num_docs(), want.reader->num_docs()) << what;
  ASSERT_EQ(reader.avg_doc_length(), want.reader->avg_doc_length()) << what;
  for (const std::string& q : queries) {
    for (Evaluator evaluator : {Evaluator::kBlockMax, Evaluator::kExhaustive}) {
      SearchRequest request;
      request.query = q;
      request.limit = 20;
      request.evaluator = evaluator;
      EXPECT_EQ(AllMatches(**searcher, request), AllMatches(*want.searcher, request))
          << what << ": " << q;
      if (!same_order) {
        continue;
      }
      Result<TopDocs> got = (*searcher)->TopHits(request);
      Result<TopDocs> expected = want.searcher->TopHits(request);
      ASSERT_TRUE(got.ok() && expected.ok()) << q;
      EXPECT_EQ(got->total, expected->total) << what << ": " << q;
      ASSERT_EQ(got->hits.size(), expected->hits.size()) << what << ": " << q;
      for (size_t i = 0; i < got->hits.size(); ++i) {
        EXPECT_EQ((*searcher)->ExternalId(got->hits[i].doc),
                  want.searcher->ExternalId(expected->hits[i].doc))
            << what << ": " << q << " rank " << i;
        EXPECT_EQ(got->hits[i].score, expected->hits[i].score) << what << ": " << q;
      }
      request.count_only = true;
      got = (*searcher)->TopHits(request);
      ASSERT_TRUE(got.ok());
      EXPECT_EQ(got->total, expected->total) << what << " count-only: " << q;
    }
  }
}

class IndexUpdateTest : public ::testing::TestWithParam<int> {};

TEST_P(IndexUpdateTest, AnswersAsAFreshIndexOfTheSurvivors) {
  std::mt19937 rng(7000 + static_cast<unsigned>(GetParam()));
  ZipfWordPicker pick(Vocabulary());
  // Ids from a small pool, so that adds replace; deletes of present and absent ids.
  const size_t id_pool = 10 + rng() % 150;
  std::vector<Op> ops;
  const size_t num_ops = 50 + rng() % 400;
  for (size_t i = 0; i < num_ops; ++i) {
    const unsigned r = rng() % 100;
    Op op;
    op.doc.id = "id" + std::to_string(rng() % id_pool);
    if (r < 75) {
      op.kind = Op::kAdd;
      op.doc.title = RandomWords(rng, pick, rng() % 4);
      op.doc.body = RandomWords(rng, pick, 1 + rng() % 30);
    } else if (r < 95) {
      op.kind = Op::kDelete;
    } else {
      op.kind = Op::kCommit;
    }
    ops.push_back(std::move(op));
  }
  const std::vector<store::StoredDocument> survivors = Survivors(ops);
  TestIndex want;
  ASSERT_NO_FATAL_FAILURE(
      BuildTestIndex(survivors, analysis::AnalyzerOptions(), size_t{256} << 20, &want));
  std::vector<std::string> queries;
  for (int i = 0; i < 25; ++i) {
    queries.push_back(RandomQuery(rng, pick, 0));
  }

  auto dir = NewMemoryDirectory();
  segment::IndexWriterOptions options;
  options.memory_budget = rng() % 2 == 0 ? 1 + rng() % 3000 : size_t{256} << 20;
  options.merge_policy = segment::MergePolicy::Never();
  options.threads = GetParam() % 3 == 0 ? 2 + rng() % 2 : 1;
  options.batch_docs = 1 + rng() % 8;
  // Threads also finish segments on their own once their postings pass a limit.
  if (rng() % 2 == 0) {
    options.segment_postings_limit = 200 + rng() % 4000;
  }
  const bool same_order = options.threads == 1;
  ASSERT_NO_FATAL_FAILURE(Apply(ops, options, *dir));
  auto reader = segment::IndexReader::Open(*dir);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_NO_FATAL_FAILURE(ExpectSameResults(want, **reader, queries, same_order, "unmerged"));
  for (const auto& s : survivors) {
    const std::optional<uint64_t> doc = (*reader)->FindDocument(s.id);
    ASSERT_TRUE(doc.has_value()) << s.id;
    EXPECT_FALSE((*reader)->IsDeleted(*doc));
  }

  // The same operations with the default merge policy and a small tier, then merged to one.
  auto merged_dir = NewMemoryDirectory();
  options.merge_policy = segment::MergePolicy();
  options.merge_policy.segments_per_tier = 2 + rng() % 4;
  options.merge_policy.floor_docs = 1 + rng() % 20;
  ASSERT_NO_FATAL_FAILURE(Apply(ops, options, *merged_dir));
  reader = segment::IndexReader::Open(*merged_dir);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_NO_FATAL_FAILURE(
      ExpectSameResults(want, **reader, queries, same_order, "merged by policy"));
  {
    auto writer = segment::IndexWriter::Open(*merged_dir, options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->ForceMerge(1).ok());
  }
  reader = segment::IndexReader::Open(*merged_dir);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_LE((*reader)->num_segments(), 1u);
  EXPECT_EQ((*reader)->Totals().deleted, 0u);
  ASSERT_NO_FATAL_FAILURE(ExpectSameResults(want, **reader, queries, same_order, "force-merged"));
}

INSTANTIATE_TEST_SUITE_P(Seeds, IndexUpdateTest, ::testing::Range(0, 30));

}  // namespace
}  // namespace nsearch::query
