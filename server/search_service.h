#ifndef NSEARCH_SERVER_SEARCH_SERVICE_H_
#define NSEARCH_SERVER_SEARCH_SERVICE_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/input/document_reader.h"
#include "index/segment/index_reader.h"
#include "index/segment/index_writer.h"
#include "query/searcher.h"

namespace nsearch::server {

// What POST /documents did.
struct AddReport {
  input::InputReport input;
  std::vector<std::string> warnings;  // the first few, "body:LINE: what"
  uint64_t generation = 0;            // the commit that made the documents visible
};

// The search engine behind the HTTP server, with no HTTP in it. Thread-safe: searches run
// concurrently on the current index snapshot, each with a Searcher of its own from a pool;
// a write (AddJsonl) commits and then swaps in a new snapshot, so searches never wait for it and
// each sees one consistent commit.
//
// At most `max_searches` searches (and document fetches) run at once; more callers wait their
// turn. So the Searchers a snapshot makes, each with its own analyzer caches and buffers, are
// bounded by that figure and not by the number of connections, and the CPU is shared by a few
// searches that finish rather than many that all run slowly.
class SearchService {
 public:
  // Serves the index in `dir` (already opened as `reader`). `writable`: the directory is an index
  // directory on disk that AddJsonl may commit to. `name` is shown in stats. `max_searches`: the
  // searches that run at once; 0 means kSearchesPerCore per core.
  static Result<std::unique_ptr<SearchService>> Create(
      std::unique_ptr<Directory> dir, std::shared_ptr<const segment::IndexReader> reader,
      std::string name, bool writable, size_t max_searches = 0);

  // Searches running at once per core by default: two, so that one long query on each core
  // leaves room for short ones.
  static constexpr size_t kSearchesPerCore = 2;
  ~SearchService();

  // Runs a search on the current snapshot. Errors as Searcher::Search.
  Result<query::SearchResponse> Search(const query::SearchRequest& request);

  // The stored document with external id `id`; NotFound if there is none.
  Result<store::StoredDocument> DocumentById(const std::string& id);

  // Indexes the JSONL `body` (same fields and rules as `nsearch index`) and commits it.
  // InvalidArgument if the service is not writable or no line held a document (the report's
  // warnings say why); writes are serialized.
  Result<AddReport> AddJsonl(std::string_view body, const input::InputOptions& options);

  // Deletes the document with external id `id` and commits; returns the commit's generation.
  // NotFound if the current snapshot has no such document; InvalidArgument if not writable.
  Result<uint64_t> DeleteById(const std::string& id);

  // {"index","documents","segments","terms","postings","index_bytes","generation",
  //  "uptime_s","queries_served","max_searches","searchers","writable"}; "searchers" counts the
  //  Searchers the current snapshot has made (never more than max_searches).
  std::string StatsJson() const;

  bool writable() const { return writable_; }

 private:
  struct Snapshot;
  class SearcherLease;
  class SearchSlot;

  SearchService(std::unique_ptr<Directory> dir, std::string name, bool writable,
                size_t max_searches);
  std::shared_ptr<Snapshot> Current() const;
  // Opens a writer, applies `change`, commits and swaps in a snapshot of the commit; returns
  // its generation. Writes are serialized; searches go on meanwhile on the old snapshot.
  Result<uint64_t> Write(const std::function<Status(segment::IndexWriter& writer)>& change);
  static Result<std::shared_ptr<Snapshot>> MakeSnapshot(
      std::shared_ptr<const segment::IndexReader> r);

  std::unique_ptr<Directory> dir_;
  std::string name_;
  bool writable_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::atomic<uint64_t> queries_served_{0};

  const size_t max_searches_;
  std::mutex slots_mu_;
  std::condition_variable slot_freed_;
  size_t searches_running_ = 0;  // guarded by slots_mu_

  mutable std::mutex snapshot_mu_;
  std::shared_ptr<Snapshot> snapshot_;  // guarded by snapshot_mu_
  std::mutex write_mu_;                 // serializes AddJsonl
};

}  // namespace nsearch::server

#endif  // NSEARCH_SERVER_SEARCH_SERVICE_H_
