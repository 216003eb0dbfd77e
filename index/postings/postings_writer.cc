#include "index/postings/postings_writer.h"

#include <algorithm>

#include "index/base/coding.h"
#include "index/codec/bitpack.h"
#include "index/codec/block_codec.h"
#include "index/codec/varint_block.h"
#include "index/postings/postings_format.h"

namespace nsearch::postings {

using codec::kBlockSize;

Status PostingsWriter::Stream::Append(std::string_view bytes) {
  checksum.Update(bytes);
  body_size += bytes.size();
  return file->Append(bytes);
}

Result<std::unique_ptr<PostingsWriter>> PostingsWriter::Create(Directory& dir,
                                                               const std::string& postings_name,
                                                               const std::string& positions_name) {
  std::unique_ptr<PostingsWriter> writer(new PostingsWriter());
  NSEARCH_ASSIGN_OR_RETURN(writer->post_.file, dir.Create(postings_name));
  NSEARCH_ASSIGN_OR_RETURN(writer->pos_.file, dir.Create(positions_name));
  std::string header;
  AppendFileHeader(&header, kPostingsMagic);
  writer->post_.checksum.Update(header);
  NSEARCH_RETURN_IF_ERROR(writer->post_.file->Append(header));
  header.clear();
  AppendFileHeader(&header, kPositionsMagic);
  writer->pos_.checksum.Update(header);
  NSEARCH_RETURN_IF_ERROR(writer->pos_.file->Append(header));
  return writer;
}

PostingsWriter::~PostingsWriter() = default;

void PostingsWriter::StartTerm() {
  docs_.clear();
  freqs_.clear();
  doc_lens_.clear();
  pos_deltas_.clear();
  total_freq_ = 0;
}

void PostingsWriter::AddDoc(DocId doc, std::span<const uint32_t> positions, uint32_t doc_len) {
  docs_.push_back(doc);
  freqs_.push_back(static_cast<uint32_t>(positions.size()));
  doc_lens_.push_back(doc_len);
  uint32_t prev = 0;
  for (uint32_t p : positions) {
    pos_deltas_.push_back(p - prev);
    prev = p;
  }
  total_freq_ += positions.size();
}

// Appends one block's docs and freqs to blocks_ and its positions to positions_; adds its skip
// entry to `skip` when the list has one.
void PostingsWriter::EncodeBlock(size_t begin, size_t end, size_t positions_before,
                                 std::string* skip) {
  const size_t n = end - begin;
  uint32_t deltas[kBlockSize];
  uint32_t freqs[kBlockSize];
  // The first block's base is 0, so its first delta is the first doc id itself.
  DocId prev = begin == 0 ? 0 : docs_[begin - 1];
  uint32_t max_freq = 0;
  uint32_t min_len = UINT32_MAX;
  size_t num_positions = 0;
  for (size_t i = 0; i < n; ++i) {
    deltas[i] = docs_[begin + i] - prev;
    prev = docs_[begin + i];
    freqs[i] = freqs_[begin + i] - 1;
    max_freq = std::max(max_freq, freqs_[begin + i]);
    min_len = std::min(min_len, doc_lens_[begin + i]);
    num_positions += freqs_[begin + i];
  }
  if (skip != nullptr) {
    PutFixed32(skip, docs_[end - 1]);
    PutFixed32(skip, static_cast<uint32_t>(blocks_.size()));
    PutFixed64(skip, positions_.size());
    PutFixed32(skip, max_freq);
    PutFixed32(skip, min_len);
  }
  if (n == kBlockSize) {
    codec::EncodeBlock(deltas, &blocks_);
    codec::EncodeBlock(freqs, &blocks_);
  } else {
    codec::EncodeVarints(deltas, n, &blocks_);
    codec::EncodeVarints(freqs, n, &blocks_);
  }
  const uint32_t* pos = pos_deltas_.data() + positions_before;
  size_t done = 0;
  for (; done + kBlockSize <= num_positions; done += kBlockSize) {
    codec::EncodeBlock(pos + done, &positions_);
  }
  codec::EncodeVarints(pos + done, num_positions - done, &positions_);
}

Result<TermInfo> PostingsWriter::FinishTerm() {
  TermInfo info;
  info.df = static_cast<uint32_t>(docs_.size());
  info.total_freq = total_freq_;
  info.postings_offset = post_.body_size;
  info.positions_offset = pos_.body_size;
  info.max_freq = *std::max_element(freqs_.begin(), freqs_.end());
  info.min_doc_len = *std::min_element(doc_lens_.begin(), doc_lens_.end());
  blocks_.clear();
  positions_.clear();
  const bool with_skip = docs_.size() >= kBlockSize;
  std::string skip;
  size_t positions_before = 0;
  for (size_t begin = 0; begin < docs_.size(); begin += kBlockSize) {
    const size_t end = std::min(docs_.size(), begin + kBlockSize);
    EncodeBlock(begin, end, positions_before, with_skip ? &skip : nullptr);
    for (size_t i = begin; i < end; ++i) {
      positions_before += freqs_[i];
    }
  }
  if (blocks_.size() > UINT32_MAX) {
    return Status::NotSupported("postings: a term's list exceeds 4 GiB");
  }
  NSEARCH_RETURN_IF_ERROR(post_.Append(skip));
  NSEARCH_RETURN_IF_ERROR(post_.Append(blocks_));
  NSEARCH_RETURN_IF_ERROR(pos_.Append(positions_));
  return info;
}

Status PostingsWriter::FinishStream(Stream& stream, uint32_t magic) {
  // SIMD decoders may read up to kDecodePadding bytes past a block's end.
  NSEARCH_RETURN_IF_ERROR(stream.Append(std::string(codec::kDecodePadding, '\0')));
  const uint64_t body_end = kFileHeaderSize + stream.body_size;
  NSEARCH_RETURN_IF_ERROR(
      stream.file->Append(MakeFileFooter(body_end, stream.checksum.Digest(), magic)));
  NSEARCH_RETURN_IF_ERROR(stream.file->Sync());
  return stream.file->Close();
}

Status PostingsWriter::Finish() {
  NSEARCH_RETURN_IF_ERROR(FinishStream(post_, kPostingsMagic));
  return FinishStream(pos_, kPositionsMagic);
}

}  // namespace nsearch::postings
