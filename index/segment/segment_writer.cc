#include "index/segment/segment_writer.h"

#include <algorithm>

#include "index/analysis/date_term.h"
#include "index/postings/postings_writer.h"
#include "index/postings/term_dict.h"
#include "index/segment/doc_table.h"

namespace nsearch::segment {

SegmentWriter::SegmentWriter(Directory& dir, std::string name, analysis::Analyzer* analyzer)
    : dir_(dir), name_(std::move(name)), analyzer_(analyzer) {}

SegmentWriter::~SegmentWriter() = default;

Result<std::unique_ptr<SegmentWriter>> SegmentWriter::Create(Directory& dir, std::string name,
                                                             analysis::Analyzer* analyzer) {
  std::unique_ptr<SegmentWriter> writer(new SegmentWriter(dir, std::move(name), analyzer));
  NSEARCH_ASSIGN_OR_RETURN(writer->store_,
                           store::DocStoreWriter::Create(dir, SegmentFile(writer->name_, "store")));
  return writer;
}

namespace {
// malloc's bookkeeping per heap block, counted against the memory budget.
constexpr size_t kAllocationOverhead = 16;
}  // namespace

void SegmentWriter::Append(std::vector<uint32_t>* v, uint32_t value) {
  const size_t before = v->capacity();
  v->push_back(value);
  if (v->capacity() != before) {
    memory_usage_ += 4 * (v->capacity() - before) + (before == 0 ? kAllocationOverhead : 0);
  }
}

Status SegmentWriter::Add(const store::StoredDocument& doc) {
  const uint32_t doc_id = num_docs();
  // Store first: if the store refuses the document, no other file has seen it.
  NSEARCH_RETURN_IF_ERROR(store_->Add(doc));
  uint32_t length = 0;
  // Tokens of one document arrive in position order, so a term's positions for this document
  // are appended contiguously after those of earlier documents: no per-document sort.
  auto sink = [this, doc_id, &length](const analysis::Token& token) {
    bool inserted;
    const uint32_t id = terms_.Intern(token.term, &inserted);
    if (inserted) {
      const size_t before = postings_.capacity();
      postings_.emplace_back();
      memory_usage_ += sizeof(TermPostings) * (postings_.capacity() - before);
    }
    TermPostings& p = postings_[id];
    if (p.docs.empty() || p.docs.back() != doc_id) {
      Append(&p.docs, doc_id);
      Append(&p.freqs, 1);
    } else {
      ++p.freqs.back();
    }
    Append(&p.positions, token.position);
    ++length;
  };
  uint32_t next = analyzer_->Analyze(doc.title, 0, sink);
  analyzer_->Analyze(doc.body, next + 1, sink);
  if (analyzer_->options().index_dates) {
    if (const auto day = analysis::ParseDocumentDate(doc.date)) {
      // One occurrence at position 0; not a word, so not part of the document's length.
      analysis::Token date;
      date.term = analysis::DateTerm(*day);
      const uint32_t words = length;
      sink(date);
      length = words;
    }
  }
  doc_lengths_.push_back(length);
  doc_ids_.push_back(doc.id);
  total_length_ += length;
  memory_usage_ += 4 + sizeof(std::string) + doc.id.size() + kAllocationOverhead;
  return Status::Ok();
}

Result<SegmentInfo> SegmentWriter::Finish() {
  SegmentInfo info;
  info.name = name_;
  info.num_docs = num_docs();
  info.total_length = total_length_;
  info.num_terms = terms_.size();

  std::vector<uint32_t> sorted(terms_.size());
  for (uint32_t id = 0; id < sorted.size(); ++id) {
    sorted[id] = id;
  }
  std::sort(sorted.begin(), sorted.end(),
            [this](uint32_t a, uint32_t b) { return terms_.term(a) < terms_.term(b); });
  NSEARCH_ASSIGN_OR_RETURN(auto dict,
                           postings::TermDictWriter::Create(dir_, SegmentFile(name_, "tdict")));
  NSEARCH_ASSIGN_OR_RETURN(auto post,
                           postings::PostingsWriter::Create(dir_, SegmentFile(name_, "post"),
                                                            SegmentFile(name_, "pos")));
  for (uint32_t id : sorted) {
    const std::string_view term = terms_.term(id);
    const TermPostings& p = postings_[id];
    post->StartTerm();
    size_t pos = 0;
    for (size_t i = 0; i < p.docs.size(); ++i) {
      post->AddDoc(p.docs[i], std::span<const uint32_t>(p.positions.data() + pos, p.freqs[i]),
                   doc_lengths_[p.docs[i]]);
      pos += p.freqs[i];
    }
    NSEARCH_ASSIGN_OR_RETURN(postings::TermInfo term_info, post->FinishTerm());
    NSEARCH_RETURN_IF_ERROR(dict->Add(term, term_info));
    info.num_postings += p.docs.size();
  }
  NSEARCH_RETURN_IF_ERROR(post->Finish());
  NSEARCH_RETURN_IF_ERROR(dict->Finish());
  NSEARCH_RETURN_IF_ERROR(WriteDocLengths(dir_, SegmentFile(name_, "len"), doc_lengths_));
  NSEARCH_RETURN_IF_ERROR(
      WriteDocIds(dir_, SegmentFile(name_, "ids"),
                  std::vector<std::string_view>(doc_ids_.begin(), doc_ids_.end())));
  NSEARCH_RETURN_IF_ERROR(store_->Finish());
  return info;
}

}  // namespace nsearch::segment
