#include "query/query_plan.h"

#include "index/analysis/date_term.h"

namespace nsearch::query {
namespace {

std::optional<PlanNode> PlanText(std::string_view text, analysis::Analyzer& analyzer) {
  const auto tokens = analyzer.AnalyzeToVector(text);
  if (tokens.empty()) {
    return std::nullopt;
  }
  PlanNode node;
  node.kind = tokens.size() == 1 ? PlanNode::Kind::kTerm : PlanNode::Kind::kPhrase;
  for (const auto& t : tokens) {
    node.terms.push_back(t.term);
    node.offsets.push_back(t.position - tokens[0].position);
  }
  if (node.kind == PlanNode::Kind::kTerm) {
    node.offsets.clear();
  }
  return node;
}

bool SameTerm(const PlanNode& a, const PlanNode& b) {
  return a.kind == PlanNode::Kind::kTerm && b.kind == PlanNode::Kind::kTerm && a.terms == b.terms &&
         a.field == b.field;
}

// The number of field `name` in `fields`, or -2 if it is not there; kAllFields for no name.
int FieldNumber(const std::string& name, const std::vector<std::string>& fields) {
  if (name.empty()) {
    return PlanNode::kAllFields;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i] == name) {
      return static_cast<int>(i);
    }
  }
  return -2;
}

// Adds a clause, folding a repeated term with the same occur into one clause with a higher boost
// (the same score as two clauses, Lucene's BooleanQuery sum, for one cursor's work).
void AddClause(PlanNode* group, Occur occur, PlanNode node) {
  for (auto& c : group->clauses) {
    if (c.occur == occur && SameTerm(c.node, node)) {
      if (occur != Occur::kMustNot) {
        c.node.boost += node.boost;
      }
      return;
    }
  }
  group->clauses.push_back({occur, std::move(node)});
}

std::optional<PlanNode> PlanLeafOrGroup(const QueryNode& query, double boost,
                                        const std::string& field, analysis::Analyzer& analyzer,
                                        const std::vector<std::string>& fields);

// `boost`: the product of the enclosing groups' boosts; `field`: the innermost group field.
std::optional<PlanNode> PlanBoosted(const QueryNode& query, double boost, const std::string& field,
                                    analysis::Analyzer& analyzer,
                                    const std::vector<std::string>& fields) {
  boost *= query.boost;
  const std::string& name = query.field.empty() ? field : query.field;
  const int number = FieldNumber(name, fields);
  if (number == -2 && query.kind != QueryNode::Kind::kDateRange) {
    return std::nullopt;  // no such field: CheckQueryFields reports it
  }
  std::optional<PlanNode> planned = PlanLeafOrGroup(query, boost, name, analyzer, fields);
  // A group of one clause comes back as that clause, which has its own field already.
  if (planned && query.kind != QueryNode::Kind::kBoolean &&
      planned->kind != PlanNode::Kind::kDateRange) {
    planned->field = number;
  }
  return planned;
}

std::optional<PlanNode> PlanLeafOrGroup(const QueryNode& query, double boost,
                                        const std::string& field, analysis::Analyzer& analyzer,
                                        const std::vector<std::string>& fields) {
  switch (query.kind) {
    case QueryNode::Kind::kDateRange: {
      PlanNode node;
      node.kind = PlanNode::Kind::kDateRange;
      node.terms = {query.date_from.empty() ? std::string(analysis::kDateTermPrefix)
                                            : analysis::DateTerm(query.date_from),
                    query.date_to.empty() ? std::string() : analysis::DateTerm(query.date_to)};
      node.expanded_from = ToString(query);
      return node;
    }
    case QueryNode::Kind::kPrefix:
    case QueryNode::Kind::kFuzzy: {
      PlanNode node;
      node.boost = boost;
      node.edits = query.edits;
      node.expanded_from = query.text;
      if (query.kind == QueryNode::Kind::kPrefix) {
        node.expanded_from.push_back('*');
      } else {
        node.expanded_from.append("~").append(std::to_string(query.edits));
      }
      if (query.kind == QueryNode::Kind::kFuzzy) {
        node.kind = PlanNode::Kind::kFuzzy;
        for (auto& t : analyzer.AnalyzeToVector(query.text)) {
          node.terms.push_back(std::move(t.term));
        }
        if (node.terms.empty()) {
          return std::nullopt;  // a stopword, as a plain word would be
        }
        return node;
      }
      node.kind = PlanNode::Kind::kPrefix;
      node.terms = analyzer.FoldWords(query.text);
      if (node.terms.size() != 1) {
        node.terms.clear();
      } else {
        const auto whole = analyzer.AnalyzeToVector(query.text);
        if (whole.size() == 1 && whole[0].term != node.terms[0]) {
          node.terms.push_back(whole[0].term);
        }
      }
      return node;  // an empty or multi-word prefix is reported by ExpandTerms
    }
    case QueryNode::Kind::kTerm:
    case QueryNode::Kind::kPhrase: {
      std::optional<PlanNode> node = PlanText(query.text, analyzer);
      if (node) {
        node->boost = boost;
        // A word that analyzes to several terms stays an exact phrase; a quoted one keeps its slop.
        if (node->kind == PlanNode::Kind::kPhrase && query.kind == QueryNode::Kind::kPhrase) {
          node->slop = query.slop;
        }
      }
      return node;
    }
    case QueryNode::Kind::kBoolean: {
      PlanNode group;
      for (const auto& clause : query.clauses) {
        auto child = PlanBoosted(clause.node, boost, field, analyzer, fields);
        if (child) {
          // A date filter restricts: written without + or -, it is still required.
          const bool filter = child->kind == PlanNode::Kind::kDateRange;
          AddClause(&group, filter && clause.occur == Occur::kShould ? Occur::kMust : clause.occur,
                    std::move(*child));
        }
      }
      if (group.clauses.empty()) {
        return std::nullopt;
      }
      if (group.clauses.size() == 1 && group.clauses[0].occur != Occur::kMustNot) {
        PlanNode only = std::move(group.clauses[0].node);
        return only;
      }
      return group;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<PlanNode> PlanQuery(const QueryNode& query, analysis::Analyzer& analyzer,
                                  const std::vector<std::string>& fields) {
  return PlanBoosted(query, 1, "", analyzer, fields);
}

Status CheckQueryFields(const QueryNode& query, const std::vector<std::string>& fields) {
  if (!query.field.empty() && FieldNumber(query.field, fields) == -2) {
    std::string known;
    for (const std::string& f : fields) {
      known.append(known.empty() ? "" : ", ").append(f);
    }
    return Status::InvalidArgument("query: column " + std::to_string(query.begin + 1) +
                                   ": unknown field '" + query.field + "' (this index has " +
                                   known + ", and date:); quote a word with ':' to search it");
  }
  for (const auto& c : query.clauses) {
    NSEARCH_RETURN_IF_ERROR(CheckQueryFields(c.node, fields));
  }
  return Status::Ok();
}

std::optional<PlanNode> PlanWords(std::string_view text, QueryMode mode,
                                  analysis::Analyzer& analyzer) {
  if (mode == QueryMode::kPhrase) {
    return PlanText(text, analyzer);
  }
  const auto tokens = analyzer.AnalyzeToVector(text);
  PlanNode group;
  const Occur occur = mode == QueryMode::kAnd ? Occur::kMust : Occur::kShould;
  for (const auto& t : tokens) {
    PlanNode term;
    term.kind = PlanNode::Kind::kTerm;
    term.terms = {t.term};
    AddClause(&group, occur, std::move(term));
  }
  if (group.clauses.empty()) {
    return std::nullopt;
  }
  if (group.clauses.size() == 1) {
    PlanNode only = std::move(group.clauses[0].node);
    return only;
  }
  return group;
}

std::string ToString(const PlanNode& plan) {
  std::string out;
  if (plan.field != PlanNode::kAllFields && plan.kind != PlanNode::Kind::kBoolean) {
    out.append("field").append(std::to_string(plan.field)).append(":");
  }
  switch (plan.kind) {
    case PlanNode::Kind::kPrefix:
    case PlanNode::Kind::kFuzzy:
    case PlanNode::Kind::kDateRange:
    case PlanNode::Kind::kFilter:
      out = plan.expanded_from;
      break;
    case PlanNode::Kind::kTerm:
      out = plan.terms[0];
      break;
    case PlanNode::Kind::kPhrase:
      out.push_back('"');
      for (size_t i = 0; i < plan.terms.size(); ++i) {
        if (i > 0) {
          out.push_back(' ');
        }
        out.append(plan.terms[i]);
      }
      out.push_back('"');
      if (plan.slop > 0) {
        out.append("~").append(std::to_string(plan.slop));
      }
      break;
    case PlanNode::Kind::kBoolean:
      for (size_t i = 0; i < plan.clauses.size(); ++i) {
        const auto& c = plan.clauses[i];
        if (i > 0) {
          out.push_back(' ');
        }
        if (c.occur != Occur::kShould) {
          out.push_back(c.occur == Occur::kMust ? '+' : '-');
        }
        const bool group = c.node.kind == PlanNode::Kind::kBoolean;
        if (group) {
          out.push_back('(');
        }
        out.append(ToString(c.node));
        if (group) {
          out.push_back(')');
        }
      }
      break;
  }
  if (plan.boost != 1) {
    out.push_back('^');
    out.append(std::to_string(plan.boost).substr(0, 4));
  }
  return out;
}

}  // namespace nsearch::query
