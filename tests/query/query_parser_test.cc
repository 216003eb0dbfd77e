#include "query/parser/query_parser.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

namespace nsearch::query {
namespace {

// Parses `query`, expecting success, and renders it back.
std::string Parsed(std::string_view query) {
  Result<QueryNode> node = ParseQuery(query);
  EXPECT_TRUE(node.ok()) << query << ": " << node.status().ToString();
  return node.ok() ? ToString(*node) : std::string();
}

// The error message of a query that must fail with InvalidArgument.
std::string ErrorOf(std::string_view query, const ParseLimits& limits = {}) {
  Result<QueryNode> node = ParseQuery(query, limits);
  EXPECT_FALSE(node.ok()) << query;
  if (node.ok()) {
    return std::string();
  }
  EXPECT_TRUE(node.status().IsInvalidArgument()) << node.status().ToString();
  return node.status().message();
}

TEST(QueryParserTest, ParsesWordsAsShouldTerms) {
  Result<QueryNode> node = ParseQuery("mutual  defense\tpact");
  ASSERT_TRUE(node.ok()) << node.status().ToString();
  EXPECT_EQ(node->kind, QueryNode::Kind::kBoolean);
  ASSERT_EQ(node->clauses.size(), 3u);
  const char* words[] = {"mutual", "defense", "pact"};
  const uint32_t begins[] = {0, 8, 16};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(node->clauses[i].occur, Occur::kShould);
    EXPECT_EQ(node->clauses[i].node.kind, QueryNode::Kind::kTerm);
    EXPECT_EQ(node->clauses[i].node.text, words[i]);
    EXPECT_EQ(node->clauses[i].node.begin, begins[i]);
  }
}

TEST(QueryParserTest, EmptyQueryIsEmptyBoolean) {
  for (std::string_view q : {"", "   ", "\t\n"}) {
    Result<QueryNode> node = ParseQuery(q);
    ASSERT_TRUE(node.ok()) << node.status().ToString();
    EXPECT_EQ(node->kind, QueryNode::Kind::kBoolean);
    EXPECT_TRUE(node->clauses.empty());
  }
}

TEST(QueryParserTest, ParsesMustAndMustNot) {
  Result<QueryNode> node = ParseQuery("+mutual -defense pact");
  ASSERT_TRUE(node.ok()) << node.status().ToString();
  ASSERT_EQ(node->clauses.size(), 3u);
  EXPECT_EQ(node->clauses[0].occur, Occur::kMust);
  EXPECT_EQ(node->clauses[0].node.text, "mutual");
  EXPECT_EQ(node->clauses[1].occur, Occur::kMustNot);
  EXPECT_EQ(node->clauses[1].node.text, "defense");
  EXPECT_EQ(node->clauses[2].occur, Occur::kShould);
  EXPECT_EQ(ToString(*node), "+mutual -defense pact");
}

TEST(QueryParserTest, ParsesPhrases) {
  Result<QueryNode> node = ParseQuery("kim -\"mutual defense\" \"\"");
  ASSERT_TRUE(node.ok()) << node.status().ToString();
  ASSERT_EQ(node->clauses.size(), 3u);
  EXPECT_EQ(node->clauses[1].occur, Occur::kMustNot);
  EXPECT_EQ(node->clauses[1].node.kind, QueryNode::Kind::kPhrase);
  EXPECT_EQ(node->clauses[1].node.text, "mutual defense");
  EXPECT_EQ(node->clauses[1].node.begin, 5u);
  EXPECT_EQ(node->clauses[2].node.kind, QueryNode::Kind::kPhrase);
  EXPECT_EQ(node->clauses[2].node.text, "");
}

TEST(QueryParserTest, PhraseEndsWordWithoutSpace) { EXPECT_EQ(Parsed("a\"b c\"d"), "a \"b c\" d"); }

TEST(QueryParserTest, ParsesNestedGroups) {
  Result<QueryNode> node = ParseQuery("+(kim (jong un) -\"x y\") putin");
  ASSERT_TRUE(node.ok()) << node.status().ToString();
  ASSERT_EQ(node->clauses.size(), 2u);
  const QueryNode& group = node->clauses[0].node;
  EXPECT_EQ(node->clauses[0].occur, Occur::kMust);
  EXPECT_EQ(group.kind, QueryNode::Kind::kBoolean);
  ASSERT_EQ(group.clauses.size(), 3u);
  EXPECT_EQ(group.clauses[1].node.kind, QueryNode::Kind::kBoolean);
  EXPECT_EQ(group.clauses[1].node.clauses.size(), 2u);
  EXPECT_EQ(ToString(*node), "+(kim (jong un) -\"x y\") putin");
  EXPECT_EQ(Parsed("((a))"), "((a))");
  EXPECT_EQ(Parsed("()"), "()");
}

TEST(QueryParserTest, HyphenAndPlusInsideWordStayInWord) {
  Result<QueryNode> node = ParseQuery("Jong-un c++ -x-y");
  ASSERT_TRUE(node.ok()) << node.status().ToString();
  ASSERT_EQ(node->clauses.size(), 3u);
  EXPECT_EQ(node->clauses[0].node.text, "Jong-un");
  EXPECT_EQ(node->clauses[0].occur, Occur::kShould);
  EXPECT_EQ(node->clauses[1].node.text, "c++");
  EXPECT_EQ(node->clauses[2].occur, Occur::kMustNot);
  EXPECT_EQ(node->clauses[2].node.text, "x-y");
}

TEST(QueryParserTest, RejectsUnclosedQuoteAtItsColumn) {
  EXPECT_EQ(ErrorOf("\"mutual defense"), "query: column 1: quote is not closed");
  EXPECT_EQ(ErrorOf("kim \"mutual"), "query: column 5: quote is not closed");
}

TEST(QueryParserTest, RejectsUnclosedParenthesisAtItsColumn) {
  const std::string message = ErrorOf("(a b");
  EXPECT_EQ(message.rfind("query: column 1: ", 0), 0u) << message;
  const std::string nested = ErrorOf("x (a (b)");
  EXPECT_EQ(nested.rfind("query: column 3: ", 0), 0u) << nested;
}

TEST(QueryParserTest, RejectsUnmatchedCloseParenthesisAtItsColumn) {
  const std::string message = ErrorOf("a )");
  EXPECT_EQ(message.rfind("query: column 3: ", 0), 0u) << message;
  EXPECT_EQ(ErrorOf(")").rfind("query: column 1: ", 0), 0u);
}

TEST(QueryParserTest, RejectsOperatorWithoutOperand) {
  EXPECT_EQ(ErrorOf("+").rfind("query: column 1: ", 0), 0u);
  EXPECT_EQ(ErrorOf("a -").rfind("query: column 3: ", 0), 0u);
  EXPECT_EQ(ErrorOf("a + b").rfind("query: column 3: ", 0), 0u);
  EXPECT_EQ(ErrorOf("(+)").rfind("query: column 2: ", 0), 0u);
}

TEST(QueryParserTest, RejectsNestingDeeperThanLimit) {
  const std::string ok = std::string(32, '(') + "a" + std::string(32, ')');
  EXPECT_TRUE(ParseQuery(ok).ok());
  const std::string deep = std::string(33, '(') + "a" + std::string(33, ')');
  EXPECT_NE(ErrorOf(deep).find("nested deeper than 32"), std::string::npos);
  // Far deeper than the limit must not recurse without bound.
  ErrorOf(std::string(10000, '('));
}

TEST(QueryParserTest, RejectsMoreClausesThanLimit) {
  std::string q;
  for (int i = 0; i < 1024; ++i) {
    q += i % 2 ? "w " : "\"p q\" ";
  }
  EXPECT_TRUE(ParseQuery(q).ok());
  q += "x";
  EXPECT_NE(ErrorOf(q).find("more than 1024"), std::string::npos);
}

TEST(QueryParserTest, RejectsOverLongQuery) {
  EXPECT_TRUE(ParseQuery(std::string(16 * 1024, 'a')).ok());
  const std::string message = ErrorOf(std::string(16 * 1024 + 1, 'a'));
  EXPECT_NE(message.find("longer than 16384 bytes"), std::string::npos) << message;
  ParseLimits small;
  small.max_query_bytes = 4;
  EXPECT_FALSE(ParseQuery("abcde", small).ok());
}

TEST(QueryParserTest, RandomBytesNeverCrash) {
  std::mt19937 rng(20240611);
  const std::string alphabet("ab \t+-\"()\xC3\xA9\0\xFF", 13);
  for (int iter = 0; iter < 20000; ++iter) {
    std::string q(rng() % 40, ' ');
    for (char& c : q) {
      c = rng() % 4 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    Result<QueryNode> node = ParseQuery(q);
    if (node.ok()) {
      // What parses renders to something that parses to the same rendering.
      const std::string rendered = ToString(*node);
      Result<QueryNode> again = ParseQuery(rendered);
      ASSERT_TRUE(again.ok()) << rendered;
      EXPECT_EQ(ToString(*again), rendered);
    } else {
      EXPECT_TRUE(node.status().IsInvalidArgument());
      EXPECT_EQ(node.status().message().rfind("query: column ", 0), 0u);
    }
  }
}

TEST(QueryParserTest, AndMakesBothRequired) {
  EXPECT_EQ(Parsed("a AND b"), "+a +b");
  EXPECT_EQ(Parsed("a && b"), "+a +b");
  EXPECT_EQ(Parsed("a&&b"), "a&&b");  // inside a word, as '+' and '-' are
  EXPECT_EQ(Parsed("a AND b AND c"), "+a +b +c");
  EXPECT_EQ(Parsed("a AND -b"), "+a -b");
  EXPECT_EQ(Parsed("a AND +b"), "+a +b");
  EXPECT_EQ(Parsed("(a AND b)"), "(+a +b)");
}

TEST(QueryParserTest, OrIsJuxtaposition) {
  EXPECT_EQ(Parsed("a OR b"), "a b");
  EXPECT_EQ(Parsed("a || b"), "a b");
  EXPECT_EQ(Parsed("+a OR b"), "+a b");
  EXPECT_EQ(Parsed("a OR -b"), "a -b");
}

TEST(QueryParserTest, NotExcludes) {
  EXPECT_EQ(Parsed("NOT a"), "-a");
  EXPECT_EQ(Parsed("!a"), "-a");
  EXPECT_EQ(Parsed("!\"a b\" !(c)"), "-\"a b\" -(c)");
  EXPECT_EQ(Parsed("! a !!! ?"), "! a !!! ?");  // punctuation, as before
  EXPECT_EQ(Parsed("a AND NOT b"), "+a -b");
  EXPECT_EQ(Parsed("a && !b"), "+a -b");
  EXPECT_EQ(Parsed("a OR NOT b"), "a -b");
  EXPECT_EQ(Parsed("NOT (a b)"), "-(a b)");
  EXPECT_EQ(Parsed("wow!"), "wow!");
}

TEST(QueryParserTest, AndBindsTighterThanOr) {
  EXPECT_EQ(Parsed("a OR b AND c"), "a (+b +c)");
  EXPECT_EQ(Parsed("a b AND c"), "a (+b +c)");
  EXPECT_EQ(Parsed("a AND b OR c"), "(+a +b) c");
  EXPECT_EQ(Parsed("a AND b OR c AND NOT d"), "(+a +b) (+c -d)");
  EXPECT_EQ(Parsed("(a OR b) AND c"), "+(a b) +c");
  EXPECT_EQ(Parsed("NOT a AND b"), "-a +b");
}

TEST(QueryParserTest, LowerCaseOperatorsAreWords) {
  EXPECT_EQ(Parsed("a and b or not c"), "a and b or not c");
  EXPECT_EQ(Parsed("ANDroid ORacle NOTed"), "ANDroid ORacle NOTed");
  EXPECT_EQ(Parsed("\"a AND b\""), "\"a AND b\"");
}

TEST(QueryParserTest, RejectsDanglingOperatorsAtTheirColumn) {
  EXPECT_EQ(ErrorOf("a AND"), "query: column 3: 'AND' must be followed by a word, phrase or group");
  EXPECT_EQ(ErrorOf("AND a"), "query: column 1: 'AND' must follow a word, phrase or group");
  EXPECT_EQ(ErrorOf("a OR"), "query: column 3: 'OR' must be followed by a word, phrase or group");
  EXPECT_EQ(ErrorOf("OR a"), "query: column 1: 'OR' must follow a word, phrase or group");
  EXPECT_EQ(ErrorOf("a NOT"), "query: column 3: 'NOT' must be followed by a word, phrase or group");
  EXPECT_EQ(ErrorOf("a ||"), "query: column 3: '||' must be followed by a word, phrase or group");
  EXPECT_EQ(ErrorOf("a AND OR b").rfind("query: column 3: 'AND'", 0), 0u);
  EXPECT_EQ(ErrorOf("a OR OR b").rfind("query: column 3: 'OR'", 0), 0u);
  EXPECT_EQ(ErrorOf("a OR AND b").rfind("query: column 3: 'OR'", 0), 0u);
  EXPECT_EQ(ErrorOf("(a AND)").rfind("query: column 4: 'AND'", 0), 0u);
  EXPECT_EQ(ErrorOf("NOT NOT a").rfind("query: column 1: 'NOT'", 0), 0u);
  EXPECT_EQ(ErrorOf("NOT -a").rfind("query: column 1: 'NOT'", 0), 0u);
  EXPECT_EQ(ErrorOf("+AND a").rfind("query: column 1: '+'", 0), 0u);
}

TEST(QueryParserTest, ParsesBoosts) {
  Result<QueryNode> node = ParseQuery("kim^2 (a b)^0.5 \"x y\"^3 -z^4");
  ASSERT_TRUE(node.ok()) << node.status().ToString();
  ASSERT_EQ(node->clauses.size(), 4u);
  EXPECT_EQ(node->clauses[0].node.text, "kim");
  EXPECT_EQ(node->clauses[0].node.boost, 2);
  EXPECT_EQ(node->clauses[1].node.boost, 0.5);
  EXPECT_EQ(node->clauses[2].node.boost, 3);
  EXPECT_EQ(node->clauses[2].node.kind, QueryNode::Kind::kPhrase);
  EXPECT_EQ(node->clauses[3].occur, Occur::kMustNot);
  EXPECT_EQ(ToString(*node), "kim^2 (a b)^0.5 \"x y\"^3 -z^4");
  EXPECT_EQ(Parsed("a^1.25 AND b^10"), "+a^1.25 +b^10");
  EXPECT_EQ(Parsed("a^1"), "a");
}

TEST(QueryParserTest, RejectsBadBoostsAtTheirColumn) {
  const std::string bad = "'^' must be followed by a boost (a positive number such as 2 or 0.5)";
  EXPECT_EQ(ErrorOf("a^"), "query: column 2: " + bad);
  EXPECT_EQ(ErrorOf("ab^-1"), "query: column 3: " + bad);
  EXPECT_EQ(ErrorOf("a^x"), "query: column 2: " + bad);
  EXPECT_EQ(ErrorOf("a^2x"), "query: column 2: " + bad);
  EXPECT_EQ(ErrorOf("a^2^3"), "query: column 2: " + bad);
  EXPECT_EQ(ErrorOf("a^.5"), "query: column 2: " + bad);
  EXPECT_EQ(ErrorOf("x a^0"), "query: column 5: boost must be greater than 0");
  EXPECT_EQ(ErrorOf("a^0.0"), "query: column 3: boost must be greater than 0");
  EXPECT_EQ(ErrorOf("a^" + std::string(400, '9')),
            "query: column 3: boost must be at most 1000000");
  EXPECT_EQ(ErrorOf("^2"), "query: column 1: '^' must follow a word, phrase or group");
}

TEST(QueryParserTest, ParsesSloppyPhrases) {
  Result<QueryNode> node = ParseQuery("\"mutual defense\"~3 \"a b\"~0^2");
  ASSERT_TRUE(node.ok()) << node.status().ToString();
  ASSERT_EQ(node->clauses.size(), 2u);
  EXPECT_EQ(node->clauses[0].node.slop, 3u);
  EXPECT_EQ(node->clauses[1].node.slop, 0u);
  EXPECT_EQ(node->clauses[1].node.boost, 2);
  EXPECT_EQ(ToString(*node), "\"mutual defense\"~3 \"a b\"^2");
  EXPECT_EQ(Parsed("x\"a b\"~2(y)"), "x \"a b\"~2 (y)");
}

TEST(QueryParserTest, RejectsBadSlopsAtTheirColumn) {
  const std::string bad = "'~' after a phrase must be followed by a slop (a whole number)";
  EXPECT_EQ(ErrorOf("\"a b\"~x"), "query: column 6: " + bad);
  EXPECT_EQ(ErrorOf("\"a b\"~"), "query: column 6: " + bad);
  EXPECT_EQ(ErrorOf("\"a b\"~1.5"), "query: column 6: " + bad);
  EXPECT_EQ(ErrorOf("\"a b\"~-1"), "query: column 6: " + bad);
  EXPECT_EQ(ErrorOf("\"a b\"~10001"), "query: column 7: slop must be at most 10000");
  EXPECT_EQ(ErrorOf("\"a b\"~" + std::string(40, '9')),
            "query: column 7: slop must be at most 10000");
  EXPECT_EQ(ErrorOf("(a b)~2"), "query: column 6: '~' must follow a word or phrase");
}

TEST(QueryParserTest, ParsesPrefixAndFuzzyWords) {
  Result<QueryNode> node = ParseQuery("kor* +defence~1^2 -kim~ pact~0");
  ASSERT_TRUE(node.ok()) << node.status().ToString();
  ASSERT_EQ(node->clauses.size(), 4u);
  EXPECT_EQ(node->clauses[0].node.kind, QueryNode::Kind::kPrefix);
  EXPECT_EQ(node->clauses[0].node.text, "kor");
  EXPECT_EQ(node->clauses[1].node.kind, QueryNode::Kind::kFuzzy);
  EXPECT_EQ(node->clauses[1].node.text, "defence");
  EXPECT_EQ(node->clauses[1].node.edits, 1u);
  EXPECT_EQ(node->clauses[1].node.boost, 2);
  EXPECT_EQ(node->clauses[1].occur, Occur::kMust);
  EXPECT_EQ(node->clauses[2].node.edits, 2u);  // word~ means two edits, as in Lucene
  EXPECT_EQ(node->clauses[2].occur, Occur::kMustNot);
  EXPECT_EQ(node->clauses[3].node.edits, 0u);
  EXPECT_EQ(ToString(*node), "kor* +defence~1^2 -kim~2 pact~0");
}

TEST(QueryParserTest, RejectsMisplacedWildcardsAndEditDistances) {
  EXPECT_EQ(ErrorOf("a *"), "query: column 3: '*' must follow the start of a word (prefix*)");
  EXPECT_EQ(ErrorOf("*ea"), "query: column 1: '*' must follow the start of a word (prefix*)");
  EXPECT_EQ(ErrorOf("k*rea"),
            "query: column 2: '*' is only supported at the end of a word (prefix*)");
  EXPECT_EQ(ErrorOf("kor**"),
            "query: column 4: '*' is only supported at the end of a word (prefix*)");
  EXPECT_EQ(ErrorOf("kor*~1"), "query: column 5: '~' cannot follow a prefix (word*)");
  EXPECT_EQ(ErrorOf("korea~3"), "query: column 7: edit distance must be at most 2");
  const std::string bad =
      "'~' after a word must be followed by an edit distance (0, 1 or 2) or nothing";
  EXPECT_EQ(ErrorOf("korea~x"), "query: column 6: " + bad);
  EXPECT_EQ(ErrorOf("korea~1x"), "query: column 6: " + bad);
  EXPECT_EQ(ErrorOf("korea~0.5"), "query: column 6: " + bad);
  EXPECT_EQ(ErrorOf("~1"), "query: column 1: '~' must follow a word or phrase");
}

TEST(QueryParserTest, ParsesDateFiltersAsInclusiveDays) {
  struct Case {
    const char* query;
    const char* from;
    const char* to;
  };
  const Case cases[] = {
      {"date:2024-06-19", "20240619", "20240619"},
      {"date:2024-06", "20240601", "20240630"},
      {"date:2024", "20240101", "20241231"},
      {"date:>=2024-06-20", "20240620", ""},
      {"date:>2024-06-20", "20240621", ""},
      {"date:>2024-06", "20240701", ""},
      {"date:<2024-06-20", "", "20240619"},
      {"date:<=2024-06", "", "20240630"},
      {"date:[2024-06-01 TO 2024-06-30]", "20240601", "20240630"},
      {"date:{2024-05-31 TO 2024-07-01}", "20240601", "20240630"},
      {"date:[2024-06 TO *]", "20240601", ""},
      {"date:[* TO 2024]", "", "20241231"},
      {"date:[  2023   TO 2024-02 }", "20230101", "20240131"},
  };
  for (const Case& c : cases) {
    Result<QueryNode> node = ParseQuery(c.query);
    ASSERT_TRUE(node.ok()) << c.query << ": " << node.status().ToString();
    ASSERT_EQ(node->clauses.size(), 1u) << c.query;
    const QueryNode& date = node->clauses[0].node;
    EXPECT_EQ(date.kind, QueryNode::Kind::kDateRange) << c.query;
    EXPECT_EQ(date.date_from, c.from) << c.query;
    EXPECT_EQ(date.date_to, c.to) << c.query;
    // The rendering parses back to the same days.
    Result<QueryNode> again = ParseQuery(ToString(*node));
    ASSERT_TRUE(again.ok()) << ToString(*node);
    EXPECT_EQ(again->clauses[0].node.date_from, c.from) << ToString(*node);
    EXPECT_EQ(again->clauses[0].node.date_to, c.to) << ToString(*node);
  }
  Result<QueryNode> mixed = ParseQuery("korea -date:2024-06-19 (putin date:>=2024)");
  ASSERT_TRUE(mixed.ok()) << mixed.status().ToString();
  EXPECT_EQ(ToString(*mixed),
            "korea -date:[2024-06-19 TO 2024-06-19] (putin date:[2024-01-01 TO *])");
}

TEST(QueryParserTest, RejectsBadDatesAtTheirColumn) {
  const std::string syntax =
      "'date:' must be followed by a date (YYYY, YYYY-MM or YYYY-MM-DD), a comparison "
      "(date:>=2024-06-01) or a range (date:[2024-06-01 TO 2024-06-30])";
  EXPECT_EQ(ErrorOf("date:"), "query: column 1: " + syntax);
  EXPECT_EQ(ErrorOf("x date: y"), "query: column 3: " + syntax);
  EXPECT_EQ(ErrorOf("date:>="), "query: column 1: " + syntax);
  EXPECT_EQ(ErrorOf("date:2024-13-01"),
            "query: column 6: '2024-13-01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  EXPECT_EQ(ErrorOf("date:June"),
            "query: column 6: 'June' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  EXPECT_EQ(ErrorOf("date:[2024 TO 2025-02-30]"),
            "query: column 15: '2025-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  const std::string range =
      "a date range is [FROM TO TO] (braces for exclusive ends, * for an open one)";
  EXPECT_EQ(ErrorOf("date:[2024 2025]"), "query: column 6: " + range);
  EXPECT_EQ(ErrorOf("date:[2024 to 2025]"), "query: column 6: " + range);
  EXPECT_EQ(ErrorOf("date:[2024 TO 2025"), "query: column 6: '[' is not closed");
  EXPECT_EQ(ErrorOf("date:2024^2"),
            "query: column 10: a date filter does not score: it takes no '^' or '~'");
  EXPECT_EQ(ErrorOf("date:{9999-12-31 TO *]"), "query: column 7: no date follows it");
  EXPECT_EQ(ErrorOf("date:[2024 TO 2025]x").rfind("query: column 20: ", 0), 0u);
}

TEST(QueryParserTest, RandomOperatorQueriesRoundTrip) {
  std::mt19937 rng(77);
  const char* pieces[] = {"a",       "b",  "AND", "OR", "NOT", "&&",   "||", "!",       "(",  ")",
                          "\"a b\"", "^2", "~1",  "+",  "-",   "^0.5", " ",  "\"c\"~2", "and"};
  for (int iter = 0; iter < 20000; ++iter) {
    std::string q;
    for (size_t n = rng() % 12; n > 0; --n) {
      q.append(pieces[rng() % std::size(pieces)]);
      if (rng() % 2 == 0) {
        q.push_back(' ');
      }
    }
    Result<QueryNode> node = ParseQuery(q);
    if (node.ok()) {
      const std::string rendered = ToString(*node);
      Result<QueryNode> again = ParseQuery(rendered);
      ASSERT_TRUE(again.ok()) << q << " -> " << rendered << ": " << again.status().ToString();
      EXPECT_EQ(ToString(*again), rendered) << q;
    } else {
      EXPECT_EQ(node.status().message().rfind("query: column ", 0), 0u) << q;
    }
  }
}

}  // namespace
}  // namespace nsearch::query
