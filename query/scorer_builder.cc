#include "query/scorer_builder.h"

#include <bit>

#include "query/eval/bitset_scorer.h"
#include "query/eval/boolean_scorers.h"
#include "query/eval/deleted_docs_scorer.h"
#include "query/eval/phrase_scorer.h"
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

Status LookUpTerms(const PlanNode& node, const segment::IndexReader& reader, TermTable* table) {
  for (const auto& term : node.terms) {
    if (table->count(term)) {
      continue;
    }
    TermStats stats;
    for (size_t s = 0; s < reader.num_segments(); ++s) {
      NSEARCH_ASSIGN_OR_RETURN(auto info, reader.segment(s).FindTerm(term));
      if (info) {
        NSEARCH_ASSIGN_OR_RETURN(uint64_t df, LiveDocFrequency(reader, s, *info));
        stats.df += df;
      }
      stats.per_segment.push_back(info);
    }
    table->emplace(term, std::move(stats));
  }
  for (const auto& c : node.clauses) {
    NSEARCH_RETURN_IF_ERROR(LookUpTerms(c.node, reader, table));
  }
  return Status::Ok();
}

ScorerBuilder::ScorerBuilder(const segment::IndexReader& reader, const TermTable& terms,
                             const Bm25Params& bm25)
    : reader_(reader), terms_(terms), bm25_(IndexBm25Params(reader, bm25)) {
  stats_.num_docs = reader.num_docs();
  stats_.avg_doc_length = reader.avg_doc_length();
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
  const segment::SegmentReader& segment = reader_.segment(s);
  switch (node.kind) {
    case PlanNode::Kind::kTerm: {
      const TermStats& t = terms_.find(node.terms[0])->second;
      if (!t.per_segment[s]) {
        return nullptr;
      }
      const uint64_t df = node.blended_df > 0 ? node.blended_df : t.df;
      const Bm25TermScorer scorer(node.boost * Bm25Idf(stats_.num_docs, df), bm25_, stats_);
      return std::make_unique<TermScorer>(segment, *t.per_segment[s], scorer);
    }
    case PlanNode::Kind::kPhrase: {
      std::vector<PhraseTerm> phrase;
      double idf = 0;
      for (size_t i = 0; i < node.terms.size(); ++i) {
        const TermStats& t = terms_.find(node.terms[i])->second;
        if (!t.per_segment[s]) {
          return nullptr;
        }
        idf += Bm25Idf(stats_.num_docs, t.df);
        phrase.push_back({*t.per_segment[s], node.offsets[i]});
      }
      const Bm25TermScorer scorer(node.boost * idf, bm25_, stats_);
      return std::make_unique<PhraseScorer>(segment, phrase, scorer, node.slop);
    }
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
      const TermStats& t = terms_.find(node.terms[0])->second;
      return t.per_segment[s] ? uint64_t{t.per_segment[s]->df} : 0;
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
