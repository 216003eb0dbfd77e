#ifndef NSEARCH_QUERY_PARSER_QUERY_PARSER_H_
#define NSEARCH_QUERY_PARSER_QUERY_PARSER_H_

#include <cstdint>
#include <string_view>

#include "index/base/result.h"
#include "query/parser/query_node.h"

namespace nsearch::query {

// Limits that keep absurd queries from costing unbounded time or memory.
struct ParseLimits {
  size_t max_query_bytes = 16 * 1024;
  size_t max_clauses = 1024;  // words and phrases in the whole query
  size_t max_depth = 32;      // nesting of parentheses
  uint32_t max_slop = 10000;  // "a b"~N
  double max_boost = 1e6;     // word^B
};

// Parses the query syntax (docs/QUERY.md), with NOT binding tighter than AND, and AND tighter
// than OR (juxtaposition is OR):
//   query    := or_expr
//   or_expr  := and_expr ( ['OR' | '||'] and_expr )*
//   and_expr := unary ( ('AND' | '&&') unary )*
//   unary    := ['+' | '-' | 'NOT' | '!'] [FIELD ':'] primary
//   primary  := WORD ['*' | '~' [EDITS]] ['^' BOOST]
//             | '"' words '"' ['~' SLOP] ['^' BOOST] | '(' query ')' ['^' BOOST]
// FIELD ':' (title:korea, body:"mutual defense", title:(kim putin)) restricts the primary to one
// text field (QueryNode::field); a field name is a letter or '_' then letters, digits, '_' or
// '-', so "10:30" stays a word. date: is the date filter.
// An and_expr of two or more operands becomes a group whose operands are required (or excluded,
// with '-' or NOT); an and_expr that is the whole query (or group) is that query's clause list.
// Words are separated by white space; '+', '-', '!' inside a word (Jong-un) are part of it; only
// upper-case AND, OR, NOT are operators. word* is a prefix (kPrefix; '*' elsewhere in a word
// is refused) and word~ / word~1 / word~2 a fuzzy word (kFuzzy, two edits by default): both are
// expanded against the index later (query/term_expansion.h). Returns a kBoolean root. Errors are
// InvalidArgument with a 1-based column: "query: column 1: quote is not closed".
Result<QueryNode> ParseQuery(std::string_view query, const ParseLimits& limits = {});

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_PARSER_QUERY_PARSER_H_
