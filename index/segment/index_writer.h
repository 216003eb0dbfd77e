#ifndef NSEARCH_INDEX_SEGMENT_INDEX_WRITER_H_
#define NSEARCH_INDEX_SEGMENT_INDEX_WRITER_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "index/analysis/analyzer.h"
#include "index/base/directory.h"
#include "index/segment/deleted_docs.h"
#include "index/segment/manifest.h"
#include "index/segment/merge_policy.h"
#include "index/segment/segment_reader.h"
#include "index/segment/segment_writer.h"

namespace nsearch::segment {

struct IndexWriterOptions {
  // Analysis settings for a new index; an existing index keeps the settings it was built with.
  analysis::AnalyzerOptions analysis;
  // How a new index is scored; an existing index keeps its own.
  ScoringModel scoring = ScoringModel::kBm25;
  // The text fields of a new index (fields.h); an existing index keeps its own.
  std::vector<FieldSpec> fields = DefaultFields();
  // In-memory postings, plus the ids of pending deletions, are written out as a segment once
  // they pass this many bytes.
  size_t memory_budget = size_t{256} << 20;
  // Which segments Commit merges afterwards.
  MergePolicy merge_policy;
  // Threads that analyze and invert documents, each into segments of its own. With 1, Add does
  // the work itself and documents keep the order they were added in; with more, Add hands
  // batches of documents to the threads in turn, so a segment holds the batches of one thread
  // and documents from different batches may change order (ranking ties follow the index order).
  size_t threads = 1;
  // With several threads, documents are handed over in batches of this many (or of 1 MiB).
  size_t batch_docs = 256;
  // An indexing thread finishes its segment before a document that could take the segment's
  // in-memory postings past this many bytes, whatever memory_budget says (capped at
  // SegmentWriter::kMaxPostingsLimit, 3 GiB: a segment writer's pool spans 4 GiB; Lucene's
  // per-thread limit is 2 GB). Small values are for tests.
  size_t segment_postings_limit = SegmentWriter::kMaxPostingsLimit;
};

// What a writer did since Open.
struct WriterStats {
  uint64_t docs_added = 0;    // documents added (committed or not)
  uint64_t docs_deleted = 0;  // documents deleted, by Delete or replaced by Add
  uint64_t merges = 0;        // merges done
  uint64_t docs_merged = 0;   // live documents rewritten by merges
};

// Adds, replaces and deletes documents of an index in `dir` (new or existing) and commits.
// Call order: Open, (Add | Delete)*, Commit, repeated; ForceMerge at any point. Not thread-safe:
// one thread calls it (it may run `threads` threads of its own).
//
// Ids: Add replaces every document with the same id added before it (committed or not), and
// Delete(id) deletes them, so an id names at most one live document. Deletions are recorded
// per segment as a bitmap and take effect at the next flush or commit; merges drop them.
//
// Durability: a commit writes new files (segments and deletion bitmaps; existing files are
// never modified), fsyncs them and the directory, then replaces the manifest atomically, so a
// crash leaves the index at its previous commit. Files no commit refers to are removed after
// each commit and on Open. Only one writer, in any process, may have an index open: Open takes
// the LOCK file and fails with IOError while another writer holds it; readers never need it.
class IndexWriter {
 public:
  // `dir` must outlive the writer.
  static Result<std::unique_ptr<IndexWriter>> Open(Directory& dir,
                                                   const IndexWriterOptions& options);
  ~IndexWriter();

  // Buffers `doc`, replacing earlier documents with its id. An error of an indexing thread
  // (a full disk, say) is returned by a later call; the writer is then unusable.
  Status Add(store::StoredDocument doc);
  // Deletes the documents with external id `id` added before this call.
  Status Delete(std::string_view id);
  // Writes buffered documents as a segment, records deletions, publishes a new manifest, then
  // merges what the merge policy picks and publishes that too. On an I/O error the index stays
  // at the previous commit, unless the error came after the new manifest was renamed into place
  // (syncing the directory, removing replaced files, or a merge that follows): then the new
  // commit stands. Either way no committed document is lost
  // (tests/index/segment/fault_injection_test.cc).
  Status Commit();
  // Merges segments until at most `max_segments` remain (>= 1), dropping deleted documents
  // from every segment merged, and commits. Buffered documents are committed first.
  Status ForceMerge(size_t max_segments);

  const WriterStats& stats() const { return stats_; }
  const Manifest& manifest() const { return manifest_; }

 private:
  // A segment of the manifest (committed, or flushed since), opened when first needed.
  struct SegmentState {
    std::shared_ptr<const SegmentReader> reader;
    std::unique_ptr<DeletedDocs> deleted;  // loaded with the reader
    bool deletions_changed = false;        // not yet written to a .del file
  };
  // One indexing thread's segment under construction (defined in the .cc file).
  struct Inverter;
  // Documents with their sequence numbers (the order of Add calls, from 1).
  using Batch = std::vector<std::pair<uint64_t, store::StoredDocument>>;

  IndexWriter(Directory& dir, const IndexWriterOptions& options);
  Status StartInverters();
  // Records a pending deletion of `id` issued at sequence number `seq` (replacing an earlier one).
  void RecordDelete(std::string_view id, uint64_t seq);
  void Dispatch();
  size_t BufferedBytes() const;
  Status FlushSegments();
  Result<SegmentState*> State(const SegmentInfo& info);
  Status ApplyPendingDeletes(const std::map<std::string, std::vector<uint64_t>>& fresh);
  Status WriteDeletions();
  Status Publish();
  Status MergeSegmentsAt(const std::vector<size_t>& positions);
  Status RemoveUnreferencedFiles();
  std::string NewSegmentName();

  Directory& dir_;
  std::unique_ptr<DirectoryLock> lock_;  // held for the writer's life: one writer per index
  IndexWriterOptions options_;
  Manifest manifest_;   // committed state plus flushed, uncommitted segments and deletions
  std::mutex name_mu_;  // guards manifest_.next_segment_number while inverters run
  std::vector<std::unique_ptr<Inverter>> inverters_;
  Batch batch_;  // documents not yet handed to an inverter
  size_t batch_bytes_ = 0;
  size_t next_inverter_ = 0;
  uint64_t next_seq_ = 1;                       // committed documents count as sequence 0
  std::map<std::string, SegmentState> states_;  // by segment name
  // Deletions not yet applied: id -> the sequence number they were issued at. One deletes the
  // documents with that id and a smaller sequence number: every committed or flushed one, and
  // those buffered before it.
  std::unordered_map<std::string, uint64_t> pending_deletes_;
  size_t pending_bytes_ = 0;
  WriterStats stats_;
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_INDEX_WRITER_H_
