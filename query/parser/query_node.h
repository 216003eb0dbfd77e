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
    kTerm,       // a word
    kPrefix,     // word*: the index terms that start with the word (text holds it without '*')
    kFuzzy,      // word~N: the index terms within N edits of the word
    kDateRange,  // date:...: documents dated within [date_from, date_to]; filters, never scores
    kPhrase,     // "words", exact (slop 0) or sloppy ("words"~slop)
    kBoolean,    // clauses
  };
  struct Clause;

  Kind kind = Kind::kBoolean;
  std::string text;             // kTerm, kPrefix, kFuzzy: the word; kPhrase: the quoted text
  std::vector<Clause> clauses;  // kBoolean
  uint32_t begin = 0;           // byte offset of the node in the query string
  double boost = 1;             // ^boost: multiplies the node's score; > 0
  uint32_t slop = 0;            // kPhrase: position moves allowed ("words"~slop)
  uint32_t edits = 0;           // kFuzzy: edit distance, 0 to 2 (word~ means 2)
  // kDateRange: the first and last day, inclusive, as "YYYYMMDD"; empty for an open end.
  std::string date_from, date_to;
  // name:... : the text field the node searches (a group's applies to its clauses that name
  // none); empty for every default field. Names are checked against the index when planning.
  std::string field;
};

struct QueryNode::Clause {
  Occur occur = Occur::kShould;
  QueryNode node;
};

// A readable rendering for tests and --explain: `+mutual -"defense pact"~2 (a b)^0.5`.
std::string ToString(const QueryNode& node);

}  // namespace nsearch::query

#endif  // NSEARCH_QUERY_PARSER_QUERY_NODE_H_
