#include "index/segment/index_reader.h"

#include <algorithm>

#include "index/base/file_format.h"

namespace nsearch::segment {

Result<std::shared_ptr<const IndexReader>> IndexReader::Open(Directory& dir,
                                                             const IndexReader* previous) {
  // A writer removes the files of segments a commit dropped (after a merge) once that commit
  // is durable. Opening the commit before it can then meet a missing file: retry on the newer
  // manifest. Only a manifest that changed while opening justifies a retry.
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    NSEARCH_ASSIGN_OR_RETURN(Manifest before, ReadManifest(dir));
    auto reader = OpenOnce(dir, previous);
    if (reader.ok() || !reader.status().IsNotFound() || attempt == kAttempts) {
      return reader;
    }
    auto after = ReadManifest(dir);
    if (!after.ok() || after->generation == before.generation) {
      return reader;
    }
  }
}

Result<std::shared_ptr<const IndexReader>> IndexReader::OpenOnce(Directory& dir,
                                                                 const IndexReader* previous) {
  std::shared_ptr<IndexReader> reader(new IndexReader());
  NSEARCH_ASSIGN_OR_RETURN(reader->manifest_, ReadManifest(dir));
  for (const auto& info : reader->manifest_.segments) {
    Segment segment;
    if (previous != nullptr) {
      for (const Segment& old : previous->segments_) {
        if (old.reader->info().name == info.name && old.reader->info().num_docs == info.num_docs) {
          segment.reader = old.reader;
          if (old.del_generation == info.del_generation) {
            segment.deleted = old.deleted;
            segment.del_generation = old.del_generation;
          }
          break;
        }
      }
    }
    if (segment.reader == nullptr) {
      NSEARCH_ASSIGN_OR_RETURN(segment.reader, SegmentReader::Open(dir, info));
    }
    if (info.del_generation != segment.del_generation) {
      NSEARCH_ASSIGN_OR_RETURN(DeletedDocs deleted,
                               ReadDeletedDocs(dir, DeletedDocsFile(info.name, info.del_generation),
                                               info.num_docs, info.num_deleted));
      segment.deleted = std::make_shared<const DeletedDocs>(std::move(deleted));
      segment.del_generation = info.del_generation;
    }
    reader->doc_bases_.push_back(reader->max_doc_);
    reader->max_doc_ += info.num_docs;
    reader->segments_.push_back(std::move(segment));
  }
  return std::shared_ptr<const IndexReader>(std::move(reader));
}

double IndexReader::avg_doc_length() const {
  const uint64_t n = num_docs();
  return n == 0 ? 0 : static_cast<double>(manifest_.live_length()) / static_cast<double>(n);
}

double IndexReader::avg_field_length(size_t field) const {
  const uint64_t n = num_docs();
  return n == 0 ? 0
                : static_cast<double>(manifest_.live_field_length(field)) / static_cast<double>(n);
}

size_t IndexReader::SegmentOf(uint64_t doc) const {
  const auto it = std::upper_bound(doc_bases_.begin(), doc_bases_.end(), doc);
  return static_cast<size_t>(it - doc_bases_.begin()) - 1;
}

bool IndexReader::IsDeleted(uint64_t doc) const {
  const size_t s = SegmentOf(doc);
  const DeletedDocs* deleted = segments_[s].deleted.get();
  return deleted != nullptr && deleted->contains(static_cast<uint32_t>(doc - doc_bases_[s]));
}

std::optional<uint64_t> IndexReader::FindDocument(std::string_view id) const {
  std::vector<uint32_t> docs;
  for (size_t s = segments_.size(); s-- > 0;) {
    docs.clear();
    segments_[s].reader->doc_table().FindId(id, &docs);
    const DeletedDocs* deleted = segments_[s].deleted.get();
    for (auto it = docs.rbegin(); it != docs.rend(); ++it) {
      if (deleted == nullptr || !deleted->contains(*it)) {
        return doc_bases_[s] + *it;
      }
    }
  }
  return std::nullopt;
}

namespace {

void AddBytes(IndexTotals* totals, const std::string& kind, uint64_t size) {
  auto it = std::find_if(totals->bytes_by_kind.begin(), totals->bytes_by_kind.end(),
                         [&kind](const auto& entry) { return entry.first == kind; });
  if (it == totals->bytes_by_kind.end()) {
    totals->bytes_by_kind.emplace_back(kind, size);
  } else {
    it->second += size;
  }
  totals->bytes += size;
}

}  // namespace

IndexTotals IndexReader::Totals() const {
  IndexTotals totals;
  for (const auto& segment : segments_) {
    const SegmentInfo& info = segment.reader->info();
    totals.terms += info.num_terms;
    totals.postings += info.num_postings;
    totals.tokens += info.total_length;
    if (segment.deleted != nullptr) {
      totals.deleted += segment.deleted->count();
      AddBytes(&totals, "del",
               kFileHeaderSize + 8 + 8 * segment.deleted->words().size() + kFileFooterSize);
    }
    for (const auto& file : segment.reader->file_sizes()) {
      AddBytes(&totals, file.first, file.second);
    }
  }
  return totals;
}

}  // namespace nsearch::segment
