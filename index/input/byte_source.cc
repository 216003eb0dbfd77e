#include "index/input/byte_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace nsearch::input {
namespace {

class FileSource final : public ByteSource {
 public:
  explicit FileSource(std::FILE* file) : file_(file) {}

  Status Read(char* buf, size_t n, size_t* read) override {
    errno = 0;
    *read = std::fread(buf, 1, n, file_);
    raw_bytes_ += *read;
    if (*read == 0 && std::ferror(file_))
      return Status::IOError(std::string("read failed: ") + std::strerror(errno ? errno : EIO));
    return Status::Ok();
  }
  uint64_t raw_bytes() const override { return raw_bytes_; }

 private:
  std::FILE* file_;
  uint64_t raw_bytes_ = 0;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view data) : data_(data) {}

  Status Read(char* buf, size_t n, size_t* read) override {
    *read = std::min(n, data_.size() - pos_);
    if (*read > 0)
      std::memcpy(buf, data_.data() + pos_, *read);
    pos_ += *read;
    return Status::Ok();
  }
  uint64_t raw_bytes() const override { return pos_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> MakeFileSource(std::FILE* file) {
  return std::make_unique<FileSource>(file);
}

std::unique_ptr<ByteSource> MakeMemorySource(std::string_view data) {
  return std::make_unique<MemorySource>(data);
}

Status ReadUpTo(ByteSource& source, uint64_t limit, std::string* buf) {
  // Reads go through a small fixed chunk so that a tiny document costs a tiny buffer; appending
  // grows `buf` geometrically, so copying stays linear in its final size.
  char chunk[size_t{64} << 10];
  while (buf->size() < limit) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(limit - buf->size(), sizeof chunk));
    size_t got = 0;
    NSEARCH_RETURN_IF_ERROR(source.Read(chunk, want, &got));
    if (got == 0)
      break;
    buf->append(chunk, got);
  }
  return Status::Ok();
}

}  // namespace nsearch::input
