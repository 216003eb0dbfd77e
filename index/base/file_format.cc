#include "index/base/file_format.h"

#include <xxhash.h>

#include "index/base/coding.h"

namespace nsearch {

void AppendFileHeader(std::string* out, uint32_t magic) {
  PutFixed32(out, magic);
  PutFixed32(out, kFormatVersion);
}

std::string MakeFileFooter(uint64_t body_end, uint64_t digest, uint32_t magic) {
  std::string footer;
  PutFixed64(&footer, body_end);
  PutFixed64(&footer, digest);
  PutFixed32(&footer, magic);
  return footer;
}

void AppendFileFooter(std::string* out_footer, std::string_view file, uint32_t magic) {
  out_footer->append(MakeFileFooter(file.size(), XXH3_64bits(file.data(), file.size()), magic));
}

FileChecksum::FileChecksum() : state_(XXH3_createState()) {
  XXH3_64bits_reset(static_cast<XXH3_state_t*>(state_));
}
FileChecksum::~FileChecksum() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }
void FileChecksum::Update(std::string_view bytes) {
  XXH3_64bits_update(static_cast<XXH3_state_t*>(state_), bytes.data(), bytes.size());
}
uint64_t FileChecksum::Digest() const {
  return XXH3_64bits_digest(static_cast<const XXH3_state_t*>(state_));
}

namespace {

// CheckFileFraming with the body's hash computed by `hash(bytes)`.
template <typename Hash>
Result<std::string_view> CheckFraming(std::string_view file, uint32_t magic,
                                      const std::string& what, const Hash& hash) {
  if (file.size() < kFileHeaderSize + kFileFooterSize) {
    return Status::Corruption(what + ": file too short (" + std::to_string(file.size()) +
                              " bytes) to hold a header and footer");
  }
  if (DecodeFixed32(file.data()) != magic) {
    return Status::Corruption(what + ": bad magic number in header");
  }
  const uint32_t version = DecodeFixed32(file.data() + 4);
  if (version != kFormatVersion) {
    return Status::NotSupported(what + ": format version " + std::to_string(version) +
                                " (this build reads version " + std::to_string(kFormatVersion) +
                                ")");
  }
  const char* footer = file.data() + file.size() - kFileFooterSize;
  if (DecodeFixed32(footer + 16) != magic) {
    return Status::Corruption(what + ": bad magic number in footer (truncated file?)");
  }
  const uint64_t body_end = DecodeFixed64(footer);
  if (body_end != file.size() - kFileFooterSize) {
    return Status::Corruption(what + ": footer records " + std::to_string(body_end) +
                              " bytes but the file holds " +
                              std::to_string(file.size() - kFileFooterSize));
  }
  const uint64_t expected = DecodeFixed64(footer + 8);
  if (hash(file.substr(0, body_end)) != expected) {
    return Status::Corruption(what + ": checksum mismatch (file damaged)");
  }
  return file.substr(kFileHeaderSize, body_end - kFileHeaderSize);
}

// Pieces a large file is hashed in, its pages dropped after each.
constexpr size_t kHashPieceBytes = size_t{8} << 20;

}  // namespace

Result<std::string_view> CheckFileFraming(std::string_view file, uint32_t magic,
                                          const std::string& what) {
  return CheckFraming(file, magic, what, [](std::string_view bytes) {
    return XXH3_64bits(bytes.data(), bytes.size());
  });
}

Result<std::string_view> CheckFileFraming(const ReadableFile& file, uint32_t magic,
                                          const std::string& what) {
  return CheckFraming(file.data(), magic, what, [&file](std::string_view bytes) {
    if (bytes.size() <= kHashPieceBytes) {
      return XXH3_64bits(bytes.data(), bytes.size());
    }
    FileChecksum checksum;  // streaming XXH3: the same digest as hashing in one go
    for (size_t at = 0; at < bytes.size(); at += kHashPieceBytes) {
      checksum.Update(bytes.substr(at, kHashPieceBytes));
      file.DropPages(at, kHashPieceBytes);
    }
    return checksum.Digest();
  });
}

Status WriteFramedFile(Directory& dir, const std::string& name, uint32_t magic,
                       std::string_view body) {
  std::string file;
  AppendFileHeader(&file, magic);
  file.append(body);
  std::string footer;
  AppendFileFooter(&footer, file, magic);
  NSEARCH_ASSIGN_OR_RETURN(auto out, dir.Create(name));
  NSEARCH_RETURN_IF_ERROR(out->Append(file));
  NSEARCH_RETURN_IF_ERROR(out->Append(footer));
  NSEARCH_RETURN_IF_ERROR(out->Sync());
  return out->Close();
}

}  // namespace nsearch
