#include "index/segment/segment_merger.h"

#include <algorithm>

#include "index/postings/postings_writer.h"
#include "index/postings/term_dict.h"
#include "index/segment/doc_table.h"
#include "index/segment/fields.h"
#include "index/store/doc_store.h"

namespace nsearch::segment {
namespace {

using postings::DocId;
using postings::kEndDoc;

// Old local document -> new document number, kEndDoc for deleted documents.
struct DocMap {
  std::vector<DocId> new_doc;
};

bool IsLive(const MergeSource& source, DocId doc) {
  return source.deleted == nullptr || !source.deleted->contains(doc);
}

// Copies stored fields, lengths and ids of the live documents; fills the document maps.
Status MergeDocuments(Directory& dir, const std::vector<MergeSource>& sources,
                      const std::string& name, std::vector<DocMap>* maps, uint32_t num_fields,
                      std::vector<uint32_t>* lengths, SegmentInfo* info) {
  NSEARCH_ASSIGN_OR_RETURN(auto store,
                           store::DocStoreWriter::Create(dir, SegmentFile(name, "store")));
  std::vector<std::string_view> ids;  // views into the sources' mapped id tables
  // Each source is read once, front to back: its pages leave the resident set every so many
  // bytes of text (about a few MB of compressed store) and when it is done, so the resident set
  // does not grow with the segments' size.
  constexpr uint64_t kDropEveryStoredBytes = uint64_t{8} << 20;
  uint64_t stored_bytes = 0;
  for (const MergeSource& source : sources) {
    const SegmentReader& segment = *source.segment;
    DocMap& map = maps->emplace_back();
    map.new_doc.assign(segment.num_docs(), kEndDoc);
    for (DocId doc = 0; doc < segment.num_docs(); ++doc) {
      if (!IsLive(source, doc)) {
        continue;
      }
      if (ids.size() == kEndDoc - 1) {
        return Status::NotSupported(dir.Describe(name) +
                                    ": merged segment would exceed 2^32 - 2 documents");
      }
      NSEARCH_ASSIGN_OR_RETURN(store::StoredDocument stored, segment.Document(doc));
      NSEARCH_RETURN_IF_ERROR(store->Add(stored));
      map.new_doc[doc] = static_cast<DocId>(ids.size());
      for (uint32_t f = 0; f < num_fields; ++f) {
        const uint32_t length = segment.field_length(doc, f);
        lengths->push_back(length);
        info->field_lengths[f] += length;
        info->total_length += length;
      }
      ids.push_back(segment.external_id(doc));
      stored_bytes += stored.title.size() + stored.body.size() + stored.id.size();
      if (stored_bytes >= kDropEveryStoredBytes) {
        stored_bytes = 0;
        segment.DropPages();
      }
    }
    segment.DropPages();  // read once: done with it
  }
  info->num_docs = static_cast<uint32_t>(ids.size());
  NSEARCH_RETURN_IF_ERROR(WriteDocLengths(dir, SegmentFile(name, "len"), *lengths, num_fields));
  NSEARCH_RETURN_IF_ERROR(WriteDocIds(dir, SegmentFile(name, "ids"), ids));
  return store->Finish();
}

}  // namespace

Result<SegmentInfo> MergeSegments(Directory& dir, const std::vector<MergeSource>& sources,
                                  const std::string& name) {
  SegmentInfo info;
  info.name = name;
  // Sources share the index's field list; an empty merge has no segment to take it from.
  const uint32_t num_fields = sources.empty() ? 1 : sources[0].segment->num_fields();
  for (const MergeSource& source : sources) {
    if (source.segment->num_fields() != num_fields) {
      return Status::InvalidArgument(dir.Describe(name) +
                                     ": merge sources have different field counts");
    }
  }
  info.field_lengths.assign(num_fields, 0);
  info.deleted_field_lengths.assign(num_fields, 0);
  std::vector<DocMap> maps;
  std::vector<uint32_t> lengths;
  NSEARCH_RETURN_IF_ERROR(MergeDocuments(dir, sources, name, &maps, num_fields, &lengths, &info));

  NSEARCH_ASSIGN_OR_RETURN(auto dict,
                           postings::TermDictWriter::Create(dir, SegmentFile(name, "tdict")));
  NSEARCH_ASSIGN_OR_RETURN(
      auto post,
      postings::PostingsWriter::Create(dir, SegmentFile(name, "post"), SegmentFile(name, "pos")));
  std::vector<postings::TermDictReader::Iterator> terms;
  terms.reserve(sources.size());
  for (const MergeSource& source : sources) {
    terms.emplace_back(&source.segment->term_dict());
  }
  auto check_terms = [&]() -> Status {
    for (const auto& it : terms) {
      NSEARCH_RETURN_IF_ERROR(it.status());
    }
    return Status::Ok();
  };
  std::string term;
  // Sources are read once, front to back: every so often their pages leave the resident set,
  // so a merge's memory does not grow with the segments' size. Counted in postings plus
  // positions read, about a byte each once compressed: a few MB of pages at most.
  constexpr uint64_t kDropEveryEntries = uint64_t{1} << 22;
  uint64_t entries_since_drop = 0;
  while (true) {
    // The smallest current term over the sources (few sources: a linear scan beats a heap).
    const postings::TermDictReader::Iterator* smallest = nullptr;
    for (const auto& it : terms) {
      if (it.Valid() && (smallest == nullptr || it.term() < smallest->term())) {
        smallest = &it;
      }
    }
    if (smallest == nullptr) {
      break;
    }
    term.assign(smallest->term());
    const int field = KeyField(term);
    post->StartTerm();
    uint32_t docs_added = 0;
    uint64_t entries_read = 0;
    for (size_t i = 0; i < sources.size(); ++i) {
      postings::TermDictReader::Iterator& it = terms[i];
      if (!it.Valid() || it.term() != term) {
        continue;
      }
      postings::PostingCursor cursor = sources[i].segment->OpenCursor(it.info());
      for (DocId doc = cursor.doc(); doc != kEndDoc; doc = cursor.Next()) {
        const DocId new_doc = maps[i].new_doc[doc];
        if (new_doc == kEndDoc) {
          continue;
        }
        const std::span<const uint32_t> positions = cursor.positions();
        if (!cursor.status().ok()) {
          break;
        }
        entries_read += 1 + positions.size();
        const uint32_t* row = lengths.data() + size_t{new_doc} * num_fields;
        uint32_t length = 0;  // as SegmentWriter: the field's, or the document's for a date
        if (field >= 0 && static_cast<uint32_t>(field) < num_fields) {
          length = row[field];
        } else {
          for (uint32_t f = 0; f < num_fields; ++f) {
            length += row[f];
          }
        }
        post->AddDoc(new_doc, positions, length);
        ++docs_added;
      }
      NSEARCH_RETURN_IF_ERROR(cursor.status());
      it.Next();
    }
    NSEARCH_RETURN_IF_ERROR(check_terms());
    entries_since_drop += entries_read;
    if (entries_since_drop >= kDropEveryEntries) {
      entries_since_drop = 0;
      for (const MergeSource& source : sources) {
        source.segment->DropPages();
      }
    }
    if (docs_added == 0) {
      continue;  // every document of the term was deleted
    }
    NSEARCH_ASSIGN_OR_RETURN(postings::TermInfo term_info, post->FinishTerm());
    NSEARCH_RETURN_IF_ERROR(dict->Add(term, term_info));
    ++info.num_terms;
    info.num_postings += docs_added;
  }
  NSEARCH_RETURN_IF_ERROR(check_terms());
  NSEARCH_RETURN_IF_ERROR(post->Finish());
  NSEARCH_RETURN_IF_ERROR(dict->Finish());
  return info;
}

}  // namespace nsearch::segment
