#include "query/searcher.h"

#include <chrono>
#include <map>

#include "query/eval/boolean_scorers.h"
#include "query/eval/phrase_scorer.h"
#include "query/eval/term_scorer.h"

namespace nsearch::query {
namespace {

// Index-wide document frequency of a term and its TermInfo in each segment.
struct TermStats {
  uint64_t df = 0;
  std::vector<std::optional<postings::TermInfo>> per_segment;
};
using TermTable = std::map<std::string, TermStats, std::less<>>;

Status LookUpTerms(const PlanNode& node, const segment::IndexReader& reader, TermTable* table) {
  for (const auto& term : node.terms) {
    if (table->count(term)) {
      continue;
    }
    TermStats stats;
    for (size_t s = 0; s < reader.num_segments(); ++s) {
      NSEARCH_ASSIGN_OR_RETURN(auto info, reader.segment(s).FindTerm(term));
      stats.df += info ? info->df : 0;
      stats.per_segment.push_back(info);
    }
    table->emplace(term, std::move(stats));
  }
  for (const auto& c : node.clauses) {
    NSEARCH_RETURN_IF_ERROR(LookUpTerms(c.node, reader, table));
  }
  return Status::Ok();
}

// Builds the scorer tree of `node` for segment `s`; nullptr when it cannot match there.
class ScorerBuilder {
 public:
  ScorerBuilder(const segment::IndexReader& reader, const TermTable& terms, const Bm25Params& bm25)
      : reader_(reader), terms_(terms), bm25_(bm25) {
    stats_.num_docs = reader.num_docs();
    stats_.avg_doc_length = reader.avg_doc_length();
  }

  std::unique_ptr<DocScorer> Build(const PlanNode& node, size_t s) const {
    const segment::SegmentReader& segment = reader_.segment(s);
    switch (node.kind) {
      case PlanNode::Kind::kTerm: {
        const TermStats& t = terms_.find(node.terms[0])->second;
        if (!t.per_segment[s]) {
          return nullptr;
        }
        const Bm25TermScorer scorer(node.boost * Bm25Idf(stats_.num_docs, t.df), bm25_, stats_);
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
        return std::make_unique<PhraseScorer>(segment, phrase, scorer);
      }
      case PlanNode::Kind::kBoolean:
        return BuildBoolean(node, s);
    }
    return nullptr;
  }

 private:
  std::unique_ptr<DocScorer> BuildBoolean(const PlanNode& node, size_t s) const {
    std::vector<std::unique_ptr<DocScorer>> must, should, must_not;
    for (const auto& c : node.clauses) {
      auto child = Build(c.node, s);
      if (c.occur == Occur::kMust) {
        if (child == nullptr) {
          return nullptr;
        }
        must.push_back(std::move(child));
      } else if (child != nullptr) {
        (c.occur == Occur::kShould ? should : must_not).push_back(std::move(child));
      }
    }
    std::unique_ptr<DocScorer> root;
    if (!must.empty()) {
      root = MakeConjunction(std::move(must));
      if (!should.empty()) {
        root = MakeRequiredOptional(std::move(root), MakeDisjunction(std::move(should)));
      }
    } else if (!should.empty()) {
      root = MakeDisjunction(std::move(should));
    } else {
      return nullptr;  // only exclusions: matches nothing, as in Lucene
    }
    if (!must_not.empty()) {
      root = MakeRequiredExcluded(std::move(root), MakeDisjunction(std::move(must_not)));
    }
    return root;
  }

  const segment::IndexReader& reader_;
  const TermTable& terms_;
  Bm25Params bm25_;
  CollectionStats stats_;
};

void CollectTerms(const PlanNode& node, bool negated, std::vector<std::string>* terms,
                  std::vector<SnippetPhrase>* phrases) {
  if (negated) {
    return;
  }
  if (node.kind == PlanNode::Kind::kTerm) {
    terms->push_back(node.terms[0]);
  } else if (node.kind == PlanNode::Kind::kPhrase) {
    phrases->push_back({node.terms, node.offsets});
  }
  for (const auto& c : node.clauses) {
    CollectTerms(c.node, c.occur == Occur::kMustNot, terms, phrases);
  }
}

}  // namespace

Result<std::unique_ptr<Searcher>> Searcher::Create(const segment::IndexReader* reader) {
  std::unique_ptr<Searcher> searcher(new Searcher(reader));
  NSEARCH_ASSIGN_OR_RETURN(searcher->analyzer_,
                           analysis::Analyzer::Create(reader->manifest().analysis));
  return searcher;
}

Searcher::~Searcher() = default;

Result<std::optional<PlanNode>> Searcher::Plan(const SearchRequest& request) {
  if (request.limit > kMaxLimit) {
    return Status::InvalidArgument("limit " + std::to_string(request.limit) + " exceeds " +
                                   std::to_string(kMaxLimit));
  }
  if (request.offset > kMaxWindow - request.limit) {
    return Status::InvalidArgument("offset + limit exceeds " + std::to_string(kMaxWindow));
  }
  if (request.mode != QueryMode::kQuery) {
    return PlanWords(request.query, request.mode, *analyzer_);
  }
  NSEARCH_ASSIGN_OR_RETURN(QueryNode parsed, ParseQuery(request.query));
  return PlanQuery(parsed, *analyzer_);
}

Result<TopDocs> Searcher::TopHits(const SearchRequest& request) {
  NSEARCH_ASSIGN_OR_RETURN(std::optional<PlanNode> plan, Plan(request));
  TopDocs top;
  if (!plan) {
    return top;
  }
  TermTable terms;
  NSEARCH_RETURN_IF_ERROR(LookUpTerms(*plan, *reader_, &terms));
  const ScorerBuilder builder(*reader_, terms, request.bm25);
  TopKCollector collector(request.offset + request.limit);
  for (size_t s = 0; s < reader_->num_segments(); ++s) {
    auto scorer = builder.Build(*plan, s);
    if (scorer == nullptr) {
      continue;
    }
    const uint64_t base = reader_->doc_base(s);
    for (DocId d = scorer->doc(); d != kEndDoc; d = scorer->Next()) {
      ++top.total;
      collector.Insert({base + d, scorer->Score()});
    }
    NSEARCH_RETURN_IF_ERROR(scorer->status());
  }
  top.hits = collector.TakeSorted();
  top.hits.erase(top.hits.begin(), top.hits.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                          request.offset, top.hits.size())));
  return top;
}

SnippetGenerator Searcher::MakeSnippetGenerator(const PlanNode& plan,
                                                const SnippetOptions& options) {
  std::vector<std::string> terms;
  std::vector<SnippetPhrase> phrases;
  CollectTerms(plan, false, &terms, &phrases);
  return SnippetGenerator(analyzer_.get(), std::move(terms), std::move(phrases), options);
}

Result<SearchResponse> Searcher::Search(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  SearchResponse response;
  response.query = request.query;
  NSEARCH_ASSIGN_OR_RETURN(TopDocs top, TopHits(request));
  response.total = top.total;
  std::optional<SnippetGenerator> snippets;
  if (request.fetch_documents && !top.hits.empty()) {
    NSEARCH_ASSIGN_OR_RETURN(std::optional<PlanNode> plan, Plan(request));
    snippets.emplace(MakeSnippetGenerator(*plan, request.snippet));
  }
  for (const Hit& hit : top.hits) {
    SearchHit out;
    out.doc = hit.doc;
    out.score = hit.score;
    out.id = std::string(ExternalId(hit.doc));
    if (snippets) {
      NSEARCH_ASSIGN_OR_RETURN(store::StoredDocument doc, Document(hit.doc));
      out.title = std::move(doc.title);
      out.date = std::move(doc.date);
      out.snippet = snippets->Generate(doc.body);
    }
    response.hits.push_back(std::move(out));
  }
  response.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return response;
}

namespace {
size_t SegmentOf(const segment::IndexReader& reader, uint64_t doc) {
  size_t s = reader.num_segments() - 1;
  while (s > 0 && reader.doc_base(s) > doc) {
    --s;
  }
  return s;
}
}  // namespace

std::string_view Searcher::ExternalId(uint64_t doc) const {
  const size_t s = SegmentOf(*reader_, doc);
  return reader_->segment(s).external_id(static_cast<DocId>(doc - reader_->doc_base(s)));
}

Result<store::StoredDocument> Searcher::Document(uint64_t doc) const {
  const size_t s = SegmentOf(*reader_, doc);
  return reader_->segment(s).Document(static_cast<DocId>(doc - reader_->doc_base(s)));
}

}  // namespace nsearch::query
