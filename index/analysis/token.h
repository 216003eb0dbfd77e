#ifndef NSEARCH_INDEX_ANALYSIS_TOKEN_H_
#define NSEARCH_INDEX_ANALYSIS_TOKEN_H_

#include <cstdint>
#include <string>

namespace nsearch::analysis {

// One indexed term occurrence produced by an Analyzer. A plain value type; thread-compatible.
struct Token {
  // The normalized term: case and accent folded, apostrophes unified to U+0027, possessive
  // stripped, stemmed. Well-formed UTF-8, 1..kMaxTokenBytes bytes.
  std::string term;
  // Token position. Dropped words (stopwords, over-long words) leave gaps, like Lucene's position
  // increments, so phrase queries do not match across them.
  uint32_t position = 0;
  // Byte offset of the token's first byte in the analyzed (original, unfolded) text.
  uint32_t begin = 0;
  // Byte offset one past the token's last byte. begin < end.
  uint32_t end = 0;
  // Which cached word the term was stemmed from, or kNoWordId: within one stem cache generation
  // of one Analyzer (Analyzer::stem_generation()), tokens with the same word_id have the same
  // term, so an indexer may map word ids to its own term ids and skip hashing the term.
  uint32_t word_id = kNoWordId;
  static constexpr uint32_t kNoWordId = UINT32_MAX;
};

// Words whose original bytes, or whose final term, are longer than this are dropped (they still
// consume a position). Lucene's StandardTokenizer uses the same default of 255.
inline constexpr uint32_t kMaxTokenBytes = 255;

}  // namespace nsearch::analysis

#endif  // NSEARCH_INDEX_ANALYSIS_TOKEN_H_
