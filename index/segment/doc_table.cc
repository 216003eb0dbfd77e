#include "index/segment/doc_table.h"

#include "index/base/coding.h"
#include "index/base/file_format.h"

namespace nsearch::segment {
namespace {

Status WriteFramed(Directory& dir, const std::string& name, uint32_t magic,
                   const std::string& body) {
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

}  // namespace

Status WriteDocLengths(Directory& dir, const std::string& name,
                       const std::vector<uint32_t>& lengths) {
  std::string body;
  body.reserve(4 * lengths.size());
  for (uint32_t len : lengths) {
    PutFixed32(&body, len);
  }
  return WriteFramed(dir, name, kDocLengthsMagic, body);
}

Status WriteDocIds(Directory& dir, const std::string& name, const std::vector<std::string>& ids) {
  std::string body;
  PutFixed32(&body, static_cast<uint32_t>(ids.size()));
  uint64_t offset = 0;
  for (const auto& id : ids) {
    PutFixed32(&body, static_cast<uint32_t>(offset));
    offset += id.size();
  }
  if (offset > UINT32_MAX) {
    return Status::NotSupported(dir.Describe(name) + ": ids of one segment exceed 4 GiB");
  }
  PutFixed32(&body, static_cast<uint32_t>(offset));
  for (const auto& id : ids) {
    body.append(id);
  }
  return WriteFramed(dir, name, kDocIdsMagic, body);
}

Result<std::unique_ptr<DocTable>> DocTable::Open(Directory& dir, const std::string& lengths_name,
                                                 const std::string& ids_name, uint32_t num_docs) {
  std::unique_ptr<DocTable> table(new DocTable());
  NSEARCH_ASSIGN_OR_RETURN(table->lengths_file_, dir.OpenRead(lengths_name));
  NSEARCH_ASSIGN_OR_RETURN(table->ids_file_, dir.OpenRead(ids_name));
  const std::string lengths_what = dir.Describe(lengths_name);
  const std::string ids_what = dir.Describe(ids_name);
  NSEARCH_ASSIGN_OR_RETURN(
      std::string_view lengths,
      CheckFileFraming(table->lengths_file_->data(), kDocLengthsMagic, lengths_what));
  if (lengths.size() != 4 * uint64_t{num_docs}) {
    return Status::Corruption(lengths_what + ": holds " + std::to_string(lengths.size() / 4) +
                              " document lengths, the manifest says " + std::to_string(num_docs));
  }
  table->lengths_ = lengths.data();
  NSEARCH_ASSIGN_OR_RETURN(std::string_view ids,
                           CheckFileFraming(table->ids_file_->data(), kDocIdsMagic, ids_what));
  const uint64_t table_bytes = 4 + 4 * (uint64_t{num_docs} + 1);
  if (ids.size() < table_bytes || DecodeFixed32(ids.data()) != num_docs) {
    return Status::Corruption(ids_what + ": id table does not hold " + std::to_string(num_docs) +
                              " documents");
  }
  table->id_offsets_ = ids.data() + 4;
  table->id_bytes_ = ids.data() + table_bytes;
  const uint64_t id_bytes = ids.size() - table_bytes;
  uint32_t prev = 0;
  for (uint32_t i = 0; i <= num_docs; ++i) {
    const uint32_t off = DecodeFixed32(table->id_offsets_ + 4 * size_t{i});
    if (off < prev || off > id_bytes || (i == num_docs && off != id_bytes)) {
      return Status::Corruption(ids_what + ": id offset " + std::to_string(i) + " out of order");
    }
    prev = off;
  }
  return table;
}

std::string_view DocTable::id(uint32_t doc) const {
  const uint32_t begin = DecodeFixed32(id_offsets_ + 4 * size_t{doc});
  const uint32_t end = DecodeFixed32(id_offsets_ + 4 * (size_t{doc} + 1));
  return std::string_view(id_bytes_ + begin, end - begin);
}

}  // namespace nsearch::segment
