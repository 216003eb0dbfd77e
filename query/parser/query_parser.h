#ifndef NSEARCH_QUERY_PARSER_QUERY_PARSER_H_
#define NSEARCH_QUERY_PARSER_QUERY_PARSER_H_

#include <string_view>

#include "index/base/result.h"
#include "query/parser/query_node.h"

namespace nsearch::query {

// Limits that keep absurd queries from costing unbounded time or memory.
struct ParseLimits {
  size_t max_query_bytes = 16 * 1024;
  size_t max_clauses = 1024;  // words and phrases in the whole query
  size_t max_depth = 32;      // nesting of parentheses
};

// Parses the query syntax (docs/QUERY.md):
//   query  := clause*
//   clause := ['+' | '-'] primary
//   primary := WORD | '"' words '"' | '(' query ')'
// Words are separated by white space; a '+' or '-' inside a word (Jong-un) is part of it.
// Returns a kBoolean root. Errors are InvalidArgument with a 1-based column:
// "query: column 1: quote is not closed".
Result<QueryNode> ParseQuery(std::string_view query, const ParseLimits& limits = {});

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_PARSER_QUERY_PARSER_H_
