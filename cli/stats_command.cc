#include "cli/stats_command.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/cli_status.h"
#include "cli/opened_index.h"
#include "index/segment/manifest.h"

namespace nsearch::cli {
namespace {

// What each file kind holds, for the text output.
const std::map<std::string, std::string> kKindNames = {{"tdict", "term dictionary"},
                                                       {"post", "postings (docs, freqs, skips)"},
                                                       {"pos", "positions"},
                                                       {"len", "document lengths"},
                                                       {"ids", "document ids and id lookup"},
                                                       {"store", "stored documents (zstd)"},
                                                       {"del", "deleted documents"},
                                                       {"manifest", "manifest"}};

const char* TokenizerName(const analysis::AnalyzerOptions& a) {
  return a.tokenizer == analysis::TokenizerKind::kUax29 ? "uax29" : "unicode";
}
const char* CaseFoldingName(const analysis::AnalyzerOptions& a) {
  return a.case_folding == analysis::CaseFolding::kLowercase ? "lowercase" : "fold";
}
const char* SourceName(segment::FieldSource source) {
  switch (source) {
    case segment::FieldSource::kTitle:
      return "the title";
    case segment::FieldSource::kBody:
      return "the body";
    case segment::FieldSource::kTitleAndBody:
      return "the title and body";
    case segment::FieldSource::kJson:
      return "a JSONL field";
  }
  return "";
}
// The source as a token for --json.
const char* SourceToken(segment::FieldSource source) {
  switch (source) {
    case segment::FieldSource::kTitle:
      return "title";
    case segment::FieldSource::kBody:
      return "body";
    case segment::FieldSource::kTitleAndBody:
      return "title_and_body";
    case segment::FieldSource::kJson:
      return "json";
  }
  return "";
}
nlohmann::ordered_json FieldsJson(const segment::IndexReader& reader) {
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (size_t f = 0; f < reader.fields().size(); ++f) {
    fields.push_back({{"name", reader.fields()[f].name},
                      {"source", SourceToken(reader.fields()[f].source)},
                      {"weight", reader.fields()[f].weight},
                      {"avg_length", reader.avg_field_length(f)}});
  }
  return fields;
}
const char* ScoringName(segment::ScoringModel scoring) {
  return scoring == segment::ScoringModel::kLucene4 ? "lucene4" : "bm25";
}

}  // namespace

CLI::App* AddStatsCommand(CLI::App& app, StatsArgs& args) {
  CLI::App* cmd = app.add_subcommand("stats", "Print the size and contents of an index");
  cmd->add_option("-i,--index", args.index, "Index directory (default: the embedded seeds)");
  cmd->add_flag("--json", args.json, "Print one JSON object");
  return cmd;
}

int RunStats(const StatsArgs& args) {
  auto index = OpenIndexOrSeeds(args.index);
  if (!index.ok())
    return ReportError(index.status());
  const segment::IndexReader& reader = *index->reader;
  const segment::Manifest& manifest = reader.manifest();

  const segment::IndexTotals totals = reader.Totals();
  const uint64_t terms = totals.terms;
  const uint64_t postings = totals.postings;
  const uint64_t tokens = totals.tokens;
  nlohmann::ordered_json bytes = nlohmann::ordered_json::object();
  for (const auto& [kind, size] : totals.bytes_by_kind) {
    bytes[kind] = size;
  }
  uint64_t total_bytes = totals.bytes;
  auto manifest_file = index->dir->OpenRead(segment::kManifestName);
  if (manifest_file.ok()) {
    bytes["manifest"] = (*manifest_file)->data().size();
    total_bytes += (*manifest_file)->data().size();
  }
  bytes["total"] = total_bytes;

  if (args.json) {
    const nlohmann::ordered_json out = {{"index", index->name},
                                        {"documents", reader.num_docs()},
                                        {"deleted", totals.deleted},
                                        {"segments", reader.num_segments()},
                                        {"terms", terms},
                                        {"postings", postings},
                                        {"total_tokens", tokens},
                                        {"avg_doc_length", reader.avg_doc_length()},
                                        {"generation", manifest.generation},
                                        {"language", manifest.analysis.language},
                                        {"tokenizer", TokenizerName(manifest.analysis)},
                                        {"case_folding", CaseFoldingName(manifest.analysis)},
                                        {"scoring", ScoringName(manifest.scoring)},
                                        {"fields", FieldsJson(reader)},
                                        {"bytes", bytes}};
    std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return kExitOk;
  }
  std::printf("index:           %s\n", index->name.c_str());
  std::printf("documents:       %llu\n", static_cast<unsigned long long>(reader.num_docs()));
  if (totals.deleted > 0) {
    std::printf("deleted:         %llu (dropped by the next merge)\n",
                static_cast<unsigned long long>(totals.deleted));
  }
  std::printf("segments:        %zu\n", reader.num_segments());
  std::printf("terms:           %llu%s\n", static_cast<unsigned long long>(terms),
              reader.num_segments() > 1 ? " (summed over segments)" : "");
  std::printf("postings:        %llu\n", static_cast<unsigned long long>(postings));
  std::printf("tokens:          %llu (%.1f per document)\n",
              static_cast<unsigned long long>(tokens), reader.avg_doc_length());
  std::printf(
      "analysis:        %s words, %s, %s stemmer, %zu stopwords, spelling folding %s, %zu "
      "synonym groups\n",
      TokenizerName(manifest.analysis), CaseFoldingName(manifest.analysis),
      manifest.analysis.language.c_str(), manifest.analysis.stopwords.size(),
      manifest.analysis.fold_spelling ? "on" : "off", manifest.analysis.synonyms.size());
  for (size_t f = 0; f < reader.fields().size(); ++f) {
    const segment::FieldSpec& field = reader.fields()[f];
    std::printf("field %-10s %s, weight %g, %.1f words per document\n", (field.name + ":").c_str(),
                SourceName(field.source), field.weight, reader.avg_field_length(f));
  }
  std::printf("scoring:         %s\n",
              manifest.scoring == segment::ScoringModel::kLucene4
                  ? "lucene4 (Lucene 4's BM25Similarity: one-byte length norms, float)"
                  : "bm25 (exact document lengths)");
  std::printf("generation:      %llu\n", static_cast<unsigned long long>(manifest.generation));
  std::printf("bytes:\n");
  for (const auto& [kind, size] : bytes.items()) {
    if (kind == "total")
      continue;
    auto name = kKindNames.find(kind);
    std::printf("  %-9s %12llu  %s\n", kind.c_str(), static_cast<unsigned long long>(size),
                name == kKindNames.end() ? "" : name->second.c_str());
  }
  std::printf("  %-9s %12llu\n", "total", static_cast<unsigned long long>(total_bytes));
  return kExitOk;
}

}  // namespace nsearch::cli
