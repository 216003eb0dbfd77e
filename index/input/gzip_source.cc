#include <zlib.h>

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include "index/input/decompress.h"

namespace nsearch::input {
namespace {

// zlib's own examples use 16 KiB; a larger buffer halves the read calls on big files.
constexpr size_t kInputChunkBytes = size_t{64} << 10;
// windowBits 15 (the largest window) + 16: accept the gzip wrapper only (see zlib.h).
constexpr int kGzipWindowBits = 15 + 16;

class GzipSource final : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<ByteSource> in)
      : in_(std::move(in)), input_(kInputChunkBytes) {
    if (inflateInit2(&z_, kGzipWindowBits) != Z_OK)
      failed_ = Status::IOError("gzip: cannot set up the decompressor (out of memory)");
    else
      initialized_ = true;
  }
  ~GzipSource() override {
    if (initialized_)
      inflateEnd(&z_);
  }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  Status Read(char* buf, size_t n, size_t* read) override {
    *read = 0;
    NSEARCH_RETURN_IF_ERROR(failed_);
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, UINT_MAX));
    const uInt out_start = z_.avail_out;
    for (;;) {
      if (z_.avail_in == 0 && !in_eof_)
        NSEARCH_RETURN_IF_ERROR(Fill());
      const bool no_input = z_.avail_in == 0;
      if (no_input && between_members_) {
        // An empty file is not a gzip file: gzip itself reports "unexpected end of file".
        return members_ > 0 ? Status::Ok() : Fail(Status::Corruption("truncated gzip data"));
      }
      between_members_ = false;
      const uInt in_start = z_.avail_in;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        // Another member may follow (as `cat a.gz b.gz` makes); gzip -d reads them all.
        ++members_;
        between_members_ = true;
        inflateReset(&z_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        std::string what = "corrupt gzip data: ";
        what.append(z_.msg != nullptr ? z_.msg : "zlib error " + std::to_string(rc));
        return Fail(Status::Corruption(std::move(what)));
      }
      *read = out_start - z_.avail_out;
      if (*read > 0)
        return Status::Ok();
      if (!between_members_ && (no_input || z_.avail_in == in_start))
        return Fail(Status::Corruption("truncated gzip data"));
    }
  }

  uint64_t raw_bytes() const override { return in_->raw_bytes(); }

 private:
  Status Fill() {
    size_t got = 0;
    const Status s = in_->Read(input_.data(), input_.size(), &got);
    if (!s.ok())
      return Fail(s);
    in_eof_ = got == 0;
    z_.next_in = reinterpret_cast<Bytef*>(input_.data());
    z_.avail_in = static_cast<uInt>(got);
    return Status::Ok();
  }
  Status Fail(Status s) {
    failed_ = s;
    return s;
  }

  std::unique_ptr<ByteSource> in_;
  std::vector<char> input_;
  z_stream z_{};
  bool initialized_ = false;
  bool in_eof_ = false;
  bool between_members_ = true;
  uint64_t members_ = 0;
  Status failed_;
};

}  // namespace

std::unique_ptr<ByteSource> MakeGzipSource(std::unique_ptr<ByteSource> compressed) {
  return std::make_unique<GzipSource>(std::move(compressed));
}

}  // namespace nsearch::input
