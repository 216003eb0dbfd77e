#include <zstd.h>

#include <string>
#include <vector>

#include "index/input/decompress.h"

namespace nsearch::input {
namespace {

// A frame's window is the decoder's largest allocation. zstd refuses windows above
// 2^ZSTD_WINDOWLOG_LIMIT_DEFAULT (27, 128 MiB) unless told otherwise; that bound is kept, so a
// hostile frame costs at most 128 MiB however much it claims to expand to.
class ZstdSource final : public ByteSource {
 public:
  explicit ZstdSource(std::unique_ptr<ByteSource> in)
      : in_(std::move(in)), dctx_(ZSTD_createDCtx()), input_(ZSTD_DStreamInSize()) {
    if (dctx_ == nullptr)
      failed_ = Status::IOError("zstd: cannot set up the decompressor (out of memory)");
  }
  ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }
  ZstdSource(const ZstdSource&) = delete;
  ZstdSource& operator=(const ZstdSource&) = delete;

  Status Read(char* buf, size_t n, size_t* read) override {
    *read = 0;
    NSEARCH_RETURN_IF_ERROR(failed_);
    ZSTD_outBuffer out{buf, n, 0};
    for (;;) {
      if (in_buf_.pos == in_buf_.size && !in_eof_)
        NSEARCH_RETURN_IF_ERROR(Fill());
      const bool no_input = in_buf_.pos == in_buf_.size;
      // rc == 0 means the last frame is decoded and flushed, so nothing is pending.
      if (no_input && frame_done_)
        return Status::Ok();
      const size_t in_start = in_buf_.pos;
      const size_t rc = ZSTD_decompressStream(dctx_, &out, &in_buf_);
      if (ZSTD_isError(rc)) {
        return Fail(Status::Corruption(std::string("corrupt zstd data: ") + ZSTD_getErrorName(rc)));
      }
      frame_done_ = rc == 0;
      if (out.pos > 0) {
        *read = out.pos;
        return Status::Ok();
      }
      // No output and no input consumed: the data ended inside a frame (or an empty file).
      if (!frame_done_ && (no_input || in_buf_.pos == in_start))
        return Fail(Status::Corruption("truncated zstd data"));
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
    in_buf_ = ZSTD_inBuffer{input_.data(), got, 0};
    return Status::Ok();
  }
  Status Fail(Status s) {
    failed_ = s;
    return s;
  }

  std::unique_ptr<ByteSource> in_;
  ZSTD_DCtx* dctx_;
  std::vector<char> input_;
  ZSTD_inBuffer in_buf_{nullptr, 0, 0};
  bool in_eof_ = false;
  bool frame_done_ = false;
  Status failed_;
};

}  // namespace

std::unique_ptr<ByteSource> MakeZstdSource(std::unique_ptr<ByteSource> compressed) {
  return std::make_unique<ZstdSource>(std::move(compressed));
}

}  // namespace nsearch::input
