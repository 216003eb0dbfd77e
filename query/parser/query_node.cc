#include "query/parser/query_node.h"

#include <charconv>

#include "index/analysis/date_term.h"

namespace nsearch::query {
namespace {

void AppendBoost(double boost, std::string* out) {
  if (boost == 1) {
    return;
  }
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof(buf), boost);
  out->push_back('^');
  out->append(buf, result.ptr);
}

void Render(const QueryNode& node, std::string* out) {
  if (!node.field.empty() && node.kind != QueryNode::Kind::kBoolean) {
    out->append(node.field).append(":");
  }
  switch (node.kind) {
    case QueryNode::Kind::kTerm:
      out->append(node.text);
      break;
    case QueryNode::Kind::kPrefix:
      out->append(node.text).append("*");
      break;
    case QueryNode::Kind::kFuzzy:
      out->append(node.text).append("~").append(std::to_string(node.edits));
      break;
    case QueryNode::Kind::kDateRange:
      out->append("date:[");
      out->append(node.date_from.empty() ? "*" : analysis::FormatDay(node.date_from));
      out->append(" TO ");
      out->append(node.date_to.empty() ? "*" : analysis::FormatDay(node.date_to));
      out->append("]");
      break;
    case QueryNode::Kind::kPhrase:
      out->append("\"").append(node.text).append("\"");
      if (node.slop > 0) {
        out->append("~").append(std::to_string(node.slop));
      }
      break;
    case QueryNode::Kind::kBoolean:
      for (size_t i = 0; i < node.clauses.size(); ++i) {
        const auto& clause = node.clauses[i];
        if (i > 0) {
          out->push_back(' ');
        }
        if (clause.occur == Occur::kMust) {
          out->push_back('+');
        } else if (clause.occur == Occur::kMustNot) {
          out->push_back('-');
        }
        const bool group = clause.node.kind == QueryNode::Kind::kBoolean;
        if (group) {
          if (!clause.node.field.empty()) {
            out->append(clause.node.field).append(":");
          }
          out->push_back('(');
        }
        Render(clause.node, out);
        if (group) {
          out->push_back(')');
          AppendBoost(clause.node.boost, out);
        }
      }
      return;  // a group's own boost is rendered after its closing parenthesis
  }
  AppendBoost(node.boost, out);
}

}  // namespace

std::string ToString(const QueryNode& node) {
  std::string out;
  Render(node, &out);
  return out;
}

}  // namespace nsearch::query
