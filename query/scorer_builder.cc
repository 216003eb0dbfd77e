#include "query/scorer_builder.h"

#include <algorithm>
#include <bit>
#include <cstdlib>

#include "index/segment/fields.h"
#include "query/eval/bitset_scorer.h"
#include "query/eval/boolean_scorers.h"
#include "query/eval/deleted_docs_scorer.h"
#include "query/eval/phrase_scorer.h"
#include "query/eval/summing_union.h"
#include "query/eval/term_scorer.h"

namespace nsearch::query {
namespace {

Result<uint64_t> CountWalk(DocScorer& scorer) {
  uint64_t n = 0;
  for (DocId d = scorer.doc(); d != kEndDoc; d = scorer.Next()) {
    ++n;
  }
  NSEARCH_RETURN_IF_ERROR(scorer.status());
  return n;
}

}  // namespace

Result<uint64_t> LiveDocFrequency(const segment::IndexReader& reader, size_t s,
                                  const postings::TermInfo& info) {
  const segment::DeletedDocs* deleted = reader.deleted_docs(s);
  if (deleted == nullptr) {
    return uint64_t{info.df};
  }
  postings::PostingCursor cursor = reader.segment(s).OpenCursor(info);
  uint64_t live = 0;
  for (DocId d = cursor.doc(); d != kEndDoc; d = cursor.Next()) {
    live += deleted->contains(d) ? 0 : 1;
  }
  NSEARCH_RETURN_IF_ERROR(cursor.status());
  return live;
}

Bm25Params IndexBm25Params(const segment::IndexReader& reader, Bm25Params params) {
  params.model = reader.manifest().scoring == segment::ScoringModel::kLucene4 ? Bm25Model::kLucene4
                                                                              : Bm25Model::kExact;
  return params;
}

std::vector<uint32_t> NodeFields(const PlanNode& node, const segment::IndexReader& reader) {
  if (node.field != PlanNode::kAllFields) {
    return {static_cast<uint32_t>(node.field)};
  }
  std::vector<uint32_t> fields(reader.fields().size());
  for (uint32_t f = 0; f < fields.size(); ++f) {
    fields[f] = f;
  }
  return fields;
}

std::vector<double> FieldWeights(const segment::IndexReader& reader, const Bm25Params& params) {
  std::vector<double> weights;
  for (size_t f = 0; f < reader.fields().size(); ++f) {
    weights.push_back(f < params.field_weights.size() ? params.field_weights[f]
                                                      : reader.fields()[f].weight);
  }
  return weights;
}

Result<std::vector<double>> ParseFieldWeights(std::string_view spec,
                                              const segment::IndexReader& reader) {
  std::vector<double> weights = FieldWeights(reader, Bm25Params());
  std::string known;
  for (const auto& f : reader.fields()) {
    known.append(known.empty() ? "" : ", ").append(f.name);
  }
  size_t at = 0;
  while (at <= spec.size() && !spec.empty()) {
    const size_t comma = std::min(spec.find(',', at), spec.size());
    const std::string item(spec.substr(at, comma - at));
    auto parsed = segment::ParseNamedWeight(item);
    if (!parsed.ok()) {
      return Status::InvalidArgument("field weights: " + parsed.status().message());
    }
    const auto& [name, w] = *parsed;
    bool found = false;
    for (size_t f = 0; f < reader.fields().size(); ++f) {
      if (reader.fields()[f].name == name) {
        weights[f] = w;
        found = true;
      }
    }
    if (!found) {
      return Status::InvalidArgument("field weights: no field '" + name + "' (this index has " +
                                     known + ")");
    }
    at = comma + 1;
  }
  return weights;
}

namespace {

Status LookUpKey(const std::string& key, const segment::IndexReader& reader, TermTable* table) {
  if (table->count(key)) {
    return Status::Ok();
  }
  TermStats stats;
  for (size_t s = 0; s < reader.num_segments(); ++s) {
    NSEARCH_ASSIGN_OR_RETURN(auto info, reader.segment(s).FindTerm(key));
    if (info) {
      NSEARCH_ASSIGN_OR_RETURN(uint64_t df, LiveDocFrequency(reader, s, *info));
      stats.df += df;
    }
    stats.per_segment.push_back(info);
  }
  table->emplace(key, std::move(stats));
  return Status::Ok();
}

}  // namespace

Status LookUpTerms(const PlanNode& node, const segment::IndexReader& reader, TermTable* table) {
  if (node.kind == PlanNode::Kind::kTerm || node.kind == PlanNode::Kind::kPhrase) {
    for (uint32_t f : NodeFields(node, reader)) {
      for (const auto& term : node.terms) {
        NSEARCH_RETURN_IF_ERROR(LookUpKey(segment::FieldKey(f, term), reader, table));
      }
    }
  } else if (node.kind == PlanNode::Kind::kFilter) {
    for (const auto& term : node.terms) {
      NSEARCH_RETURN_IF_ERROR(LookUpKey(term, reader, table));
    }
  }
  for (const auto& c : node.clauses) {
    NSEARCH_RETURN_IF_ERROR(LookUpTerms(c.node, reader, table));
  }
  return Status::Ok();
}

ScorerBuilder::ScorerBuilder(const segment::IndexReader& reader, const TermTable& terms,
                             const Bm25Params& bm25)
    : reader_(reader),
      terms_(terms),
      bm25_(IndexBm25Params(reader, bm25)),
      num_docs_(reader.num_docs()),
      field_weights_(FieldWeights(reader, bm25)) {
  for (size_t f = 0; f < reader.fields().size(); ++f) {
    field_stats_.push_back({num_docs_, reader.avg_field_length(f)});
  }
}

const TermStats& ScorerBuilder::Stats(uint32_t f, const std::string& term) const {
  return terms_.find(segment::FieldKey(f, term))->second;
}

uint64_t ScorerBuilder::DocFreq(uint32_t f, const std::string& term) const {
  return Stats(f, term).df;
}

std::unique_ptr<DocScorer> ScorerBuilder::BuildTerm(const PlanNode& node, size_t s) const {
  const segment::SegmentReader& segment = reader_.segment(s);
  const std::vector<uint32_t> fields = NodeFields(node, reader_);
  const std::string& term = node.terms[0];
  if (fields.size() == 1) {
    const uint32_t f = fields[0];
    const TermStats& t = Stats(f, term);
    if (!t.per_segment[s]) {
      return nullptr;
    }
    const uint64_t df = node.blended_df > 0 ? node.blended_df : t.df;
    const Bm25TermScorer scorer(node.boost * Bm25Idf(num_docs_, df), bm25_, field_stats_[f]);
    return std::make_unique<TermScorer>(segment, *t.per_segment[s], f, scorer);
  }
  uint64_t df = node.blended_df;
  std::vector<std::unique_ptr<TermScorer>> shares;
  for (uint32_t f : fields) {
    const TermStats& t = Stats(f, term);
    df = node.blended_df > 0 ? df : std::max(df, t.df);
    if (t.per_segment[s]) {
      shares.push_back(std::make_unique<TermScorer>(
          segment, *t.per_segment[s], f,
          Bm25TermScorer::FieldShare(field_weights_[f], bm25_, field_stats_[f])));
    }
  }
  if (shares.empty()) {
    return nullptr;
  }
  // The fields' TermScorers called directly (TermScorer is final); a phrase's go through
  // DocScorer (MakeBm25fWord). Both sum and saturate alike.
  return std::make_unique<SummingUnion<TermScorer>>(
      std::move(shares), Saturation{node.boost * Bm25Idf(num_docs_, df), bm25_.k1});
}

std::unique_ptr<DocScorer> ScorerBuilder::BuildPhrase(const PlanNode& node, size_t s) const {
  const segment::SegmentReader& segment = reader_.segment(s);
  const std::vector<uint32_t> fields = NodeFields(node, reader_);
  // The phrase's idf: the sum of its words' (Lucene's PhraseQuery), each with its df in the
  // field, or its largest df over the fields for BM25F.
  double idf = 0;
  for (const std::string& term : node.terms) {
    uint64_t df = 0;
    for (uint32_t f : fields) {
      df = std::max(df, DocFreq(f, term));
    }
    idf += Bm25Idf(num_docs_, df);
  }
  std::vector<std::unique_ptr<DocScorer>> shares;
  for (uint32_t f : fields) {
    std::vector<PhraseTerm> phrase;
    for (size_t i = 0; i < node.terms.size(); ++i) {
      const TermStats& t = Stats(f, node.terms[i]);
      if (!t.per_segment[s]) {
        break;
      }
      phrase.push_back({*t.per_segment[s], node.offsets[i]});
    }
    if (phrase.size() < node.terms.size()) {
      continue;  // a word is missing from this field here
    }
    if (fields.size() == 1) {
      return std::make_unique<PhraseScorer>(
          segment, phrase, f, Bm25TermScorer(node.boost * idf, bm25_, field_stats_[f]), node.slop);
    }
    shares.push_back(std::make_unique<PhraseScorer>(
        segment, phrase, f, Bm25TermScorer::FieldShare(field_weights_[f], bm25_, field_stats_[f]),
        node.slop));
  }
  if (shares.empty()) {
    return nullptr;
  }
  return MakeBm25fWord(std::move(shares), node.boost * idf, bm25_.k1);
}

std::unique_ptr<DocScorer> ScorerBuilder::Build(const PlanNode& node, size_t s) const {
  std::unique_ptr<DocScorer> root = BuildNode(node, s);
  if (root != nullptr && reader_.deleted_docs(s) != nullptr) {
    root = MakeRequiredExcluded(std::move(root),
                                std::make_unique<DeletedDocsScorer>(*reader_.deleted_docs(s)));
  }
  return root;
}

std::unique_ptr<DocScorer> ScorerBuilder::BuildNode(const PlanNode& node, size_t s) const {
  switch (node.kind) {
    case PlanNode::Kind::kTerm:
      return BuildTerm(node, s);
    case PlanNode::Kind::kPhrase:
      return BuildPhrase(node, s);
    case PlanNode::Kind::kBoolean:
      return BuildBoolean(node, s);
    case PlanNode::Kind::kFilter:
      return BuildFilter(node, s);
    case PlanNode::Kind::kPrefix:
    case PlanNode::Kind::kFuzzy:
    case PlanNode::Kind::kDateRange:
      break;  // REQUIRES violated: ExpandTerms replaces them
  }
  return nullptr;
}

namespace {

bool IsFilter(const PlanNode::Clause& c) {
  return c.occur == Occur::kMust && c.node.kind == PlanNode::Kind::kFilter;
}

}  // namespace

bool ScorerBuilder::BuildClauses(const PlanNode& node, size_t s, bool skip_should,
                                 Clauses* out) const {
  for (const auto& c : node.clauses) {
    out->optional_in_plan = out->optional_in_plan || c.occur == Occur::kShould;
    if (c.occur == Occur::kShould && skip_should) {
      continue;
    }
    if (IsFilter(c)) {
      std::vector<uint64_t> bits;
      if (!FilterBits(c.node, s, &bits, &out->filter_status)) {
        return false;
      }
      if (!out->filter) {
        out->filter = std::move(bits);
      } else {
        for (size_t w = 0; w < bits.size(); ++w) (*out->filter)[w] &= bits[w];
      }
      continue;
    }
    auto child = BuildNode(c.node, s);
    if (c.occur == Occur::kMust) {
      if (child == nullptr) {
        return false;
      }
      out->must.push_back(std::move(child));
    } else if (child != nullptr) {
      (c.occur == Occur::kShould ? out->should : out->must_not).push_back(std::move(child));
    }
  }
  return true;
}

bool ScorerBuilder::FilterBits(const PlanNode& node, size_t s, std::vector<uint64_t>* bits,
                               Status* status) const {
  const segment::SegmentReader& segment = reader_.segment(s);
  bits->assign((segment.num_docs() + 63) / 64, 0);
  bool any = false;
  for (const std::string& term : node.terms) {
    const std::optional<postings::TermInfo>& info = terms_.find(term)->second.per_segment[s];
    if (!info) {
      continue;
    }
    any = true;
    postings::PostingCursor cursor = segment.OpenCursor(*info);
    for (DocId d = cursor.doc(); d != kEndDoc; d = cursor.Next()) {
      (*bits)[d / 64] |= uint64_t{1} << (d % 64);
    }
    if (!cursor.status().ok() && status->ok()) {
      *status = cursor.status();
    }
  }
  return any;
}

std::unique_ptr<DocScorer> ScorerBuilder::BuildFilter(const PlanNode& node, size_t s) const {
  std::vector<uint64_t> bits;
  Status status;
  if (!FilterBits(node, s, &bits, &status)) {
    return nullptr;
  }
  return std::make_unique<BitsetScorer>(std::move(bits), std::move(status));
}

std::unique_ptr<DocScorer> ScorerBuilder::Complement(std::vector<uint64_t> bits, Status status,
                                                     size_t s) const {
  const uint32_t num_docs = reader_.segment(s).num_docs();
  for (uint64_t& w : bits) {
    w = ~w;
  }
  if (num_docs % 64 != 0) {
    bits.back() &= (uint64_t{1} << (num_docs % 64)) - 1;  // no documents past the end
  }
  return std::make_unique<BitsetScorer>(std::move(bits), std::move(status));
}

std::unique_ptr<DocScorer> ScorerBuilder::BuildBoolean(const PlanNode& node, size_t s) const {
  Clauses c;
  if (!BuildClauses(node, s, false, &c)) {
    return nullptr;
  }
  std::unique_ptr<DocScorer> root;
  if (!c.must.empty()) {
    root = MakeConjunction(std::move(c.must));
    if (!c.should.empty()) {
      root = MakeRequiredOptional(std::move(root), MakeDisjunction(std::move(c.should)));
    }
  } else if (!c.should.empty()) {
    root = MakeDisjunction(std::move(c.should));
  } else if (c.filter && !c.optional_in_plan) {  // only filters (and exclusions)
    root = std::make_unique<BitsetScorer>(std::move(*c.filter), std::move(c.filter_status));
    c.filter.reset();
  } else {
    return nullptr;  // only exclusions: matches nothing, as in Lucene
  }
  if (c.filter) {
    c.must_not.push_back(Complement(std::move(*c.filter), std::move(c.filter_status), s));
  }
  if (!c.must_not.empty()) {
    root = MakeRequiredExcluded(std::move(root), MakeDisjunction(std::move(c.must_not)));
  }
  return root;
}

std::optional<BlockMaxQuery> ScorerBuilder::BuildBlockMax(const PlanNode& node, size_t s) const {
  std::optional<BlockMaxQuery> query = BuildBlockMaxClauses(node, s);
  if (query) {
    ExcludeDeleted(s, &*query);
  }
  return query;
}

std::optional<BlockMaxQuery> ScorerBuilder::BuildBlockMaxClauses(const PlanNode& node,
                                                                 size_t s) const {
  BlockMaxQuery query;
  if (node.kind != PlanNode::Kind::kBoolean) {
    auto scorer = BuildNode(node, s);
    if (scorer == nullptr) {
      return std::nullopt;
    }
    // A phrase is a conjunction (of its terms, then positions), a filter a required clause, a
    // term a one-clause disjunction.
    (node.kind == PlanNode::Kind::kTerm ? query.optional : query.required)
        .push_back(std::move(scorer));
    return query;
  }
  Clauses c;
  if (!BuildClauses(node, s, false, &c) ||
      (c.must.empty() && c.should.empty() && (!c.filter || c.optional_in_plan))) {
    return std::nullopt;  // nothing required, and no optional clause can match here
  }
  query.required = std::move(c.must);
  query.optional = std::move(c.should);
  if (c.filter) {
    if (query.required.empty() && query.optional.empty()) {  // only filters
      query.required.push_back(
          std::make_unique<BitsetScorer>(std::move(*c.filter), std::move(c.filter_status)));
    } else {
      c.must_not.push_back(Complement(std::move(*c.filter), std::move(c.filter_status), s));
    }
  }
  if (!c.must_not.empty()) {
    query.excluded = MakeDisjunction(std::move(c.must_not));
  }
  return query;
}

void ScorerBuilder::ExcludeDeleted(size_t s, BlockMaxQuery* query) const {
  const segment::DeletedDocs* deleted = reader_.deleted_docs(s);
  if (deleted == nullptr) {
    return;
  }
  auto deleted_scorer = std::make_unique<DeletedDocsScorer>(*deleted);
  if (query->excluded == nullptr) {
    query->excluded = std::move(deleted_scorer);
  } else {
    std::vector<std::unique_ptr<DocScorer>> excluded;
    excluded.push_back(std::move(query->excluded));
    excluded.push_back(std::move(deleted_scorer));
    query->excluded = MakeDisjunction(std::move(excluded));
  }
}

Result<uint64_t> ScorerBuilder::CountMatches(const PlanNode& node, size_t s) const {
  if (reader_.deleted_docs(s) != nullptr) {
    // Rare (merges drop deletions): walk the matches with the deleted documents excluded.
    std::unique_ptr<DocScorer> root = Build(node, s);
    return root == nullptr ? uint64_t{0} : CountWalk(*root);
  }
  return CountNode(node, s);
}

Result<uint64_t> ScorerBuilder::CountNode(const PlanNode& node, size_t s) const {
  switch (node.kind) {
    case PlanNode::Kind::kTerm: {
      const std::vector<uint32_t> fields = NodeFields(node, reader_);
      if (fields.size() == 1) {
        const TermStats& t = Stats(fields[0], node.terms[0]);
        return t.per_segment[s] ? uint64_t{t.per_segment[s]->df} : 0;
      }
      auto scorer = BuildNode(node, s);  // a union of the fields' lists
      return scorer == nullptr ? uint64_t{0} : CountWalk(*scorer);
    }
    case PlanNode::Kind::kPhrase: {
      auto scorer = BuildNode(node, s);
      if (scorer == nullptr) {
        return 0;
      }
      return CountWalk(*scorer);
    }
    case PlanNode::Kind::kFilter: {
      auto scorer = BuildFilter(node, s);
      return scorer == nullptr ? uint64_t{0} : CountWalk(*scorer);
    }
    case PlanNode::Kind::kBoolean:
      break;
    case PlanNode::Kind::kPrefix:
    case PlanNode::Kind::kFuzzy:
    case PlanNode::Kind::kDateRange:
      return 0;  // REQUIRES violated: ExpandTerms replaces them
  }
  size_t num_must = 0, num_should = 0, num_must_not = 0;
  const PlanNode* last_must = nullptr;
  const PlanNode* last_should = nullptr;
  for (const auto& c : node.clauses) {
    if (IsFilter(c)) {
      // Filters change what the other clauses match: count the matches one by one.
      std::unique_ptr<DocScorer> root = BuildBoolean(node, s);
      return root == nullptr ? uint64_t{0} : CountWalk(*root);
    }
    if (c.occur == Occur::kMust) {
      ++num_must;
      last_must = &c.node;
    } else if (c.occur == Occur::kShould) {
      ++num_should;
      last_should = &c.node;
    } else {
      ++num_must_not;
    }
  }
  if (num_must_not == 0 && num_must == 1) {
    return CountNode(*last_must, s);  // optional clauses do not change what matches
  }
  if (num_must_not == 0 && num_must == 0 && num_should == 1) {
    return CountNode(*last_should, s);
  }
  Clauses c;
  if (!BuildClauses(node, s, num_must > 0, &c)) {
    return 0;
  }
  if (!c.must.empty()) {
    std::unique_ptr<DocScorer> root = MakeConjunction(std::move(c.must));
    if (!c.must_not.empty()) {
      root = MakeRequiredExcluded(std::move(root), MakeDisjunction(std::move(c.must_not)));
    }
    return CountWalk(*root);
  }
  if (c.should.empty()) {
    return 0;
  }
  // A union of several clauses: one bit per document, each list walked on its own (no merging
  // of cursors per document), then the exclusions cleared.
  std::vector<uint64_t> bits((reader_.segment(s).num_docs() + 63) / 64);
  for (const auto& child : c.should) {
    for (DocId d = child->doc(); d != kEndDoc; d = child->Next()) {
      bits[d / 64] |= uint64_t{1} << (d % 64);
    }
    NSEARCH_RETURN_IF_ERROR(child->status());
  }
  for (const auto& child : c.must_not) {
    for (DocId d = child->doc(); d != kEndDoc; d = child->Next()) {
      bits[d / 64] &= ~(uint64_t{1} << (d % 64));
    }
    NSEARCH_RETURN_IF_ERROR(child->status());
  }
  uint64_t n = 0;
  for (uint64_t word : bits) {
    n += static_cast<uint64_t>(std::popcount(word));
  }
  return n;
}

}  // namespace nsearch::query
