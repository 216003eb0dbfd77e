#include "index/segment/manifest.h"

#include <bit>

#include "index/base/coding.h"
#include "index/base/file_format.h"

namespace nsearch::segment {
namespace {

// Bits of the manifest's analysis flags (docs/FORMAT.md#manifest); readers refuse others.
constexpr uint32_t kAnalysisFoldSpelling = 1;
constexpr uint32_t kAnalysisIndexDates = 2;
constexpr uint32_t kAnalysisUax29Tokenizer = 4;
constexpr uint32_t kAnalysisLowercaseOnly = 8;
constexpr uint32_t kAnalysisFlags =
    kAnalysisFoldSpelling | kAnalysisIndexDates | kAnalysisUax29Tokenizer | kAnalysisLowercaseOnly;

}  // namespace

uint64_t Manifest::live_docs() const {
  uint64_t n = 0;
  for (const auto& s : segments) {
    n += s.live_docs();
  }
  return n;
}

uint64_t Manifest::live_field_length(size_t field) const {
  uint64_t n = 0;
  for (const auto& s : segments) {
    n += s.live_field_length(field);
  }
  return n;
}

uint64_t Manifest::live_length() const {
  uint64_t n = 0;
  for (const auto& s : segments) {
    n += s.live_length();
  }
  return n;
}

std::string EncodeManifest(const Manifest& manifest) {
  std::string file;
  AppendFileHeader(&file, kManifestMagic);
  PutVarint64(&file, manifest.generation);
  PutVarint32(&file, manifest.next_segment_number);
  PutLengthPrefixed(&file, manifest.analysis.language);
  PutVarint32(&file, static_cast<uint32_t>(manifest.analysis.stopwords.size()));
  for (const auto& word : manifest.analysis.stopwords) {
    PutLengthPrefixed(&file, word);
  }
  const analysis::AnalyzerOptions& a = manifest.analysis;
  PutVarint32(
      &file,
      (a.fold_spelling ? kAnalysisFoldSpelling : 0) | (a.index_dates ? kAnalysisIndexDates : 0) |
          (a.tokenizer == analysis::TokenizerKind::kUax29 ? kAnalysisUax29Tokenizer : 0) |
          (a.case_folding == analysis::CaseFolding::kLowercase ? kAnalysisLowercaseOnly : 0));
  PutVarint32(&file, static_cast<uint32_t>(manifest.analysis.synonyms.size()));
  for (const auto& group : manifest.analysis.synonyms) {
    PutVarint32(&file, static_cast<uint32_t>(group.size()));
    for (const auto& word : group) {
      PutLengthPrefixed(&file, word);
    }
  }
  PutVarint32(&file, static_cast<uint32_t>(manifest.scoring));
  PutVarint32(&file, static_cast<uint32_t>(manifest.fields.size()));
  for (const FieldSpec& f : manifest.fields) {
    PutLengthPrefixed(&file, f.name);
    PutVarint32(&file, static_cast<uint32_t>(f.source));
    PutFixed64(&file, std::bit_cast<uint64_t>(f.weight));
  }
  PutVarint32(&file, static_cast<uint32_t>(manifest.segments.size()));
  for (const auto& s : manifest.segments) {
    PutLengthPrefixed(&file, s.name);
    PutVarint32(&file, s.num_docs);
    for (size_t f = 0; f < manifest.fields.size(); ++f) {
      PutVarint64(&file, f < s.field_lengths.size() ? s.field_lengths[f] : 0);
    }
    PutVarint64(&file, s.num_terms);
    PutVarint64(&file, s.num_postings);
    PutVarint32(&file, s.num_deleted);
    for (size_t f = 0; f < manifest.fields.size(); ++f) {
      PutVarint64(&file, f < s.deleted_field_lengths.size() ? s.deleted_field_lengths[f] : 0);
    }
    PutVarint64(&file, s.del_generation);
  }
  std::string footer;
  AppendFileFooter(&footer, file, kManifestMagic);
  return file + footer;
}

Result<Manifest> DecodeManifest(std::string_view file, const std::string& what) {
  NSEARCH_ASSIGN_OR_RETURN(std::string_view body, CheckFileFraming(file, kManifestMagic, what));
  ByteReader in(body);
  Manifest m;
  auto corrupt = [&what](const std::string& problem) {
    return Status::Corruption(what + ": manifest: " + problem);
  };
  std::string_view text;
  uint32_t count;
  if (!in.GetVarint64(&m.generation) || !in.GetVarint32(&m.next_segment_number) ||
      !in.GetLengthPrefixed(&text)) {
    return corrupt("truncated header fields");
  }
  m.analysis.language = std::string(text);
  if (!in.GetVarint32(&count) || count > in.remaining()) {
    return corrupt("bad stopword count");
  }
  m.analysis.stopwords.clear();
  for (uint32_t i = 0; i < count; ++i) {
    if (!in.GetLengthPrefixed(&text)) {
      return corrupt("truncated stopword list");
    }
    m.analysis.stopwords.emplace_back(text);
  }
  uint32_t flags;
  if (!in.GetVarint32(&flags) || (flags & ~kAnalysisFlags) != 0) {
    return corrupt("bad analysis flags");
  }
  m.analysis.fold_spelling = (flags & kAnalysisFoldSpelling) != 0;
  m.analysis.index_dates = (flags & kAnalysisIndexDates) != 0;
  m.analysis.tokenizer = (flags & kAnalysisUax29Tokenizer) != 0 ? analysis::TokenizerKind::kUax29
                                                                : analysis::TokenizerKind::kUnicode;
  m.analysis.case_folding = (flags & kAnalysisLowercaseOnly) != 0
                                ? analysis::CaseFolding::kLowercase
                                : analysis::CaseFolding::kFold;
  if (!in.GetVarint32(&count) || count > in.remaining()) {
    return corrupt("bad synonym group count");
  }
  m.analysis.synonyms.assign(count, {});
  for (auto& group : m.analysis.synonyms) {
    uint32_t words;
    if (!in.GetVarint32(&words) || words > in.remaining()) {
      return corrupt("bad synonym group size");
    }
    for (uint32_t i = 0; i < words; ++i) {
      if (!in.GetLengthPrefixed(&text)) {
        return corrupt("truncated synonym group");
      }
      group.emplace_back(text);
    }
  }
  uint32_t scoring;
  if (!in.GetVarint32(&scoring) || scoring > static_cast<uint32_t>(ScoringModel::kLucene4)) {
    return corrupt("bad scoring model");
  }
  m.scoring = static_cast<ScoringModel>(scoring);
  if (!in.GetVarint32(&count) || count > in.remaining()) {
    return corrupt("bad field count");
  }
  m.fields.assign(count, {});
  for (FieldSpec& f : m.fields) {
    uint32_t source;
    uint64_t weight_bits;
    if (!in.GetLengthPrefixed(&text) || !in.GetVarint32(&source) || !in.GetFixed64(&weight_bits)) {
      return corrupt("truncated field list");
    }
    if (source > static_cast<uint32_t>(FieldSource::kJson)) {
      return corrupt("field '" + std::string(text) + "' has an unknown source");
    }
    f.name = std::string(text);
    f.source = static_cast<FieldSource>(source);
    f.weight = std::bit_cast<double>(weight_bits);
  }
  if (Status valid = ValidateFields(m.fields); !valid.ok()) {
    return corrupt(valid.message());
  }
  const size_t num_fields = m.fields.size();
  if (!in.GetVarint32(&count) || count > in.remaining()) {
    return corrupt("bad segment count");
  }
  for (uint32_t i = 0; i < count; ++i) {
    SegmentInfo s;
    s.field_lengths.assign(num_fields, 0);
    s.deleted_field_lengths.assign(num_fields, 0);
    bool ok = in.GetLengthPrefixed(&text) && in.GetVarint32(&s.num_docs);
    for (uint64_t& length : s.field_lengths) {
      ok = ok && in.GetVarint64(&length);
    }
    ok = ok && in.GetVarint64(&s.num_terms) && in.GetVarint64(&s.num_postings) &&
         in.GetVarint32(&s.num_deleted);
    for (uint64_t& length : s.deleted_field_lengths) {
      ok = ok && in.GetVarint64(&length);
    }
    if (!ok || !in.GetVarint64(&s.del_generation)) {
      return corrupt("segment entry " + std::to_string(i) + " truncated");
    }
    bool consistent = s.num_deleted <= s.num_docs && (s.num_deleted > 0) == (s.del_generation > 0);
    for (size_t f = 0; f < num_fields; ++f) {
      // Sums of 32-bit lengths of at most 2^32 documents: each below 2^64, and so their total.
      consistent = consistent && s.deleted_field_lengths[f] <= s.field_lengths[f] &&
                   s.field_lengths[f] < (uint64_t{1} << 62);
      s.total_length += s.field_lengths[f];
      s.deleted_length += s.deleted_field_lengths[f];
    }
    if (!consistent) {
      return corrupt("segment entry " + std::to_string(i) + " has inconsistent deletions");
    }
    s.name = std::string(text);
    if (s.name.empty() || s.name.find('/') != std::string::npos || s.name[0] == '.') {
      return corrupt("segment entry " + std::to_string(i) + " has an invalid name");
    }
    m.segments.push_back(std::move(s));
  }
  if (!in.empty()) {
    return corrupt("trailing bytes");
  }
  return m;
}

Result<Manifest> ReadManifest(Directory& dir) {
  auto file = dir.OpenRead(kManifestName);
  if (!file.ok()) {
    if (file.status().IsNotFound()) {
      return Status::NotFound(dir.Describe(kManifestName) +
                              ": no such file (not an nsearch index?)");
    }
    return file.status();
  }
  return DecodeManifest((*file)->data(), dir.Describe(kManifestName));
}

Status WriteManifest(Directory& dir, const Manifest& manifest) {
  return WriteFileAtomically(dir, kManifestName, EncodeManifest(manifest));
}

}  // namespace nsearch::segment
