#ifndef NSEARCH_INDEX_SEGMENT_MANIFEST_H_
#define NSEARCH_INDEX_SEGMENT_MANIFEST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/base/directory.h"
#include "index/segment/segment_info.h"

namespace nsearch::segment {

inline constexpr uint32_t kManifestMagic = 0x464d534e;  // "NSMF"
// The manifest's file name; its presence is what makes a directory an nsearch index.
inline constexpr const char* kManifestName = "MANIFEST";
// Held (flock) by the one IndexWriter of an index; empty, never read.
inline constexpr const char* kWriterLockName = "LOCK";

// The committed state of an index: its analysis settings and live segments, in order (a
// segment's documents come after those of the segments before it). See docs/FORMAT.md#manifest.
struct Manifest {
  uint64_t generation = 0;           // incremented by every commit
  uint32_t next_segment_number = 1;  // for naming new segments
  analysis::AnalyzerOptions analysis;
  std::vector<SegmentInfo> segments;

  // Documents not deleted, and the sum of their lengths (BM25's N and avgdl come from these).
  uint64_t live_docs() const;
  uint64_t live_length() const;
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
