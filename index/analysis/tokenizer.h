#ifndef NSEARCH_INDEX_ANALYSIS_TOKENIZER_H_
#define NSEARCH_INDEX_ANALYSIS_TOKENIZER_H_

#include <cstdint>
#include <string_view>

namespace nsearch::analysis {

// A word found by the Tokenizer: the bytes [begin, end) of its input, unnormalized.
struct WordSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  // True if every byte of the word is ASCII (lets the Analyzer skip Unicode folding).
  bool ascii = true;
};

// Splits text into words with a simplified Unicode word segmentation (UAX #29 flavour), using
// the code points' general categories:
//   - letters (L*) and numbers (N*) form words; letters and digits mix freely ("mp3", "4g");
//   - marks (M*) and format characters (Cf, e.g. soft hyphen, ZWJ) extend the word they follow;
//   - MidLetter (U+00B7 '·', U+0387, U+05F4, U+2027, U+FE13, U+FE55) join letter-letter;
//   - MidNumLet (U+0027 ''', U+002E '.', U+2018, U+2019 '’', U+2024, U+FE52, U+FF07, U+FF0E)
//     join letter-letter and digit-digit: "don't", "Putin’s", "U.S", "3.5";
//   - MidNum (',', ';' and their variants) join digit-digit only: "1,000.5";
//   - connector punctuation (Pc, e.g. '_') joins any two word characters: "snake_case"
//     (UAX #29's ExtendNumLet, restricted to the inside of a word so "__" alone is no word);
//   - Han, Hiragana and Katakana code points are one word each (no dictionary segmentation);
//   - everything else (spaces, hyphens, other punctuation, symbols) separates words, and so does
//     each maximal invalid UTF-8 subsequence.
// Unlike UAX #29, ':' does not join letters (so "Update:Putin" is two words).
// Not thread-safe; the text must outlive the Tokenizer.
class Tokenizer {
 public:
  // REQUIRES: text.size() <= UINT32_MAX (offsets are 32-bit).
  explicit Tokenizer(std::string_view text) : text_(text) {}

  // Stores the next word in *word and returns true, or returns false at the end of the text.
  bool Next(WordSpan* word);

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace nsearch::analysis

#endif  // NSEARCH_INDEX_ANALYSIS_TOKENIZER_H_
