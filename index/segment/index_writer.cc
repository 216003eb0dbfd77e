#include "index/segment/index_writer.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <set>

#include "index/base/hash.h"
#include "index/base/task_thread.h"
#include "index/segment/doc_table.h"
#include "index/segment/segment_merger.h"

namespace nsearch::segment {

IndexWriter::IndexWriter(Directory& dir, const IndexWriterOptions& options)
    : dir_(dir), options_(options) {}

namespace {

// True for files only an IndexWriter creates: segment files and the manifest being written.
bool IsWriterFile(const std::string& name) {
  return name.rfind("seg_", 0) == 0 || name == std::string(kManifestName) + ".tmp" ||
         name == kWriterLockName;
}

// Heap bytes a pending deletion costs (the id plus a hash-map node), for the memory budget.
size_t PendingDeleteBytes(std::string_view id) { return id.size() + 64; }

// A batch is handed to an indexing thread once it holds this many bytes (or
// IndexWriterOptions::batch_docs documents): big enough to make the hand-over cheap, small
// enough to keep the threads evenly loaded.
constexpr size_t kBatchBytes = size_t{1} << 20;
// Batches waiting per indexing thread (bounded, so reading cannot run ahead of indexing).
constexpr size_t kQueuedBatches = 2;

size_t DocumentBytes(const store::StoredDocument& doc) {
  return doc.id.size() + doc.title.size() + doc.body.size() + doc.date.size() + doc.path.size() +
         sizeof(store::StoredDocument);
}

}  // namespace

// One indexing thread's state: its analyzer, the segment it is building and the sequence
// numbers of that segment's documents. Touched only by its thread between a Push and a Wait.
struct IndexWriter::Inverter {
  std::unique_ptr<analysis::Analyzer> analyzer;
  std::unique_ptr<SegmentWriter> segment;
  std::vector<uint64_t> seqs;       // per document of `segment`
  Status status;                    // the first error; documents after it are dropped
  std::atomic<bool> failed{false};  // status is not Ok (readable while the thread runs)
  std::atomic<size_t> memory{0};
  std::atomic<size_t> queued_bytes{0};  // of batches handed over and not yet indexed
  // Segments written out, with their documents' sequence numbers, read by the writer after
  // Wait: the one a flush finishes, and any finished earlier because it was nearly full.
  std::vector<std::pair<SegmentInfo, std::vector<uint64_t>>> flushed;
  std::unique_ptr<TaskThread> thread;  // null: the writer's own thread does the work

  void Index(IndexWriter* writer, Batch& batch, size_t bytes) {
    for (auto& [seq, doc] : batch) {
      if (!status.ok()) {
        break;
      }
      if (segment != nullptr && segment->num_docs() > 0 &&
          !segment->HasRoomFor(DocumentBytes(doc), writer->options_.segment_postings_limit)) {
        FinishSegment();  // a segment writer's postings are bounded, whatever the budget
        if (!status.ok()) {
          break;
        }
      }
      if (segment == nullptr) {
        std::string name;
        {
          std::lock_guard lock(writer->name_mu_);
          name = writer->NewSegmentName();
        }
        // The field list never changes after Open; reading it here races with nothing.
        auto created =
            SegmentWriter::Create(writer->dir_, name, analyzer.get(), writer->manifest_.fields);
        if (!created.ok()) {
          status = created.status();
          failed.store(true, std::memory_order_release);
          break;
        }
        segment = std::move(created).value();
      }
      status = segment->Add(doc);
      if (status.ok()) {
        seqs.push_back(seq);
      }
      failed.store(!status.ok(), std::memory_order_release);
      memory.store(segment->memory_usage() + 8 * seqs.capacity(), std::memory_order_relaxed);
    }
    queued_bytes.fetch_sub(bytes, std::memory_order_relaxed);
  }

  // Writes out the segment being built, if it holds documents, and starts over.
  void FinishSegment() {
    if (status.ok() && segment != nullptr && segment->num_docs() > 0) {
      auto info = segment->Finish();
      if (info.ok()) {
        flushed.emplace_back(std::move(info).value(), std::move(seqs));
      } else {
        status = info.status();
        failed.store(true, std::memory_order_release);
      }
    }
    segment.reset();
    seqs = {};
    memory.store(0, std::memory_order_relaxed);
  }
};

// Threads stop (after finishing their queued batches) before the inverters they use go away.
IndexWriter::~IndexWriter() {
  for (auto& inverter : inverters_) {
    inverter->thread.reset();
  }
}

Status IndexWriter::StartInverters() {
  const size_t threads = std::max<size_t>(options_.threads, 1);
  for (size_t i = 0; i < threads; ++i) {
    auto inverter = std::make_unique<Inverter>();
    NSEARCH_ASSIGN_OR_RETURN(inverter->analyzer, analysis::Analyzer::Create(manifest_.analysis));
    if (threads > 1) {
      inverter->thread = std::make_unique<TaskThread>(kQueuedBatches);
    }
    inverters_.push_back(std::move(inverter));
  }
  return Status::Ok();
}

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
    writer->manifest_.scoring = options.scoring;
    NSEARCH_RETURN_IF_ERROR(ValidateFields(options.fields));
    writer->manifest_.fields = options.fields;
  } else {
    return existing.status();
  }
  NSEARCH_RETURN_IF_ERROR(writer->StartInverters());
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

void IndexWriter::RecordDelete(std::string_view id, uint64_t seq) {
  auto [it, inserted] = pending_deletes_.try_emplace(std::string(id), seq);
  if (inserted) {
    pending_bytes_ += PendingDeleteBytes(id);
  } else {
    it->second = seq;
  }
}

Status IndexWriter::Add(store::StoredDocument doc) {
  for (const auto& inverter : inverters_) {
    if (inverter->failed.load(std::memory_order_acquire)) {
      if (inverter->thread != nullptr) {
        inverter->thread->Wait();  // then its status may be read
      }
      return inverter->status;
    }
  }
  // The document replaces those added before it with its id: a deletion issued at its own
  // sequence number covers exactly the earlier ones.
  const uint64_t seq = next_seq_++;
  RecordDelete(doc.id, seq);
  batch_bytes_ += DocumentBytes(doc);
  batch_.emplace_back(seq, std::move(doc));
  ++stats_.docs_added;
  if (inverters_.size() == 1) {
    Dispatch();
    NSEARCH_RETURN_IF_ERROR(inverters_[0]->status);
  } else if (batch_.size() >= options_.batch_docs || batch_bytes_ >= kBatchBytes) {
    Dispatch();
  }
  if (BufferedBytes() >= options_.memory_budget) {
    return FlushSegments();
  }
  return Status::Ok();
}

Status IndexWriter::Delete(std::string_view id) {
  RecordDelete(id, next_seq_);
  if (BufferedBytes() >= options_.memory_budget) {
    return FlushSegments();
  }
  return Status::Ok();
}

// Hands the current batch to the next inverter in turn (or indexes it here, with one).
void IndexWriter::Dispatch() {
  if (batch_.empty()) {
    return;
  }
  Inverter* inverter = inverters_[next_inverter_].get();
  next_inverter_ = (next_inverter_ + 1) % inverters_.size();
  const size_t bytes = batch_bytes_;
  inverter->queued_bytes.fetch_add(bytes, std::memory_order_relaxed);
  if (inverter->thread == nullptr) {
    inverter->Index(this, batch_, bytes);
  } else {
    inverter->thread->Push([this, inverter, bytes, batch = std::move(batch_)]() mutable {
      inverter->Index(this, batch, bytes);
    });
  }
  batch_.clear();
  batch_bytes_ = 0;
}

// Memory held by documents not yet written out: segments being built, batches waiting for an
// inverter, and pending deletions.
size_t IndexWriter::BufferedBytes() const {
  size_t bytes = batch_bytes_ + pending_bytes_;
  for (const auto& inverter : inverters_) {
    bytes += inverter->memory.load(std::memory_order_relaxed) +
             inverter->queued_bytes.load(std::memory_order_relaxed);
  }
  return bytes;
}

// Every inverter writes out its segment (in parallel when they have threads), then pending
// deletions are applied to all segments, old and new.
Status IndexWriter::FlushSegments() {
  Dispatch();
  for (auto& inverter : inverters_) {
    if (inverter->thread == nullptr) {
      inverter->FinishSegment();
    } else {
      inverter->thread->Push([inv = inverter.get()] { inv->FinishSegment(); });
    }
  }
  std::map<std::string, std::vector<uint64_t>> fresh;
  Status status;
  for (auto& inverter : inverters_) {
    if (inverter->thread != nullptr) {
      inverter->thread->Wait();
    }
    if (status.ok() && !inverter->status.ok()) {
      status = inverter->status;
    }
    for (auto& [info, seqs] : inverter->flushed) {
      fresh.emplace(info.name, std::move(seqs));
      manifest_.segments.push_back(std::move(info));
    }
    inverter->flushed.clear();
  }
  NSEARCH_RETURN_IF_ERROR(status);
  return ApplyPendingDeletes(fresh);
}

Result<IndexWriter::SegmentState*> IndexWriter::State(const SegmentInfo& info) {
  SegmentState& state = states_[info.name];
  if (state.reader == nullptr) {
    NSEARCH_ASSIGN_OR_RETURN(state.reader, SegmentReader::Open(dir_, info));
    state.reader->DropPages();  // Open read every page for its checksums; keep RSS to the budget
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
// in the segments just flushed (`fresh`: their documents' sequence numbers) where a deletion
// covers only the documents added before it. Many ids against a large segment are matched by
// one merge-join of the sorted id hashes with the segment's lookup table; few ids by binary
// searches.
Status IndexWriter::ApplyPendingDeletes(const std::map<std::string, std::vector<uint64_t>>& fresh) {
  if (pending_deletes_.empty()) {
    return Status::Ok();
  }
  struct Pending {
    uint64_t hash;
    std::string_view id;
    uint64_t seq;
  };
  std::vector<Pending> pending;
  pending.reserve(pending_deletes_.size());
  for (const auto& [id, seq] : pending_deletes_) {
    pending.push_back({Hash64(id), id, seq});
  }
  std::sort(pending.begin(), pending.end(),
            [](const Pending& a, const Pending& b) { return a.hash < b.hash; });
  std::vector<uint32_t> matches;
  for (SegmentInfo& info : manifest_.segments) {
    NSEARCH_ASSIGN_OR_RETURN(SegmentState * state, State(info));
    const DocTable& table = state->reader->doc_table();
    auto found = fresh.find(info.name);
    const std::vector<uint64_t>* seqs = found == fresh.end() ? nullptr : &found->second;
    auto mark = [&](const Pending& p, uint32_t doc) {
      if ((seqs == nullptr || (*seqs)[doc] < p.seq) && state->deleted->Insert(doc)) {
        ++info.num_deleted;
        for (uint32_t f = 0; f < table.num_fields(); ++f) {
          const uint32_t length = table.length(doc, f);
          info.deleted_field_lengths[f] += length;
          info.deleted_length += length;
        }
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

// Makes the in-memory manifest the committed one. REQUIRES: nothing buffered (just flushed).
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
  NSEARCH_RETURN_IF_ERROR(FlushSegments());
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
  NSEARCH_RETURN_IF_ERROR(FlushSegments());
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
