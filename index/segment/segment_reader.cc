#include "index/segment/segment_reader.h"

#include "index/base/file_format.h"
#include "index/postings/postings_format.h"

namespace nsearch::segment {

SegmentReader::~SegmentReader() = default;

Result<std::unique_ptr<SegmentReader>> SegmentReader::Open(Directory& dir,
                                                           const SegmentInfo& info) {
  std::unique_ptr<SegmentReader> reader(new SegmentReader());
  reader->info_ = info;
  const std::string& name = info.name;
  NSEARCH_ASSIGN_OR_RETURN(reader->term_dict_,
                           postings::TermDictReader::Open(dir, SegmentFile(name, "tdict")));
  if (reader->term_dict_->num_terms() != info.num_terms) {
    return Status::Corruption(dir.Describe(SegmentFile(name, "tdict")) + ": holds " +
                              std::to_string(reader->term_dict_->num_terms()) +
                              " terms, the manifest says " + std::to_string(info.num_terms));
  }
  NSEARCH_ASSIGN_OR_RETURN(reader->post_file_, dir.OpenRead(SegmentFile(name, "post")));
  NSEARCH_ASSIGN_OR_RETURN(reader->pos_file_, dir.OpenRead(SegmentFile(name, "pos")));
  NSEARCH_ASSIGN_OR_RETURN(reader->source_.postings,
                           CheckFileFraming(*reader->post_file_, postings::kPostingsMagic,
                                            dir.Describe(SegmentFile(name, "post"))));
  NSEARCH_ASSIGN_OR_RETURN(reader->source_.positions,
                           CheckFileFraming(*reader->pos_file_, postings::kPositionsMagic,
                                            dir.Describe(SegmentFile(name, "pos"))));
  reader->source_.max_doc = info.num_docs;
  reader->source_.name = dir.Describe(SegmentFile(name, "post"));
  NSEARCH_ASSIGN_OR_RETURN(
      reader->doc_table_,
      DocTable::Open(dir, SegmentFile(name, "len"), SegmentFile(name, "ids"), info.num_docs,
                     static_cast<uint32_t>(info.field_lengths.size())));
  NSEARCH_ASSIGN_OR_RETURN(reader->store_,
                           store::DocStoreReader::Open(dir, SegmentFile(name, "store")));
  if (reader->store_->num_docs() != info.num_docs) {
    return Status::Corruption(dir.Describe(SegmentFile(name, "store")) + ": holds " +
                              std::to_string(reader->store_->num_docs()) +
                              " documents, the manifest says " + std::to_string(info.num_docs));
  }
  for (const char* ext : kSegmentExtensions) {
    NSEARCH_ASSIGN_OR_RETURN(auto file, dir.OpenRead(SegmentFile(name, ext)));
    reader->file_sizes_.emplace_back(ext, file->data().size());
  }
  return reader;
}

void SegmentReader::DropPages() const {
  term_dict_->DropPages();
  post_file_->DropPages();
  pos_file_->DropPages();
  doc_table_->DropPages();
  store_->DropPages();
}

}  // namespace nsearch::segment
