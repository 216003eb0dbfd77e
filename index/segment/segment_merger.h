#ifndef NSEARCH_INDEX_SEGMENT_SEGMENT_MERGER_H_
#define NSEARCH_INDEX_SEGMENT_SEGMENT_MERGER_H_

#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/segment/deleted_docs.h"
#include "index/segment/segment_info.h"
#include "index/segment/segment_reader.h"

namespace nsearch::segment {

// One input of a merge: an open segment and the documents of it to leave out (may be null).
struct MergeSource {
  const SegmentReader* segment = nullptr;
  const DeletedDocs* deleted = nullptr;
};

// Writes the live documents of `sources`, in source order, as one new segment `name` of `dir`,
// with the same files and format as a SegmentWriter's. Deleted documents, and terms left with
// no document, are dropped. The merge streams: term dictionaries advance in step a block at a
// time and postings are copied term by term, so memory holds one term's postings (for the
// skip table), the document lengths and a 4-byte document map per source document, never a
// whole segment. Errors: Corruption naming a damaged source file, or the IOError of a write.
// The new files are fsynced; committing them is the caller's job.
Result<SegmentInfo> MergeSegments(Directory& dir, const std::vector<MergeSource>& sources,
                                  const std::string& name);

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_SEGMENT_MERGER_H_
