#include "index/segment/index_verifier.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/analysis/date_term.h"
#include "index/base/file_format.h"
#include "index/codec/bitpack.h"
#include "index/postings/postings_format.h"
#include "index/segment/deleted_docs.h"
#include "index/segment/manifest.h"
#include "index/segment/segment_reader.h"

namespace nsearch::segment {
namespace {

using postings::DocId;
using postings::kEndDoc;
using postings::TermInfo;

// One check of one segment reports at most this many lines and counts the rest, so that a file
// damaged everywhere neither floods the report nor hides the problems of the other files.
constexpr size_t kMaxProblemsPerCheck = 20;
// Terms and ids in messages are cut to this many bytes.
constexpr size_t kMaxQuotedBytes = 64;
constexpr uint32_t kBlockSize = codec::kBlockSize;

// 'bytes', with control bytes and quotes escaped, cut to kMaxQuotedBytes.
std::string Quote(std::string_view bytes) {
  std::string out = "'";
  for (size_t i = 0; i < bytes.size() && i < kMaxQuotedBytes; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x20 || c == 0x7f || c == '\'' || c == '\\') {
      char hex[8];
      std::snprintf(hex, sizeof(hex), "\\x%02x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += bytes.size() > kMaxQuotedBytes ? "'..." : "'";
  return out;
}

std::string Num(uint64_t n) { return std::to_string(n); }

// The problems of one check, appended to the report; the destructor adds a line counting those
// past kMaxProblemsPerCheck. Repeats of the previous line (one damaged block failing each of its
// documents) are dropped.
class ProblemList {
 public:
  // `what` names the file in the closing count.
  ProblemList(VerifyReport& report, std::string what) : report_(report), what_(std::move(what)) {}
  ~ProblemList() {
    if (hidden_ > 0) {
      std::string line = what_;
      line.append(": ").append(Num(hidden_)).append(" more problems like these");
      report_.problems.push_back(std::move(line));
    }
  }
  ProblemList(const ProblemList&) = delete;
  ProblemList& operator=(const ProblemList&) = delete;

  void Add(std::string problem) {
    if (problem == last_) {
      return;
    }
    last_ = problem;
    if (shown_ < kMaxProblemsPerCheck) {
      report_.problems.push_back(std::move(problem));
      ++shown_;
    } else {
      ++hidden_;
    }
  }
  bool empty() const { return shown_ == 0; }

 private:
  VerifyReport& report_;
  std::string what_;
  std::string last_;
  size_t shown_ = 0;
  uint64_t hidden_ = 0;
};

// An opened segment and its deletions, kept for the checks that span segments.
struct OpenedSegment {
  std::unique_ptr<SegmentReader> reader;
  std::optional<DeletedDocs> deleted;
  bool deletions_known = true;  // false when the .del file could not be read
};

// The segment under check, with its file names for messages.
class SegmentCheck {
 public:
  SegmentCheck(Directory& dir, const OpenedSegment& opened, VerifyReport& report)
      : dir_(dir),
        seg_(*opened.reader),
        deleted_(opened.deleted),
        deletions_known_(opened.deletions_known),
        report_(report) {}

  void CheckDocTable();
  void CheckTerms();
  void CheckStore();

 private:
  std::string File(const char* ext) const {
    return dir_.Describe(SegmentFile(seg_.info().name, ext));
  }
  std::string ManifestFile() const { return dir_.Describe(kManifestName); }
  bool live(DocId doc) const { return !deleted_.has_value() || !deleted_->contains(doc); }
  void CheckPostingList(std::string_view term, const TermInfo& info, ProblemList& problems);

  Directory& dir_;
  const SegmentReader& seg_;
  const std::optional<DeletedDocs>& deleted_;
  const bool deletions_known_;
  VerifyReport& report_;
};

// Lengths against the manifest, and every document found through the id lookup table. An id
// names at most one live document, so two live documents of the segment never share one.
void SegmentCheck::CheckDocTable() {
  const SegmentInfo& info = seg_.info();
  for (uint32_t f = 0; f < seg_.num_fields(); ++f) {
    uint64_t total = 0;
    for (DocId d = 0; d < info.num_docs; ++d) {
      total += seg_.field_length(d, f);
    }
    if (total != info.field_lengths[f]) {
      report_.problems.push_back(File("len") + ": document lengths of field " + Num(f) +
                                 " sum to " + Num(total) + ", " + ManifestFile() + " says " +
                                 Num(info.field_lengths[f]));
    }
  }
  ProblemList problems(report_, File("ids"));
  const DocTable& table = seg_.doc_table();
  std::vector<uint32_t> found;
  for (DocId d = 0; d < info.num_docs; ++d) {
    found.clear();
    table.FindId(table.id(d), &found);
    if (std::find(found.begin(), found.end(), d) == found.end()) {
      problems.Add(File("ids") + ": document " + Num(d) + " (id " + Quote(table.id(d)) +
                   ") is missing from the id lookup table");
    }
    for (uint32_t other : found) {
      if (other < d && deletions_known_ && live(d) && live(other)) {
        problems.Add(File("ids") + ": live documents " + Num(other) + " and " + Num(d) +
                     " share the id " + Quote(table.id(d)));
      }
    }
  }
}

// The dictionary's order and counts, then every term's list.
void SegmentCheck::CheckTerms() {
  const SegmentInfo& info = seg_.info();
  ProblemList dict(report_, File("tdict"));
  ProblemList lists(report_, File("post"));
  postings::TermDictReader::Iterator it(&seg_.term_dict());
  std::string prev;
  TermInfo prev_info;
  uint64_t count = 0;
  uint64_t df_sum = 0;
  for (; it.Valid(); it.Next()) {
    const std::string_view term = it.term();
    const TermInfo& term_info = it.info();
    if (term.empty() || (count > 0 && term <= std::string_view(prev))) {
      dict.Add(File("tdict") + ": term " + Num(count) + " " + Quote(term) +
               " is empty or does not sort after " + Quote(prev));
    }
    if (count > 0 && (term_info.postings_offset < prev_info.postings_offset ||
                      term_info.positions_offset < prev_info.positions_offset)) {
      dict.Add(File("tdict") + ": term " + Quote(term) + ": list offsets decrease");
    }
    CheckPostingList(term, term_info, lists);
    df_sum += term_info.df;
    ++count;
    prev.assign(term);
    prev_info = term_info;
  }
  report_.terms += count;
  if (!it.status().ok()) {
    dict.Add(it.status().ToString());
    return;
  }
  if (count != info.num_terms) {
    dict.Add(File("tdict") + ": holds " + Num(count) + " terms, " + ManifestFile() + " says " +
             Num(info.num_terms));
  }
  if (df_sum != info.num_postings) {
    dict.Add(File("tdict") + ": document frequencies sum to " + Num(df_sum) + ", " +
             ManifestFile() + " says " + Num(info.num_postings) + " postings");
  }
}

// Walks one list: doc order and range, frequencies against document lengths, positions, and
// the term's and each block's bounds against the decoded values.
void SegmentCheck::CheckPostingList(std::string_view term, const TermInfo& info,
                                    ProblemList& problems) {
  postings::PostingCursor cursor = seg_.OpenCursor(info);
  const auto where = [&](const char* ext) { return File(ext) + ": term " + Quote(term); };
  const bool reserved = analysis::IsReservedTerm(term);
  const std::string_view day = term.starts_with(analysis::kDateTermPrefix)
                                   ? term.substr(analysis::kDateTermPrefix.size())
                                   : std::string_view();
  if (reserved &&
      (day.size() != 8 || !analysis::ParseDocumentDate(analysis::FormatDay(std::string(day))))) {
    problems.Add(where("tdict") + ": reserved term is not a date term");
  }
  const int field = KeyField(term);
  if (!reserved && (field < 0 || static_cast<uint32_t>(field) >= seg_.num_fields())) {
    problems.Add(where("tdict") + ": term is neither a date term nor a word of one of the " +
                 Num(seg_.num_fields()) + " fields");
  }
  const uint32_t num_docs = seg_.num_docs();
  uint64_t docs = 0, freq_sum = 0;
  uint32_t max_freq = 0, min_len = UINT32_MAX;
  uint32_t block_max = 0, block_min = UINT32_MAX;
  DocId prev = 0;
  const auto finish_block = [&](uint32_t block) {
    if (block >= cursor.num_blocks()) {
      return;  // more blocks than df allows: reported with the document count
    }
    const postings::PostingCursor::BlockBounds bounds = cursor.block_bounds(block);
    if (bounds.last_doc != prev || bounds.max_freq != block_max ||
        bounds.min_doc_len != block_min) {
      problems.Add(where("post") + ": block " + Num(block) + " records last doc " +
                   Num(bounds.last_doc) + ", max_freq " + Num(bounds.max_freq) + ", min_doc_len " +
                   Num(bounds.min_doc_len) + "; its documents give " + Num(prev) + ", " +
                   Num(block_max) + ", " + Num(block_min));
    }
    block_max = 0;
    block_min = UINT32_MAX;
  };
  for (; cursor.doc() != kEndDoc; cursor.Next()) {
    const DocId doc = cursor.doc();
    const uint32_t freq = cursor.freq();
    if ((docs > 0 && doc <= prev) || doc >= num_docs) {
      problems.Add(where("post") + ": document " + Num(doc) + " out of order or range");
      return;
    }
    const uint32_t len = seg_.key_length(term, doc);
    if (reserved) {
      // A date term: once per document, not counted in its length.
      if (freq != 1) {
        problems.Add(where("post") + ": frequency " + Num(freq) + " in document " + Num(doc) +
                     " of a date term is not 1");
      }
    } else if (freq == 0 || freq > len) {
      problems.Add(where("post") + ": frequency " + Num(freq) + " in document " + Num(doc) +
                   " is not within 1.." + Num(len) + ", its length in " + File("len"));
    }
    const std::span<const uint32_t> positions = cursor.positions();
    if (!cursor.status().ok()) {
      break;
    }
    if (positions.size() != freq) {
      problems.Add(where("pos") + ": document " + Num(doc) + " has " + Num(positions.size()) +
                   " positions, frequency " + Num(freq));
    }
    for (size_t i = 1; i < positions.size(); ++i) {
      if (positions[i] <= positions[i - 1]) {
        problems.Add(where("pos") + ": positions of document " + Num(doc) + " not increasing");
        break;
      }
    }
    report_.positions += positions.size();
    prev = doc;
    ++docs;
    freq_sum += freq;
    max_freq = std::max(max_freq, freq);
    min_len = std::min(min_len, len);
    block_max = std::max(block_max, freq);
    block_min = std::min(block_min, len);
    if (docs % kBlockSize == 0) {
      finish_block(static_cast<uint32_t>(docs / kBlockSize - 1));
    }
  }
  report_.postings += docs;
  if (!cursor.status().ok()) {
    // Positions live in .pos, whose damage the cursor reports under the .post file's name; and
    // a damaged TermInfo sends the cursor astray as surely as damaged postings do.
    const bool in_positions = cursor.status().message().find("positions") != std::string::npos;
    problems.Add(where(in_positions ? "pos" : "post") + " (df " + Num(info.df) + " in " +
                 File("tdict") + "): " + cursor.status().ToString());
    return;
  }
  if (docs % kBlockSize != 0) {
    finish_block(static_cast<uint32_t>(docs / kBlockSize));
  }
  if (docs != info.df || freq_sum != info.total_freq || max_freq != info.max_freq ||
      min_len != info.min_doc_len) {
    problems.Add(where("tdict") + ": records df " + Num(info.df) + ", total_freq " +
                 Num(info.total_freq) + ", max_freq " + Num(info.max_freq) + ", min_doc_len " +
                 Num(info.min_doc_len) + "; its list in " + File("post") + " gives " + Num(docs) +
                 ", " + Num(freq_sum) + ", " + Num(max_freq) + ", " + Num(min_len));
  }
}

// Every stored document decodes and carries the id of the .ids file.
void SegmentCheck::CheckStore() {
  ProblemList problems(report_, File("store"));
  for (DocId d = 0; d < seg_.num_docs(); ++d) {
    auto doc = seg_.Document(d);
    if (!doc.ok()) {
      problems.Add(doc.status().ToString());
    } else if (doc->id != seg_.external_id(d)) {
      problems.Add(File("store") + ": document " + Num(d) + " has id " + Quote(doc->id) + ", " +
                   File("ids") + " says " + Quote(seg_.external_id(d)));
    }
  }
}

// SegmentReader::Open stops at the first damaged file; opening each file on its own names all.
void ReportOpenFailure(Directory& dir, const SegmentInfo& info, const Status& status,
                       VerifyReport& report) {
  std::vector<std::string> found = {status.ToString()};
  const auto note = [&](const Status& s) {
    if (!s.ok() && std::find(found.begin(), found.end(), s.ToString()) == found.end()) {
      found.push_back(s.ToString());
    }
  };
  for (const char* ext : kSegmentExtensions) {
    report.files_checked += dir.Exists(SegmentFile(info.name, ext)) ? 1 : 0;
  }
  note(postings::TermDictReader::Open(dir, SegmentFile(info.name, "tdict")).status());
  for (const auto& [ext, magic] :
       {std::pair{"post", postings::kPostingsMagic}, std::pair{"pos", postings::kPositionsMagic}}) {
    auto file = dir.OpenRead(SegmentFile(info.name, ext));
    note(file.ok()
             ? CheckFileFraming(**file, magic, dir.Describe(SegmentFile(info.name, ext))).status()
             : file.status());
  }
  note(DocTable::Open(dir, SegmentFile(info.name, "len"), SegmentFile(info.name, "ids"),
                      info.num_docs, static_cast<uint32_t>(info.field_lengths.size()))
           .status());
  note(store::DocStoreReader::Open(dir, SegmentFile(info.name, "store")).status());
  for (std::string& problem : found) {
    report.problems.push_back(std::move(problem));
  }
}

// Reads the segment's current deletions and checks their lengths against the manifest.
void CheckDeletions(Directory& dir, OpenedSegment& opened, VerifyReport& report) {
  const SegmentInfo& info = opened.reader->info();
  if (info.del_generation == 0) {
    return;  // DecodeManifest checked that num_deleted is 0 then
  }
  const std::string name = DeletedDocsFile(info.name, info.del_generation);
  report.files_checked += 1;
  auto deleted = ReadDeletedDocs(dir, name, info.num_docs, info.num_deleted);
  if (!deleted.ok()) {
    report.problems.push_back(deleted.status().ToString());
    opened.deletions_known = false;
    return;
  }
  for (uint32_t f = 0; f < opened.reader->num_fields(); ++f) {
    uint64_t length = 0;
    for (DocId d = 0; d < info.num_docs; ++d) {
      length += deleted->contains(d) ? opened.reader->field_length(d, f) : 0;
    }
    if (length != info.deleted_field_lengths[f]) {
      report.problems.push_back(dir.Describe(name) + ": the deleted documents' lengths of field " +
                                Num(f) + " sum to " + Num(length) + ", " +
                                dir.Describe(kManifestName) + " says " +
                                Num(info.deleted_field_lengths[f]));
    }
  }
  report.deleted += deleted->count();
  opened.deleted = std::move(deleted).value();
}

// An id names at most one live document in the whole index: looks each live document's id up
// in the segments before its own.
void CheckIdsAcrossSegments(Directory& dir, const std::vector<OpenedSegment>& segments,
                            VerifyReport& report) {
  const auto live = [](const OpenedSegment& s, DocId d) {
    return !s.deleted.has_value() || !s.deleted->contains(d);
  };
  ProblemList problems(report, "index: ids");
  std::vector<uint32_t> found;
  for (size_t j = 1; j < segments.size(); ++j) {
    const OpenedSegment& later = segments[j];
    if (!later.deletions_known) {
      continue;
    }
    const DocTable& table = later.reader->doc_table();
    for (DocId d = 0; d < table.num_docs(); ++d) {
      if (!live(later, d)) {
        continue;
      }
      for (size_t i = 0; i < j; ++i) {
        if (!segments[i].deletions_known) {
          continue;
        }
        found.clear();
        segments[i].reader->doc_table().FindId(table.id(d), &found);
        for (uint32_t other : found) {
          if (live(segments[i], other)) {
            const std::string& a = segments[i].reader->info().name;
            problems.Add(dir.Describe(SegmentFile(later.reader->info().name, "ids")) +
                         ": live document " + Num(d) + " has the id " + Quote(table.id(d)) +
                         " of live document " + Num(other) + " in " +
                         dir.Describe(SegmentFile(a, "ids")));
          }
        }
      }
    }
  }
}

// Writer files the manifest does not refer to.
void ListUnreferenced(Directory& dir, const Manifest& manifest, VerifyReport& report) {
  std::set<std::string> referenced;
  for (const SegmentInfo& info : manifest.segments) {
    for (const char* ext : kSegmentExtensions) {
      referenced.insert(SegmentFile(info.name, ext));
    }
    if (info.del_generation > 0) {
      referenced.insert(DeletedDocsFile(info.name, info.del_generation));
    }
  }
  auto names = dir.List();
  if (!names.ok()) {
    report.problems.push_back(names.status().ToString());
    return;
  }
  const std::string tmp = std::string(kManifestName) + ".tmp";
  for (const std::string& name : *names) {
    if ((name.rfind("seg_", 0) == 0 && referenced.count(name) == 0) || name == tmp) {
      report.unreferenced_files.push_back(name);
    }
  }
}

}  // namespace

Result<VerifyReport> VerifyIndex(Directory& dir) {
  VerifyReport report;
  auto manifest = ReadManifest(dir);
  if (!manifest.ok()) {
    if (manifest.status().IsNotFound() || manifest.status().IsIOError()) {
      return manifest.status();
    }
    report.files_checked = 1;
    report.problems.push_back(manifest.status().ToString());
    return report;
  }
  report.files_checked = 1;
  std::vector<OpenedSegment> segments;
  std::set<std::string> names;
  for (const SegmentInfo& info : manifest->segments) {
    if (!names.insert(info.name).second) {
      report.problems.push_back(dir.Describe(kManifestName) + ": lists segment " + info.name +
                                " twice");
      continue;
    }
    auto reader = SegmentReader::Open(dir, info);
    if (!reader.ok()) {
      ReportOpenFailure(dir, info, reader.status(), report);
      continue;
    }
    report.files_checked += std::size(kSegmentExtensions);
    report.segments += 1;
    report.documents += info.num_docs;
    OpenedSegment opened;
    opened.reader = std::move(reader).value();
    CheckDeletions(dir, opened, report);
    SegmentCheck check(dir, opened, report);
    check.CheckDocTable();
    check.CheckTerms();
    check.CheckStore();
    segments.push_back(std::move(opened));
  }
  CheckIdsAcrossSegments(dir, segments, report);
  ListUnreferenced(dir, *manifest, report);
  return report;
}

}  // namespace nsearch::segment
