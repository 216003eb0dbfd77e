#ifndef NSEARCH_INDEX_ANALYSIS_PORTER_STEMMER_H_
#define NSEARCH_INDEX_ANALYSIS_PORTER_STEMMER_H_

#include <string>

namespace nsearch::analysis {

// The stemmer name (AnalyzerOptions::language) of PorterStem, for Lucene compatibility.
inline constexpr const char* kLucenePorterLanguage = "lucene-porter";

// Stems `word` in place with the Porter algorithm as Martin Porter's reference implementation
// (ANSI C, then Java) and Lucene's PorterStemFilter apply it. libstemmer's "porter" follows the
// published paper instead; the reference implementation departs from it in three places, and
// so does this function:
//   - words of one or two letters are left alone ("us", "vs", "ms"; the paper strips the s);
//   - step 2 maps "-bli" to "-ble" instead of "-abli" to "-able" ("possibly" -> "possibl");
//   - step 2 also maps "-logi" to "-log" ("technology" -> "technolog").
// The word is taken as UTF-16 code units, as Java's char[] is, so non-ASCII letters count as
// consonants one unit each; `word` must be valid UTF-8 and stays so. Pure; thread-safe.
void PorterStem(std::string* word);

}  // namespace nsearch::analysis

#endif  // NSEARCH_INDEX_ANALYSIS_PORTER_STEMMER_H_
