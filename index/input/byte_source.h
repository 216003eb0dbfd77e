#ifndef NSEARCH_INDEX_INPUT_BYTE_SOURCE_H_
#define NSEARCH_INDEX_INPUT_BYTE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "index/base/status.h"

namespace nsearch::input {

// A stream of bytes read front to back in caller-sized pieces, so that no input, however large,
// has to fit in memory. Not thread-safe.
class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Reads up to `n` bytes into `buf` and sets `*read`; `*read` is 0 only at the end of the
  // stream. Errors: IOError when the underlying read fails, Corruption when compressed data is
  // malformed or truncated. Messages do not name the input; the caller adds it.
  // After an error the source must not be read again.
  // REQUIRES: n > 0.
  [[nodiscard]] virtual Status Read(char* buf, size_t n, size_t* read) = 0;

  // Bytes taken from the underlying file or memory so far (for a decompressor: compressed bytes).
  virtual uint64_t raw_bytes() const = 0;
};

// Reads `file` (not owned, not closed) until its end. REQUIRES: `file` outlives the source.
std::unique_ptr<ByteSource> MakeFileSource(std::FILE* file);

// Reads `data`. REQUIRES: the bytes outlive the source.
std::unique_ptr<ByteSource> MakeMemorySource(std::string_view data);

// Reads bytes from `source` until `*buf` holds `limit` bytes or the stream ends; never asks the
// source for more than limit - buf->size() bytes, so a decompression bomb costs at most `limit`
// bytes of memory (plus a 64 KiB chunk). Appends to `*buf`.
[[nodiscard]] Status ReadUpTo(ByteSource& source, uint64_t limit, std::string* buf);

}  // namespace nsearch::input

#endif  // NSEARCH_INDEX_INPUT_BYTE_SOURCE_H_
