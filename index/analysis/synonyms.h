#ifndef NSEARCH_INDEX_ANALYSIS_SYNONYMS_H_
#define NSEARCH_INDEX_ANALYSIS_SYNONYMS_H_

#include <string>
#include <string_view>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/base/result.h"

namespace nsearch::analysis {

// Parses a synonyms file into groups for AnalyzerOptions::synonyms. One group per line; '#'
// starts a comment that runs to the end of the line; blank lines are skipped. If a line holds a
// comma, its words are separated by commas (and trimmed), else by spaces and tabs:
//   # the first word of a group is the one indexed for all of them
//   usa, america
//   car automobile auto
// Each word is checked as `Analyzer::Create(options)` would check it, with the given options
// (stopwords, spelling folding). Fails with InvalidArgument "line N: ..." for invalid UTF-8, a
// group of fewer than two distinct words, a multi-word entry ("north korea": not supported), a
// stopword, or a word already in the group of an earlier line.
Result<std::vector<std::vector<std::string>>> ParseSynonyms(std::string_view text,
                                                            const AnalyzerOptions& options);

}  // namespace nsearch::analysis

#endif  // NSEARCH_INDEX_ANALYSIS_SYNONYMS_H_
