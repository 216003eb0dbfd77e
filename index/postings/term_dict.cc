#include "index/postings/term_dict.h"

#include <algorithm>

#include "index/base/coding.h"

namespace nsearch::postings {
namespace {

constexpr size_t kTrailerSize = 8 + 4 + 8;  // index offset, block count, term count

size_t SharedPrefix(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < n && a[i] == b[i]) {
    ++i;
  }
  return i;
}

}  // namespace

TermDictWriter::TermDictWriter(std::unique_ptr<WritableFile> file, std::string name)
    : file_(std::move(file)), name_(std::move(name)) {}

Result<std::unique_ptr<TermDictWriter>> TermDictWriter::Create(Directory& dir,
                                                               const std::string& name) {
  NSEARCH_ASSIGN_OR_RETURN(auto file, dir.Create(name));
  std::unique_ptr<TermDictWriter> writer(new TermDictWriter(std::move(file), dir.Describe(name)));
  std::string header;
  AppendFileHeader(&header, kTermDictMagic);
  writer->checksum_.Update(header);
  NSEARCH_RETURN_IF_ERROR(writer->file_->Append(header));
  return writer;
}

Status TermDictWriter::Add(std::string_view term, const TermInfo& info) {
  if (term.empty() || (num_terms_ > 0 && term <= last_term_)) {
    return Status::InvalidArgument(name_ +
                                   ": terms must be non-empty and added in increasing order");
  }
  if (terms_in_block_ == kTermsPerBlock) {
    NSEARCH_RETURN_IF_ERROR(FlushBlock());
  }
  const bool first = terms_in_block_ == 0;
  if (first) {
    PutVarint64(&index_, body_offset_);
    PutLengthPrefixed(&index_, term);
  }
  const size_t shared = first ? 0 : SharedPrefix(last_term_, term);
  PutVarint32(&block_, static_cast<uint32_t>(shared));
  PutLengthPrefixed(&block_, term.substr(shared));
  PutVarint32(&block_, info.df);
  PutVarint64(&block_, info.total_freq - info.df);
  // Offsets grow with term order, so within a block they are stored as deltas.
  PutVarint64(&block_, info.postings_offset - (first ? 0 : last_info_.postings_offset));
  PutVarint64(&block_, info.positions_offset - (first ? 0 : last_info_.positions_offset));
  PutVarint32(&block_, info.max_freq);
  PutVarint32(&block_, info.min_doc_len);
  last_term_.assign(term);
  last_info_ = info;
  ++terms_in_block_;
  ++num_terms_;
  return Status::Ok();
}

Status TermDictWriter::FlushBlock() {
  if (terms_in_block_ == 0) {
    return Status::Ok();
  }
  checksum_.Update(block_);
  NSEARCH_RETURN_IF_ERROR(file_->Append(block_));
  body_offset_ += block_.size();
  block_.clear();
  terms_in_block_ = 0;
  ++num_blocks_;
  return Status::Ok();
}

Status TermDictWriter::Finish() {
  NSEARCH_RETURN_IF_ERROR(FlushBlock());
  std::string tail = index_;
  PutFixed64(&tail, body_offset_);
  PutFixed32(&tail, num_blocks_);
  PutFixed64(&tail, num_terms_);
  checksum_.Update(tail);
  NSEARCH_RETURN_IF_ERROR(file_->Append(tail));
  const uint64_t body_end = kFileHeaderSize + body_offset_ + tail.size();
  NSEARCH_RETURN_IF_ERROR(
      file_->Append(MakeFileFooter(body_end, checksum_.Digest(), kTermDictMagic)));
  NSEARCH_RETURN_IF_ERROR(file_->Sync());
  return file_->Close();
}

Result<std::unique_ptr<TermDictReader>> TermDictReader::Open(Directory& dir,
                                                             const std::string& name) {
  NSEARCH_ASSIGN_OR_RETURN(auto file, dir.OpenRead(name));
  const std::string what = dir.Describe(name);
  NSEARCH_ASSIGN_OR_RETURN(std::string_view body, CheckFileFraming(*file, kTermDictMagic, what));
  auto corrupt = [&what](const std::string& problem) {
    return Status::Corruption(what + ": term dictionary: " + problem);
  };
  if (body.size() < kTrailerSize) {
    return corrupt("body too short for its trailer");
  }
  const char* trailer = body.data() + body.size() - kTrailerSize;
  std::unique_ptr<TermDictReader> reader(new TermDictReader());
  reader->blocks_end_ = DecodeFixed64(trailer);
  const uint32_t num_blocks = DecodeFixed32(trailer + 8);
  reader->num_terms_ = DecodeFixed64(trailer + 12);
  if (reader->blocks_end_ > body.size() - kTrailerSize) {
    return corrupt("block index offset past the end");
  }
  // Written without (n + 31) / 32, which wraps for a damaged count near 2^64.
  const uint64_t blocks_needed =
      reader->num_terms_ / kTermsPerBlock + (reader->num_terms_ % kTermsPerBlock != 0 ? 1 : 0);
  if (blocks_needed != num_blocks) {
    return corrupt("block count " + std::to_string(num_blocks) + " does not fit term count " +
                   std::to_string(reader->num_terms_));
  }
  ByteReader index(body.data() + reader->blocks_end_,
                   body.size() - kTrailerSize - reader->blocks_end_);
  reader->blocks_.reserve(num_blocks);
  for (uint32_t b = 0; b < num_blocks; ++b) {
    BlockRef ref;
    if (!index.GetVarint64(&ref.offset) || !index.GetLengthPrefixed(&ref.first_term)) {
      return corrupt("block index entry " + std::to_string(b) + " truncated");
    }
    const bool ordered = b == 0 ? ref.offset == 0
                                : ref.offset > reader->blocks_.back().offset &&
                                      ref.first_term > reader->blocks_.back().first_term;
    if (!ordered || ref.offset >= reader->blocks_end_ || ref.first_term.empty()) {
      return corrupt("block index entry " + std::to_string(b) + " out of order or range");
    }
    reader->blocks_.push_back(ref);
  }
  if (!index.empty()) {
    return corrupt("trailing bytes after the block index");
  }
  reader->file_ = std::move(file);
  reader->name_ = what;
  reader->body_ = body;
  return reader;
}

Status TermDictReader::ScanBlock(
    size_t b, const std::function<bool(std::string_view, const TermInfo&)>& visit) const {
  const uint64_t begin = blocks_[b].offset;
  const uint64_t end = b + 1 < blocks_.size() ? blocks_[b + 1].offset : blocks_end_;
  ByteReader in(body_.data() + begin, end - begin);
  const uint64_t terms_here =
      b + 1 < blocks_.size() ? kTermsPerBlock : num_terms_ - kTermsPerBlock * b;
  std::string term;
  TermInfo info;
  for (uint64_t i = 0; i < terms_here; ++i) {
    uint32_t shared;
    std::string_view suffix;
    uint64_t extra_freq, post_delta, pos_delta;
    if (!in.GetVarint32(&shared) || !in.GetLengthPrefixed(&suffix) || !in.GetVarint32(&info.df) ||
        !in.GetVarint64(&extra_freq) || !in.GetVarint64(&post_delta) ||
        !in.GetVarint64(&pos_delta) || !in.GetVarint32(&info.max_freq) ||
        !in.GetVarint32(&info.min_doc_len) || shared > term.size() || info.df == 0) {
      return Status::Corruption(name_ + ": term dictionary block " + std::to_string(b) + " entry " +
                                std::to_string(i) + " malformed");
    }
    term.resize(shared);
    term.append(suffix);
    info.total_freq = info.df + extra_freq;
    info.postings_offset = (i == 0 ? 0 : info.postings_offset) + post_delta;
    info.positions_offset = (i == 0 ? 0 : info.positions_offset) + pos_delta;
    if (!visit(term, info)) {
      return Status::Ok();
    }
  }
  if (!in.empty()) {
    return Status::Corruption(name_ + ": term dictionary block " + std::to_string(b) +
                              " has trailing bytes");
  }
  return Status::Ok();
}

Result<std::optional<TermInfo>> TermDictReader::Find(std::string_view term) const {
  auto it =
      std::upper_bound(blocks_.begin(), blocks_.end(), term,
                       [](std::string_view t, const BlockRef& ref) { return t < ref.first_term; });
  if (it == blocks_.begin()) {
    return std::optional<TermInfo>();
  }
  std::optional<TermInfo> found;
  NSEARCH_RETURN_IF_ERROR(ScanBlock(static_cast<size_t>(it - blocks_.begin()) - 1,
                                    [&](std::string_view t, const TermInfo& info) {
                                      if (t == term) {
                                        found = info;
                                      }
                                      return t < term;
                                    }));
  return found;
}

Status TermDictReader::ScanFrom(
    std::string_view start,
    const std::function<bool(std::string_view, const TermInfo&)>& visit) const {
  // The block that may hold `start`: the last one whose first term is <= start.
  auto it =
      std::upper_bound(blocks_.begin(), blocks_.end(), start,
                       [](std::string_view t, const BlockRef& ref) { return t < ref.first_term; });
  size_t b = it == blocks_.begin() ? 0 : static_cast<size_t>(it - blocks_.begin()) - 1;
  bool more = true;
  for (; b < blocks_.size() && more; ++b) {
    NSEARCH_RETURN_IF_ERROR(ScanBlock(b, [&](std::string_view t, const TermInfo& info) {
      more = t < start || visit(t, info);
      return more;
    }));
  }
  return Status::Ok();
}

Status TermDictReader::ForEach(
    const std::function<Status(std::string_view, const TermInfo&)>& visit) const {
  Status status;
  for (size_t b = 0; b < blocks_.size() && status.ok(); ++b) {
    NSEARCH_RETURN_IF_ERROR(ScanBlock(b, [&](std::string_view t, const TermInfo& info) {
      status = visit(t, info);
      return status.ok();
    }));
  }
  return status;
}

TermDictReader::Iterator::Iterator(const TermDictReader* dict) : dict_(dict) { LoadBlock(); }

void TermDictReader::Iterator::LoadBlock() {
  terms_.clear();
  index_ = 0;
  if (block_ >= dict_->blocks_.size()) {
    return;
  }
  status_ = dict_->ScanBlock(block_, [this](std::string_view t, const TermInfo& info) {
    terms_.emplace_back(std::string(t), info);
    return true;
  });
  if (!status_.ok()) {
    terms_.clear();
  }
}

void TermDictReader::Iterator::Next() {
  if (++index_ < terms_.size()) {
    return;
  }
  ++block_;
  LoadBlock();
}

}  // namespace nsearch::postings
