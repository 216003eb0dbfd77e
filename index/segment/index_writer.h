#ifndef NSEARCH_INDEX_SEGMENT_INDEX_WRITER_H_
#define NSEARCH_INDEX_SEGMENT_INDEX_WRITER_H_

#include <memory>
#include <string>

#include "index/analysis/analyzer.h"
#include "index/base/directory.h"
#include "index/segment/manifest.h"
#include "index/segment/segment_writer.h"

namespace nsearch::segment {

struct IndexWriterOptions {
  // Analysis settings for a new index; an existing index keeps the settings it was built with.
  analysis::AnalyzerOptions analysis;
  // In-memory postings are written out as a segment once they pass this many bytes.
  size_t memory_budget = size_t{256} << 20;
};

// Adds documents to an index in `dir` (new or existing) and commits them.
// Call order: Open, Add*, Commit (Add and Commit may repeat). Not thread-safe.
// A commit writes new segment files, fsyncs them, then replaces the manifest atomically, so a
// crash leaves the index at its previous commit. Files of uncommitted segments are removed on the
// next Open. Only one writer, in any process, may have an index open: Open takes the LOCK file
// and fails with IOError while another writer holds it; readers never need it.
class IndexWriter {
 public:
  // `dir` must outlive the writer.
  static Result<std::unique_ptr<IndexWriter>> Open(Directory& dir,
                                                   const IndexWriterOptions& options);
  ~IndexWriter();

  Status Add(const store::StoredDocument& doc);
  // Writes buffered documents as a segment and publishes a new manifest.
  Status Commit();

  // Documents added since Open (committed or not).
  uint64_t docs_added() const { return docs_added_; }
  const Manifest& manifest() const { return manifest_; }

 private:
  IndexWriter(Directory& dir, const IndexWriterOptions& options);
  Status FlushSegment();
  Status RemoveUnreferencedFiles();

  Directory& dir_;
  std::unique_ptr<DirectoryLock> lock_;  // held for the writer's life: one writer per index
  IndexWriterOptions options_;
  Manifest manifest_;  // committed state plus flushed, uncommitted segments
  std::unique_ptr<analysis::Analyzer> analyzer_;
  std::unique_ptr<SegmentWriter> current_;
  uint64_t docs_added_ = 0;
};

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_INDEX_WRITER_H_
