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

// Picks the passage of a text with the most distinct matched terms (then the most matches) and
// marks them. Words of a phrase are highlighted only where the whole phrase occurs. White space
// runs collapse to one space; a passage cut from a longer text gets "…" at the cut ends.
// Cuts fall on token boundaries, so multi-byte UTF-8 is never split. Not thread-safe (it uses
// the analyzer); the analyzer must outlive it.
class SnippetGenerator {
 public:
  SnippetGenerator(analysis::Analyzer* analyzer, std::vector<std::string> terms,
                   std::vector<SnippetPhrase> phrases, SnippetOptions options);

  Snippet Generate(std::string_view text);

 private:
  // Matched byte ranges of `text`, sorted and merged; term_of[i] names what span i matched.
  std::vector<std::pair<uint32_t, uint32_t>> FindMatches(const std::vector<analysis::Token>& tokens,
                                                         std::vector<std::string>* matched) const;

  analysis::Analyzer* analyzer_;
  std::vector<std::string> terms_;
  std::vector<SnippetPhrase> phrases_;
  SnippetOptions options_;
  bool prefilter_ = false;     // skip_unmatchable_stems applies to this analyzer
  bool first_byte_[256] = {};  // first bytes of every term and phrase term
};

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_SNIPPET_SNIPPET_GENERATOR_H_
