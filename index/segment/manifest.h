#ifndef NSEARCH_INDEX_SEGMENT_MANIFEST_H_
#define NSEARCH_INDEX_SEGMENT_MANIFEST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/base/directory.h"
#include "index/segment/fields.h"
#include "index/segment/segment_info.h"

namespace nsearch::segment {

inline constexpr uint32_t kManifestMagic = 0x464d534e;  // "NSMF"
// The manifest's file name; its presence is what makes a directory an nsearch index.
inline constexpr const char* kManifestName = "MANIFEST";
// Held (flock) by the one IndexWriter of an index; empty, never read.
inline constexpr const char* kWriterLockName = "LOCK";

// How the searcher scores the index's documents (its BM25 variant). An index property, so that
// a Lucene-compatible index is searched as Lucene searches it.
enum class ScoringModel : uint8_t {
  // BM25 on exact document lengths in double precision (query/score/bm25.h).
  kBm25 = 0,
  // Lucene 4's BM25Similarity: lengths through its one-byte norm (SmallFloat.floatToByte315 of
  // 1/sqrt(length)), float arithmetic, weights times (k1 + 1).
  kLucene4 = 1,
};

// The committed state of an index: its analysis settings and live segments, in order (a
// segment's documents come after those of the segments before it). See docs/FORMAT.md#manifest.
struct Manifest {
  uint64_t generation = 0;           // incremented by every commit
  uint32_t next_segment_number = 1;  // for naming new segments
  analysis::AnalyzerOptions analysis;
  ScoringModel scoring = ScoringModel::kBm25;
  // The text fields; every segment has a length column (SegmentInfo::field_lengths) per field.
  std::vector<FieldSpec> fields = DefaultFields();
  std::vector<SegmentInfo> segments;

  // Documents not deleted, and the sum of their lengths (BM25's N and avgdl come from these).
  uint64_t live_docs() const;
  uint64_t live_length() const;
  uint64_t live_field_length(size_t field) const;
};

std::string EncodeManifest(const Manifest& manifest);
// `what` names the file in errors.
Result<Manifest> DecodeManifest(std::string_view file, const std::string& what);

// Reads the manifest of `dir`: NotFound "<dir>/MANIFEST: ... (not an nsearch index?)" if absent.
Result<Manifest> ReadManifest(Directory& dir);
// Replaces the manifest atomically (temporary file, fsync, rename, directory fsync).
Status WriteManifest(Directory& dir, const Manifest& manifest);

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_MANIFEST_H_
