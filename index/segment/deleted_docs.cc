#include "index/segment/deleted_docs.h"

#include <bit>

#include "index/base/coding.h"
#include "index/base/file_format.h"

namespace nsearch::segment {

bool DeletedDocs::Insert(uint32_t doc) {
  uint64_t& word = words_[doc / 64];
  const uint64_t bit = uint64_t{1} << (doc % 64);
  if (word & bit) {
    return false;
  }
  word |= bit;
  ++count_;
  return true;
}

std::string DeletedDocsFile(const std::string& segment, uint64_t generation) {
  std::string name = segment;
  name.append(".").append(std::to_string(generation)).append(".del");
  return name;
}

Status WriteDeletedDocs(Directory& dir, const std::string& name, const DeletedDocs& deleted) {
  std::string body;
  PutFixed32(&body, deleted.num_docs());
  PutFixed32(&body, deleted.count());
  for (uint64_t word : deleted.words()) {
    PutFixed64(&body, word);
  }
  return WriteFramedFile(dir, name, kDeletedDocsMagic, body);
}

Result<DeletedDocs> ReadDeletedDocs(Directory& dir, const std::string& name, uint32_t num_docs,
                                    uint32_t expected_count) {
  const std::string what = dir.Describe(name);
  NSEARCH_ASSIGN_OR_RETURN(auto file, dir.OpenRead(name));
  NSEARCH_ASSIGN_OR_RETURN(std::string_view body, CheckFileFraming(*file, kDeletedDocsMagic, what));
  const uint64_t num_words = (uint64_t{num_docs} + 63) / 64;
  if (body.size() != 8 + 8 * num_words || DecodeFixed32(body.data()) != num_docs) {
    return Status::Corruption(what + ": does not cover the segment's " + std::to_string(num_docs) +
                              " documents");
  }
  DeletedDocs deleted(num_docs);
  for (uint64_t w = 0; w < num_words; ++w) {
    uint64_t word = DecodeFixed64(body.data() + 8 + 8 * w);
    const uint64_t first = 64 * w;
    if (first + 64 > num_docs && (word >> (num_docs - first)) != 0) {
      return Status::Corruption(what + ": deletes documents past the segment's end");
    }
    for (; word != 0; word &= word - 1) {
      deleted.Insert(static_cast<uint32_t>(first + static_cast<uint64_t>(std::countr_zero(word))));
    }
  }
  const uint32_t stored_count = DecodeFixed32(body.data() + 4);
  if (deleted.count() != stored_count || stored_count != expected_count) {
    return Status::Corruption(what + ": holds " + std::to_string(deleted.count()) +
                              " deletions, its header says " + std::to_string(stored_count) +
                              " and the manifest " + std::to_string(expected_count));
  }
  return deleted;
}

}  // namespace nsearch::segment
