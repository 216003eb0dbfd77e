#include "query/parser/query_parser.h"

#include <cctype>

namespace nsearch::query {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool EndsWord(char c) { return IsSpace(c) || c == '"' || c == '(' || c == ')'; }

// Recursive descent over the query bytes; the lexer is folded into it because the grammar is
// tiny. Each method reports errors with the column where the problem starts.
class Parser {
 public:
  Parser(std::string_view query, const ParseLimits& limits) : q_(query), limits_(limits) {}

  Result<QueryNode> Parse() {
    if (q_.size() > limits_.max_query_bytes) {
      return Error(limits_.max_query_bytes,
                   "query is longer than " + std::to_string(limits_.max_query_bytes) + " bytes");
    }
    QueryNode root;
    NSEARCH_RETURN_IF_ERROR(ParseClauses(&root, 0));
    SkipSpace();
    if (pos_ < q_.size()) {
      return Error(pos_, "unexpected ')' with no matching '('");
    }
    return root;
  }

 private:
  Status Error(size_t at, const std::string& problem) {
    return Status::InvalidArgument("query: column " + std::to_string(at + 1) + ": " + problem);
  }

  void SkipSpace() {
    while (pos_ < q_.size() && IsSpace(q_[pos_])) {
      ++pos_;
    }
  }

  // Parses clauses into `group` until ')' or the end.
  Status ParseClauses(QueryNode* group, size_t depth) {
    group->kind = QueryNode::Kind::kBoolean;
    for (;;) {
      SkipSpace();
      if (pos_ >= q_.size() || q_[pos_] == ')') {
        return Status::Ok();
      }
      QueryNode::Clause clause;
      const size_t start = pos_;
      if (q_[pos_] == '+' || q_[pos_] == '-') {
        clause.occur = q_[pos_] == '+' ? Occur::kMust : Occur::kMustNot;
        ++pos_;
        if (pos_ >= q_.size() || IsSpace(q_[pos_]) || q_[pos_] == ')') {
          return Error(start, std::string("'") + q_[start] +
                                  "' must be followed by a word, phrase or group");
        }
      }
      NSEARCH_RETURN_IF_ERROR(ParsePrimary(&clause.node, depth));
      group->clauses.push_back(std::move(clause));
    }
  }

  Status ParsePrimary(QueryNode* node, size_t depth) {
    node->begin = static_cast<uint32_t>(pos_);
    const char c = q_[pos_];
    if (c == '"') {
      const size_t open = pos_++;
      const size_t close = q_.find('"', pos_);
      if (close == std::string_view::npos) {
        return Error(open, "quote is not closed");
      }
      node->kind = QueryNode::Kind::kPhrase;
      node->text = std::string(q_.substr(pos_, close - pos_));
      pos_ = close + 1;
      return CountClause(open);
    }
    if (c == '(') {
      const size_t open = pos_++;
      if (depth + 1 > limits_.max_depth) {
        return Error(open, "parentheses nested deeper than " + std::to_string(limits_.max_depth));
      }
      NSEARCH_RETURN_IF_ERROR(ParseClauses(node, depth + 1));
      if (pos_ >= q_.size()) {
        return Error(open, "'(' is not closed");
      }
      ++pos_;  // ')'
      return Status::Ok();
    }
    const size_t start = pos_;
    while (pos_ < q_.size() && !EndsWord(q_[pos_])) {
      ++pos_;
    }
    node->kind = QueryNode::Kind::kTerm;
    node->text = std::string(q_.substr(start, pos_ - start));
    return CountClause(start);
  }

  Status CountClause(size_t at) {
    if (++clauses_ > limits_.max_clauses) {
      return Error(
          at, "query has more than " + std::to_string(limits_.max_clauses) + " words and phrases");
    }
    return Status::Ok();
  }

  std::string_view q_;
  const ParseLimits& limits_;
  size_t pos_ = 0;
  size_t clauses_ = 0;
};

void Render(const QueryNode& node, std::string* out) {
  switch (node.kind) {
    case QueryNode::Kind::kTerm:
      out->append(node.text);
      return;
    case QueryNode::Kind::kPhrase:
      out->append("\"").append(node.text).append("\"");
      return;
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
          out->push_back('(');
        }
        Render(clause.node, out);
        if (group) {
          out->push_back(')');
        }
      }
      return;
  }
}

}  // namespace

Result<QueryNode> ParseQuery(std::string_view query, const ParseLimits& limits) {
  return Parser(query, limits).Parse();
}

std::string ToString(const QueryNode& node) {
  std::string out;
  Render(node, &out);
  return out;
}

}  // namespace nsearch::query
