#include "cli/index_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "cli/cli_status.h"
#include "cli/opened_index.h"
#include "index/segment/index_writer.h"

namespace nsearch::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr uint64_t kMaxWarningsShown = 50;
// The document store takes blocks of up to 1 GiB; leave room for the other fields.
constexpr uint64_t kMaxDocBytesLimit = uint64_t{512} << 20;
constexpr auto kProgressInterval = std::chrono::milliseconds(250);

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
double Mebibytes(uint64_t bytes) { return static_cast<double>(bytes) / (1 << 20); }

// A progress line on a terminal, redrawn a few times a second: documents, MiB read, rates,
// elapsed time and, when the input size is known, the share done and an ETA.
class Progress {
 public:
  Progress(bool enabled, std::optional<uint64_t> total_bytes)
      : enabled_(enabled), total_bytes_(total_bytes), start_(Clock::now()), last_(start_) {}

  void Update(const input::InputReport& report) {
    if (!enabled_)
      return;
    const Clock::time_point now = Clock::now();
    if (now - last_ < kProgressInterval)
      return;
    last_ = now;
    const double s = Seconds(now - start_);
    std::fprintf(stderr, "\r\x1b[Kindexing: %llu docs, %.1f MiB, %.0f docs/s, %.1f MiB/s, %.1f s",
                 static_cast<unsigned long long>(report.documents), Mebibytes(report.bytes),
                 static_cast<double>(report.documents) / s, Mebibytes(report.bytes) / s, s);
    if (total_bytes_ && *total_bytes_ > 0 && report.bytes > 0) {
      const double done =
          std::min(1.0, static_cast<double>(report.bytes) / static_cast<double>(*total_bytes_));
      const double eta = s * (1 - done) / done;
      std::fprintf(stderr, ", %.0f%%, ETA %d:%02d", 100 * done, static_cast<int>(eta) / 60,
                   static_cast<int>(eta) % 60);
    }
    shown_ = true;
  }
  void Clear() {
    if (shown_)
      std::fputs("\r\x1b[K", stderr);
    shown_ = false;
  }
  double elapsed() const { return Seconds(Clock::now() - start_); }

 private:
  bool enabled_;
  std::optional<uint64_t> total_bytes_;
  bool shown_ = false;
  Clock::time_point start_;
  Clock::time_point last_;
};

}  // namespace

CLI::App* AddIndexCommand(CLI::App& app, IndexArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "index", "Build or extend an index from text files, folders (recursively) and JSONL files");
  cmd->add_option("-i,--index", args.index, "Index directory (created if missing)")->required();
  cmd->add_option("paths", args.paths,
                  "Text files, folders, .jsonl/.ndjson files, any of them .gz/.zst; - for stdin")
      ->required();
  // One pattern per --include/--exclude, so a pattern never swallows the paths that follow it.
  cmd->add_option("--include", args.input.include,
                  "In folders, read only files matching this glob (repeatable; e.g. '*.txt')")
      ->allow_extra_args(false);
  cmd->add_option("--exclude", args.input.exclude,
                  "In folders, skip files and folders matching this glob (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--stdin-format", args.input.stdin_format,
                  "How the path - (standard input) is read: jsonl lines or one text document")
      ->check(CLI::IsMember({"jsonl", "text"}))
      ->capture_default_str();
  cmd->add_option("--id-field", args.input.id_field, "JSONL field holding the document id")
      ->capture_default_str();
  cmd->add_option("--title-field", args.input.title_field, "JSONL field holding the title")
      ->capture_default_str();
  cmd->add_option("--body-field", args.input.body_field, "JSONL field holding the text")
      ->capture_default_str();
  cmd->add_option("--date-field", args.input.date_field, "JSONL field holding the date")
      ->capture_default_str();
  cmd->add_option("--max-doc-bytes", args.input.max_doc_bytes,
                  "Skip documents and JSONL lines larger than this (e.g. 64MB)")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(uint64_t{1}, kMaxDocBytesLimit))
      ->capture_default_str();
  cmd->add_option("--memory", args.memory_budget,
                  "Write a segment when buffered postings pass this size (e.g. 256MB)")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(uint64_t{1} << 20, uint64_t{1} << 40))
      ->capture_default_str();
  AddAnalysisOptions(cmd, args.analysis);
  cmd->add_option("--threads", args.threads,
                  "Threads analyzing and inverting documents (default: one per core)")
      ->check(CLI::Range(size_t{1}, size_t{256}));
  cmd->add_flag("--strict", args.strict,
                "Fail, committing nothing, if any input is skipped or repaired");
  cmd->add_flag("-q,--quiet", args.quiet, "No progress line or warnings");
  return cmd;
}

int RunIndex(const IndexArgs& args) {
  segment::IndexWriterOptions options;
  // Bad flags are usage errors; check them before touching the disk.
  auto settings = BuildIndexSettings(args.analysis);
  if (!settings.ok()) {
    return ReportError(settings.status());
  }
  options.analysis = std::move(settings->analysis);
  options.scoring = settings->scoring;
  options.fields = settings->fields;
  options.memory_budget = args.memory_budget;
  options.threads = args.threads;
  std::error_code ec;
  const bool existed = std::filesystem::exists(args.index, ec);
  auto dir = OpenIndexDirectory(args.index, /*create=*/true);
  if (!dir.ok()) {
    return ReportError(dir.status());
  }
  auto writer = segment::IndexWriter::Open(**dir, options);
  if (!writer.ok()) {
    // A folder of someone's files is not a command-line mistake: exit 1 like other I/O refusals.
    return ReportError(writer.status().IsInvalidArgument()
                           ? Status::IOError(writer.status().message())
                           : writer.status());
  }

  // The JSONL fields of the index's own field list (a new index: --field; an existing one: those
  // it was built with).
  input::InputOptions input = args.input;
  for (const segment::FieldSpec& f : (*writer)->manifest().fields) {
    if (f.source == segment::FieldSource::kJson) {
      input.extra_fields.push_back(f.name);
    }
  }
  const bool show_progress = !args.quiet && ::isatty(STDERR_FILENO);
  Progress progress(show_progress,
                    show_progress ? input::InputSize(args.paths, args.input) : std::nullopt);
  input::InputReport report;
  uint64_t warnings = 0;
  const input::WarningSink warn = [&](const std::string& message) {
    ++warnings;
    if (args.quiet || warnings > kMaxWarningsShown)
      return;
    progress.Clear();
    PrintWarning(message);
  };
  const input::DocumentSink sink = [&](store::StoredDocument&& doc) {
    progress.Update(report);
    return (*writer)->Add(std::move(doc));
  };
  Status status = input::ReadDocuments(args.paths, input, sink, warn, &report);
  progress.Clear();
  if (warnings > kMaxWarningsShown && !args.quiet) {
    PrintWarning(std::to_string(warnings - kMaxWarningsShown) + " more warnings not shown");
  }
  if (status.ok() && args.strict && warnings > 0) {
    status = Status::InvalidArgument(std::to_string(warnings) +
                                     " input problems with --strict; nothing committed");
  }
  if (!status.ok()) {
    ReportError(status);
    writer->reset();
    dir->reset();
    if (!existed) {
      std::filesystem::remove_all(args.index, ec);  // nothing was ever committed there
      std::fprintf(stderr, "nsearch: nothing committed; %s removed\n", args.index.c_str());
    } else {
      std::fprintf(stderr, "nsearch: nothing committed; %s is as it was\n", args.index.c_str());
    }
    return kExitFailure;
  }
  status = (*writer)->Commit();
  if (!status.ok())
    return ReportError(status);
  const double seconds = progress.elapsed();
  std::printf(
      "indexed %llu documents from %llu files (%.1f MiB) into %s in %.2f s (%.0f docs/s, %.1f "
      "MiB/s); replaced %llu, skipped %llu, repaired %llu\n",
      static_cast<unsigned long long>(report.documents),
      static_cast<unsigned long long>(report.files), Mebibytes(report.bytes), args.index.c_str(),
      seconds, static_cast<double>(report.documents) / seconds, Mebibytes(report.bytes) / seconds,
      static_cast<unsigned long long>((*writer)->stats().docs_deleted),
      static_cast<unsigned long long>(report.skipped),
      static_cast<unsigned long long>(report.repaired));
  if (report.documents == 0)
    PrintWarning("no documents found in the given paths");
  return kExitOk;
}

}  // namespace nsearch::cli
