#ifndef NSEARCH_QUERY_SNIPPET_SNIPPET_GENERATOR_H_
#define NSEARCH_QUERY_SNIPPET_SNIPPET_GENERATOR_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/analysis/analyzer.h"

namespace nsearch::query {

struct SnippetOptions {
  // Longest passage shown, in bytes of the source text (the ellipses come on top).
  size_t max_bytes = 240;
  // Skip the stemmer for words whose first letter no query term starts with (they cannot match:
  // the English and Porter stemmers never change a word's first letter). Same snippets, faster on
  // long documents; off only to compare in tests. Applies to the english and porter analyzers.
  bool skip_unmatchable_stems = true;
  // Texts up to this size are analyzed whole. In a longer one, only its first
  // `whole_text_bytes` and windows around the places where a query term may occur further on
  // are (see SnippetGenerator), so a snippet of a 10 MB document costs about as much as one of a
  // 64 KiB document.
  size_t whole_text_bytes = 64 * 1024;
};

// A passage of a document with the byte ranges [begin, end) of matched terms in `text`.
struct Snippet {
  std::string text;
  std::vector<std::pair<uint32_t, uint32_t>> highlights;
};

// A phrase to highlight as one span: analyzed terms and their positions relative to the first.
struct SnippetPhrase {
  std::vector<std::string> terms;
  std::vector<uint32_t> offsets;
};

// Picks the passage of a text with the most distinct matched terms, then the most matches, then
// the tightest (the shortest stretch from its first match to its last), and marks them. Words of
// a phrase are highlighted only where the whole phrase occurs. White space runs collapse to one
// space; a passage cut from a longer text gets "…" at the cut ends. Cuts fall on token
// boundaries, so multi-byte UTF-8 is never split.
//
// Long texts (over options.whole_text_bytes, H) are analyzed in bounded windows: the first H
// bytes, then up to kMaxProbeWindows regions (4 H bytes in all) around the places past it where
// a word starts with the first four bytes of a query term, matched ASCII-case-insensitively (a
// stem starts as the word it came from, as in "defens" from "defense" or "defence"), each
// reaching a few KiB before and after its matches. So a snippet of a 10 MB text analyzes at
// most 5 H bytes, and equals the snippet of the whole text whenever every match is found. A
// match past the first H bytes whose word does not start like its term (a synonym, an accented
// or upper-case non-ASCII spelling) or past the budget can be missed.
//
// Not thread-safe (it uses the analyzer); the analyzer must outlive it.
class SnippetGenerator {
 public:
  SnippetGenerator(analysis::Analyzer* analyzer, std::vector<std::string> terms,
                   std::vector<SnippetPhrase> phrases, SnippetOptions options);

  Snippet Generate(std::string_view text);

  static constexpr size_t kMaxProbeWindows = 64;

 private:
  // The tokens of `text` (all of it, or the bounded windows of a long text), offsets into it.
  std::vector<analysis::Token> Analyze(std::string_view text);
  // Appends the tokens of text[begin, end) (offsets into `text`) from `first_position`; returns
  // the position after the region's last word.
  uint32_t AnalyzeRegion(std::string_view text, size_t begin, size_t end, uint32_t first_position,
                         std::vector<analysis::Token>* tokens);

  // Matched byte ranges of `text`, sorted and merged; term_of[i] names what span i matched.
  std::vector<std::pair<uint32_t, uint32_t>> FindMatches(const std::vector<analysis::Token>& tokens,
                                                         std::vector<std::string>* matched) const;

  analysis::Analyzer* analyzer_;
  std::vector<std::string> terms_;
  std::vector<SnippetPhrase> phrases_;
  SnippetOptions options_;
  bool prefilter_ = false;           // skip_unmatchable_stems applies to this analyzer
  bool first_byte_[256] = {};        // first bytes of every term and phrase term
  std::vector<std::string> probes_;  // distinct first four bytes (or fewer) of every term
  bool probe_first_[256] = {};       // first bytes of the probes, in either ASCII case
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_SNIPPET_SNIPPET_GENERATOR_H_
