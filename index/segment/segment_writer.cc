#include "index/segment/segment_writer.h"

#include <algorithm>

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

Status SegmentWriter::Add(const store::StoredDocument& doc) {
  const uint32_t doc_id = num_docs();
  // Store first: if the store refuses the document, no other file has seen it.
  NSEARCH_RETURN_IF_ERROR(store_->Add(doc));
  doc_tokens_.clear();
  auto sink = [this](const analysis::Token& token) {
    auto [it, inserted] =
        term_ids_.try_emplace(token.term, static_cast<uint32_t>(postings_.size()));
    if (inserted) {
      postings_.emplace_back();
      memory_usage_ += sizeof(TermPostings) + token.term.size() + 64;
    }
    doc_tokens_.emplace_back(it->second, token.position);
  };
  uint32_t next = analyzer_->Analyze(doc.title, 0, sink);
  analyzer_->Analyze(doc.body, next + 1, sink);
  // Group the document's tokens by term; positions stay in order within a term.
  std::stable_sort(doc_tokens_.begin(), doc_tokens_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < doc_tokens_.size();) {
    TermPostings& p = postings_[doc_tokens_[i].first];
    size_t j = i;
    while (j < doc_tokens_.size() && doc_tokens_[j].first == doc_tokens_[i].first) {
      p.positions.push_back(doc_tokens_[j].second);
      ++j;
    }
    p.docs.push_back(doc_id);
    p.freqs.push_back(static_cast<uint32_t>(j - i));
    memory_usage_ += 4 * (2 + (j - i));
    i = j;
  }
  doc_lengths_.push_back(static_cast<uint32_t>(doc_tokens_.size()));
  doc_ids_.push_back(doc.id);
  total_length_ += doc_tokens_.size();
  memory_usage_ += 4 + doc.id.size() + 32;
  return Status::Ok();
}

Result<SegmentInfo> SegmentWriter::Finish() {
  SegmentInfo info;
  info.name = name_;
  info.num_docs = num_docs();
  info.total_length = total_length_;
  info.num_terms = term_ids_.size();

  std::vector<std::pair<std::string_view, uint32_t>> sorted(term_ids_.begin(), term_ids_.end());
  std::sort(sorted.begin(), sorted.end());
  NSEARCH_ASSIGN_OR_RETURN(auto dict,
                           postings::TermDictWriter::Create(dir_, SegmentFile(name_, "tdict")));
  NSEARCH_ASSIGN_OR_RETURN(auto post,
                           postings::PostingsWriter::Create(dir_, SegmentFile(name_, "post"),
                                                            SegmentFile(name_, "pos")));
  for (const auto& [term, id] : sorted) {
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
