#include "tests/support/brute_force_searcher.h"

#include <algorithm>

namespace nsearch::test {

using query::Occur;
using query::PlanNode;

Result<std::unique_ptr<BruteForceSearcher>> BruteForceSearcher::Create(
    const std::vector<store::StoredDocument>& docs, const analysis::AnalyzerOptions& options) {
  NSEARCH_ASSIGN_OR_RETURN(std::unique_ptr<analysis::Analyzer> analyzer,
                           analysis::Analyzer::Create(options));
  std::unique_ptr<BruteForceSearcher> searcher(new BruteForceSearcher());
  for (const store::StoredDocument& doc : docs) {
    AnalyzedDoc analyzed;
    auto sink = [&analyzed](const analysis::Token& token) {
      analyzed.positions[token.term].push_back(token.position);
      ++analyzed.length;
    };
    // The same position space as SegmentWriter::Add: the body starts one position after the
    // title's next position, so phrases never match across the two fields.
    const uint32_t next = analyzer->Analyze(doc.title, 0, sink);
    analyzer->Analyze(doc.body, next + 1, sink);
    for (const auto& [term, positions] : analyzed.positions) {
      ++searcher->doc_freq_[term];
    }
    searcher->total_length_ += analyzed.length;
    searcher->docs_.push_back(std::move(analyzed));
  }
  return searcher;
}

double BruteForceSearcher::avg_doc_length() const {
  if (docs_.empty()) {
    return 0;
  }
  return static_cast<double>(total_length_) / static_cast<double>(docs_.size());
}

uint64_t BruteForceSearcher::DocFreq(const std::string& term) const {
  auto it = doc_freq_.find(term);
  return it == doc_freq_.end() ? 0 : it->second;
}

uint32_t BruteForceSearcher::PhraseFreq(const PlanNode& node, const AnalyzedDoc& doc) const {
  std::vector<const std::vector<uint32_t>*> lists;
  for (const std::string& term : node.terms) {
    auto it = doc.positions.find(term);
    if (it == doc.positions.end()) {
      return 0;
    }
    lists.push_back(&it->second);
  }
  uint32_t freq = 0;
  for (uint32_t p0 : *lists[0]) {
    if (p0 < node.offsets[0]) {
      continue;
    }
    const uint64_t start = p0 - node.offsets[0];
    bool all = true;
    for (size_t i = 1; i < lists.size() && all; ++i) {
      all = std::binary_search(lists[i]->begin(), lists[i]->end(), start + node.offsets[i]);
    }
    freq += all ? 1 : 0;
  }
  return freq;
}

std::optional<double> BruteForceSearcher::Score(const PlanNode& node, uint64_t doc,
                                                const query::Bm25Params& params,
                                                const query::CollectionStats& stats) const {
  const AnalyzedDoc& d = docs_[doc];
  switch (node.kind) {
    case PlanNode::Kind::kTerm: {
      auto it = d.positions.find(node.terms[0]);
      if (it == d.positions.end()) {
        return std::nullopt;
      }
      const double idf = query::Bm25Idf(stats.num_docs, DocFreq(node.terms[0]));
      const query::Bm25TermScorer scorer(node.boost * idf, params, stats);
      return scorer.Score(static_cast<uint32_t>(it->second.size()), d.length);
    }
    case PlanNode::Kind::kPhrase: {
      const uint32_t freq = PhraseFreq(node, d);
      if (freq == 0) {
        return std::nullopt;
      }
      double idf = 0;
      for (const std::string& term : node.terms) {
        idf += query::Bm25Idf(stats.num_docs, DocFreq(term));
      }
      const query::Bm25TermScorer scorer(node.boost * idf, params, stats);
      return scorer.Score(freq, d.length);
    }
    case PlanNode::Kind::kBoolean: {
      bool has_must = false;
      bool any_should = false;
      double must_sum = 0;
      double should_sum = 0;
      for (const PlanNode::Clause& c : node.clauses) {
        const std::optional<double> s = Score(c.node, doc, params, stats);
        switch (c.occur) {
          case Occur::kMust:
            has_must = true;
            if (!s) {
              return std::nullopt;
            }
            must_sum += *s;
            break;
          case Occur::kShould:
            if (s) {
              any_should = true;
              should_sum += *s;
            }
            break;
          case Occur::kMustNot:
            if (s) {
              return std::nullopt;
            }
            break;
        }
      }
      if (has_must) {
        return any_should ? must_sum + should_sum : must_sum;
      }
      if (any_should) {
        return should_sum;
      }
      return std::nullopt;  // no required clause and no optional one matched (or only MUST_NOT)
    }
  }
  return std::nullopt;
}

BruteForceResult BruteForceSearcher::Search(const PlanNode& plan,
                                            const query::Bm25Params& params) const {
  query::CollectionStats stats;
  stats.num_docs = num_docs();
  stats.avg_doc_length = avg_doc_length();
  BruteForceResult result;
  for (uint64_t doc = 0; doc < docs_.size(); ++doc) {
    if (std::optional<double> s = Score(plan, doc, params, stats)) {
      result.hits.push_back({doc, *s});
    }
  }
  result.total = result.hits.size();
  std::sort(result.hits.begin(), result.hits.end(), query::RanksBefore);
  return result;
}

BruteForceResult BruteForceSearcher::Search(const std::optional<PlanNode>& plan,
                                            const query::Bm25Params& params) const {
  if (!plan) {
    return {};
  }
  return Search(*plan, params);
}

}  // namespace nsearch::test
