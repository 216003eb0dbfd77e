#ifndef NSEARCH_INDEX_POSTINGS_TERM_DICT_H_
#define NSEARCH_INDEX_POSTINGS_TERM_DICT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/base/directory.h"
#include "index/base/file_format.h"
#include "index/postings/term_info.h"

namespace nsearch::postings {

// "NSTD": see docs/FORMAT.md#term-dictionary.
inline constexpr uint32_t kTermDictMagic = 0x4454534e;
// Terms per front-coded block. 32 keeps a lookup to one binary search over the block index plus
// a scan of at most 32 short entries, while the index holds one full term per 32.
inline constexpr uint32_t kTermsPerBlock = 32;

// Writes a term dictionary. Call order: Create, Add* (terms in strictly increasing byte order),
// Finish. Not thread-safe.
class TermDictWriter {
 public:
  static Result<std::unique_ptr<TermDictWriter>> Create(Directory& dir, const std::string& name);
  // REQUIRES: term > every term added before; term not empty; info.df >= 1.
  Status Add(std::string_view term, const TermInfo& info);
  // Writes the block index, trailer and footer; fsyncs and closes the file.
  Status Finish();
  uint64_t num_terms() const { return num_terms_; }

 private:
  TermDictWriter(std::unique_ptr<WritableFile> file, std::string name);
  Status FlushBlock();

  std::unique_ptr<WritableFile> file_;
  std::string name_;
  FileChecksum checksum_;
  std::string block_;
  std::string index_;  // block index: offset + first term per block
  std::string last_term_;
  TermInfo last_info_;
  uint32_t terms_in_block_ = 0;
  uint64_t num_terms_ = 0;
  uint32_t num_blocks_ = 0;
  uint64_t body_offset_ = 0;  // bytes of body written so far (after the header)
};

// Looks terms up in a term dictionary file. Immutable after Open; thread-safe.
class TermDictReader {
 public:
  // Validates framing, checksum and the block index. Errors name dir.Describe(name).
  static Result<std::unique_ptr<TermDictReader>> Open(Directory& dir, const std::string& name);

  // The term's info, std::nullopt when absent, or Corruption when its block does not parse.
  Result<std::optional<TermInfo>> Find(std::string_view term) const;

  uint64_t num_terms() const { return num_terms_; }
  // See ReadableFile::DropPages.
  void DropPages() const { file_->DropPages(); }

  // Visits every term in order; stops and returns the first non-Ok status `visit` returns.
  Status ForEach(const std::function<Status(std::string_view, const TermInfo&)>& visit) const;

  // Visits, in order, the terms >= `start` until `visit` returns false: a range scan (the terms
  // with a prefix) that decodes only the blocks it reaches. Corruption if a block does not parse.
  Status ScanFrom(std::string_view start,
                  const std::function<bool(std::string_view, const TermInfo&)>& visit) const;

  // Walks the terms in order, decoding one block (kTermsPerBlock terms) at a time, so that
  // several dictionaries can be merged in step. The dictionary must outlive it.
  class Iterator {
   public:
    // Positioned on the first term (or invalid, for an empty or damaged dictionary).
    explicit Iterator(const TermDictReader* dict);
    bool Valid() const { return index_ < terms_.size(); }
    // REQUIRES: Valid().
    std::string_view term() const { return terms_[index_].first; }
    const TermInfo& info() const { return terms_[index_].second; }
    void Next();
    // Not Ok if a block failed to decode (the iterator is then invalid).
    const Status& status() const { return status_; }

   private:
    void LoadBlock();
    const TermDictReader* dict_;
    size_t block_ = 0;
    size_t index_ = 0;
    std::vector<std::pair<std::string, TermInfo>> terms_;
    Status status_;
  };

 private:
  struct BlockRef {
    std::string_view first_term;
    uint64_t offset;  // in body
  };
  TermDictReader() = default;
  // Decodes block `b` calling visit(term, info) until it returns false.
  Status ScanBlock(size_t b,
                   const std::function<bool(std::string_view, const TermInfo&)>& visit) const;

  std::shared_ptr<const ReadableFile> file_;
  std::string name_;
  std::string_view body_;
  std::vector<BlockRef> blocks_;
  uint64_t blocks_end_ = 0;
  uint64_t num_terms_ = 0;
};

}  // namespace nsearch::postings

#endif  // NSEARCH_INDEX_POSTINGS_TERM_DICT_H_
