#include "query/explain.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>

#include "index/segment/fields.h"
#include "query/eval/doc_scorer.h"
#include "query/scorer_builder.h"

namespace nsearch::query {
namespace {

std::string Quoted(const std::vector<std::string>& terms) {
  std::string out = "\"";
  for (size_t i = 0; i < terms.size(); ++i) {
    out.append(i > 0 ? " " : "").append(terms[i]);
  }
  out.push_back('"');
  return out;
}

// Recomputes the score of one document (segment `s`, local number `local`) clause by clause.
class Explainer {
 public:
  Explainer(const segment::IndexReader& reader, const TermTable& terms, const Bm25Params& bm25,
            uint64_t doc)
      : reader_(reader),
        terms_(terms),
        bm25_(IndexBm25Params(reader, bm25)),
        builder_(reader, terms, bm25),
        s_(reader.SegmentOf(doc)),
        local_(static_cast<DocId>(doc - reader.doc_base(s_))) {}

  // The explanation of `node`, or nullopt when it does not match the document.
  Result<std::optional<Explanation>> Node(const PlanNode& node) const {
    return node.kind == PlanNode::Kind::kBoolean ? Boolean(node) : Leaf(node);
  }

 private:
  Result<std::optional<Explanation>> Boolean(const PlanNode& node) const {
    Explanation out;
    out.description = "sum of:";
    // As the evaluators: required clauses summed in order, then optional ones, then both.
    double must = 0, should = 0;
    bool any_must = false, any_should = false, has_should = false, any_filter = false;
    for (const auto& c : node.clauses) {
      NSEARCH_ASSIGN_OR_RETURN(std::optional<Explanation> e, Node(c.node));
      if (c.occur == Occur::kMustNot) {
        if (e) {
          return std::optional<Explanation>();
        }
        continue;
      }
      has_should = has_should || c.occur == Occur::kShould;
      if (!e) {
        if (c.occur == Occur::kMust) {
          return std::optional<Explanation>();
        }
        continue;
      }
      if (c.node.kind == PlanNode::Kind::kFilter) {
        any_filter = true;  // restricts, scores nothing, and leaves optional clauses needed
      } else {
        (c.occur == Occur::kMust ? must : should) += e->value;
        (c.occur == Occur::kMust ? any_must : any_should) = true;
      }
      out.details.push_back(std::move(*e));
    }
    // Without required clauses an optional one must match, unless filters are all there is.
    if (!any_must && !any_should && (has_should || !any_filter)) {
      return std::optional<Explanation>();
    }
    out.value = any_must && any_should ? must + should : any_must ? must : should;
    return std::optional<Explanation>(std::move(out));
  }

  Result<std::optional<Explanation>> Leaf(const PlanNode& node) const {
    std::unique_ptr<DocScorer> scorer = builder_.Build(node, s_);
    if (scorer == nullptr) {
      return std::optional<Explanation>();
    }
    const bool on = AdvanceTo(*scorer, local_);
    NSEARCH_RETURN_IF_ERROR(scorer->status());
    if (!on) {
      return std::optional<Explanation>();
    }
    if (node.kind == PlanNode::Kind::kFilter) {
      std::string description = "filter ";
      description.append(node.expanded_from).append(": matches (a filter adds nothing)");
      return std::optional<Explanation>(Explanation{0, std::move(description), {}});
    }
    const bool phrase = node.kind == PlanNode::Kind::kPhrase;
    const std::vector<uint32_t> fields = NodeFields(node, reader_);
    Explanation out;
    out.value = scorer->Score();
    if (phrase) {
      PlanNode unboosted = node;  // the boost is a detail; ToString shows a slop
      unboosted.boost = 1;
      unboosted.field = PlanNode::kAllFields;
      out.description.append("phrase ").append(ToString(unboosted));
    } else {
      out.description.append("term ").append(Quoted(node.terms));
      if (!node.expanded_from.empty()) {
        out.description.append(" (from ").append(node.expanded_from).append(")");
      }
    }
    if (fields.size() == 1) {
      out.description.append(" in ").append(reader_.fields()[fields[0]].name);
      out.description.append(" [BM25]: boost * idf * tf, from:");
    } else {
      out.description.append(
          " [BM25F]: boost * idf * S / (k1 + S), S = the fields' shares summed, from:");
    }
    out.details.push_back({node.boost, "boost", {}});
    if (phrase) {
      Explanation idf{0, "idf, sum of the terms' idf:", {}};
      for (const auto& term : node.terms) {
        idf.details.push_back(Idf(term, fields));
        idf.value += idf.details.back().value;  // in term order, as ScorerBuilder sums them
      }
      out.details.push_back(std::move(idf));
    } else {
      out.details.push_back(Idf(node.terms[0], fields, node.blended_df));
    }
    if (fields.size() == 1) {
      out.details.push_back(Tf(scorer->Freq(), phrase, fields[0]));
      return std::optional<Explanation>(std::move(out));
    }
    out.details.push_back({bm25_.k1, "k1, term frequency saturation", {}});
    Explanation sum{scorer->Freq(), "S, sum of:", {}};
    for (uint32_t f : fields) {
      PlanNode one = node;  // the same words in field f alone, for its frequency there
      one.field = static_cast<int>(f);
      std::unique_ptr<DocScorer> in_field = builder_.Build(one, s_);
      if (in_field == nullptr || !AdvanceTo(*in_field, local_)) {
        continue;
      }
      NSEARCH_RETURN_IF_ERROR(in_field->status());
      sum.details.push_back(Share(in_field->Freq(), phrase, f));
    }
    out.details.push_back(std::move(sum));
    return std::optional<Explanation>(std::move(out));
  }

  // The idf of `term` over `fields` (its df: the field's, or the largest of them); `blended_df`:
  // see PlanNode::blended_df.
  Explanation Idf(const std::string& term, const std::vector<uint32_t>& fields,
                  uint64_t blended_df = 0) const {
    const uint64_t n = reader_.num_docs();
    uint64_t own_df = 0;
    std::string per_field;
    for (uint32_t f : fields) {
      const uint64_t df = terms_.find(segment::FieldKey(f, term))->second.df;
      own_df = std::max(own_df, df);
      per_field.append(per_field.empty() ? "" : ", ").append(reader_.fields()[f].name);
      per_field.append(" ").append(std::to_string(df));
    }
    const uint64_t df = blended_df > 0 ? blended_df : own_df;
    std::string description = "idf(";
    description.append(term).append(") = ln(1 + (N - df + 0.5) / (df + 0.5)), from:");
    std::string df_description =
        blended_df > 0 ? "df, the most documents any term of the expanded word is in; "
                       : (fields.size() > 1 ? "df, the most documents of one field containing "
                                            : "df, documents containing ");
    df_description.append(term);
    if (blended_df > 0 || fields.size() > 1) {
      df_description.append(" (").append(per_field).append(")");
    }
    return {Bm25Idf(n, df),
            std::move(description),
            {{static_cast<double>(n), "N, documents in the index", {}},
             {static_cast<double>(df), std::move(df_description), {}}}};
  }

  Explanation FreqDetail(double freq, bool phrase, uint32_t field) const {
    std::string what = phrase ? "freq, matches of the phrase in " : "freq, occurrences in ";
    what.append(reader_.fields()[field].name);
    if (phrase) {
      what.append(" (a sloppy one counts 1 / (length + 1))");
    }
    return {freq, std::move(what), {}};
  }

  // Field `field`'s share of BM25F's S.
  Explanation Share(double freq, bool phrase, uint32_t field) const {
    const double w = FieldWeights(reader_, bm25_)[field];
    const double dl = reader_.segment(s_).field_length(local_, field);
    const double avgdl = reader_.avg_field_length(field);
    const double norm = avgdl > 0 ? 1 - bm25_.b + bm25_.b * dl / avgdl : 1;
    std::string what = reader_.fields()[field].name;
    what.append(": w * freq / (1 - b + b * dl / avgdl), from:");
    return {w * freq / norm,
            std::move(what),
            {{w, "w, the field's weight", {}},
             FreqDetail(freq, phrase, field),
             {bm25_.b, "b, length normalisation", {}},
             {dl, "dl, length of the document's " + reader_.fields()[field].name, {}},
             {avgdl, "avgdl, its average length", {}}}};
  }

  Explanation Tf(double freq, bool phrase, uint32_t field) const {
    const uint32_t length = reader_.segment(s_).field_length(local_, field);
    const double avgdl = reader_.avg_field_length(field);
    Explanation freq_detail = FreqDetail(freq, phrase, field);
    if (bm25_.model == Bm25Model::kLucene4) {
      const uint8_t norm = LuceneNormByte(length);
      const double dl = LuceneNormLength(norm);
      const double lucene_avgdl = avgdl > 0 ? avgdl : 1;
      const double denominator = bm25_.k1 * (1 - bm25_.b + bm25_.b * dl / lucene_avgdl);
      return {(bm25_.k1 + 1) * freq / (freq + denominator),
              "tf = (k1 + 1) * freq / (freq + k1 * (1 - b + b * dl / avgdl)) [Lucene 4], from:",
              {std::move(freq_detail),
               {bm25_.k1, "k1, term frequency saturation", {}},
               {bm25_.b, "b, length normalisation", {}},
               {dl,
                "dl, length of the document as its one-byte norm " + std::to_string(norm) +
                    " stands for it (exact length " + std::to_string(length) + ")",
                {}},
               {lucene_avgdl, "avgdl, average document length", {}}}};
    }
    // The terms of Bm25TermScorer::Score (with no length normalisation when avgdl is 0).
    const double dl = length;
    const double norm =
        bm25_.k1 * (1 - bm25_.b) + (avgdl > 0 ? bm25_.k1 * bm25_.b / avgdl : 0) * dl;
    return {freq / (freq + norm),
            "tf = freq / (freq + k1 * (1 - b + b * dl / avgdl)), from:",
            {std::move(freq_detail),
             {bm25_.k1, "k1, term frequency saturation", {}},
             {bm25_.b, "b, length normalisation", {}},
             {dl, "dl, length of the document (terms)", {}},
             {avgdl, "avgdl, average document length", {}}}};
  }

  const segment::IndexReader& reader_;
  const TermTable& terms_;
  Bm25Params bm25_;
  ScorerBuilder builder_;
  size_t s_;
  DocId local_;
};

void AppendText(const Explanation& e, size_t indent, std::string* out) {
  char value[64];
  if (e.value == std::floor(e.value) && std::fabs(e.value) < 1e15) {
    std::snprintf(value, sizeof value, "%.0f", e.value);
  } else if (std::fabs(e.value) < 1e-4) {
    std::snprintf(value, sizeof value, "%.4g", e.value);  // 1.234e-05, not 0
  } else {
    std::snprintf(value, sizeof value, "%.4f", e.value);
  }
  std::string_view shown = value;
  if (shown.find('.') != std::string_view::npos &&
      shown.find('e') == std::string_view::npos) {  // 1.2000 -> 1.2, 0.7500 -> 0.75
    while (shown.back() == '0') shown.remove_suffix(1);
    if (shown.back() == '.')
      shown.remove_suffix(1);
  }
  out->append(indent, ' ').append(shown).append(" ").append(e.description).append("\n");
  for (const Explanation& d : e.details) {
    AppendText(d, indent + 2, out);
  }
}

}  // namespace

Result<Explanation> ExplainScore(const segment::IndexReader& reader, const PlanNode& plan,
                                 const Bm25Params& bm25, uint64_t doc) {
  TermTable terms;
  NSEARCH_RETURN_IF_ERROR(LookUpTerms(plan, reader, &terms));
  const Explainer explainer(reader, terms, bm25, doc);
  NSEARCH_ASSIGN_OR_RETURN(std::optional<Explanation> e, explainer.Node(plan));
  if (!e) {
    return Explanation{0, "no match", {}};
  }
  return std::move(*e);
}

std::string ToText(const Explanation& explanation, size_t indent) {
  std::string out;
  AppendText(explanation, indent, &out);
  return out;
}

}  // namespace nsearch::query
