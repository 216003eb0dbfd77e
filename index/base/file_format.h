#ifndef NSEARCH_INDEX_BASE_FILE_FORMAT_H_
#define NSEARCH_INDEX_BASE_FILE_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "index/base/directory.h"
#include "index/base/result.h"

namespace nsearch {

// Every index file is framed the same way (see docs/FORMAT.md#file-framing):
//   header: magic (fixed32) | format version (fixed32)
//   body:   file-specific bytes
//   footer: body_end: bytes before the footer (fixed64) | XXH3-64 of header+body (fixed64) | magic
//   (fixed32)
inline constexpr size_t kFileHeaderSize = 8;
inline constexpr size_t kFileFooterSize = 20;
// The format version every file currently written carries.
inline constexpr uint32_t kFormatVersion = 8;

// Appends the header for a file of kind `magic`.
void AppendFileHeader(std::string* out, uint32_t magic);
// Appends the footer; `file` must hold the header and body written so far (all of the file).
void AppendFileFooter(std::string* out_footer, std::string_view file, uint32_t magic);

// Streaming helper for large files: the checksum of the bytes appended so far.
class FileChecksum {
 public:
  FileChecksum();
  ~FileChecksum();
  FileChecksum(const FileChecksum&) = delete;
  FileChecksum& operator=(const FileChecksum&) = delete;
  void Update(std::string_view bytes);
  uint64_t Digest() const;

 private:
  void* state_;
};

// Footer bytes for a file whose header+body hashed to `digest` and is `body_end` bytes long.
std::string MakeFileFooter(uint64_t body_end, uint64_t digest, uint32_t magic);

// Writes a new file `name` in `dir`: header, `body`, footer; fsynced and closed. For files small
// enough to build in memory.
Status WriteFramedFile(Directory& dir, const std::string& name, uint32_t magic,
                       std::string_view body);

// Validates magic, version and checksum of a whole file and returns its body (between header
// and footer). `what` names the file in errors: "mem:seg_1.post: checksum mismatch ...".
Result<std::string_view> CheckFileFraming(std::string_view file, uint32_t magic,
                                          const std::string& what);
// The same for a file opened from a Directory. A large file is hashed in pieces, dropping its
// pages from the resident set after each (ReadableFile::DropPages), so checking it costs a piece's
// worth of memory, not the file's: pages come back on first use.
Result<std::string_view> CheckFileFraming(const ReadableFile& file, uint32_t magic,
                                          const std::string& what);

}  // namespace nsearch

#endif  // NSEARCH_INDEX_BASE_FILE_FORMAT_H_
