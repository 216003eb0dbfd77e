#include "index/input/document_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>

#include "index/analysis/utf8.h"
#include "index/input/byte_source.h"
#include "index/input/decompress.h"
#include "index/input/jsonl_document.h"
#include "index/input/line_reader.h"
#include "index/input/path_filter.h"
#include "index/input/text_document.h"

namespace nsearch::input {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBinarySniffBytes = 8192;
constexpr uint64_t kUnknownSize = ~uint64_t{0};

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

Status OpenError(const std::string& path, int err) {
  return Status::IOError(path + ": cannot open: " + std::strerror(err));
}

bool IsHidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

bool IsJsonl(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".jsonl" || ext == ".ndjson";
}

bool IsBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

// The files of a folder walk that are read, in sorted order: hidden entries and what the
// include/exclude globs leave out are skipped.
Status ListFolder(const std::string& root, const InputOptions& options,
                  std::vector<fs::path>* files) {
  const PathFilter filter(options.include, options.exclude);
  std::error_code ec;
  fs::recursive_directory_iterator it(root, ec);
  const fs::recursive_directory_iterator end;
  while (!ec && it != end) {
    const fs::path p = it->path();
    const std::string relative = p.lexically_relative(root).generic_string();
    if (IsHidden(p)) {
      if (it->is_directory(ec))
        it.disable_recursion_pending();
    } else if (it->is_directory(ec)) {
      if (!filter.EntersFolder(relative))
        it.disable_recursion_pending();
    } else if (!ec && it->is_regular_file(ec) && filter.IncludesFile(relative)) {
      files->push_back(p);
    }
    if (!ec)
      it.increment(ec);
    if (ec)
      return Status::IOError(p.string() + ": cannot list: " + ec.message());
  }
  if (ec)
    return Status::IOError(root + ": cannot list: " + ec.message());
  std::sort(files->begin(), files->end());
  return Status::Ok();
}

class Reader {
 public:
  Reader(const InputOptions& options, const DocumentSink& sink, const WarningSink& warn,
         InputReport* report)
      : options_(options), sink_(sink), warn_(warn), report_(report) {}

  Status ReadPath(const std::string& path) {
    if (path == "-")
      return ReadStream(stdin, "stdin");
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st))
      return Status::IOError(path + ": no such file or directory");
    if (ec)
      return Status::IOError(path + ": " + ec.message());
    if (fs::is_directory(st))
      return ReadFolder(path);
    return ReadFile(path);
  }

  Status ReadStream(std::FILE* in, const std::string& name) {
    if (options_.stdin_format != "jsonl" && options_.stdin_format != "text") {
      return Status::InvalidArgument("stdin format must be jsonl or text, not \"" +
                                     options_.stdin_format + "\"");
    }
    ++report_->files;
    const std::unique_ptr<ByteSource> source = MakeFileSource(in);
    if (options_.stdin_format == "jsonl")
      return ReadJsonl(name, *source);
    return ReadText(name, name, *source, kUnknownSize);
  }

  Status ReadJsonlBuffer(std::string_view data, const std::string& name) {
    const std::unique_ptr<ByteSource> source = MakeMemorySource(data);
    return ReadJsonl(name, *source);
  }

 private:
  Status ReadFolder(const std::string& root) {
    std::vector<fs::path> files;
    NSEARCH_RETURN_IF_ERROR(ListFolder(root, options_, &files));
    for (const fs::path& p : files) NSEARCH_RETURN_IF_ERROR(ReadFile(p.string()));
    return Status::Ok();
  }

  Status ReadFile(const std::string& path) {
    FilePtr f(std::fopen(path.c_str(), "rb"));
    if (!f)
      return OpenError(path, errno);
    ++report_->files;
    std::string inner;
    const Compression compression = CompressionOf(path, &inner);
    std::unique_ptr<ByteSource> source = MakeFileSource(f.get());
    uint64_t size = kUnknownSize;
    if (compression == Compression::kNone) {
      std::error_code ec;
      const uintmax_t file_size = fs::file_size(path, ec);
      if (!ec)
        size = file_size;
    } else {
      source = MakeDecompressor(compression, std::move(source));
    }
    if (IsJsonl(inner))
      return ReadJsonl(path, *source);
    return ReadText(path, fs::path(inner).stem().string(), *source, size);
  }

  void Warn(const std::string& where, const std::string& what) {
    if (warn_)
      warn_(where + ": " + what);
  }
  void Skip(const std::string& where, const std::string& what) {
    ++report_->skipped;
    Warn(where, what + "; skipped");
  }
  std::string OverLimit() const {
    return "over the limit of " + std::to_string(options_.max_doc_bytes) + " bytes";
  }

  // Adds what `source` has produced since the last call to the report, for the progress line.
  void CountBytes(const ByteSource& source, uint64_t uncompressed) {
    report_->bytes += source.raw_bytes() - counted_raw_;
    report_->uncompressed_bytes += uncompressed - counted_uncompressed_;
    counted_raw_ = source.raw_bytes();
    counted_uncompressed_ = uncompressed;
  }
  void ResetCounts() {
    counted_raw_ = 0;
    counted_uncompressed_ = 0;
  }

  // `size`, unless kUnknownSize, is the document's size (an uncompressed file): a document over
  // the limit is then skipped without reading it.
  Status ReadText(const std::string& path, const std::string& id, ByteSource& source,
                  uint64_t size) {
    ResetCounts();
    if (size != kUnknownSize && size > options_.max_doc_bytes) {
      report_->bytes += size;
      report_->uncompressed_bytes += size;
      Skip(path, "document of " + std::to_string(size) + " bytes is " + OverLimit());
      return Status::Ok();
    }
    // One byte past the limit tells an over-long document apart without reading the rest.
    std::string text;
    if (size != kUnknownSize)
      text.reserve(size);
    const Status read = ReadUpTo(source, options_.max_doc_bytes + 1, &text);
    CountBytes(source, text.size());
    if (read.IsCorruption()) {
      Skip(path, read.message());
      return Status::Ok();
    }
    if (!read.ok())
      return Status::IOError(path + ": " + read.message());
    if (text.size() > options_.max_doc_bytes) {
      Skip(path, "document is " + OverLimit());
      return Status::Ok();
    }
    if (std::memchr(text.data(), '\0', std::min(text.size(), kBinarySniffBytes)) != nullptr) {
      Skip(path, "binary file (NUL byte in the first 8 KiB)");
      return Status::Ok();
    }
    if (!analysis::IsValidUtf8(text)) {
      text = analysis::SanitizeUtf8(text);
      ++report_->repaired;
      Warn(path, "invalid UTF-8 replaced with U+FFFD");
    }
    store::StoredDocument doc = ParseTextDocument(id, text, path);
    if (doc.title.empty() && IsBlank(doc.body)) {
      Skip(path, "empty document");
      return Status::Ok();
    }
    ++report_->documents;
    return sink_(std::move(doc));
  }

  Status ReadJsonl(const std::string& name, ByteSource& source) {
    ResetCounts();
    LineReader lines(source, options_.max_doc_bytes);
    std::string line;
    bool too_long = false;
    Status status;
    while (status.ok() && lines.Next(&line, &too_long)) {
      CountBytes(source, lines.bytes_read());
      const std::string where = name + ":" + std::to_string(lines.line_number());
      if (too_long) {
        Skip(where, "line is " + OverLimit());
        continue;
      }
      if (IsBlank(line))
        continue;
      status = ReadJsonLine(where, line);
    }
    CountBytes(source, lines.bytes_read());
    NSEARCH_RETURN_IF_ERROR(status);
    const Status& read = lines.status();
    if (read.IsCorruption()) {
      ++report_->skipped;
      Warn(name + ":" + std::to_string(lines.line_number() + 1),
           read.message() + "; rest of the file skipped");
      return Status::Ok();
    }
    if (!read.ok())
      return Status::IOError(name + ": " + read.message());
    return Status::Ok();
  }

  Status ReadJsonLine(const std::string& where, std::string& line) {
    store::StoredDocument doc;
    bool repaired = false;
    const std::string problem = ParseJsonLine(line, options_, &doc, &repaired);
    if (!problem.empty()) {
      Skip(where, problem);
      return Status::Ok();
    }
    if (repaired) {
      ++report_->repaired;
      Warn(where, "invalid UTF-8 replaced with U+FFFD");
    }
    doc.path = where;
    ++report_->documents;
    return sink_(std::move(doc));
  }

  const InputOptions& options_;
  const DocumentSink& sink_;
  const WarningSink& warn_;
  InputReport* report_;
  uint64_t counted_raw_ = 0;
  uint64_t counted_uncompressed_ = 0;
};

}  // namespace

Status ReadDocuments(const std::vector<std::string>& paths, const InputOptions& options,
                     const DocumentSink& sink, const WarningSink& warn, InputReport* report) {
  InputReport local;
  if (report == nullptr)
    report = &local;
  Reader reader(options, sink, warn, report);
  for (const std::string& path : paths) NSEARCH_RETURN_IF_ERROR(reader.ReadPath(path));
  return Status::Ok();
}

Status ReadDocumentStream(std::FILE* in, const std::string& name, const InputOptions& options,
                          const DocumentSink& sink, const WarningSink& warn, InputReport* report) {
  InputReport local;
  if (report == nullptr)
    report = &local;
  Reader reader(options, sink, warn, report);
  return reader.ReadStream(in, name);
}

Status ReadJsonlText(std::string_view data, const std::string& name, const InputOptions& options,
                     const DocumentSink& sink, const WarningSink& warn, InputReport* report) {
  InputReport local;
  if (report == nullptr)
    report = &local;
  Reader reader(options, sink, warn, report);
  return reader.ReadJsonlBuffer(data, name);
}

std::optional<uint64_t> InputSize(const std::vector<std::string>& paths,
                                  const InputOptions& options) {
  uint64_t total = 0;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (path == "-" || !fs::exists(path, ec)) {
      return std::nullopt;
    }
    std::vector<fs::path> files;
    if (fs::is_directory(path, ec)) {
      if (!ListFolder(path, options, &files).ok()) {
        return std::nullopt;
      }
    } else {
      files.emplace_back(path);
    }
    for (const fs::path& file : files) {
      const uintmax_t size = fs::file_size(file, ec);
      if (ec) {
        return std::nullopt;
      }
      total += size;
    }
  }
  return total;
}

}  // namespace nsearch::input
