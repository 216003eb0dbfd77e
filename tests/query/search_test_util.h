#ifndef NSEARCH_TESTS_QUERY_SEARCH_TEST_UTIL_H_
#define NSEARCH_TESTS_QUERY_SEARCH_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
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

}  // namespace nsearch::query

#endif  // NSEARCH_TESTS_QUERY_SEARCH_TEST_UTIL_H_
