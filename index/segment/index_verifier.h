#ifndef NSEARCH_INDEX_SEGMENT_INDEX_VERIFIER_H_
#define NSEARCH_INDEX_SEGMENT_INDEX_VERIFIER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/base/result.h"

namespace nsearch::segment {

// What VerifyIndex found. The counters say how much was checked: they cover the segments that
// could be opened, so a damaged index reports less than it holds.
struct VerifyReport {
  // One line per problem, each naming the damaged file (Directory::Describe) and what is wrong;
  // empty when the index is intact. Very damaged segments report their first problems and a
  // line saying how many more there were.
  std::vector<std::string> problems;
  uint64_t segments = 0;       // segments opened and walked
  uint64_t documents = 0;      // their documents, deleted ones included
  uint64_t deleted = 0;        // deleted documents
  uint64_t terms = 0;          // terms walked (summed over segments)
  uint64_t postings = 0;       // (term, document) pairs walked
  uint64_t positions = 0;      // positions decoded
  uint64_t files_checked = 0;  // files opened and checked (the manifest included)
  // Files named like writer files ("seg_*", "MANIFEST.tmp") that the manifest does not refer
  // to: leftovers of an interrupted writer, which the next IndexWriter::Open removes. They are
  // not problems. Empty when the manifest could not be decoded.
  std::vector<std::string> unreferenced_files;
};

// Checks every checksum and structural invariant of the index in `dir`
// (docs/FORMAT.md#verification): the manifest; for each segment its six files, its deletions, the
// term dictionary's order and counts, every posting list (doc order and range, frequencies,
// positions, the per-term and per-block bounds against the decoded values and document lengths),
// the document lengths and ids against the manifest and the id lookup table, and every stored
// document. It keeps going after a problem where it can and never crashes on damaged bytes. Memory:
// one term's block at a time, besides the files the readers map. Returns an error only when the
// index cannot be read at all: NotFound when there is no MANIFEST, or the directory's error when it
// cannot be read. Thread-compatible: it only reads.
Result<VerifyReport> VerifyIndex(Directory& dir);

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_INDEX_VERIFIER_H_
