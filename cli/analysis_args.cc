#include "cli/analysis_args.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "index/analysis/porter_stemmer.h"
#include "index/analysis/synonyms.h"

namespace nsearch::cli {
namespace {

Result<std::string> ReadTextFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IOError(path + ": cannot open the " + what + " file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return Status::IOError(path + ": read failed");
  }
  return text.str();
}

// One word a line; blank lines and '#' comments are skipped. InvalidArgument "FILE: line N: ..."
// for a line of several words.
Result<std::vector<std::string>> ParseStopwords(const std::string& text, const std::string& path) {
  std::vector<std::string> words;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (const size_t hash = line.find('#'); hash != std::string::npos) {
      line.resize(hash);
    }
    std::istringstream fields(line);
    std::string word, extra;
    if (!(fields >> word)) {
      continue;
    }
    if (fields >> extra) {
      return Status::InvalidArgument(path + ": line " + std::to_string(number) +
                                     ": one stop word a line, got '" + word + "' and '" + extra +
                                     "'");
    }
    words.push_back(word);
  }
  return words;
}

}  // namespace

void AddAnalysisOptions(CLI::App* cmd, AnalysisArgs& args) {
  cmd->add_option("--preset", args.preset,
                  "Analysis and scoring of a new index: nsearch, or lucene (Lucene 4's "
                  "EnglishAnalyzer and BM25Similarity, scores equal to Lucene's)")
      ->check(CLI::IsMember({"nsearch", "lucene"}))
      ->capture_default_str();
  cmd->add_option("--language", args.language,
                  "Stemmer for a new index: a Snowball language (english, porter, german, ...), "
                  "lucene-porter, or none (default: the preset's)");
  cmd->add_option("--stopwords", args.stopwords_path,
                  "Stop words of a new index: a file of one word a line ('#' comments), or none "
                  "(default: Lucene's 33 English stop words)");
  cmd->add_option("--synonyms", args.synonyms_path,
                  "Synonym groups for a new index: one group a line, words separated by commas "
                  "or spaces, '#' comments; each word is indexed as its group's first word");
  cmd->add_option("--field", args.fields,
                  "For a new index: also index this JSONL string field as a text field of its "
                  "own, searched by default and as NAME:word (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--field-weight", args.field_weights,
                  "For a new index: the default BM25F weight of a field, NAME=W (repeatable; "
                  "title is 2, other fields 1)")
      ->allow_extra_args(false);
  cmd->add_flag("--no-spelling-folding", args.no_spelling_folding,
                "For a new index: keep British spellings apart from American ones (folding "
                "\"defence\" to \"defense\" is on by default for English)");
}

Result<IndexSettings> BuildIndexSettings(const AnalysisArgs& args) {
  IndexSettings settings;
  analysis::AnalyzerOptions& a = settings.analysis;
  if (args.preset == "lucene") {
    a.language = analysis::kLucenePorterLanguage;
    a.tokenizer = analysis::TokenizerKind::kUax29;
    a.case_folding = analysis::CaseFolding::kLowercase;
    a.fold_spelling = false;
    settings.scoring = segment::ScoringModel::kLucene4;
    settings.fields = segment::CombinedFields();
  } else if (args.preset != "nsearch") {
    return Status::InvalidArgument("--preset: unknown preset '" + args.preset +
                                   "' (nsearch, lucene)");
  }
  if (!args.language.empty()) {
    a.language = args.language;
  }
  // Spelling folding is for the English stemmers, and part of nsearch's preset only.
  a.fold_spelling = args.preset == "nsearch" && !args.no_spelling_folding &&
                    analysis::IsEnglishLanguage(a.language);
  if (args.stopwords_path == "none") {
    a.stopwords.clear();
  } else if (!args.stopwords_path.empty()) {
    NSEARCH_ASSIGN_OR_RETURN(std::string text, ReadTextFile(args.stopwords_path, "stop words"));
    NSEARCH_ASSIGN_OR_RETURN(a.stopwords, ParseStopwords(text, args.stopwords_path));
  }
  if (auto analyzer = analysis::Analyzer::Create(a); !analyzer.ok()) {
    return Status::InvalidArgument("--language: " + analyzer.status().message());
  }
  for (const std::string& name : args.fields) {
    settings.fields.push_back({name, segment::FieldSource::kJson, 1});
  }
  for (const std::string& spec : args.field_weights) {
    auto parsed = segment::ParseNamedWeight(spec);
    if (!parsed.ok()) {
      return Status::InvalidArgument("--field-weight: " + parsed.status().message());
    }
    const auto& [name, weight] = *parsed;
    bool found = false;
    for (segment::FieldSpec& f : settings.fields) {
      if (f.name == name) {
        f.weight = weight;
        found = true;
      }
    }
    if (!found) {
      return Status::InvalidArgument("--field-weight: no field '" + name + "'");
    }
  }
  if (Status valid = segment::ValidateFields(settings.fields); !valid.ok()) {
    return Status::InvalidArgument("--field: " + valid.message());
  }
  if (!args.synonyms_path.empty()) {
    NSEARCH_ASSIGN_OR_RETURN(std::string text, ReadTextFile(args.synonyms_path, "synonyms"));
    auto groups = analysis::ParseSynonyms(text, a);
    if (!groups.ok()) {
      return Status::InvalidArgument(args.synonyms_path + ": " + groups.status().message());
    }
    a.synonyms = std::move(*groups);
    if (auto analyzer = analysis::Analyzer::Create(a); !analyzer.ok()) {
      return Status::InvalidArgument("--synonyms: " + analyzer.status().message());
    }
  }
  return settings;
}

}  // namespace nsearch::cli
