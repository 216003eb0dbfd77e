#ifndef NSEARCH_TESTS_INDEX_INPUT_COMPRESS_UTIL_H_
#define NSEARCH_TESTS_INDEX_INPUT_COMPRESS_UTIL_H_

#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "index/input/decompress.h"

namespace nsearch::testing {

// Compresses `chunk` repeated `times` times as one gzip member (level 1), streaming, so a large
// input never exists in memory. Throws on a zlib error (a broken test, not a result).
inline std::string GzipRepeat(std::string_view chunk, uint64_t times) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out;
  char buf[1 << 16];
  for (uint64_t i = 0; i <= times; ++i) {
    const bool last = i == times;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    z.avail_in = last ? 0 : static_cast<uInt>(chunk.size());
    int rc = Z_OK;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
      if (rc == Z_STREAM_ERROR)
        throw std::runtime_error("deflate");
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0 || (last && rc != Z_STREAM_END));
  }
  deflateEnd(&z);
  return out;
}

// Like GzipRepeat, as one zstd frame (level 1).
inline std::string ZstdRepeat(std::string_view chunk, uint64_t times) {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 1);
  std::string out;
  char buf[1 << 16];
  for (uint64_t i = 0; i <= times; ++i) {
    const bool last = i == times;
    ZSTD_inBuffer in{chunk.data(), last ? 0 : chunk.size(), 0};
    size_t remaining = 0;
    do {
      ZSTD_outBuffer o{buf, sizeof buf, 0};
      remaining = ZSTD_compressStream2(cctx, &o, &in, last ? ZSTD_e_end : ZSTD_e_continue);
      if (ZSTD_isError(remaining))
        throw std::runtime_error(ZSTD_getErrorName(remaining));
      out.append(buf, o.pos);
    } while (last ? remaining != 0 : in.pos < in.size);
  }
  ZSTD_freeCCtx(cctx);
  return out;
}

// `data` compressed in the format of `kind`. REQUIRES: kind != kNone.
inline std::string Compress(input::Compression kind, std::string_view data) {
  return kind == input::Compression::kGzip ? GzipRepeat(data, 1) : ZstdRepeat(data, 1);
}

// The file suffix of `kind`: ".gz" or ".zst".
inline std::string Suffix(input::Compression kind) {
  return kind == input::Compression::kGzip ? ".gz" : ".zst";
}

}  // namespace nsearch::testing

#endif  // NSEARCH_TESTS_INDEX_INPUT_COMPRESS_UTIL_H_
