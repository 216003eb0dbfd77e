#ifndef NSEARCH_INDEX_STORE_DOC_STORE_H_
#define NSEARCH_INDEX_STORE_DOC_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/base/file_format.h"
#include "index/base/result.h"
#include "index/base/status.h"
#include "index/store/stored_document.h"

namespace nsearch::store {

// The document store: every document's stored fields, zstd-compressed in blocks of several
// documents, with an index of blocks so one document costs one block decompression.
// File layout: see docs/FORMAT.md#doc-store.

// "NSST" read as a little-endian fixed32: bytes 'N' 'S' 'S' 'T' on disk.
inline constexpr uint32_t kDocStoreMagic = 0x5453534e;

// Largest uncompressed block a reader accepts (and so the largest document a writer accepts):
// 1 GiB. It bounds the allocation a damaged raw-size field can cause.
inline constexpr uint64_t kMaxBlockRawBytes = uint64_t{1} << 30;

// Writes a document store file.
// Call order: Create, Add* (doc ids are assigned 0, 1, 2, ... in call order), Finish.
// Blocks are streamed to the file as they fill; memory use is about one block. If Finish is not
// called (or any call fails), the file is left incomplete and readers reject it.
// Not thread-safe.
class DocStoreWriter {
 public:
  // Creates (or truncates) `name` in `dir` and writes the file header.
  // zstd_level: the zstd compression level (1..22; 3 is zstd's default). block_bytes: raw bytes
  // buffered before a block is compressed; a document that would push a non-empty block past it
  // starts a new block, and a single document larger than it forms its own block.
  // REQUIRES: block_bytes > 0. `dir` must outlive the writer.
  static Result<std::unique_ptr<DocStoreWriter>> Create(Directory& dir, const std::string& name,
                                                        int zstd_level = 3,
                                                        size_t block_bytes = 16 * 1024);

  ~DocStoreWriter();
  DocStoreWriter(const DocStoreWriter&) = delete;
  DocStoreWriter& operator=(const DocStoreWriter&) = delete;

  // Appends `doc` as document num_docs(). InvalidArgument if its encoding exceeds
  // kMaxBlockRawBytes, if 2^32 - 1 documents were already added, or after Finish.
  // IOError if writing a completed block fails; the writer is then unusable.
  Status Add(const StoredDocument& doc);

  // Flushes the last block, writes the block index, trailer and footer, fsyncs and closes the
  // file. REQUIRES: called once, after which only num_docs() may be called.
  Status Finish();

  // Documents added so far.
  uint32_t num_docs() const { return num_docs_; }

 private:
  struct BlockEntry {
    uint32_t doc_count;
    uint64_t offset;
    uint32_t compressed_size;
    uint32_t raw_size;
  };

  DocStoreWriter(std::string what, std::unique_ptr<WritableFile> file, int zstd_level,
                 size_t block_bytes);

  // Appends bytes to the file, feeding the checksum.
  Status Write(std::string_view bytes);
  // Compresses and writes the buffered documents as one block (no-op when empty).
  Status FlushBlock();

  const std::string what_;  // dir.Describe(name), for messages
  std::unique_ptr<WritableFile> file_;
  const int zstd_level_;
  const size_t block_bytes_;
  FileChecksum checksum_;
  std::string buffer_;  // encoded documents of the current block
  uint32_t buffer_docs_ = 0;
  std::string compressed_;  // reused compression output
  std::vector<BlockEntry> blocks_;
  uint32_t num_docs_ = 0;
  Status error_;  // first write error; sticky
  bool finished_ = false;
};

// Reads a document store. The file stays mapped while the reader lives.
// Thread-safe after Open: Get may be called concurrently.
class DocStoreReader {
 public:
  // Opens and validates `name`: framing (magic, version, checksum via CheckFileFraming), the
  // trailer, and the block index (blocks contiguous from the header to the index, each holding
  // at least one document, doc counts summing to num_docs, raw sizes <= kMaxBlockRawBytes).
  // Errors are Corruption naming dir.Describe(name) (NotSupported for another format version;
  // NotFound/IOError from the directory).
  static Result<std::unique_ptr<DocStoreReader>> Open(Directory& dir, const std::string& name);

  // See ReadableFile::DropPages.
  void DropPages() const { file_->DropPages(); }
  // Number of documents; valid ids are 0..num_docs()-1.
  uint32_t num_docs() const { return num_docs_; }

  // Decompresses doc's block and returns the document. InvalidArgument if doc >= num_docs();
  // Corruption (naming the file and block) if the block does not decompress or parse.
  Result<StoredDocument> Get(uint32_t doc) const;

  // Uncompressed and compressed block byte totals (blocks only, no index or framing), for
  // `nsearch stats`.
  uint64_t raw_bytes() const { return raw_bytes_; }
  uint64_t compressed_bytes() const { return compressed_bytes_; }

 private:
  struct BlockInfo {
    uint32_t first_doc;
    uint32_t doc_count;
    uint64_t offset;
    uint32_t compressed_size;
    uint32_t raw_size;
  };

  DocStoreReader() = default;

  std::string what_;
  std::shared_ptr<const ReadableFile> file_;
  std::vector<BlockInfo> blocks_;  // sorted by first_doc
  uint32_t num_docs_ = 0;
  uint64_t raw_bytes_ = 0;
  uint64_t compressed_bytes_ = 0;
};

}  // namespace nsearch::store

#endif  // NSEARCH_INDEX_STORE_DOC_STORE_H_
