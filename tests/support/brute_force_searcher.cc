#include "tests/support/brute_force_searcher.h"

#include <algorithm>
#include <limits>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "index/analysis/date_term.h"
#include "index/analysis/utf8.h"

namespace nsearch::test {

using query::Occur;
using query::PlanNode;

namespace {

std::u32string Decode(std::string_view s) {
  std::u32string out;
  while (!s.empty()) {
    const analysis::Utf8Char c = analysis::DecodeUtf8(s);
    out.push_back(c.code_point);
    s.remove_prefix(c.length);
  }
  return out;
}

}  // namespace

size_t FullEditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

PlanNode BruteForceSearcher::Expand(const PlanNode& node) const {
  if (node.kind == PlanNode::Kind::kBoolean) {
    PlanNode out = node;
    for (auto& c : out.clauses) {
      c.node = Expand(c.node);
    }
    return out;
  }
  if (node.kind != PlanNode::Kind::kPrefix && node.kind != PlanNode::Kind::kFuzzy) {
    return node;
  }
  // (edits, -df, term) of every word of the node's fields the word stands for, df summed over
  // those fields (as the searcher ranks fuzzy candidates).
  std::map<std::string, uint64_t> vocabulary;
  for (size_t f : NodeFields(node)) {
    for (const auto& [term, df] : doc_freq_[f]) {
      vocabulary[term] += df;
    }
  }
  std::vector<std::tuple<size_t, int64_t, std::string>> found;
  for (const auto& [term, df] : vocabulary) {
    if (node.kind == PlanNode::Kind::kPrefix) {
      if ((!node.terms.empty() && term.rfind(node.terms[0], 0) == 0) ||
          (node.terms.size() > 1 && term == node.terms[1])) {
        found.emplace_back(0, -static_cast<int64_t>(df), term);
      }
      continue;
    }
    const std::u32string a = Decode(node.terms[0]), b = Decode(term);
    const size_t edits = FullEditDistance(a, b);
    if (edits <= node.edits && (edits == 0 || edits < std::min(a.size(), b.size()))) {
      found.emplace_back(edits, -static_cast<int64_t>(df), term);
    }
  }
  std::sort(found.begin(), found.end());
  if (node.kind == PlanNode::Kind::kFuzzy && found.size() > kMaxFuzzyTerms) {
    found.resize(kMaxFuzzyTerms);
  }
  std::sort(found.begin(), found.end(),
            [](const auto& x, const auto& y) { return std::get<2>(x) < std::get<2>(y); });
  PlanNode group;
  uint64_t blended = 0;  // the largest df of one word in one field
  for (const auto& f : found) {
    for (size_t field : NodeFields(node)) {
      blended = std::max(blended, DocFreq(field, std::get<2>(f)));
    }
  }
  for (const auto& [edits, minus_df, term] : found) {
    PlanNode t;
    t.kind = PlanNode::Kind::kTerm;
    t.terms = {term};
    t.boost = node.boost;
    if (edits > 0) {
      const size_t shorter = std::min(Decode(node.terms[0]).size(), Decode(term).size());
      t.boost *= 1 - static_cast<double>(edits) / static_cast<double>(shorter);
    }
    t.blended_df = blended;
    t.field = node.field;
    group.clauses.push_back({Occur::kShould, std::move(t)});
  }
  return group;
}

Result<std::unique_ptr<BruteForceSearcher>> BruteForceSearcher::Create(
    const std::vector<store::StoredDocument>& docs, const analysis::AnalyzerOptions& options,
    const std::vector<segment::FieldSpec>& fields) {
  NSEARCH_ASSIGN_OR_RETURN(std::unique_ptr<analysis::Analyzer> analyzer,
                           analysis::Analyzer::Create(options));
  std::unique_ptr<BruteForceSearcher> searcher(new BruteForceSearcher());
  searcher->fields_ = fields;
  searcher->doc_freq_.resize(fields.size());
  searcher->field_length_.assign(fields.size(), 0);
  for (const store::StoredDocument& doc : docs) {
    AnalyzedDoc analyzed;
    std::set<std::string> any;
    for (size_t f = 0; f < fields.size(); ++f) {
      AnalyzedField field;
      auto sink = [&field](const analysis::Token& token) {
        field.positions[token.term].push_back(token.position);
        ++field.length;
      };
      // As SegmentWriter::Add: each field from position 0, a title-and-body field as one text.
      const uint32_t next = analyzer->Analyze(segment::FieldText(fields[f], doc), 0, sink);
      if (fields[f].source == segment::FieldSource::kTitleAndBody) {
        analyzer->Analyze(doc.body, next, sink);
      }
      for (const auto& [term, positions] : field.positions) {
        ++searcher->doc_freq_[f][term];
        any.insert(term);
      }
      searcher->field_length_[f] += field.length;
      analyzed.fields.push_back(std::move(field));
    }
    for (const std::string& term : any) {
      ++searcher->any_field_doc_freq_[term];
    }
    if (const auto day = analysis::ParseDocumentDate(doc.date); day && options.index_dates) {
      analyzed.date_term = analysis::DateTerm(*day);
    }
    searcher->docs_.push_back(std::move(analyzed));
  }
  return searcher;
}

std::vector<size_t> BruteForceSearcher::NodeFields(const PlanNode& node) const {
  if (node.field != PlanNode::kAllFields) {
    return {static_cast<size_t>(node.field)};
  }
  std::vector<size_t> all(fields_.size());
  for (size_t f = 0; f < all.size(); ++f) {
    all[f] = f;
  }
  return all;
}

double BruteForceSearcher::avg_doc_length() const {
  uint64_t total = 0;
  for (uint64_t length : field_length_) {
    total += length;
  }
  return docs_.empty() ? 0 : static_cast<double>(total) / static_cast<double>(docs_.size());
}

double BruteForceSearcher::avg_field_length(size_t field) const {
  return docs_.empty()
             ? 0
             : static_cast<double>(field_length_[field]) / static_cast<double>(docs_.size());
}

uint64_t BruteForceSearcher::DocFreq(const std::string& term) const {
  auto it = any_field_doc_freq_.find(term);
  return it == any_field_doc_freq_.end() ? 0 : it->second;
}

uint64_t BruteForceSearcher::DocFreq(size_t field, const std::string& term) const {
  auto it = doc_freq_[field].find(term);
  return it == doc_freq_[field].end() ? 0 : it->second;
}

uint32_t BruteForceSearcher::DocLength(uint64_t doc) const {
  uint32_t length = 0;
  for (const AnalyzedField& f : docs_[doc].fields) {
    length += f.length;
  }
  return length;
}

uint32_t BruteForceSearcher::PhraseFreq(const PlanNode& node, const AnalyzedField& doc) const {
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

// Lucene's SloppyPhraseMatcher, written out over plain vectors: the terms' positions minus their
// offsets advance in step, the furthest behind first; each match no longer than the slop adds
// 1 / (length + 1). Copies of a repeated term start on successive occurrences and never share a
// position (the lesser of two colliding copies moves on).
double BruteForceSearcher::SloppyPhraseFreq(const PlanNode& node, const AnalyzedField& doc) const {
  const size_t n = node.terms.size();
  std::vector<const std::vector<uint32_t>*> lists;
  std::vector<size_t> at(n, 0);
  for (size_t i = 0; i < n; ++i) {
    auto it = doc.positions.find(node.terms[i]);
    if (it == doc.positions.end()) {
      return 0;
    }
    lists.push_back(&it->second);
    for (size_t j = 0; j < i; ++j) {
      at[i] += node.terms[j] == node.terms[i] ? 1 : 0;
    }
    if (at[i] >= lists[i]->size()) {
      return 0;
    }
  }
  auto shifted = [&](size_t i) {
    return static_cast<int64_t>((*lists[i])[at[i]]) - static_cast<int64_t>(node.offsets[i]);
  };
  auto end = [&] {
    int64_t e = shifted(0);
    for (size_t i = 1; i < n; ++i) {
      e = std::max(e, shifted(i));
    }
    return e;
  };
  // Advances copy i and settles collisions with the other copies of its term.
  auto advance = [&](size_t i) {
    for (;;) {
      if (++at[i] >= lists[i]->size()) {
        return false;
      }
      size_t other = n;
      for (size_t j = 0; j < n && other == n; ++j) {
        if (j != i && node.terms[j] == node.terms[i] && (*lists[j])[at[j]] == (*lists[i])[at[i]]) {
          other = j;
        }
      }
      if (other == n) {
        return true;
      }
      const bool i_lesser = shifted(i) < shifted(other) ||
                            (shifted(i) == shifted(other) && node.offsets[i] < node.offsets[other]);
      i = i_lesser ? i : other;
    }
  };
  const int64_t slop = node.slop;
  double freq = 0;
  for (;;) {
    size_t lead = 0;
    for (size_t i = 1; i < n; ++i) {
      if (std::make_pair(shifted(i), node.offsets[i]) <
          std::make_pair(shifted(lead), node.offsets[lead])) {
        lead = i;
      }
    }
    int64_t next = std::numeric_limits<int64_t>::max();
    for (size_t i = 0; i < n; ++i) {
      if (i != lead) {
        next = std::min(next, shifted(i));
      }
    }
    int64_t length = end() - shifted(lead);
    bool more = true;
    while ((more = advance(lead)) && shifted(lead) <= next) {
      length = std::min(length, end() - shifted(lead));
    }
    if (length <= slop) {
      freq += 1.0 / static_cast<double>(length + 1);
    }
    if (!more) {
      return freq;
    }
  }
}

std::optional<double> BruteForceSearcher::Score(const PlanNode& node, uint64_t doc,
                                                const query::Bm25Params& params,
                                                const query::CollectionStats& stats) const {
  const AnalyzedDoc& d = docs_[doc];
  switch (node.kind) {
    case PlanNode::Kind::kTerm: {
      const std::vector<size_t> fields = NodeFields(node);
      uint64_t df = node.blended_df;
      for (size_t f : fields) {
        df = node.blended_df > 0 ? df : std::max(df, DocFreq(f, node.terms[0]));
      }
      return ScoreFields(node, d, params, query::Bm25Idf(stats.num_docs, df), [&](size_t f) {
        auto it = d.fields[f].positions.find(node.terms[0]);
        return it == d.fields[f].positions.end() ? 0.0 : static_cast<double>(it->second.size());
      });
    }
    case PlanNode::Kind::kPhrase: {
      double idf = 0;
      for (const std::string& term : node.terms) {
        uint64_t df = 0;
        for (size_t f : NodeFields(node)) {
          df = std::max(df, DocFreq(f, term));
        }
        idf += query::Bm25Idf(stats.num_docs, df);
      }
      return ScoreFields(node, d, params, idf, [&](size_t f) {
        return node.slop > 0 ? SloppyPhraseFreq(node, d.fields[f])
                             : static_cast<double>(PhraseFreq(node, d.fields[f]));
      });
    }
    case PlanNode::Kind::kBoolean: {
      bool has_must = false;
      bool has_should = false;
      bool any_should = false;
      bool has_filter = false;
      double must_sum = 0;
      double should_sum = 0;
      for (const PlanNode::Clause& c : node.clauses) {
        const std::optional<double> s = Score(c.node, doc, params, stats);
        has_should = has_should || c.occur == Occur::kShould;
        if (c.occur == Occur::kMust && c.node.kind == PlanNode::Kind::kDateRange) {
          // A filter: must match, scores nothing, and is no required clause for the others.
          if (!s) {
            return std::nullopt;
          }
          has_filter = true;
          continue;
        }
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
      if (has_filter && !has_should) {
        return 0.0;  // only filters (and exclusions)
      }
      return std::nullopt;  // no required clause and no optional one matched (or only MUST_NOT)
    }
    case PlanNode::Kind::kDateRange: {
      const bool within = !d.date_term.empty() && d.date_term >= node.terms[0] &&
                          (node.terms[1].empty() || d.date_term <= node.terms[1]);
      return within ? std::optional<double>(0.0) : std::nullopt;
    }
    case PlanNode::Kind::kPrefix:
    case PlanNode::Kind::kFuzzy:
    case PlanNode::Kind::kFilter:
      break;  // replaced by Expand; kFilter is the searcher's form of kDateRange
  }
  return std::nullopt;
}

std::optional<double> BruteForceSearcher::ScoreFields(
    const PlanNode& node, const AnalyzedDoc& d, const query::Bm25Params& params, double idf,
    const std::function<double(size_t)>& freq) const {
  const std::vector<size_t> fields = NodeFields(node);
  const auto field_stats = [&](size_t f) {
    query::CollectionStats stats;
    stats.num_docs = num_docs();
    stats.avg_doc_length = avg_field_length(f);
    return stats;
  };
  if (fields.size() == 1) {
    const size_t f = fields[0];
    const double tf = freq(f);
    if (tf == 0) {
      return std::nullopt;
    }
    return query::Bm25TermScorer(node.boost * idf, params, field_stats(f))
        .Score(tf, d.fields[f].length);
  }
  double sum = 0;
  bool any = false;
  for (size_t f : fields) {
    const double tf = freq(f);
    if (tf == 0) {
      continue;
    }
    const double weight =
        f < params.field_weights.size() ? params.field_weights[f] : fields_[f].weight;
    sum += query::Bm25TermScorer::FieldShare(weight, params, field_stats(f))
               .Score(tf, d.fields[f].length);
    any = true;
  }
  if (!any) {
    return std::nullopt;
  }
  const double weight = node.boost * idf;
  return weight * (sum / (params.k1 + sum));
}

BruteForceResult BruteForceSearcher::Search(const PlanNode& plan,
                                            const query::Bm25Params& params) const {
  query::CollectionStats stats;  // N; the fields' lengths are ScoreFields'
  stats.num_docs = num_docs();
  stats.avg_doc_length = avg_doc_length();
  BruteForceResult result;
  const PlanNode expanded = Expand(plan);
  for (uint64_t doc = 0; doc < docs_.size(); ++doc) {
    if (std::optional<double> s = Score(expanded, doc, params, stats)) {
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
