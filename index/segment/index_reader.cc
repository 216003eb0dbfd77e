#include "index/segment/index_reader.h"

#include <algorithm>

namespace nsearch::segment {

Result<std::unique_ptr<IndexReader>> IndexReader::Open(Directory& dir) {
  std::unique_ptr<IndexReader> reader(new IndexReader());
  NSEARCH_ASSIGN_OR_RETURN(reader->manifest_, ReadManifest(dir));
  for (const auto& info : reader->manifest_.segments) {
    NSEARCH_ASSIGN_OR_RETURN(auto segment, SegmentReader::Open(dir, info));
    reader->doc_bases_.push_back(reader->num_docs_);
    reader->num_docs_ += info.num_docs;
    reader->segments_.push_back(std::move(segment));
  }
  return reader;
}

double IndexReader::avg_doc_length() const {
  if (num_docs_ == 0) {
    return 0;
  }
  return static_cast<double>(manifest_.total_length()) / static_cast<double>(num_docs_);
}

IndexTotals IndexReader::Totals() const {
  IndexTotals totals;
  for (const auto& segment : segments_) {
    totals.terms += segment->info().num_terms;
    totals.postings += segment->info().num_postings;
    totals.tokens += segment->info().total_length;
    for (const auto& [kind, size] : segment->file_sizes()) {
      auto it = std::find_if(totals.bytes_by_kind.begin(), totals.bytes_by_kind.end(),
                             [&kind](const auto& entry) { return entry.first == kind; });
      if (it == totals.bytes_by_kind.end()) {
        totals.bytes_by_kind.emplace_back(kind, size);
      } else {
        it->second += size;
      }
      totals.bytes += size;
    }
  }
  return totals;
}

}  // namespace nsearch::segment
