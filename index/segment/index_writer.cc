#include "index/segment/index_writer.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "index/base/hash.h"
#include "index/segment/doc_table.h"
#include "index/segment/segment_merger.h"

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

// Heap bytes a pending deletion costs (the id plus a hash-map node), for the memory budget.
size_t PendingDeleteBytes(std::string_view id) { return id.size() + 64; }

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

// Files left by a writer that died before committing, and files of segments and deletions a
// commit replaced, belong to no manifest; they are garbage. Readers that still map them keep
// their mappings.
Status IndexWriter::RemoveUnreferencedFiles() {
  std::set<std::string> live;
  for (const auto& s : manifest_.segments) {
    for (const char* ext : kSegmentExtensions) {
      live.insert(SegmentFile(s.name, ext));
    }
    if (s.del_generation > 0) {
      live.insert(DeletedDocsFile(s.name, s.del_generation));
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

std::string IndexWriter::NewSegmentName() {
  char name[32];
  std::snprintf(name, sizeof(name), "seg_%06u", manifest_.next_segment_number++);
  return name;
}

Status IndexWriter::Add(const store::StoredDocument& doc) {
  if (current_ != nullptr && current_->num_docs() == UINT32_MAX - 1) {
    NSEARCH_RETURN_IF_ERROR(FlushSegment());
  }
  if (current_ == nullptr) {
    NSEARCH_ASSIGN_OR_RETURN(current_,
                             SegmentWriter::Create(dir_, NewSegmentName(), analyzer_.get()));
  }
  // The document replaces those added before it with its id: a deletion covering the buffered
  // documents so far (not this one) and every segment.
  const uint32_t covered = current_->num_docs();
  NSEARCH_RETURN_IF_ERROR(current_->Add(doc));
  auto [it, inserted] = pending_deletes_.try_emplace(doc.id, covered);
  if (inserted) {
    pending_bytes_ += PendingDeleteBytes(doc.id);
  } else {
    it->second = covered;
  }
  ++stats_.docs_added;
  if (current_->memory_usage() + pending_bytes_ >= options_.memory_budget) {
    return FlushSegment();
  }
  return Status::Ok();
}

Status IndexWriter::Delete(std::string_view id) {
  const uint32_t covered = current_ != nullptr ? current_->num_docs() : 0;
  auto [it, inserted] = pending_deletes_.try_emplace(std::string(id), covered);
  if (inserted) {
    pending_bytes_ += PendingDeleteBytes(id);
  } else {
    it->second = covered;
  }
  const size_t buffered = current_ != nullptr ? current_->memory_usage() : 0;
  if (buffered + pending_bytes_ >= options_.memory_budget) {
    return FlushSegment();
  }
  return Status::Ok();
}

Status IndexWriter::FlushSegment() {
  std::string flushed;
  if (current_ != nullptr) {
    std::unique_ptr<SegmentWriter> writer = std::move(current_);
    if (writer->num_docs() > 0) {
      NSEARCH_ASSIGN_OR_RETURN(SegmentInfo info, writer->Finish());
      flushed = info.name;
      manifest_.segments.push_back(std::move(info));
    }
  }
  return ApplyPendingDeletes(flushed);
}

Result<IndexWriter::SegmentState*> IndexWriter::State(const SegmentInfo& info) {
  SegmentState& state = states_[info.name];
  if (state.reader == nullptr) {
    NSEARCH_ASSIGN_OR_RETURN(state.reader, SegmentReader::Open(dir_, info));
    if (info.del_generation > 0) {
      NSEARCH_ASSIGN_OR_RETURN(
          DeletedDocs deleted,
          ReadDeletedDocs(dir_, DeletedDocsFile(info.name, info.del_generation), info.num_docs,
                          info.num_deleted));
      state.deleted = std::make_unique<DeletedDocs>(std::move(deleted));
    } else {
      state.deleted = std::make_unique<DeletedDocs>(info.num_docs);
    }
  }
  return &state;
}

// Marks, in every segment, the documents whose ids have pending deletions: all of them, except
// in `buffered_segment` (just flushed from current_) where a deletion covers only the documents
// added before it. Many ids against a large segment are matched by one merge-join of the
// sorted id hashes with the segment's lookup table; few ids by binary searches.
Status IndexWriter::ApplyPendingDeletes(const std::string& buffered_segment) {
  if (pending_deletes_.empty()) {
    return Status::Ok();
  }
  struct Pending {
    uint64_t hash;
    std::string_view id;
    uint32_t covered;
  };
  std::vector<Pending> pending;
  pending.reserve(pending_deletes_.size());
  for (const auto& [id, covered] : pending_deletes_) {
    pending.push_back({Hash64(id), id, covered});
  }
  std::sort(pending.begin(), pending.end(),
            [](const Pending& a, const Pending& b) { return a.hash < b.hash; });
  std::vector<uint32_t> matches;
  for (SegmentInfo& info : manifest_.segments) {
    NSEARCH_ASSIGN_OR_RETURN(SegmentState * state, State(info));
    const DocTable& table = state->reader->doc_table();
    const bool buffered = info.name == buffered_segment;
    auto mark = [&](const Pending& p, uint32_t doc) {
      if ((!buffered || doc < p.covered) && state->deleted->Insert(doc)) {
        ++info.num_deleted;
        info.deleted_length += state->reader->doc_length(doc);
        state->deletions_changed = true;
        ++stats_.docs_deleted;
      }
    };
    const uint32_t n = table.num_docs();
    if (pending.size() * 32 < n) {
      for (const Pending& p : pending) {
        matches.clear();
        table.FindId(p.id, &matches);
        for (uint32_t doc : matches) {
          mark(p, doc);
        }
      }
      continue;
    }
    size_t i = 0;
    uint32_t j = 0;
    while (i < pending.size() && j < n) {
      const uint64_t h = table.lookup_hash(j);
      if (pending[i].hash < h) {
        ++i;
      } else if (pending[i].hash > h) {
        ++j;
      } else {
        const uint32_t j_begin = j;
        while (j < n && table.lookup_hash(j) == h) {
          ++j;
        }
        for (; i < pending.size() && pending[i].hash == h; ++i) {
          for (uint32_t k = j_begin; k < j; ++k) {
            const uint32_t doc = table.lookup_doc(k);
            if (table.id(doc) == pending[i].id) {
              mark(pending[i], doc);
            }
          }
        }
      }
    }
  }
  pending_deletes_.clear();
  pending_bytes_ = 0;
  return Status::Ok();
}

Status IndexWriter::WriteDeletions() {
  const uint64_t generation = manifest_.generation + 1;
  for (SegmentInfo& info : manifest_.segments) {
    auto it = states_.find(info.name);
    if (it == states_.end() || !it->second.deletions_changed) {
      continue;
    }
    NSEARCH_RETURN_IF_ERROR(
        WriteDeletedDocs(dir_, DeletedDocsFile(info.name, generation), *it->second.deleted));
    info.del_generation = generation;
    it->second.deletions_changed = false;
  }
  return Status::Ok();
}

// Makes the in-memory manifest the committed one. REQUIRES: nothing buffered (current_ null).
Status IndexWriter::Publish() {
  NSEARCH_RETURN_IF_ERROR(WriteDeletions());
  // A segment whose documents are all deleted is dropped whole.
  std::erase_if(manifest_.segments, [this](const SegmentInfo& info) {
    if (info.live_docs() > 0) {
      return false;
    }
    states_.erase(info.name);
    return true;
  });
  // New files were fsynced as they were finished; make their names durable before the
  // manifest that refers to them.
  NSEARCH_RETURN_IF_ERROR(dir_.SyncDir());
  manifest_.generation += 1;
  NSEARCH_RETURN_IF_ERROR(WriteManifest(dir_, manifest_));
  return RemoveUnreferencedFiles();
}

Status IndexWriter::MergeSegmentsAt(const std::vector<size_t>& positions) {
  std::vector<MergeSource> sources;
  for (size_t p : positions) {
    NSEARCH_ASSIGN_OR_RETURN(SegmentState * state, State(manifest_.segments[p]));
    sources.push_back({state->reader.get(), state->deleted.get()});
  }
  NSEARCH_ASSIGN_OR_RETURN(SegmentInfo merged, MergeSegments(dir_, sources, NewSegmentName()));
  ++stats_.merges;
  stats_.docs_merged += merged.num_docs;
  for (size_t p : positions) {
    states_.erase(manifest_.segments[p].name);
  }
  // The merged segment takes the place of the first source; the others are removed.
  std::vector<SegmentInfo> segments;
  for (size_t i = 0; i < manifest_.segments.size(); ++i) {
    if (i == positions.front()) {
      if (merged.num_docs > 0) {
        segments.push_back(merged);
      }
    } else if (!std::binary_search(positions.begin(), positions.end(), i)) {
      segments.push_back(std::move(manifest_.segments[i]));
    }
  }
  manifest_.segments = std::move(segments);
  return Status::Ok();
}

Status IndexWriter::Commit() {
  NSEARCH_RETURN_IF_ERROR(FlushSegment());
  NSEARCH_RETURN_IF_ERROR(Publish());
  // Each merge is its own commit, so a crash loses at most the merge under way.
  for (auto merges = options_.merge_policy.FindMerges(manifest_.segments); !merges.empty();
       merges = options_.merge_policy.FindMerges(manifest_.segments)) {
    NSEARCH_RETURN_IF_ERROR(MergeSegmentsAt(merges.front()));
    NSEARCH_RETURN_IF_ERROR(Publish());
  }
  return Status::Ok();
}

Status IndexWriter::ForceMerge(size_t max_segments) {
  NSEARCH_RETURN_IF_ERROR(FlushSegment());
  NSEARCH_RETURN_IF_ERROR(Publish());
  for (auto merges = options_.merge_policy.FindForcedMerges(manifest_.segments, max_segments);
       !merges.empty();
       merges = options_.merge_policy.FindForcedMerges(manifest_.segments, max_segments)) {
    NSEARCH_RETURN_IF_ERROR(MergeSegmentsAt(merges.front()));
    NSEARCH_RETURN_IF_ERROR(Publish());
  }
  return Status::Ok();
}

}  // namespace nsearch::segment
