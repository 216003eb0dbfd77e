#ifndef NSEARCH_INDEX_ANALYSIS_ANALYZER_H_
#define NSEARCH_INDEX_ANALYSIS_ANALYZER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "index/analysis/token.h"
#include "index/analysis/word_filter.h"
#include "index/base/result.h"
#include "index/base/string_interner.h"

struct sb_stemmer;  // libstemmer's stemmer; opaque here so callers need not see <libstemmer.h>

namespace nsearch::analysis {

// Lucene's 33-word English stop list (EnglishAnalyzer / StopAnalyzer.ENGLISH_STOP_WORDS_SET):
// a an and are as at be but by for if in into is it no not of on or such that the their then
// there these they this to was will with. The returned vector lives for the whole program.
const std::vector<std::string>& LuceneEnglishStopwords();

// How text is split into words.
enum class TokenizerKind : uint8_t {
  kUnicode,  // nsearch's word rules (tokenizer.h): a simplified UAX #29
  kUax29,    // UAX #29 as Lucene's StandardTokenizer applies it (uax29_tokenizer.h)
};

// How words are normalized before stop words, synonyms and stemming.
enum class CaseFolding : uint8_t {
  // NFKC, case folding and accents stripped ("Ünïcödé" -> "unicode"), apostrophes unified,
  // then a trailing 's or ' after s stripped.
  kFold,
  // As Lucene's EnglishAnalyzer: a trailing 's ('s, ’s or ＇s, either case) stripped, then each
  // code point lowercased (Unicode simple mapping); accents and compatibility forms stay.
  kLowercase,
};

struct AnalyzerOptions {
  // Any libstemmer algorithm name or alias (see sb_stemmer_list(), e.g. "english", "german",
  // "porter"), "lucene-porter" for Lucene's PorterStemFilter (porter_stemmer.h), or "none" for
  // no stemming.
  std::string language = "english";
  TokenizerKind tokenizer = TokenizerKind::kUnicode;
  CaseFolding case_folding = CaseFolding::kFold;
  // Words dropped from the output. They are normalized like text (case and accent folded,
  // apostrophes unified) and matched after possessive stripping, before stemming.
  std::vector<std::string> stopwords = LuceneEnglishStopwords();
  // British spellings become American ones before stemming ("defence" -> "defense"; the list is
  // in spelling.h). Meant for English: `nsearch index` turns it off for other languages.
  bool fold_spelling = true;
  // Synonym groups: every word of a group is indexed and searched as the group's first word, so
  // any member matches any other, in phrases too. Each word must be one word that is not a
  // stopword (Analyzer::Create checks), and a word may be in one group only. Words are
  // normalized like text, and spelling-folded if fold_spelling is on, before the lookup. Groups
  // map word forms, not stems: "car, automobile" does not map "automobiles".
  std::vector<std::vector<std::string>> synonyms;
  // Each document's date (its leading YYYY-MM-DD) is indexed as a date term (date_term.h), for
  // date: filters. On for every index built since dates were indexed; off when reading an older
  // index, whose segments have no date terms.
  bool index_dates = true;
};

// True for the names of the English stemmers ("english", "en", "eng", "porter", "lucene-porter"):
// the languages spelling folding is meant for.
bool IsEnglishLanguage(std::string_view language);

// Turns text into Tokens. The pipeline, applied to each word of the tokenizer
// (options.tokenizer: tokenizer.h or uax29_tokenizer.h):
//   1. with CaseFolding::kFold, case and accent folding with utf8proc: NFKC + case folding +
//      stripping of marks and of default-ignorable code points ("Ünïcödé" -> "unicode",
//      "ＡＢＣ" -> "abc", "ß" -> "ss"); pure-ASCII words take a lowercase-only fast path with
//      the same result; U+2018, U+2019 and U+FF07 become U+0027 so "don’t" and "don't" are one
//      term; then possessive stripping: a trailing "'s" ("Putin’s" -> "putin"), or a trailing
//      "'" after 's' ("parents'" -> "parents").
//      With CaseFolding::kLowercase: a trailing 's stripped, then lowercasing (see CaseFolding);
//   2. stopword removal; the dropped word still consumes a position;
//   3. spelling folding, if options.fold_spelling: British -> American (spelling.h);
//   4. synonyms: a member of a group becomes the group's first word (options.synonyms);
//   5. stemming: Snowball (libstemmer) or Lucene's Porter, unless the language is "none".
// Words longer than kMaxTokenBytes (before or after normalization) are dropped too and also
// consume a position. (StandardTokenizer drops words of more than 255 UTF-16 units: every such
// word is dropped here too, and so are the rare non-ASCII words of 128 to 255 units that take
// more than 255 bytes.) The text may hold any bytes: invalid UTF-8 separates words.
//
// Not thread-safe (libstemmer's stemmer keeps state): create one Analyzer per thread. Instances
// are independent of each other.
class Analyzer {
 public:
  // Creates an analyzer. Fails with InvalidArgument naming the language if libstemmer does not
  // know options.language, or naming the word if a synonym group is invalid (fewer than two
  // words, a word that is a stopword or not exactly one word, a word in two groups).
  // `stem_cache_entries` bounds the cache of stems (see stem_words_): the default suits indexing;
  // a searcher, of which a server keeps one per worker, takes a smaller one.
  static Result<std::unique_ptr<Analyzer>> Create(
      const AnalyzerOptions& options, size_t stem_cache_entries = kDefaultStemCacheEntries);

  static constexpr size_t kDefaultStemCacheEntries = size_t{1} << 17;

  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  ~Analyzer();

  // Tokenizes `text` and calls sink(token) for every kept token, in text order. Positions start
  // at `first_position` and strictly increase; token offsets are byte offsets into `text`.
  // Returns the position after the last one used, i.e. first_position + the number of words
  // (including dropped ones), so callers can analyze several fields or values in one position
  // space. The Token passed to `sink` is only valid during the call.
  // REQUIRES: text.size() <= UINT32_MAX; `sink` must not call back into this Analyzer (but for
  // its const accessors).
  uint32_t Analyze(std::string_view text, uint32_t first_position,
                   const std::function<void(const Token&)>& sink);

  // As Analyze, but a kept word is stemmed only if `stem_if(folded word)` is true; otherwise its
  // token carries the folded, unstemmed word. For callers that only look for known terms (the
  // snippet generator), to skip the stemmer on words that cannot match.
  uint32_t AnalyzeSelectively(std::string_view text, uint32_t first_position,
                              const std::function<bool(std::string_view)>& stem_if,
                              const std::function<void(const Token&)>& sink);

  // Convenience: all tokens of `text`, starting at position 0. Also the way to normalize a query
  // word: it may yield no token (a stopword) or several ("jong-un").
  std::vector<Token> AnalyzeToVector(std::string_view text);

  // The words of `text` after step 1 only (no stopwords, spelling folding, synonyms or
  // stemming), in text order; words that fold to nothing or are too long are left out. What a
  // prefix query (defen*) is matched with against the index terms.
  std::vector<std::string> FoldWords(std::string_view text);

  const AnalyzerOptions& options() const { return options_; }

  // Changes whenever the stem cache forgets its words, after which Token::word_id values name
  // other words: a mapping from word ids kept by a caller is valid only while this is unchanged.
  uint64_t stem_generation() const { return stem_generation_; }

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  Analyzer(const AnalyzerOptions& options, sb_stemmer* stemmer, size_t stem_cache_entries);

  template <typename WordTokenizer>
  uint32_t AnalyzeWith(std::string_view text, uint32_t first_position,
                       const std::function<bool(std::string_view)>* stem_if,
                       const std::function<void(const Token&)>& sink);
  template <typename WordTokenizer>
  void FoldWordsWith(std::string_view text, std::vector<std::string>* words);

  // Fills synonyms_ from options_.synonyms, checking the groups.
  Status BuildSynonyms();
  // Step 5: the stem of `word` into *out, from the cache or the stemmer. Returns the word's id in
  // the stem cache (Token::word_id), or Token::kNoWordId if it has none (Lucene's Porter stemmer
  // is not cached; a word whose insertion filled the cache was forgotten with it).
  // REQUIRES: stems_words().
  uint32_t Stem(const std::string& word, std::string* out);
  bool stems_words() const { return stemmer_ != nullptr || lucene_porter_; }
  bool IsStopword(std::string_view folded) const {
    return stopword_filter_.MayContain(folded) && stopwords_.contains(folded);
  }
  // Normalizes the word `raw` into *out (step 1 of the pipeline).
  void Normalize(std::string_view raw, bool ascii, std::string* out);
  uint32_t AnalyzeImpl(std::string_view text, uint32_t first_position,
                       const std::function<bool(std::string_view)>* stem_if,
                       const std::function<void(const Token&)>& sink);

  const AnalyzerOptions options_;
  sb_stemmer* const stemmer_;  // owned; null for language "none" and "lucene-porter"
  const bool lucene_porter_;   // language "lucene-porter"
  std::unordered_set<std::string, StringHash, std::equal_to<>> stopwords_;
  WordFilter stopword_filter_;  // the words of stopwords_, checked first
  // Folded synonym -> its group's folded first word (first words map to themselves).
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> synonyms_;
  // Stems of the words seen: with Zipf-distributed text most words repeat, and libstemmer costs
  // more than a lookup. Word i of stem_words_ stems to stems_[stem_starts_[i], stem_starts_[i+1]).
  // Forgotten whole when it reaches stem_cache_entries_ (a few MB for the default).
  const size_t stem_cache_entries_;
  StringInterner stem_words_;
  std::string stems_;
  std::vector<size_t> stem_starts_{0};
  uint64_t stem_generation_ = 0;  // incremented when the cache is forgotten
  // Scratch buffers reused across words to avoid per-token allocations.
  std::vector<int32_t> codepoints_;
  std::string folded_;
  std::string scratch_;
  Token token_;
};

}  // namespace nsearch::analysis

#endif  // NSEARCH_INDEX_ANALYSIS_ANALYZER_H_
