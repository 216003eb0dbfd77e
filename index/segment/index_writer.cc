#include "index/segment/index_writer.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace nsearch::segment {

IndexWriter::IndexWriter(Directory& dir, const IndexWriterOptions& options)
    : dir_(dir), options_(options) {}

IndexWriter::~IndexWriter() = default;

namespace {

// True for files only an IndexWriter creates: segment files and the manifest being written.
bool IsWriterFile(const std::string& name) {
  return name.rfind("seg_", 0) == 0 || name == std::string(kManifestName) + ".tmp" ||
         name == kWriterLockName;
}

}  // namespace

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(Directory& dir,
                                                       const IndexWriterOptions& options) {
  // Never scatter index files among somebody's documents: refuse a folder holding other files
  // and no manifest before creating anything in it. Leftovers of a first build that died before
  // its first commit (segment files, a temporary manifest) are ours and get removed below.
  if (!dir.Exists(kManifestName)) {
    NSEARCH_ASSIGN_OR_RETURN(auto names, dir.List());
    const bool only_ours = std::all_of(names.begin(), names.end(),
                                       [](const std::string& n) { return IsWriterFile(n); });
    if (!only_ours) {
      return Status::InvalidArgument(dir.Describe("") +
                                     ": directory is not empty and holds no nsearch index");
    }
  }
  std::unique_ptr<IndexWriter> writer(new IndexWriter(dir, options));
  NSEARCH_ASSIGN_OR_RETURN(writer->lock_, dir.Lock(kWriterLockName));
  // Read the manifest only under the lock: another writer may have committed until now.
  auto existing = ReadManifest(dir);
  if (existing.ok()) {
    writer->manifest_ = std::move(existing).value();
  } else if (existing.status().IsNotFound()) {
    writer->manifest_.analysis = options.analysis;
  } else {
    return existing.status();
  }
  NSEARCH_ASSIGN_OR_RETURN(writer->analyzer_,
                           analysis::Analyzer::Create(writer->manifest_.analysis));
  NSEARCH_RETURN_IF_ERROR(writer->RemoveUnreferencedFiles());
  return writer;
}

// Files left by a writer that died before committing belong to no manifest; they are garbage.
Status IndexWriter::RemoveUnreferencedFiles() {
  std::set<std::string> live;
  for (const auto& s : manifest_.segments) {
    for (const char* ext : kSegmentExtensions) {
      live.insert(SegmentFile(s.name, ext));
    }
  }
  NSEARCH_ASSIGN_OR_RETURN(auto names, dir_.List());
  for (const auto& name : names) {
    // The lock file stays: unlinking it would let the next writer lock a new inode.
    if (IsWriterFile(name) && name != kWriterLockName && live.count(name) == 0) {
      NSEARCH_RETURN_IF_ERROR(dir_.Remove(name));
    }
  }
  return Status::Ok();
}

Status IndexWriter::Add(const store::StoredDocument& doc) {
  if (current_ == nullptr) {
    char name[32];
    std::snprintf(name, sizeof(name), "seg_%06u", manifest_.next_segment_number++);
    NSEARCH_ASSIGN_OR_RETURN(current_, SegmentWriter::Create(dir_, name, analyzer_.get()));
  }
  if (current_->num_docs() == UINT32_MAX - 1) {
    NSEARCH_RETURN_IF_ERROR(FlushSegment());
    return Add(doc);
  }
  NSEARCH_RETURN_IF_ERROR(current_->Add(doc));
  ++docs_added_;
  if (current_->memory_usage() >= options_.memory_budget) {
    return FlushSegment();
  }
  return Status::Ok();
}

Status IndexWriter::FlushSegment() {
  if (current_ == nullptr) {
    return Status::Ok();
  }
  std::unique_ptr<SegmentWriter> writer = std::move(current_);
  if (writer->num_docs() == 0) {
    return Status::Ok();
  }
  NSEARCH_ASSIGN_OR_RETURN(SegmentInfo info, writer->Finish());
  manifest_.segments.push_back(std::move(info));
  return Status::Ok();
}

Status IndexWriter::Commit() {
  NSEARCH_RETURN_IF_ERROR(FlushSegment());
  // Segment files were fsynced as they were finished; make their names durable before the
  // manifest that refers to them.
  NSEARCH_RETURN_IF_ERROR(dir_.SyncDir());
  manifest_.generation += 1;
  return WriteManifest(dir_, manifest_);
}

}  // namespace nsearch::segment
