#ifndef NSEARCH_QUERY_PARSER_QUERY_NODE_H_
#define NSEARCH_QUERY_PARSER_QUERY_NODE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace nsearch::query {

// How a clause takes part in its boolean query (Lucene's BooleanClause.Occur).
enum class Occur {
  kShould,   // optional; adds to the score; with no required clause, one of them must match
  kMust,     // required (+word, a AND b)
  kMustNot,  // excluded (-word, NOT word, !word); never scores
};

// The parsed query, before analysis: words are as the user typed them.
struct QueryNode {
  enum class Kind {
    kTerm,     // a word
    kPhrase,   // "words", exact (slop 0) or sloppy ("words"~slop)
    kBoolean,  // clauses
  };
  struct Clause;

  Kind kind = Kind::kBoolean;
  std::string text;             // kTerm: the word; kPhrase: the text between the quotes
  std::vector<Clause> clauses;  // kBoolean
  uint32_t begin = 0;           // byte offset of the node in the query string
  double boost = 1;             // ^boost: multiplies the node's score; > 0
  uint32_t slop = 0;            // kPhrase: position moves allowed ("words"~slop)
};

struct QueryNode::Clause {
  Occur occur = Occur::kShould;
  QueryNode node;
};

// A readable rendering for tests and --explain: `+mutual -"defense pact"~2 (a b)^0.5`.
std::string ToString(const QueryNode& node);

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_PARSER_QUERY_NODE_H_
