#ifndef NSEARCH_INDEX_POSTINGS_TERM_INFO_H_
#define NSEARCH_INDEX_POSTINGS_TERM_INFO_H_

#include <cstdint>
#include <limits>

namespace nsearch::postings {

// Segment-local document number, dense from 0.
using DocId = uint32_t;
// The sentinel a cursor returns once exhausted (tantivy's TERMINATED): greater than any DocId.
inline constexpr DocId kEndDoc = std::numeric_limits<DocId>::max();

// What the term dictionary records for one term of one segment.
// See docs/FORMAT.md#term-dictionary.
struct TermInfo {
  uint32_t df = 0;                // documents containing the term (>= 1)
  uint64_t total_freq = 0;        // occurrences in all documents (>= df)
  uint64_t postings_offset = 0;   // start of the term's postings in the .post body
  uint64_t positions_offset = 0;  // start of the term's positions in the .pos body
  // Bounds over the whole list, enough to bound BM25 for any k1, b and collection statistics:
  // the largest term frequency and the shortest document length among its documents.
  uint32_t max_freq = 0;
  uint32_t min_doc_len = 0;

  friend bool operator==(const TermInfo&, const TermInfo&) = default;
};

}  // namespace nsearch::postings

#endif  // NSEARCH_INDEX_POSTINGS_TERM_INFO_H_
