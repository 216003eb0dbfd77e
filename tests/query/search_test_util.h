#ifndef NSEARCH_TESTS_QUERY_SEARCH_TEST_UTIL_H_
#define NSEARCH_TESTS_QUERY_SEARCH_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/segment/index_reader.h"
#include "index/segment/index_writer.h"
#include "query/searcher.h"

namespace nsearch::query {

// An index in a MemoryDirectory with a reader and a Searcher over it. Members are declared in
// the order they must be destroyed last to first.
struct TestIndex {
  std::unique_ptr<Directory> dir;
  std::unique_ptr<segment::IndexReader> reader;
  std::unique_ptr<Searcher> searcher;
};

// Builds an index of `docs` (in order) and opens it. A small `memory_budget` splits it into
// many segments. Fails the current test on any error; check with ASSERT_NO_FATAL_FAILURE.
inline void BuildTestIndex(const std::vector<store::StoredDocument>& docs,
                           const analysis::AnalyzerOptions& analysis, size_t memory_budget,
                           TestIndex* index) {
  index->dir = NewMemoryDirectory();
  segment::IndexWriterOptions options;
  options.analysis = analysis;
  options.memory_budget = memory_budget;
  Result<std::unique_ptr<segment::IndexWriter>> writer =
      segment::IndexWriter::Open(*index->dir, options);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (const store::StoredDocument& doc : docs) {
    const Status s = (*writer)->Add(doc);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  const Status commit = (*writer)->Commit();
  ASSERT_TRUE(commit.ok()) << commit.ToString();
  Result<std::unique_ptr<segment::IndexReader>> reader = segment::IndexReader::Open(*index->dir);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  index->reader = std::move(reader).value();
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(index->reader.get());
  ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
  index->searcher = std::move(searcher).value();
}

// Picks words of `words` with probability ~ 1 / (rank + 1) (Zipf's law, exponent 1), so the first
// words occur in most documents and the last in few; with `uniform_one_in` = n > 0, one pick in n
// is uniform instead, so rare words get queried too. `words` must outlive the picker.
class ZipfWordPicker {
 public:
  explicit ZipfWordPicker(const std::vector<std::string>& words, unsigned uniform_one_in = 0)
      : words_(words), uniform_one_in_(uniform_one_in) {
    std::vector<double> weights;
    for (size_t r = 0; r < words_.size(); ++r) {
      weights.push_back(1.0 / static_cast<double>(r + 1));
    }
    zipf_ = std::discrete_distribution<size_t>(weights.begin(), weights.end());
  }
  const std::string& operator()(std::mt19937& rng) {
    if (uniform_one_in_ > 0 && rng() % uniform_one_in_ == 0) {
      return words_[rng() % words_.size()];
    }
    return words_[zipf_(rng)];
  }

 private:
  const std::vector<std::string>& words_;
  unsigned uniform_one_in_;
  std::discrete_distribution<size_t> zipf_;
};

}  // namespace nsearch::query

#endif  // NSEARCH_TESTS_QUERY_SEARCH_TEST_UTIL_H_
