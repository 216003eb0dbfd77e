#include <zstd.h>

#include <algorithm>
#include <utility>

#include "index/base/coding.h"
#include "index/store/doc_store.h"
#include "index/store/doc_store_format.h"

namespace nsearch::store {
namespace {

Status IndexCorruption(const std::string& what, const std::string& problem) {
  return Status::Corruption(what + ": doc store index: " + problem);
}

}  // namespace

Result<std::unique_ptr<DocStoreReader>> DocStoreReader::Open(Directory& dir,
                                                             const std::string& name) {
  std::unique_ptr<DocStoreReader> reader(new DocStoreReader());
  reader->what_ = dir.Describe(name);
  const std::string& what = reader->what_;
  NSEARCH_ASSIGN_OR_RETURN(reader->file_, dir.OpenRead(name));
  const std::string_view file = reader->file_->data();
  NSEARCH_ASSIGN_OR_RETURN(std::string_view body,
                           CheckFileFraming(*reader->file_, kDocStoreMagic, what));

  // Offsets below are absolute file offsets; the body spans [kFileHeaderSize, body_end).
  const uint64_t body_end = kFileHeaderSize + body.size();
  if (body.size() < internal::kTrailerSize) {
    return IndexCorruption(what, "body too short for the trailer");
  }
  const char* trailer = file.data() + body_end - internal::kTrailerSize;
  const uint64_t index_offset = DecodeFixed64(trailer);
  const uint32_t num_blocks = DecodeFixed32(trailer + 8);
  const uint32_t num_docs = DecodeFixed32(trailer + 12);
  const uint64_t index_end = body_end - internal::kTrailerSize;
  if (index_offset < kFileHeaderSize || index_offset > index_end) {
    return IndexCorruption(what, "offset " + std::to_string(index_offset) + " outside the file");
  }
  // Bound the reservation by what the index bytes can hold.
  if (num_blocks > (index_end - index_offset) / internal::kMinIndexEntryBytes) {
    return IndexCorruption(what, std::to_string(num_blocks) + " blocks cannot fit in " +
                                     std::to_string(index_end - index_offset) + " bytes");
  }

  ByteReader in(file.data() + index_offset, index_end - index_offset);
  reader->blocks_.reserve(num_blocks);
  // Blocks are contiguous: the first starts right after the header, the last ends at the index.
  uint64_t expected_offset = kFileHeaderSize;
  uint64_t total_docs = 0;
  for (uint32_t i = 0; i < num_blocks; ++i) {
    BlockInfo b;
    if (!in.GetVarint32(&b.doc_count) || !in.GetVarint64(&b.offset) ||
        !in.GetVarint32(&b.compressed_size) || !in.GetVarint32(&b.raw_size)) {
      return IndexCorruption(what, "entry " + std::to_string(i) + " truncated");
    }
    const std::string block = "block " + std::to_string(i) + " ";
    if (b.doc_count == 0) {
      return IndexCorruption(what, block + "holds no documents");
    }
    if (b.offset != expected_offset) {
      return IndexCorruption(what, block + "at offset " + std::to_string(b.offset) + ", expected " +
                                       std::to_string(expected_offset));
    }
    if (b.compressed_size == 0 || b.compressed_size > index_offset - b.offset) {
      return IndexCorruption(
          what, block + "size " + std::to_string(b.compressed_size) + " runs past the index");
    }
    if (b.raw_size > kMaxBlockRawBytes ||
        b.raw_size < uint64_t{b.doc_count} * internal::kMinDocBytes) {
      return IndexCorruption(what, block + "raw size " + std::to_string(b.raw_size) +
                                       " invalid for " + std::to_string(b.doc_count) +
                                       " documents");
    }
    b.first_doc = static_cast<uint32_t>(total_docs);
    total_docs += b.doc_count;
    if (total_docs > num_docs) {
      return IndexCorruption(what, "block doc counts exceed " + std::to_string(num_docs));
    }
    expected_offset = b.offset + b.compressed_size;
    reader->raw_bytes_ += b.raw_size;
    reader->compressed_bytes_ += b.compressed_size;
    reader->blocks_.push_back(b);
  }
  if (!in.empty()) {
    return IndexCorruption(what, std::to_string(in.remaining()) + " trailing bytes");
  }
  if (expected_offset != index_offset) {
    return IndexCorruption(what, "blocks end at " + std::to_string(expected_offset) +
                                     " but the index starts at " + std::to_string(index_offset));
  }
  if (total_docs != num_docs) {
    return IndexCorruption(what, "blocks hold " + std::to_string(total_docs) +
                                     " documents, trailer says " + std::to_string(num_docs));
  }
  reader->num_docs_ = num_docs;
  return reader;
}

Result<StoredDocument> DocStoreReader::Get(uint32_t doc) const {
  if (doc >= num_docs_) {
    return Status::InvalidArgument(what_ + ": doc store: doc " + std::to_string(doc) +
                                   " out of range (" + std::to_string(num_docs_) + " documents)");
  }
  // The last block whose first_doc <= doc; Open guaranteed the blocks tile [0, num_docs_).
  const auto it = std::upper_bound(blocks_.begin(), blocks_.end(), doc,
                                   [](uint32_t d, const BlockInfo& b) { return d < b.first_doc; });
  const BlockInfo& b = *(it - 1);
  const size_t block_no = static_cast<size_t>(it - 1 - blocks_.begin());
  auto corruption = [&](const std::string& problem) {
    return Status::Corruption(what_ + ": doc store block " + std::to_string(block_no) +
                              " at offset " + std::to_string(b.offset) + ": " + problem);
  };

  const char* src = file_->data().data() + b.offset;
  const unsigned long long content_size = ZSTD_getFrameContentSize(src, b.compressed_size);
  if (content_size != b.raw_size) {
    return corruption("zstd frame header does not record the expected " +
                      std::to_string(b.raw_size) + " bytes");
  }
  std::string raw(b.raw_size, '\0');
  const size_t n = ZSTD_decompress(raw.data(), raw.size(), src, b.compressed_size);
  if (ZSTD_isError(n)) {
    return corruption(std::string("zstd: ") + ZSTD_getErrorName(n));
  }
  if (n != b.raw_size) {
    return corruption("decompressed " + std::to_string(n) + " bytes, expected " +
                      std::to_string(b.raw_size));
  }

  // Walk every document of the block (lengths only) so a block that does not parse exactly is
  // reported rather than half-read.
  ByteReader in(raw);
  StoredDocument out;
  const uint32_t target = doc - b.first_doc;
  for (uint32_t i = 0; i < b.doc_count; ++i) {
    std::string_view f[internal::kNumFields];
    for (std::string_view& field : f) {
      if (!in.GetLengthPrefixed(&field)) {
        return corruption("document " + std::to_string(b.first_doc + i) + " truncated");
      }
    }
    uint32_t extra = 0;
    if (!in.GetVarint32(&extra) || extra > internal::kMaxExtraFields) {
      return corruption("document " + std::to_string(b.first_doc + i) +
                        " has a bad count of further fields");
    }
    if (i == target) {
      out.id.assign(f[0]);
      out.title.assign(f[1]);
      out.body.assign(f[2]);
      out.date.assign(f[3]);
      out.path.assign(f[4]);
    }
    for (uint32_t e = 0; e < extra; ++e) {
      std::string_view name, text;
      if (!in.GetLengthPrefixed(&name) || !in.GetLengthPrefixed(&text)) {
        return corruption("document " + std::to_string(b.first_doc + i) + " truncated");
      }
      if (i == target) {
        out.fields.emplace_back(name, text);
      }
    }
  }
  if (!in.empty()) {
    return corruption(std::to_string(in.remaining()) + " bytes after the last document");
  }
  return out;
}

}  // namespace nsearch::store
