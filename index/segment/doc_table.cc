#include "index/segment/doc_table.h"

#include <algorithm>
#include <cstring>

#include "index/base/coding.h"
#include "index/base/file_format.h"
#include "index/base/hash.h"

namespace nsearch::segment {

namespace {

// The bytes per document of a column whose largest value is `max`.
uint32_t ColumnWidth(uint32_t max) { return max <= 0xff ? 1 : max <= 0xffff ? 2 : 4; }

}  // namespace

Status WriteDocLengths(Directory& dir, const std::string& name,
                       const std::vector<uint32_t>& lengths, uint32_t num_fields) {
  const size_t num_docs = lengths.size() / num_fields;
  std::vector<uint32_t> max(num_fields, 0);
  for (size_t i = 0; i < lengths.size(); ++i) {
    max[i % num_fields] = std::max(max[i % num_fields], lengths[i]);
  }
  std::string body;
  for (uint32_t f = 0; f < num_fields; ++f) {
    body.push_back(static_cast<char>(ColumnWidth(max[f])));
  }
  for (uint32_t f = 0; f < num_fields; ++f) {
    const uint32_t width = ColumnWidth(max[f]);
    const size_t start = body.size();
    body.resize(start + width * num_docs);
    for (size_t d = 0; d < num_docs; ++d) {
      const uint32_t v = lengths[d * num_fields + f];
      std::memcpy(body.data() + start + width * d, &v, width);  // little-endian low bytes
    }
  }
  return WriteFramedFile(dir, name, kDocLengthsMagic, body);
}

Status WriteDocIds(Directory& dir, const std::string& name,
                   const std::vector<std::string_view>& ids) {
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
  std::vector<std::pair<uint64_t, uint32_t>> lookup;
  lookup.reserve(ids.size());
  for (size_t d = 0; d < ids.size(); ++d) {
    lookup.emplace_back(Hash64(ids[d]), static_cast<uint32_t>(d));
  }
  std::sort(lookup.begin(), lookup.end());
  for (const auto& [hash, doc] : lookup) {
    PutFixed64(&body, hash);
    PutFixed32(&body, doc);
  }
  return WriteFramedFile(dir, name, kDocIdsMagic, body);
}

Result<std::unique_ptr<DocTable>> DocTable::Open(Directory& dir, const std::string& lengths_name,
                                                 const std::string& ids_name, uint32_t num_docs,
                                                 uint32_t num_fields) {
  std::unique_ptr<DocTable> table(new DocTable());
  NSEARCH_ASSIGN_OR_RETURN(table->lengths_file_, dir.OpenRead(lengths_name));
  NSEARCH_ASSIGN_OR_RETURN(table->ids_file_, dir.OpenRead(ids_name));
  const std::string lengths_what = dir.Describe(lengths_name);
  const std::string ids_what = dir.Describe(ids_name);
  NSEARCH_ASSIGN_OR_RETURN(std::string_view lengths,
                           CheckFileFraming(*table->lengths_file_, kDocLengthsMagic, lengths_what));
  // F width bytes, then the F columns (docs/FORMAT.md#document-lengths).
  uint64_t expected = num_fields;
  for (uint32_t f = 0; f < num_fields && f < lengths.size(); ++f) {
    const auto width = static_cast<uint8_t>(lengths[f]);
    if (width != 1 && width != 2 && width != 4) {
      return Status::Corruption(lengths_what + ": field " + std::to_string(f) + " has width " +
                                std::to_string(width) + " (1, 2 or 4 bytes a length)");
    }
    table->columns_.push_back({lengths.data() + expected, width});
    expected += uint64_t{width} * num_docs;
  }
  if (num_fields == 0 || table->columns_.size() != num_fields || lengths.size() != expected) {
    return Status::Corruption(lengths_what + ": holds " + std::to_string(lengths.size()) +
                              " bytes of lengths, not the columns of the manifest's " +
                              std::to_string(num_docs) + " documents of " +
                              std::to_string(num_fields) + " fields");
  }
  table->num_fields_ = num_fields;
  NSEARCH_ASSIGN_OR_RETURN(std::string_view ids,
                           CheckFileFraming(*table->ids_file_, kDocIdsMagic, ids_what));
  const uint64_t table_bytes = 4 + 4 * (uint64_t{num_docs} + 1);
  if (ids.size() < table_bytes || DecodeFixed32(ids.data()) != num_docs) {
    return Status::Corruption(ids_what + ": id table does not hold " + std::to_string(num_docs) +
                              " documents");
  }
  table->num_docs_ = num_docs;
  table->id_offsets_ = ids.data() + 4;
  table->id_bytes_ = ids.data() + table_bytes;
  const uint64_t lookup_bytes = 12 * uint64_t{num_docs};
  if (ids.size() < table_bytes + lookup_bytes) {
    return Status::Corruption(ids_what + ": id lookup table truncated");
  }
  const uint64_t id_bytes = ids.size() - table_bytes - lookup_bytes;
  uint32_t prev = 0;
  for (uint32_t i = 0; i <= num_docs; ++i) {
    const uint32_t off = DecodeFixed32(table->id_offsets_ + 4 * size_t{i});
    if (off < prev || off > id_bytes || (i == num_docs && off != id_bytes)) {
      return Status::Corruption(ids_what + ": id offset " + std::to_string(i) + " out of order");
    }
    prev = off;
  }
  table->lookup_ = table->id_bytes_ + id_bytes;
  // Sorted and in range. FindId compares the ids themselves, so an entry that passes these
  // checks but is wrong (the checksum makes that unlikely) can hide a document, never swap one.
  for (uint32_t i = 0; i < num_docs; ++i) {
    const bool ordered =
        i == 0 || std::make_pair(table->lookup_hash(i - 1), table->lookup_doc(i - 1)) <
                      std::make_pair(table->lookup_hash(i), table->lookup_doc(i));
    if (!ordered || table->lookup_doc(i) >= num_docs) {
      return Status::Corruption(ids_what + ": id lookup entry " + std::to_string(i) +
                                " out of order or range");
    }
  }
  return table;
}

void DocTable::FindId(std::string_view id, std::vector<uint32_t>* docs) const {
  const uint64_t hash = Hash64(id);
  uint32_t lo = 0, hi = num_docs_;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (lookup_hash(mid) < hash) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (uint32_t i = lo; i < num_docs_ && lookup_hash(i) == hash; ++i) {
    if (this->id(lookup_doc(i)) == id) {
      docs->push_back(lookup_doc(i));
    }
  }
}

std::string_view DocTable::id(uint32_t doc) const {
  const uint32_t begin = DecodeFixed32(id_offsets_ + 4 * size_t{doc});
  const uint32_t end = DecodeFixed32(id_offsets_ + 4 * (size_t{doc} + 1));
  return std::string_view(id_bytes_ + begin, end - begin);
}

}  // namespace nsearch::segment
