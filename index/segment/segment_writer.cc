#include "index/segment/segment_writer.h"

#include <algorithm>
#include <new>
#include <string>

#include "index/analysis/date_term.h"
#include "index/postings/postings_writer.h"
#include "index/postings/term_dict.h"
#include "index/segment/doc_table.h"

namespace nsearch::segment {

SegmentWriter::SegmentWriter(Directory& dir, std::string name, analysis::Analyzer* analyzer,
                             std::vector<FieldSpec> fields)
    : dir_(dir),
      name_(std::move(name)),
      analyzer_(analyzer),
      fields_(std::move(fields)),
      field_lengths_(fields_.size(), 0),
      word_terms_(fields_.size()),
      word_terms_generation_(analyzer->stem_generation()) {}

SegmentWriter::~SegmentWriter() = default;

Result<std::unique_ptr<SegmentWriter>> SegmentWriter::Create(Directory& dir, std::string name,
                                                             analysis::Analyzer* analyzer,
                                                             std::vector<FieldSpec> fields) {
  std::unique_ptr<SegmentWriter> writer(
      new SegmentWriter(dir, std::move(name), analyzer, std::move(fields)));
  NSEARCH_ASSIGN_OR_RETURN(writer->store_,
                           store::DocStoreWriter::Create(dir, SegmentFile(writer->name_, "store")));
  return writer;
}

namespace {
// malloc's bookkeeping per heap block, counted against the memory budget.
constexpr size_t kAllocationOverhead = 16;
}  // namespace

bool SegmentWriter::PoolFull() {
  if (pool_.full()) {
    broken_ = true;  // reported by AddDocument; nothing more is written
  }
  return broken_;
}

void SegmentWriter::AddToken(const analysis::Token& token, uint32_t field, uint32_t doc) {
  if (!PoolFull()) {
    AddTermOccurrence(TokenTermId(token, field), doc, token.position);
  }
}

void SegmentWriter::AddOccurrence(std::string_view key, uint32_t doc, uint32_t position) {
  if (!PoolFull()) {
    AddTermOccurrence(TermId(key), doc, position);
  }
}

uint32_t SegmentWriter::TokenTermId(const analysis::Token& token, uint32_t field) {
  const auto key_term_id = [this, &token, field] {
    key_.assign(1, static_cast<char>(kFieldKeyBase + field));
    key_.append(token.term);
    return TermId(key_);
  };
  if (token.word_id == analysis::Token::kNoWordId) {
    return key_term_id();
  }
  if (analyzer_->stem_generation() != word_terms_generation_) {
    for (std::vector<uint32_t>& terms : word_terms_) {
      std::fill(terms.begin(), terms.end(), 0);
    }
    word_terms_generation_ = analyzer_->stem_generation();
  }
  std::vector<uint32_t>& terms = word_terms_[field];
  if (token.word_id >= terms.size()) {
    const size_t old_capacity = terms.capacity();
    terms.resize(std::max<size_t>(token.word_id + 1, 2 * terms.size()));
    memory_usage_ += (terms.capacity() - old_capacity) * sizeof(uint32_t);
  }
  uint32_t& term = terms[token.word_id];
  if (term == 0) {
    term = key_term_id() + 1;
  }
  return term - 1;
}

uint32_t SegmentWriter::TermId(std::string_view key) {
  bool inserted;
  const uint32_t id = terms_.Intern(key, &inserted);
  if (inserted) {
    if (id % kTermsPerChunk == 0) {
      term_chunks_.push_back(std::make_unique<TermPostings[]>(kTermsPerChunk));
      memory_usage_ += sizeof(TermPostings) * kTermsPerChunk + kAllocationOverhead;
    }
    TermPostings& p = Postings(id);
    p.docs = pool_.NewStream();
    p.positions = pool_.NewStream();
    p.last_doc = 0;  // the first gap is the document number itself
    p.num_docs = 0;
  }
  return id;
}

void SegmentWriter::AddTermOccurrence(uint32_t id, uint32_t doc, uint32_t position) {
  TermPostings& p = Postings(id);
  if (p.num_docs == 0 || p.last_doc != doc) {
    if (p.num_docs > 0) {
      pool_.WriteVarint(&p.docs, p.freq);  // the previous document is complete
    }
    pool_.WriteVarint(&p.docs, doc - p.last_doc);
    p.last_doc = doc;
    p.freq = 0;
    p.last_position = 0;
    ++p.num_docs;
  }
  // Positions of a key within a document arrive in order; the gap is taken modulo 2^32 all the
  // same, so any order would read back as written.
  pool_.WriteVarint(&p.positions, position - p.last_position);
  p.last_position = position;
  ++p.freq;
}

Status SegmentWriter::Add(const store::StoredDocument& doc) {
  if (broken_) {
    return Status::InvalidArgument(dir_.Describe(SegmentFile(name_, "post")) +
                                   ": segment writer unusable after a failed document");
  }
  try {
    return AddDocument(doc);
  } catch (const std::bad_alloc&) {
    // Postings of the document may be half-recorded: nothing of this segment is written.
    broken_ = true;
    return Status::IOError(dir_.Describe(SegmentFile(name_, "post")) +
                           ": out of memory inverting document " + std::to_string(num_docs()) +
                           " (id " + doc.id + ")");
  }
}

Status SegmentWriter::AddDocument(const store::StoredDocument& doc) {
  const uint32_t doc_id = num_docs();
  // Store first: if the store refuses the document, no other file has seen it.
  NSEARCH_RETURN_IF_ERROR(store_->Add(doc));
  // Tokens of one field arrive in position order, and fields one after the other under keys of
  // their own, so a key's positions for this document are appended contiguously after those of
  // earlier documents: no per-document sort.
  uint32_t length = 0;
  uint32_t f = 0;
  auto sink = [this, doc_id, &length, &f](const analysis::Token& token) {
    AddToken(token, f, doc_id);
    ++length;
  };
  for (; f < fields_.size(); ++f) {
    const FieldSpec& field = fields_[f];
    length = 0;
    const uint32_t next = analyzer_->Analyze(FieldText(field, doc), 0, sink);
    if (field.source == FieldSource::kTitleAndBody) {
      analyzer_->Analyze(doc.body, next, sink);
    }
    doc_lengths_.push_back(length);
    field_lengths_[f] += length;
  }
  if (analyzer_->options().index_dates) {
    if (const auto day = analysis::ParseDocumentDate(doc.date)) {
      // One occurrence at position 0; not a word, so not part of the document's length.
      AddOccurrence(analysis::DateTerm(*day), doc_id, 0);
    }
  }
  if (broken_) {  // Add checked it was not before: the pool filled up within this document
    return Status::NotSupported(dir_.Describe(SegmentFile(name_, "post")) + ": document " +
                                std::to_string(doc_id) + " (id " + doc.id +
                                ") takes the segment's in-memory postings past " +
                                std::to_string(ByteSlicePool::kMaxBytes >> 30) + " GiB");
  }
  doc_ids_.push_back(doc.id);
  memory_usage_ += 4 * fields_.size() + sizeof(std::string) + doc.id.size() + kAllocationOverhead;
  return Status::Ok();
}

Result<SegmentInfo> SegmentWriter::Finish() {
  if (broken_) {
    return Status::InvalidArgument(dir_.Describe(SegmentFile(name_, "post")) +
                                   ": a segment writer whose Add failed cannot be finished");
  }
  SegmentInfo info;
  info.name = name_;
  info.num_docs = num_docs();
  info.field_lengths = field_lengths_;
  info.deleted_field_lengths.assign(fields_.size(), 0);
  for (uint64_t length : field_lengths_) {
    info.total_length += length;
  }
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
  const size_t num_fields = fields_.size();
  std::vector<uint32_t> positions;  // of one document, reused
  for (uint32_t id : sorted) {
    const std::string_view term = terms_.term(id);
    const int field = KeyField(term);
    const TermPostings& p = Postings(id);
    ByteSlicePool::Reader docs(pool_, p.docs);
    ByteSlicePool::Reader occurrences(pool_, p.positions);
    post->StartTerm();
    uint32_t doc = 0;
    for (uint32_t i = 0; i < p.num_docs; ++i) {
      doc += docs.ReadVarint();
      const uint32_t freq = i + 1 < p.num_docs ? docs.ReadVarint() : p.freq;
      positions.resize(freq);
      uint32_t position = 0;
      for (uint32_t& out : positions) {
        position += occurrences.ReadVarint();
        out = position;
      }
      const uint32_t* lengths = doc_lengths_.data() + size_t{doc} * num_fields;
      // A field's word is bounded by its field's length; a date term by the whole document's.
      uint32_t length = 0;
      if (field >= 0) {
        length = lengths[field];
      } else {
        for (size_t f = 0; f < num_fields; ++f) {
          length += lengths[f];
        }
      }
      post->AddDoc(doc, positions, length);
    }
    NSEARCH_ASSIGN_OR_RETURN(postings::TermInfo term_info, post->FinishTerm());
    NSEARCH_RETURN_IF_ERROR(dict->Add(term, term_info));
    info.num_postings += p.num_docs;
  }
  NSEARCH_RETURN_IF_ERROR(post->Finish());
  NSEARCH_RETURN_IF_ERROR(dict->Finish());
  NSEARCH_RETURN_IF_ERROR(WriteDocLengths(dir_, SegmentFile(name_, "len"), doc_lengths_,
                                          static_cast<uint32_t>(num_fields)));
  NSEARCH_RETURN_IF_ERROR(
      WriteDocIds(dir_, SegmentFile(name_, "ids"),
                  std::vector<std::string_view>(doc_ids_.begin(), doc_ids_.end())));
  NSEARCH_RETURN_IF_ERROR(store_->Finish());
  return info;
}

}  // namespace nsearch::segment
