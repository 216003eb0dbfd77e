// SearchService under concurrency: searches run while writes commit and merge segments.

#include "server/search_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "index/segment/index_reader.h"
#include "index/segment/index_writer.h"
#include "tests/support/temp_dir.h"

namespace nsearch::server {
namespace {

// A writable service over an index directory on disk holding documents "a" and "b".
std::unique_ptr<SearchService> NewService(const std::string& path, size_t max_searches = 0) {
  auto dir = OpenFsDirectory(path, /*create=*/true);
  EXPECT_TRUE(dir.ok());
  {
    auto writer = segment::IndexWriter::Open(**dir, segment::IndexWriterOptions{});
    EXPECT_TRUE(writer.ok());
    for (const char* id : {"a", "b"}) {
      store::StoredDocument doc;
      doc.id = id;
      doc.body = std::string("grain trade ") + id;
      EXPECT_TRUE((*writer)->Add(doc).ok());
    }
    EXPECT_TRUE((*writer)->Commit().ok());
  }
  auto reader = segment::IndexReader::Open(**dir);
  EXPECT_TRUE(reader.ok());
  auto service =
      SearchService::Create(std::move(*dir), std::move(*reader), "t", true, max_searches);
  EXPECT_TRUE(service.ok());
  return std::move(*service);
}

// Each search sees one whole commit, never an older one than the search before it, while
// commits add documents and the merge policy merges their one-document segments.
TEST(SearchServiceTest, SearchesSeeWholeCommitsWhileWritesCommitAndMerge) {
  nsearch::testing::TempDir tmp;
  const std::unique_ptr<SearchService> service = NewService(tmp.path().string());
  constexpr int kWrites = 40;
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::atomic<int> searches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      uint64_t seen = 0;
      while (!stop.load()) {
        query::SearchRequest request;
        request.query = "zebra";
        request.limit = 100;
        const auto response = service->Search(request);
        if (!response.ok()) {
          ++failures;
        } else if (response->total_is_exact) {
          if (response->total < seen || response->hits.size() != response->total)
            ++failures;
          seen = response->total;
        }
        (void)service->DocumentById("z0");
        (void)service->StatsJson();
        ++searches;
      }
    });
  }
  for (int i = 0; i < kWrites; ++i) {
    const std::string line =
        "{\"id\":\"z" + std::to_string(i) + "\",\"body\":\"zebra " + std::to_string(i) + "\"}\n";
    const auto added = service->AddJsonl(line, input::InputOptions{});
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    if (i == kWrites / 2) {
      ASSERT_TRUE(service->DeleteById("a").ok());
    }
  }
  stop = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(searches.load(), 0);
  query::SearchRequest request;
  request.query = "zebra";
  request.limit = 100;
  EXPECT_EQ(service->Search(request)->total, static_cast<uint64_t>(kWrites));
  EXPECT_FALSE(service->DocumentById("a").ok());
}

// However many threads search at once, no more than max_searches Searchers are ever made, so
// the memory they hold does not grow with the number of connections; every search still runs.
TEST(SearchServiceTest, SearchesBeyondTheLimitWaitAndMakeNoMoreSearchers) {
  nsearch::testing::TempDir tmp;
  for (const size_t max_searches : {size_t{1}, size_t{2}}) {
    const std::unique_ptr<SearchService> service =
        NewService((tmp.path() / std::to_string(max_searches)).string(), max_searches);
    constexpr int kThreads = 8, kSearchesEach = 50;
    std::atomic<int> ready{0}, found{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        ++ready;
        while (ready.load() < kThreads) std::this_thread::yield();
        for (int i = 0; i < kSearchesEach; ++i) {
          query::SearchRequest request;
          request.query = i % 2 == 0 ? "grain" : "trade a";
          const auto response = service->Search(request);
          if (response.ok() && response->total == 2)
            ++found;
          if (service->DocumentById("b").ok())
            ++found;
        }
      });
    }
    for (std::thread& t : threads) t.join();
    EXPECT_EQ(found.load(), 2 * kThreads * kSearchesEach);
    const auto stats = nlohmann::json::parse(service->StatsJson());
    EXPECT_EQ(stats["max_searches"], max_searches);
    EXPECT_GE(stats["searchers"].get<size_t>(), 1u);
    EXPECT_LE(stats["searchers"].get<size_t>(), max_searches);
    EXPECT_EQ(stats["queries_served"], kThreads * kSearchesEach);
  }
}

}  // namespace
}  // namespace nsearch::server
