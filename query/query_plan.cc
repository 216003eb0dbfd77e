#include "query/query_plan.h"

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
  return a.kind == PlanNode::Kind::kTerm && b.kind == PlanNode::Kind::kTerm && a.terms == b.terms;
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

// `boost`: the product of the enclosing groups' boosts.
std::optional<PlanNode> PlanBoosted(const QueryNode& query, double boost,
                                    analysis::Analyzer& analyzer) {
  boost *= query.boost;
  switch (query.kind) {
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
        auto child = PlanBoosted(clause.node, boost, analyzer);
        if (child) {
          AddClause(&group, clause.occur, std::move(*child));
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

std::optional<PlanNode> PlanQuery(const QueryNode& query, analysis::Analyzer& analyzer) {
  return PlanBoosted(query, 1, analyzer);
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
  switch (plan.kind) {
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
