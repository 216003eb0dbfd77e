#ifndef NSEARCH_INDEX_ANALYSIS_UAX29_TOKENIZER_H_
#define NSEARCH_INDEX_ANALYSIS_UAX29_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "index/analysis/tokenizer.h"

namespace nsearch::analysis {

// Splits text into words by the word-boundary rules of Unicode's UAX #29 (revision 6.3, rules
// WB4 to WB13b), and keeps the words Lucene's StandardTokenizer keeps, so that an index built
// with it counts words as Lucene does:
//   - a word is a run of letters (ALetter, Hebrew_Letter), digits (Numeric, and the fullwidth
//     digits), Katakana and connectors (ExtendNumLet, e.g. '_') that the rules do not break,
//     with the marks and format characters (Extend, Format, ZWJ) inside it; runs without a
//     letter, digit or Katakana ("__") are no word;
//   - MidLetter (':', U+00B7, ...), MidNumLet ('.', U+2019, ...) and Single_Quote ('\'') join
//     letters ("e.g", "don't", "10:1" does not join but "a:b" does); MidNum (',', ';'),
//     MidNumLet and Single_Quote join digits ("3.5", "1,000");
//   - each Han and each Hiragana character is a word; a run of South East Asian script (Thai,
//     Lao, Khmer, Myanmar: Line_Break Complex_Context) is one word, as StandardTokenizer does;
//   - everything else separates words, and so does each maximal invalid UTF-8 subsequence.
// The character properties come from ICU (its Unicode version, not 6.3's). Unlike Tokenizer,
// this tokenizer does not cap a word's length: the Analyzer does (as StandardTokenizer, in
// UTF-16 units). Not thread-safe; the text must outlive the tokenizer.
class Uax29Tokenizer {
 public:
  // REQUIRES: text.size() <= UINT32_MAX (offsets are 32-bit).
  explicit Uax29Tokenizer(std::string_view text) : text_(text) {}

  // Stores the next word in *word and returns true, or returns false at the end of the text.
  bool Next(WordSpan* word);

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace nsearch::analysis

#endif  // NSEARCH_INDEX_ANALYSIS_UAX29_TOKENIZER_H_
