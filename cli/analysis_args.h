#ifndef NSEARCH_CLI_ANALYSIS_ARGS_H_
#define NSEARCH_CLI_ANALYSIS_ARGS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/base/result.h"
#include "index/segment/manifest.h"

namespace nsearch::cli {

// The flags of `nsearch index` that choose how a new index analyzes and scores text.
struct AnalysisArgs {
  std::string preset = "nsearch";          // --preset: nsearch or lucene
  std::string language;                    // --language: empty for the preset's
  std::string synonyms_path;               // --synonyms: empty for none
  std::string stopwords_path;              // --stopwords: empty for the preset's, "none" for none
  bool no_spelling_folding = false;        // --no-spelling-folding
  std::vector<std::string> fields;         // --field NAME: JSONL text fields to index as well
  std::vector<std::string> field_weights;  // --field-weight NAME=W
};

// What a new index is built with.
struct IndexSettings {
  analysis::AnalyzerOptions analysis;
  segment::ScoringModel scoring = segment::ScoringModel::kBm25;
  std::vector<segment::FieldSpec> fields = segment::DefaultFields();
};

// Declares the flags on `cmd`.
void AddAnalysisOptions(CLI::App* cmd, AnalysisArgs& args);

// The settings the flags ask for:
//   --preset nsearch: nsearch's tokenizer and folding, Snowball english, Lucene's 33 stop
//     words, British/American spelling folding, exact-length BM25;
//   --preset lucene: what Lucene 4's EnglishAnalyzer and BM25Similarity do (UAX #29 words,
//     lowercasing, possessives, the 33 stop words, Lucene's Porter stemmer, one-byte norms);
// then --language, --stopwords, --synonyms and --no-spelling-folding on top (spelling folding
// only for English stemmers). Text fields: title and body (nsearch), or one field "text" of
// both (lucene), then each --field NAME (a JSONL string field, weight 1), then --field-weight
// NAME=W for any of them. Errors: InvalidArgument naming the flag (a bad language, a bad
// synonym group), IOError naming a file that cannot be read. Nothing is written.
Result<IndexSettings> BuildIndexSettings(const AnalysisArgs& args);

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_ANALYSIS_ARGS_H_
