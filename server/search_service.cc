#include "server/search_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>

#include "index/segment/index_writer.h"

namespace nsearch::server {

constexpr size_t kMaxWarningsReported = 20;

// One committed state of the index with a pool of Searchers over it. Shared by the searches that
// started on it; freed when the last of them ends after a newer snapshot replaced it.
struct SearchService::Snapshot {
  std::shared_ptr<const segment::IndexReader> reader;
  std::mutex mu;
  std::vector<std::unique_ptr<query::Searcher>> idle;  // guarded by mu
  std::atomic<size_t> made{0};                         // Searchers made for this snapshot
};

// One of the service's max_searches_ turns to search, held for the lifetime of the object;
// waits for one to be free.
class SearchService::SearchSlot {
 public:
  explicit SearchSlot(SearchService* service) : service_(service) {
    std::unique_lock lock(service_->slots_mu_);
    service_->slot_freed_.wait(
        lock, [this] { return service_->searches_running_ < service_->max_searches_; });
    ++service_->searches_running_;
  }
  ~SearchSlot() {
    {
      std::lock_guard lock(service_->slots_mu_);
      --service_->searches_running_;
    }
    service_->slot_freed_.notify_one();
  }
  SearchSlot(const SearchSlot&) = delete;
  SearchSlot& operator=(const SearchSlot&) = delete;

 private:
  SearchService* service_;
};

// Borrows an idle Searcher of a snapshot (or makes one) and gives it back when done.
class SearchService::SearcherLease {
 public:
  static Result<SearcherLease> Acquire(std::shared_ptr<Snapshot> snapshot) {
    std::unique_ptr<query::Searcher> searcher;
    {
      std::lock_guard lock(snapshot->mu);
      if (!snapshot->idle.empty()) {
        searcher = std::move(snapshot->idle.back());
        snapshot->idle.pop_back();
      }
    }
    if (searcher == nullptr) {
      NSEARCH_ASSIGN_OR_RETURN(searcher, query::Searcher::Create(snapshot->reader.get()));
      snapshot->made.fetch_add(1, std::memory_order_relaxed);
    }
    return SearcherLease(std::move(snapshot), std::move(searcher));
  }
  SearcherLease(SearcherLease&&) = default;
  ~SearcherLease() {
    if (searcher_ == nullptr)
      return;
    std::lock_guard lock(snapshot_->mu);
    snapshot_->idle.push_back(std::move(searcher_));
  }
  query::Searcher& operator*() { return *searcher_; }
  query::Searcher* operator->() { return searcher_.get(); }

 private:
  SearcherLease(std::shared_ptr<Snapshot> snapshot, std::unique_ptr<query::Searcher> searcher)
      : snapshot_(std::move(snapshot)), searcher_(std::move(searcher)) {}
  std::shared_ptr<Snapshot> snapshot_;
  std::unique_ptr<query::Searcher> searcher_;
};

SearchService::SearchService(std::unique_ptr<Directory> dir, std::string name, bool writable,
                             size_t max_searches)
    : dir_(std::move(dir)),
      name_(std::move(name)),
      writable_(writable),
      max_searches_(max_searches != 0
                        ? max_searches
                        : kSearchesPerCore * std::max(1u, std::thread::hardware_concurrency())) {}

SearchService::~SearchService() = default;

Result<std::shared_ptr<SearchService::Snapshot>> SearchService::MakeSnapshot(
    std::shared_ptr<const segment::IndexReader> reader) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->reader = std::move(reader);
  // Check now that a Searcher can be made, so a broken snapshot is never published.
  NSEARCH_ASSIGN_OR_RETURN(auto searcher, query::Searcher::Create(snapshot->reader.get()));
  snapshot->idle.push_back(std::move(searcher));
  snapshot->made = 1;
  return snapshot;
}

Result<std::unique_ptr<SearchService>> SearchService::Create(
    std::unique_ptr<Directory> dir, std::shared_ptr<const segment::IndexReader> reader,
    std::string name, bool writable, size_t max_searches) {
  std::unique_ptr<SearchService> service(
      new SearchService(std::move(dir), std::move(name), writable, max_searches));
  NSEARCH_ASSIGN_OR_RETURN(service->snapshot_, MakeSnapshot(std::move(reader)));
  return service;
}

std::shared_ptr<SearchService::Snapshot> SearchService::Current() const {
  std::lock_guard lock(snapshot_mu_);
  return snapshot_;
}

Result<query::SearchResponse> SearchService::Search(const query::SearchRequest& request) {
  const SearchSlot slot(this);
  NSEARCH_ASSIGN_OR_RETURN(SearcherLease searcher, SearcherLease::Acquire(Current()));
  queries_served_.fetch_add(1, std::memory_order_relaxed);
  return searcher->Search(request);
}

Result<store::StoredDocument> SearchService::DocumentById(const std::string& id) {
  const SearchSlot slot(this);
  NSEARCH_ASSIGN_OR_RETURN(SearcherLease searcher, SearcherLease::Acquire(Current()));
  const std::optional<uint64_t> doc = searcher->reader().FindDocument(id);
  if (!doc) {
    return Status::NotFound("no document with id \"" + id + "\"");
  }
  return searcher->Document(*doc);
}

Result<uint64_t> SearchService::Write(
    const std::function<Status(segment::IndexWriter& writer)>& change) {
  if (!writable_) {
    return Status::InvalidArgument(
        "this server's index is not writable (serve an index directory)");
  }
  std::lock_guard write_lock(write_mu_);
  NSEARCH_ASSIGN_OR_RETURN(auto writer,
                           segment::IndexWriter::Open(*dir_, segment::IndexWriterOptions{}));
  NSEARCH_RETURN_IF_ERROR(change(*writer));
  NSEARCH_RETURN_IF_ERROR(writer->Commit());
  const uint64_t generation = writer->manifest().generation;
  writer.reset();
  // Segments the commit kept are shared with the current snapshot, not opened again.
  NSEARCH_ASSIGN_OR_RETURN(auto reader, segment::IndexReader::Open(*dir_, Current()->reader.get()));
  NSEARCH_ASSIGN_OR_RETURN(auto snapshot, MakeSnapshot(std::move(reader)));
  std::lock_guard lock(snapshot_mu_);
  snapshot_ = std::move(snapshot);
  return generation;
}

Result<AddReport> SearchService::AddJsonl(std::string_view body,
                                          const input::InputOptions& options) {
  AddReport report;
  const input::WarningSink warn = [&](const std::string& warning) {
    if (report.warnings.size() < kMaxWarningsReported)
      report.warnings.push_back(warning);
  };
  NSEARCH_ASSIGN_OR_RETURN(report.generation, Write([&](segment::IndexWriter& writer) {
                             const input::DocumentSink sink = [&](store::StoredDocument&& doc) {
                               return writer.Add(doc);
                             };
                             input::InputOptions fields = options;  // and the index's own
                             for (const segment::FieldSpec& f : writer.manifest().fields) {
                               if (f.source == segment::FieldSource::kJson) {
                                 fields.extra_fields.push_back(f.name);
                               }
                             }
                             NSEARCH_RETURN_IF_ERROR(input::ReadJsonlText(
                                 body, "body", fields, sink, warn, &report.input));
                             if (report.input.documents == 0) {
                               std::string why = "no documents in the request body";
                               if (!report.warnings.empty())
                                 why.append(": ").append(report.warnings.front());
                               return Status::InvalidArgument(why);
                             }
                             return Status::Ok();
                           }));
  return report;
}

Result<uint64_t> SearchService::DeleteById(const std::string& id) {
  if (writable_ && !Current()->reader->FindDocument(id)) {
    return Status::NotFound("no document with id \"" + id + "\"");
  }
  return Write([&](segment::IndexWriter& writer) { return writer.Delete(id); });
}

std::string SearchService::StatsJson() const {
  const std::shared_ptr<Snapshot> snapshot = Current();
  const segment::IndexReader& reader = *snapshot->reader;
  const segment::IndexTotals totals = reader.Totals();
  const double uptime =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const nlohmann::ordered_json stats = {{"index", name_},
                                        {"documents", reader.num_docs()},
                                        {"deleted", totals.deleted},
                                        {"segments", reader.num_segments()},
                                        {"terms", totals.terms},
                                        {"postings", totals.postings},
                                        {"index_bytes", totals.bytes},
                                        {"generation", reader.manifest().generation},
                                        {"uptime_s", uptime},
                                        {"queries_served", queries_served_.load()},
                                        {"max_searches", max_searches_},
                                        {"searchers", snapshot->made.load()},
                                        {"writable", writable_}};
  return stats.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace nsearch::server
