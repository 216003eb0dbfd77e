#include <zstd.h>

#include <algorithm>
#include <string_view>
#include <utility>

#include "index/base/coding.h"
#include "index/store/doc_store.h"
#include "index/store/doc_store_format.h"

namespace nsearch::store {

Result<std::unique_ptr<DocStoreWriter>> DocStoreWriter::Create(Directory& dir,
                                                               const std::string& name,
                                                               int zstd_level, size_t block_bytes) {
  const std::string what = dir.Describe(name);
  if (zstd_level < ZSTD_minCLevel() || zstd_level > ZSTD_maxCLevel()) {
    return Status::InvalidArgument(what + ": doc store: zstd level " + std::to_string(zstd_level) +
                                   " out of range");
  }
  if (block_bytes == 0) {
    return Status::InvalidArgument(what + ": doc store: block_bytes must be positive");
  }
  NSEARCH_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, dir.Create(name));
  std::unique_ptr<DocStoreWriter> writer(
      new DocStoreWriter(what, std::move(file), zstd_level,
                         static_cast<size_t>(std::min<uint64_t>(block_bytes, kMaxBlockRawBytes))));
  std::string header;
  AppendFileHeader(&header, kDocStoreMagic);
  NSEARCH_RETURN_IF_ERROR(writer->Write(header));
  return writer;
}

DocStoreWriter::DocStoreWriter(std::string what, std::unique_ptr<WritableFile> file, int zstd_level,
                               size_t block_bytes)
    : what_(std::move(what)),
      file_(std::move(file)),
      zstd_level_(zstd_level),
      block_bytes_(block_bytes) {}

DocStoreWriter::~DocStoreWriter() = default;

Status DocStoreWriter::Write(std::string_view bytes) {
  Status s = file_->Append(bytes);
  if (!s.ok()) {
    error_ = s;
    return s;
  }
  checksum_.Update(bytes);
  return Status::Ok();
}

Status DocStoreWriter::Add(const StoredDocument& doc) {
  if (finished_) {
    return Status::InvalidArgument(what_ + ": doc store: Add after Finish");
  }
  NSEARCH_RETURN_IF_ERROR(error_);
  if (num_docs_ == UINT32_MAX) {
    return Status::InvalidArgument(what_ + ": doc store: too many documents");
  }
  const std::string_view fields[internal::kNumFields] = {doc.id, doc.title, doc.body, doc.date,
                                                         doc.path};
  if (doc.fields.size() > internal::kMaxExtraFields) {
    return Status::InvalidArgument(what_ + ": doc store: document '" + doc.id + "' has " +
                                   std::to_string(doc.fields.size()) + " further fields (at most " +
                                   std::to_string(internal::kMaxExtraFields) + ")");
  }
  uint64_t encoded = VarintLength(doc.fields.size());
  for (std::string_view f : fields) {
    encoded += static_cast<uint64_t>(VarintLength(f.size())) + f.size();
  }
  for (const auto& [name, text] : doc.fields) {
    encoded += static_cast<uint64_t>(VarintLength(name.size())) + name.size() +
               VarintLength(text.size()) + text.size();
  }
  if (encoded > kMaxBlockRawBytes) {
    return Status::InvalidArgument(what_ + ": doc store: document '" + doc.id + "' is " +
                                   std::to_string(encoded) + " bytes, over the 1 GiB limit");
  }
  // Start a new block rather than let a large document grow a non-empty one past block_bytes_:
  // blocks stay near block_bytes_, and a huge document gets a block of its own.
  if (!buffer_.empty() && buffer_.size() + encoded > block_bytes_) {
    NSEARCH_RETURN_IF_ERROR(FlushBlock());
  }
  for (std::string_view f : fields) {
    PutLengthPrefixed(&buffer_, f);
  }
  PutVarint32(&buffer_, static_cast<uint32_t>(doc.fields.size()));
  for (const auto& [name, text] : doc.fields) {
    PutLengthPrefixed(&buffer_, name);
    PutLengthPrefixed(&buffer_, text);
  }
  ++buffer_docs_;
  ++num_docs_;
  if (buffer_.size() >= block_bytes_) {
    NSEARCH_RETURN_IF_ERROR(FlushBlock());
  }
  return Status::Ok();
}

Status DocStoreWriter::FlushBlock() {
  if (buffer_docs_ == 0) {
    return Status::Ok();
  }
  compressed_.resize(ZSTD_compressBound(buffer_.size()));
  // ZSTD_compress records the content size in the frame header; the reader checks it.
  const size_t n = ZSTD_compress(compressed_.data(), compressed_.size(), buffer_.data(),
                                 buffer_.size(), zstd_level_);
  if (ZSTD_isError(n)) {
    error_ =
        Status::IOError(what_ + ": doc store: zstd compression failed: " + ZSTD_getErrorName(n));
    return error_;
  }
  const BlockEntry entry{buffer_docs_, file_->size(), static_cast<uint32_t>(n),
                         static_cast<uint32_t>(buffer_.size())};
  NSEARCH_RETURN_IF_ERROR(Write(std::string_view(compressed_.data(), n)));
  blocks_.push_back(entry);
  buffer_.clear();
  buffer_docs_ = 0;
  return Status::Ok();
}

Status DocStoreWriter::Finish() {
  if (finished_) {
    return Status::InvalidArgument(what_ + ": doc store: Finish called twice");
  }
  finished_ = true;
  NSEARCH_RETURN_IF_ERROR(error_);
  NSEARCH_RETURN_IF_ERROR(FlushBlock());

  const uint64_t index_offset = file_->size();
  std::string tail;
  for (const BlockEntry& b : blocks_) {
    PutVarint32(&tail, b.doc_count);
    PutVarint64(&tail, b.offset);
    PutVarint32(&tail, b.compressed_size);
    PutVarint32(&tail, b.raw_size);
  }
  PutFixed64(&tail, index_offset);
  PutFixed32(&tail, static_cast<uint32_t>(blocks_.size()));
  PutFixed32(&tail, num_docs_);
  NSEARCH_RETURN_IF_ERROR(Write(tail));

  // The footer is not part of the checksummed bytes.
  NSEARCH_RETURN_IF_ERROR(
      file_->Append(MakeFileFooter(file_->size(), checksum_.Digest(), kDocStoreMagic)));
  NSEARCH_RETURN_IF_ERROR(file_->Sync());
  return file_->Close();
}

}  // namespace nsearch::store
