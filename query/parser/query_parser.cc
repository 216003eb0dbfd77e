#include "query/parser/query_parser.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "index/analysis/date_term.h"

namespace nsearch::query {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool EndsToken(char c) { return IsSpace(c) || c == '"' || c == '(' || c == ')'; }
// '^' and '~' end a word too: they start its boost, slop or edit distance.
bool EndsWord(char c) { return EndsToken(c) || c == '^' || c == '~'; }

enum class Op { kNone, kAnd, kOr, kNot };

// Fuzzy words: word~ allows two edits, as in Lucene; more would match most short terms.
constexpr uint32_t kDefaultEdits = 2;
constexpr uint32_t kMaxEdits = 2;

// The one field the syntax knows: documents' dates.
constexpr std::string_view kDateField = "date:";

// Recursive descent over the query bytes; the lexer is folded into it because the grammar is
// small. Each method reports errors with the column where the problem starts.
class Parser {
 public:
  Parser(std::string_view query, const ParseLimits& limits) : q_(query), limits_(limits) {}

  Result<QueryNode> Parse() {
    if (q_.size() > limits_.max_query_bytes) {
      return Error(limits_.max_query_bytes,
                   "query is longer than " + std::to_string(limits_.max_query_bytes) + " bytes");
    }
    QueryNode root;
    NSEARCH_RETURN_IF_ERROR(ParseOr(&root, 0));
    SkipSpace();
    if (pos_ < q_.size()) {
      return Error(pos_, "unexpected ')' with no matching '('");
    }
    return root;
  }

 private:
  Status Error(size_t at, const std::string& problem) {
    std::string message = "query: column ";
    message.append(std::to_string(at + 1)).append(": ").append(problem);
    return Status::InvalidArgument(message);
  }

  void SkipSpace() {
    while (pos_ < q_.size() && IsSpace(q_[pos_])) {
      ++pos_;
    }
  }
  bool AtEnd() const { return pos_ >= q_.size() || q_[pos_] == ')'; }

  // The operator at pos_ (after white space), and its length in `len`. Words are operators only
  // in upper case and standing alone; "&&" and "||" need no space after them, and "!" must be
  // followed directly by a word, phrase or group.
  Op PeekOp(size_t* len) const {
    const std::string_view rest = q_.substr(pos_);
    auto word = [&](std::string_view w) {
      return rest.substr(0, w.size()) == w &&
             (rest.size() == w.size() || EndsToken(rest[w.size()]));
    };
    if (word("AND") || rest.substr(0, 2) == "&&") {
      *len = rest[0] == '&' ? 2 : 3;
      return Op::kAnd;
    }
    if (word("OR") || rest.substr(0, 2) == "||") {
      *len = 2;
      return Op::kOr;
    }
    // "!" negates only what directly follows it, so that "!!!" or a lone "!" stay punctuation.
    const bool bang = rest.size() > 1 && rest[0] == '!' &&
                      (rest[1] == '"' || rest[1] == '(' || (!EndsToken(rest[1]) && rest[1] != '!'));
    if (word("NOT") || bang) {
      *len = rest[0] == '!' ? 1 : 3;
      return Op::kNot;
    }
    *len = 0;
    return Op::kNone;
  }

  std::string OpName(size_t at, size_t len) const {
    std::string name = "'";
    name.append(q_.substr(at, len)).append("'");
    return name;
  }

  // or_expr into `group` until ')' or the end.
  Status ParseOr(QueryNode* group, size_t depth) {
    group->kind = QueryNode::Kind::kBoolean;
    std::vector<QueryNode::Clause> items;
    bool only_is_and = false;                    // items[0] is a group ParseAnd built
    size_t pending_or = std::string_view::npos;  // column of an OR still waiting for its operand
    size_t len = 0;
    for (;;) {
      SkipSpace();
      const Op op = AtEnd() ? Op::kNone : PeekOp(&len);
      if (pending_or != std::string_view::npos && (AtEnd() || op == Op::kOr || op == Op::kAnd)) {
        return Error(pending_or,
                     OpName(pending_or, or_len_) + " must be followed by a word, phrase or group");
      }
      if (AtEnd()) {
        break;
      }
      if (op == Op::kOr || op == Op::kAnd) {
        // An AND right after an and_expr was consumed by it: here it lacks a left operand.
        if (items.empty() || op == Op::kAnd) {
          return Error(pos_, OpName(pos_, len) + " must follow a word, phrase or group");
        }
        pending_or = pos_;
        or_len_ = len;
        pos_ += len;
        continue;
      }
      pending_or = std::string_view::npos;
      QueryNode::Clause item;
      bool is_and = false;
      NSEARCH_RETURN_IF_ERROR(ParseAnd(&item, &is_and, depth));
      only_is_and = items.empty() && is_and;
      items.push_back(std::move(item));
    }
    // A lone and_expr is the group itself: `a AND b` is `+a +b`, not `(+a +b)`.
    if (items.size() == 1 && only_is_and) {
      group->clauses = std::move(items[0].node.clauses);
    } else {
      group->clauses = std::move(items);
    }
    return Status::Ok();
  }

  // and_expr: one clause, or (`*conjunction` set) a group of its required and excluded operands.
  Status ParseAnd(QueryNode::Clause* out, bool* conjunction, size_t depth) {
    NSEARCH_RETURN_IF_ERROR(ParseUnary(out, depth));
    size_t len = 0;
    SkipSpace();
    if (AtEnd() || PeekOp(&len) != Op::kAnd) {
      return Status::Ok();
    }
    QueryNode group;
    group.kind = QueryNode::Kind::kBoolean;
    group.begin = out->node.begin;
    auto add = [&group](QueryNode::Clause c) {
      if (c.occur == Occur::kShould) {
        c.occur = Occur::kMust;
      }
      group.clauses.push_back(std::move(c));
    };
    add(std::move(*out));
    while (!AtEnd() && PeekOp(&len) == Op::kAnd) {
      const size_t at = pos_;
      pos_ += len;
      SkipSpace();
      size_t next_len = 0;
      const Op next = AtEnd() ? Op::kNone : PeekOp(&next_len);
      if (AtEnd() || next == Op::kAnd || next == Op::kOr) {
        return Error(at, OpName(at, len) + " must be followed by a word, phrase or group");
      }
      QueryNode::Clause operand;
      NSEARCH_RETURN_IF_ERROR(ParseUnary(&operand, depth));
      add(std::move(operand));
      SkipSpace();
    }
    *out = QueryNode::Clause{Occur::kShould, std::move(group)};
    *conjunction = true;
    return Status::Ok();
  }

  Status ParseUnary(QueryNode::Clause* clause, size_t depth) {
    const size_t start = pos_;
    size_t len = 0;
    const Op op = PeekOp(&len);
    if (op == Op::kNot) {
      clause->occur = Occur::kMustNot;
      pos_ += len;
      SkipSpace();
      size_t next_len = 0;
      if (AtEnd() || PeekOp(&next_len) != Op::kNone || q_[pos_] == '+' || q_[pos_] == '-') {
        return Error(start, OpName(start, len) + " must be followed by a word, phrase or group");
      }
    } else if (q_[pos_] == '+' || q_[pos_] == '-') {
      clause->occur = q_[pos_] == '+' ? Occur::kMust : Occur::kMustNot;
      ++pos_;
      size_t next_len = 0;
      if (pos_ >= q_.size() || IsSpace(q_[pos_]) || q_[pos_] == ')' ||
          PeekOp(&next_len) != Op::kNone) {
        std::string problem = "'";
        problem.push_back(q_[start]);
        problem.append("' must be followed by a word, phrase or group");
        return Error(start, problem);
      }
    }
    return ParsePrimary(&clause->node, depth);
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
      if (pos_ < q_.size() && q_[pos_] == '~') {
        NSEARCH_RETURN_IF_ERROR(
            ParseNumber("'~' after a phrase must be followed by a slop (a "
                        "whole number)",
                        limits_.max_slop, "slop", &node->slop));
      }
      NSEARCH_RETURN_IF_ERROR(ParseBoost(node));
      return CountClause(open);
    }
    if (c == '(') {
      const size_t open = pos_++;
      if (depth + 1 > limits_.max_depth) {
        return Error(open, "parentheses nested deeper than " + std::to_string(limits_.max_depth));
      }
      NSEARCH_RETURN_IF_ERROR(ParseOr(node, depth + 1));
      if (pos_ >= q_.size()) {
        return Error(open, "'(' is not closed");
      }
      ++pos_;  // ')'
      return ParseBoost(node);
    }
    if (q_.substr(pos_).starts_with(kDateField)) {
      NSEARCH_RETURN_IF_ERROR(ParseDateRange(node));
      return CountClause(node->begin);
    }
    if (const size_t name = FieldPrefixLength(); name > 0) {
      const size_t at = pos_;
      node->field = std::string(q_.substr(pos_, name));
      pos_ += name + 1;
      if (FieldPrefixLength() > 0 || q_.substr(pos_).starts_with(kDateField)) {
        return Error(pos_, "a field ('" + node->field +
                               ":') takes a word, phrase or group, not another field");
      }
      std::string field = std::move(node->field);
      NSEARCH_RETURN_IF_ERROR(ParsePrimary(node, depth));
      node->field = std::move(field);
      node->begin = static_cast<uint32_t>(at);
      return Status::Ok();
    }
    const size_t start = pos_;
    while (pos_ < q_.size() && !EndsWord(q_[pos_])) {
      ++pos_;
    }
    if (pos_ == start) {
      return Error(pos_, q_[pos_] == '~' ? "'~' must follow a word or phrase"
                                         : "'^' must follow a word, phrase or group");
    }
    const std::string_view word = q_.substr(start, pos_ - start);
    node->kind = QueryNode::Kind::kTerm;
    node->text = std::string(word);
    const size_t star = word.find('*');
    if (star == 0) {
      return Error(start, "'*' must follow the start of a word (prefix*)");
    }
    if (star != std::string_view::npos && star + 1 < word.size()) {
      return Error(start + star, "'*' is only supported at the end of a word (prefix*)");
    }
    if (star != std::string_view::npos) {
      node->kind = QueryNode::Kind::kPrefix;
      node->text.pop_back();
    }
    if (pos_ < q_.size() && q_[pos_] == '~') {
      if (node->kind == QueryNode::Kind::kPrefix) {
        return Error(pos_, "'~' cannot follow a prefix (word*)");
      }
      node->kind = QueryNode::Kind::kFuzzy;
      node->edits = kDefaultEdits;
      if (pos_ + 1 < q_.size() && IsDigit(q_[pos_ + 1])) {
        NSEARCH_RETURN_IF_ERROR(
            ParseNumber("'~' after a word must be followed by an edit "
                        "distance (0, 1 or 2) or nothing",
                        kMaxEdits, "edit distance", &node->edits));
      } else if (++pos_ < q_.size() && !EndsToken(q_[pos_]) && q_[pos_] != '^') {
        return Error(pos_ - 1,
                     "'~' after a word must be followed by an edit distance (0, 1 or 2) or "
                     "nothing");
      }
    }
    NSEARCH_RETURN_IF_ERROR(ParseBoost(node));
    return CountClause(start);
  }

  // The length of the field name at pos_ if a field prefix starts there: a name (a letter or
  // '_', then letters, digits, '_' or '-') and ':' followed by a word, phrase or group; else 0.
  size_t FieldPrefixLength() const {
    size_t i = pos_;
    auto letter = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (i >= q_.size() || !letter(q_[i])) {
      return 0;
    }
    while (i < q_.size() && (letter(q_[i]) || IsDigit(q_[i]) || q_[i] == '-')) {
      ++i;
    }
    if (i + 1 >= q_.size() || q_[i] != ':' || IsSpace(q_[i + 1]) || q_[i + 1] == ')' ||
        q_[i + 1] == '^' || q_[i + 1] == '~') {
      return 0;
    }
    return i - pos_;
  }

  // At "date:": a day, month or year (date:2024-06-19, date:2024-06, date:2024), a comparison
  // (date:>=2024-06-20; >, >=, <, <=) or a range (date:[2024-06-01 TO 2024-06-30], braces for
  // exclusive ends, * for an open one). The bounds become inclusive days.
  Status ParseDateRange(QueryNode* node) {
    const size_t field = pos_;
    pos_ += kDateField.size();
    node->kind = QueryNode::Kind::kDateRange;
    const char* const syntax =
        "'date:' must be followed by a date (YYYY, YYYY-MM or YYYY-MM-DD), a comparison "
        "(date:>=2024-06-01) or a range (date:[2024-06-01 TO 2024-06-30])";
    if (pos_ >= q_.size() || EndsWord(q_[pos_])) {
      return Error(field, syntax);
    }
    if (q_[pos_] == '[' || q_[pos_] == '{') {
      const size_t open = pos_;
      const bool from_inclusive = q_[pos_] == '[';
      size_t close = pos_ + 1;
      while (close < q_.size() && q_[close] != ']' && q_[close] != '}') {
        ++close;
      }
      if (close >= q_.size()) {
        return Error(open, std::string("'") + q_[open] + "' is not closed");
      }
      const bool to_inclusive = q_[close] == ']';
      // FROM TO TO, separated by white space.
      std::vector<std::pair<size_t, std::string_view>> words;
      for (size_t p = open + 1; p < close;) {
        while (p < close && IsSpace(q_[p])) ++p;
        const size_t begin = p;
        while (p < close && !IsSpace(q_[p])) ++p;
        if (p > begin)
          words.emplace_back(begin, q_.substr(begin, p - begin));
      }
      if (words.size() != 3 || words[1].second != "TO") {
        return Error(open,
                     "a date range is [FROM TO TO] (braces for exclusive ends, * for an "
                     "open one)");
      }
      pos_ = close + 1;
      NSEARCH_RETURN_IF_ERROR(DateBound(words[0], true, from_inclusive, &node->date_from));
      NSEARCH_RETURN_IF_ERROR(DateBound(words[2], false, to_inclusive, &node->date_to));
    } else {
      size_t op = 0;  // 1: '>', 2: '>=', 3: '<', 4: '<='
      if (q_[pos_] == '>' || q_[pos_] == '<') {
        op = q_[pos_] == '>' ? 1 : 3;
        ++pos_;
        if (pos_ < q_.size() && q_[pos_] == '=') {
          ++op;
          ++pos_;
        }
      }
      const size_t begin = pos_;
      while (pos_ < q_.size() && !EndsWord(q_[pos_])) {
        ++pos_;
      }
      if (pos_ == begin) {
        return Error(field, syntax);
      }
      const std::pair<size_t, std::string_view> bound{begin, q_.substr(begin, pos_ - begin)};
      if (op == 0) {
        NSEARCH_RETURN_IF_ERROR(DateBound(bound, true, true, &node->date_from));
        NSEARCH_RETURN_IF_ERROR(DateBound(bound, false, true, &node->date_to));
      } else if (op <= 2) {
        NSEARCH_RETURN_IF_ERROR(DateBound(bound, true, op == 2, &node->date_from));
      } else {
        NSEARCH_RETURN_IF_ERROR(DateBound(bound, false, op == 4, &node->date_to));
      }
    }
    if (pos_ < q_.size() && (q_[pos_] == '^' || q_[pos_] == '~')) {
      return Error(pos_, "a date filter does not score: it takes no '^' or '~'");
    }
    if (pos_ < q_.size() && !EndsToken(q_[pos_])) {
      return Error(pos_, syntax);
    }
    return Status::Ok();
  }

  // One end of a date range: `word` (at its column) is *, YYYY, YYYY-MM or YYYY-MM-DD; a lower
  // end takes the first day it names (the day after its last, if exclusive), an upper end the
  // last (the day before its first, if exclusive). *out stays empty for * or past the calendar.
  Status DateBound(const std::pair<size_t, std::string_view>& word, bool lower, bool inclusive,
                   std::string* out) {
    if (word.second == "*") {
      return Status::Ok();
    }
    const auto span = analysis::ParseDateSpan(word.second);
    if (!span) {
      std::string problem = "'";
      problem.append(word.second).append("' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
      return Error(word.first, problem);
    }
    if (inclusive) {
      *out = lower ? span->first : span->second;
      return Status::Ok();
    }
    const auto shifted =
        lower ? analysis::NextDay(span->second) : analysis::PreviousDay(span->first);
    if (!shifted) {
      return Error(word.first, lower ? "no date follows it" : "no date precedes it");
    }
    *out = *shifted;
    return Status::Ok();
  }

  // At '~': a whole number up to `max`, ending the token.
  Status ParseNumber(const char* malformed, uint32_t max, const char* what, uint32_t* value) {
    const size_t tilde = pos_++;
    const size_t digits = pos_;
    uint64_t v = 0;
    while (pos_ < q_.size() && IsDigit(q_[pos_])) {
      v = std::min<uint64_t>(v * 10 + static_cast<uint64_t>(q_[pos_] - '0'), uint64_t{1} << 40);
      ++pos_;
    }
    if (pos_ == digits || (pos_ < q_.size() && !EndsToken(q_[pos_]) && q_[pos_] != '^')) {
      return Error(tilde, malformed);
    }
    if (v > max) {
      std::string problem = what;
      problem.append(" must be at most ").append(std::to_string(max));
      return Error(digits, problem);
    }
    *value = static_cast<uint32_t>(v);
    return Status::Ok();
  }

  // An optional '^' and a positive decimal, ending the token.
  Status ParseBoost(QueryNode* node) {
    if (pos_ >= q_.size() || q_[pos_] != '^') {
      return Status::Ok();
    }
    const size_t caret = pos_++;
    const size_t begin = pos_;
    while (pos_ < q_.size() && IsDigit(q_[pos_])) {
      ++pos_;
    }
    const size_t int_digits = pos_ - begin;
    if (int_digits > 0 && pos_ + 1 < q_.size() && q_[pos_] == '.' && IsDigit(q_[pos_ + 1])) {
      ++pos_;
      while (pos_ < q_.size() && IsDigit(q_[pos_])) {
        ++pos_;
      }
    }
    if (int_digits == 0 || (pos_ < q_.size() && !EndsToken(q_[pos_]))) {
      return Error(caret, "'^' must be followed by a boost (a positive number such as 2 or 0.5)");
    }
    const double boost = std::strtod(std::string(q_.substr(begin, pos_ - begin)).c_str(), nullptr);
    if (!(boost > 0)) {
      return Error(begin, "boost must be greater than 0");
    }
    if (boost > limits_.max_boost) {
      return Error(begin, "boost must be at most " +
                              std::to_string(static_cast<int64_t>(limits_.max_boost)));
    }
    node->boost = boost;
    return Status::Ok();
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
  size_t or_len_ = 0;  // length of the pending OR operator ("OR" or "||")
};

}  // namespace

Result<QueryNode> ParseQuery(std::string_view query, const ParseLimits& limits) {
  return Parser(query, limits).Parse();
}

}  // namespace nsearch::query
