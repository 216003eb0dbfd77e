#include "query/searcher.h"

#include <chrono>

#include "query/eval/block_max.h"
#include "query/scorer_builder.h"

namespace nsearch::query {
namespace {

// The words and phrases of `node` to highlight in a snippet of the body: those not negated and
// not restricted to a field the body is not part of (title:word matches no body word).
void CollectTerms(const PlanNode& node, bool negated, const std::vector<segment::FieldSpec>& fields,
                  std::vector<std::string>* terms, std::vector<SnippetPhrase>* phrases) {
  if (negated) {
    return;
  }
  const bool in_body = node.field < 0 || static_cast<size_t>(node.field) >= fields.size() ||
                       fields[node.field].source == segment::FieldSource::kBody ||
                       fields[node.field].source == segment::FieldSource::kTitleAndBody;
  if (node.kind == PlanNode::Kind::kTerm) {
    if (in_body)
      terms->push_back(node.terms[0]);
  } else if (node.kind == PlanNode::Kind::kPhrase && node.slop > 0) {
    if (in_body)
      terms->insert(terms->end(), node.terms.begin(), node.terms.end());  // any order
  } else if (node.kind == PlanNode::Kind::kPhrase) {
    if (in_body)
      phrases->push_back({node.terms, node.offsets});
  }
  for (const auto& c : node.clauses) {
    CollectTerms(c.node, c.occur == Occur::kMustNot, fields, terms, phrases);
  }
}

}  // namespace

// Query words and snippet texts repeat far less than a corpus being indexed, and a server keeps
// a Searcher per worker: a small stem cache each (a few hundred KB, not a few MB).
constexpr size_t kSearcherStemCacheEntries = size_t{1} << 14;

// A query ready to evaluate: its expanded plan and the statistics of its terms.
struct PreparedQuery {
  PlanNode plan;
  TermTable terms;
  Bm25Params bm25;  // the request's, with its field weights parsed
};

Result<std::unique_ptr<Searcher>> Searcher::Create(const segment::IndexReader* reader) {
  std::unique_ptr<Searcher> searcher(new Searcher(reader));
  NSEARCH_ASSIGN_OR_RETURN(
      searcher->analyzer_,
      analysis::Analyzer::Create(reader->manifest().analysis, kSearcherStemCacheEntries));
  return searcher;
}

Searcher::~Searcher() = default;

Result<std::optional<PreparedQuery>> Searcher::Prepare(const SearchRequest& request) {
  if (request.limit > kMaxLimit) {
    return Status::InvalidArgument("limit " + std::to_string(request.limit) + " exceeds " +
                                   std::to_string(kMaxLimit));
  }
  if (request.offset > kMaxWindow - request.limit) {
    return Status::InvalidArgument("offset + limit exceeds " + std::to_string(kMaxWindow));
  }
  Bm25Params bm25 = request.bm25;
  if (!request.field_weights.empty()) {
    NSEARCH_ASSIGN_OR_RETURN(bm25.field_weights,
                             ParseFieldWeights(request.field_weights, *reader_));
  }
  std::optional<PlanNode> plan;
  if (request.mode != QueryMode::kQuery) {
    plan = PlanWords(request.query, request.mode, *analyzer_);
  } else {
    NSEARCH_ASSIGN_OR_RETURN(QueryNode parsed, ParseQuery(request.query));
    std::vector<std::string> fields;
    for (const auto& f : reader_->fields()) {
      fields.push_back(f.name);
    }
    NSEARCH_RETURN_IF_ERROR(CheckQueryFields(parsed, fields));
    plan = PlanQuery(parsed, *analyzer_, fields);
  }
  std::optional<PreparedQuery> prepared;
  if (plan) {
    prepared.emplace();
    prepared->plan = std::move(*plan);
    prepared->bm25 = bm25;
    NSEARCH_RETURN_IF_ERROR(
        ExpandTerms(&prepared->plan, *reader_, request.expansion, &prepared->terms));
    NSEARCH_RETURN_IF_ERROR(LookUpTerms(prepared->plan, *reader_, &prepared->terms));
  }
  return prepared;
}

Result<TopDocs> Searcher::TopHits(const SearchRequest& request) {
  NSEARCH_ASSIGN_OR_RETURN(std::optional<PreparedQuery> prepared, Prepare(request));
  if (!prepared) {
    return TopDocs{};
  }
  return Rank(*prepared, request);
}

Result<TopDocs> Searcher::Rank(const PreparedQuery& prepared, const SearchRequest& request) {
  TopDocs top;
  const PlanNode* plan = &prepared.plan;
  const ScorerBuilder builder(*reader_, prepared.terms, prepared.bm25);
  const size_t k = request.offset + request.limit;
  if (request.count_only || k == 0) {
    NSEARCH_ASSIGN_OR_RETURN(top.total, CountMatches(builder, *plan));
    return top;
  }
  TopKCollector collector(k);
  if (request.evaluator == Evaluator::kExhaustive) {
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
  } else {
    MatchCount count;
    for (size_t s = 0; s < reader_->num_segments(); ++s) {
      std::optional<BlockMaxQuery> query = builder.BuildBlockMax(*plan, s);
      if (query) {
        NSEARCH_RETURN_IF_ERROR(
            RankBlockMax(std::move(*query), reader_->doc_base(s), &collector, &count));
      }
    }
    top.total = count.matches;
    top.total_is_exact = count.exact;
    if (!count.exact && request.exact_total) {
      NSEARCH_ASSIGN_OR_RETURN(top.total, CountMatches(builder, *plan));
      top.total_is_exact = true;
    }
  }
  top.hits = collector.TakeSorted();
  top.hits.erase(top.hits.begin(), top.hits.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                          request.offset, top.hits.size())));
  return top;
}

Result<uint64_t> Searcher::CountMatches(const ScorerBuilder& builder, const PlanNode& plan) const {
  uint64_t total = 0;
  for (size_t s = 0; s < reader_->num_segments(); ++s) {
    NSEARCH_ASSIGN_OR_RETURN(uint64_t n, builder.CountMatches(plan, s));
    total += n;
  }
  return total;
}

SnippetGenerator Searcher::MakeSnippetGenerator(const PlanNode& plan,
                                                const SnippetOptions& options) {
  std::vector<std::string> terms;
  std::vector<SnippetPhrase> phrases;
  CollectTerms(plan, false, reader_->fields(), &terms, &phrases);
  return SnippetGenerator(analyzer_.get(), std::move(terms), std::move(phrases), options);
}

Result<SearchResponse> Searcher::Search(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  SearchResponse response;
  response.query = request.query;
  NSEARCH_ASSIGN_OR_RETURN(std::optional<PreparedQuery> prepared, Prepare(request));
  TopDocs top;
  if (prepared) {
    NSEARCH_ASSIGN_OR_RETURN(top, Rank(*prepared, request));
  }
  response.total = top.total;
  response.total_is_exact = top.total_is_exact;
  const PlanNode* plan = prepared ? &prepared->plan : nullptr;
  std::optional<SnippetGenerator> snippets;
  if (request.fetch_documents && plan != nullptr && !top.hits.empty()) {
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
    if (request.explain && plan != nullptr) {
      NSEARCH_ASSIGN_OR_RETURN(out.explanation,
                               ExplainScore(*reader_, *plan, prepared->bm25, hit.doc));
    }
    response.hits.push_back(std::move(out));
  }
  response.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return response;
}

std::string_view Searcher::ExternalId(uint64_t doc) const {
  const size_t s = reader_->SegmentOf(doc);
  return reader_->segment(s).external_id(static_cast<DocId>(doc - reader_->doc_base(s)));
}

Result<store::StoredDocument> Searcher::Document(uint64_t doc) const {
  const size_t s = reader_->SegmentOf(doc);
  return reader_->segment(s).Document(static_cast<DocId>(doc - reader_->doc_base(s)));
}

}  // namespace nsearch::query
