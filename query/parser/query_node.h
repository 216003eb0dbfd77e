#ifndef NSEARCH_QUERY_PARSER_QUERY_NODE_H_
#define NSEARCH_QUERY_PARSER_QUERY_NODE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace nsearch::query {

// How a clause takes part in its boolean query (Lucene's BooleanClause.Occur).
enum class Occur {
  kShould,   // optional; adds to the score; with no required clause, one of them must match
  kMust,     // required (+word)
  kMustNot,  // excluded (-word); never scores
};

// The parsed query, before analysis: words are as the user typed them.
struct QueryNode {
  enum class Kind { kTerm, kPhrase, kBoolean };
  struct Clause;

  Kind kind = Kind::kBoolean;
  std::string text;             // kTerm: the word; kPhrase: the text between the quotes
  std::vector<Clause> clauses;  // kBoolean
  uint32_t begin = 0;           // byte offset of the node in the query string
};

struct QueryNode::Clause {
  Occur occur = Occur::kShould;
  QueryNode node;
};

// A readable rendering for tests and --explain: `+mutual -"defense pact" (a b)`.
std::string ToString(const QueryNode& node);

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_PARSER_QUERY_NODE_H_
