#include "index/input/document_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>

#include "index/analysis/utf8.h"
#include "index/input/text_document.h"

namespace nsearch::input {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBinarySniffBytes = 8192;
constexpr size_t kReadChunkBytes = size_t{1} << 20;

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

// Reads a file line by line in bounded memory: a line longer than `max_bytes` is reported as
// over-long and its content dropped rather than buffered.
class LineReader {
 public:
  LineReader(std::FILE* f, uint64_t max_bytes) : file_(f), max_bytes_(max_bytes) {}

  // Next line without its "\n" (and "\r\n"). False at the end of the file or on a read error
  // (see error()).
  bool Next(std::string* line, bool* too_long) {
    line->clear();
    *too_long = false;
    bool any = false;
    for (;;) {
      if (pos_ == buffer_.size()) {
        if (!Fill()) {
          if (any)
            ++line_number_;
          return any;
        }
      }
      any = true;
      const char* begin = buffer_.data() + pos_;
      const size_t avail = buffer_.size() - pos_;
      const void* nl = std::memchr(begin, '\n', avail);
      const size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - begin) : avail;
      if (!*too_long) {
        if (line->size() + take > max_bytes_) {
          *too_long = true;
          line->clear();
          line->shrink_to_fit();
        } else {
          line->append(begin, take);
        }
      }
      pos_ += take;
      if (nl) {
        ++pos_;
        ++line_number_;
        if (!line->empty() && line->back() == '\r')
          line->pop_back();
        return true;
      }
    }
  }

  uint64_t line_number() const { return line_number_; }
  uint64_t bytes_read() const { return bytes_read_; }
  int error() const { return error_; }

 private:
  bool Fill() {
    buffer_.resize(kReadChunkBytes);
    errno = 0;
    const size_t n = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    if (n == 0 && std::ferror(file_))
      error_ = errno ? errno : EIO;
    buffer_.resize(n);
    pos_ = 0;
    bytes_read_ += n;
    return n > 0;
  }

  std::FILE* file_;
  uint64_t max_bytes_;
  std::string buffer_;
  size_t pos_ = 0;
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
  int error_ = 0;
};

class Reader {
 public:
  Reader(const InputOptions& options, const DocumentSink& sink, const WarningSink& warn,
         InputReport* report)
      : options_(options), sink_(sink), warn_(warn), report_(report) {}

  Status ReadPath(const std::string& path) {
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

  Status ReadJsonlBuffer(std::string_view data, const std::string& name) {
    // fmemopen gives the same bounded line reader over memory; it never writes to `data`.
    FilePtr f(data.empty() ? nullptr
                           : ::fmemopen(const_cast<char*>(data.data()), data.size(), "r"));
    if (data.empty())
      return Status::Ok();
    if (!f)
      return OpenError(name, errno);
    return ReadJsonl(name, f.get());
  }

 private:
  Status ReadFolder(const std::string& root) {
    std::vector<fs::path> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, ec);
    const fs::recursive_directory_iterator end;
    while (!ec && it != end) {
      const fs::path p = it->path();
      if (IsHidden(p)) {
        if (it->is_directory(ec))
          it.disable_recursion_pending();
      } else if (it->is_regular_file(ec)) {
        files.push_back(p);
      }
      if (!ec)
        it.increment(ec);
      if (ec)
        return Status::IOError(p.string() + ": cannot list: " + ec.message());
    }
    if (ec)
      return Status::IOError(root + ": cannot list: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) NSEARCH_RETURN_IF_ERROR(ReadFile(p.string()));
    return Status::Ok();
  }

  Status ReadFile(const std::string& path) {
    FilePtr f(std::fopen(path.c_str(), "rb"));
    if (!f)
      return OpenError(path, errno);
    ++report_->files;
    if (IsJsonl(path))
      return ReadJsonl(path, f.get());
    return ReadText(path, f.get());
  }

  void Warn(const std::string& where, const std::string& what) {
    if (warn_)
      warn_(where + ": " + what);
  }
  void Skip(const std::string& where, const std::string& what) {
    ++report_->skipped;
    Warn(where, what + "; skipped");
  }

  Status ReadText(const std::string& path, std::FILE* f) {
    std::error_code ec;
    const uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > options_.max_doc_bytes) {
      report_->bytes += size;
      Skip(path, "document of " + std::to_string(size) + " bytes is over the limit of " +
                     std::to_string(options_.max_doc_bytes));
      return Status::Ok();
    }
    std::string text;
    char chunk[65536];
    errno = 0;
    for (;;) {
      const size_t n = std::fread(chunk, 1, sizeof chunk, f);
      text.append(chunk, n);
      if (text.size() > options_.max_doc_bytes) {
        report_->bytes += text.size();
        Skip(path,
             "document is over the limit of " + std::to_string(options_.max_doc_bytes) + " bytes");
        return Status::Ok();
      }
      if (n < sizeof chunk)
        break;
    }
    if (std::ferror(f))
      return Status::IOError(path + ": read failed: " + std::strerror(errno ? errno : EIO));
    report_->bytes += text.size();
    if (std::memchr(text.data(), '\0', std::min(text.size(), kBinarySniffBytes)) != nullptr) {
      Skip(path, "binary file (NUL byte in the first 8 KiB)");
      return Status::Ok();
    }
    if (!analysis::IsValidUtf8(text)) {
      text = analysis::SanitizeUtf8(text);
      ++report_->repaired;
      Warn(path, "invalid UTF-8 replaced with U+FFFD");
    }
    store::StoredDocument doc = ParseTextDocument(fs::path(path).stem().string(), text, path);
    if (doc.title.empty() && doc.body.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
      Skip(path, "empty document");
      return Status::Ok();
    }
    ++report_->documents;
    return sink_(std::move(doc));
  }

  Status ReadJsonl(const std::string& path, std::FILE* f) {
    LineReader lines(f, options_.max_doc_bytes);
    std::string line;
    bool too_long = false;
    Status status;
    while (status.ok() && lines.Next(&line, &too_long)) {
      const std::string where = path + ":" + std::to_string(lines.line_number());
      if (too_long) {
        Skip(where,
             "line is over the limit of " + std::to_string(options_.max_doc_bytes) + " bytes");
        continue;
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos)
        continue;  // blank line
      status = ReadJsonLine(where, line);
    }
    report_->bytes += lines.bytes_read();
    NSEARCH_RETURN_IF_ERROR(status);
    if (lines.error() != 0) {
      return Status::IOError(path + ": read failed: " + std::strerror(lines.error()));
    }
    return Status::Ok();
  }

  // Copies string field `name` of `obj` into `out`; false (with a warning) if it is not a string.
  bool GetStringField(const std::string& where, const nlohmann::json& obj, const std::string& name,
                      std::string* out) {
    auto it = obj.find(name);
    if (it == obj.end() || it->is_null())
      return true;
    if (!it->is_string()) {
      Skip(where, "field \"" + name + "\" is not a string");
      return false;
    }
    *out = it->get<std::string>();
    return true;
  }

  Status ReadJsonLine(const std::string& where, std::string& line) {
    bool repaired = false;
    if (!analysis::IsValidUtf8(line)) {
      line = analysis::SanitizeUtf8(line);
      repaired = true;
    }
    nlohmann::json obj;
    try {
      obj = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 7: ...".
      std::string what = e.what();
      const size_t at = what.find("column ");
      if (at != std::string::npos)
        what = what.substr(at);
      Skip(where, "malformed JSON: " + what);
      return Status::Ok();
    }
    if (!obj.is_object()) {
      Skip(where, "line is not a JSON object");
      return Status::Ok();
    }
    store::StoredDocument doc;
    auto id = obj.find(options_.id_field);
    if (id == obj.end() || id->is_null()) {
      Skip(where, "no \"" + options_.id_field + "\" field");
      return Status::Ok();
    }
    if (id->is_string()) {
      doc.id = id->get<std::string>();
    } else if (id->is_number_integer()) {
      doc.id = id->dump();
    } else {
      Skip(where, "field \"" + options_.id_field + "\" is neither a string nor an integer");
      return Status::Ok();
    }
    if (doc.id.empty()) {
      Skip(where, "field \"" + options_.id_field + "\" is empty");
      return Status::Ok();
    }
    if (!GetStringField(where, obj, options_.title_field, &doc.title) ||
        !GetStringField(where, obj, options_.body_field, &doc.body) ||
        !GetStringField(where, obj, options_.date_field, &doc.date)) {
      return Status::Ok();
    }
    if (doc.title.find_first_not_of(" \t\r\n\f\v") == std::string::npos &&
        doc.body.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
      Skip(where, "empty document \"" + doc.id + "\"");
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

}  // namespace nsearch::input

namespace nsearch::input {

Status ReadJsonlText(std::string_view data, const std::string& name, const InputOptions& options,
                     const DocumentSink& sink, const WarningSink& warn, InputReport* report) {
  InputReport local;
  if (report == nullptr)
    report = &local;
  Reader reader(options, sink, warn, report);
  return reader.ReadJsonlBuffer(data, name);
}

}  // namespace nsearch::input
