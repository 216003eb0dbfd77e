#include "index/input/jsonl_document.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "index/analysis/utf8.h"

namespace nsearch::input {
namespace {

struct Parsed {
  std::string problem;
  store::StoredDocument doc;
};

Parsed Parse(std::string line, const InputOptions& options = InputOptions()) {
  Parsed p;
  bool repaired;
  p.problem = ParseJsonLine(line, options, &p.doc, &repaired);
  return p;
}

TEST(JsonlDocumentTest, FieldsIdsAndSkipReasons) {
  Parsed p = Parse(R"({"id":"a","title":"T","body":"B","date":"2024-06-19","x":[1,{"y":2}]})");
  EXPECT_EQ(p.problem, "");
  EXPECT_EQ(p.doc.id, "a");
  EXPECT_EQ(p.doc.title, "T");
  EXPECT_EQ(p.doc.body, "B");
  EXPECT_EQ(p.doc.date, "2024-06-19");
  EXPECT_EQ(Parse(R"({"id":-42,"body":"b"})").doc.id, "-42");
  EXPECT_EQ(Parse(R"({"id":18446744073709551615,"body":"b"})").doc.id, "18446744073709551615");
  // nlohmann reads -0 as the integer 0 (simdjson as a double: the reference decides).
  EXPECT_EQ(Parse(R"({"id":-0,"body":"b"})").doc.id, "0");
  EXPECT_EQ(Parse(R"({"id":1.5,"body":"b"})").problem,
            "field \"id\" is neither a string nor an integer");
  EXPECT_EQ(Parse(R"({"id":true,"body":"b"})").problem,
            "field \"id\" is neither a string nor an integer");
  EXPECT_EQ(Parse(R"({"body":"b"})").problem, "no \"id\" field");
  EXPECT_EQ(Parse(R"({"id":null,"body":"b"})").problem, "no \"id\" field");
  EXPECT_EQ(Parse(R"({"id":"","body":"b"})").problem, "field \"id\" is empty");
  EXPECT_EQ(Parse(R"({"id":"a","body":7})").problem, "field \"body\" is not a string");
  EXPECT_EQ(Parse(R"({"id":"a","body":" \n"})").problem, "empty document \"a\"");
  EXPECT_EQ(Parse(R"(["id"])").problem, "line is not a JSON object");
  EXPECT_EQ(Parse(R"({"id":"a","body":"b")").problem.rfind("malformed JSON: column ", 0), 0u);
}

TEST(JsonlDocumentTest, RepeatedKeyTakesItsLastValueAndEscapesAreDecoded) {
  Parsed p = Parse(R"({"id":"a","body":"first","\u0062ody":"caf\u00e9 \"q\"","id":"b"})");
  EXPECT_EQ(p.problem, "");
  EXPECT_EQ(p.doc.id, "b");
  EXPECT_EQ(p.doc.body, "caf\xC3\xA9 \"q\"");
}

TEST(JsonlDocumentTest, ExtraFieldsInTheirOrder) {
  InputOptions options;
  options.extra_fields = {"abstract", "tags", "gone"};
  Parsed p = Parse(R"({"id":"a","tags":"t1 t2","abstract":"A","gone":null})", options);
  EXPECT_EQ(p.problem, "");
  ASSERT_EQ(p.doc.fields.size(), 2u);
  EXPECT_EQ(p.doc.fields[0], (std::pair<std::string, std::string>("abstract", "A")));
  EXPECT_EQ(p.doc.fields[1], (std::pair<std::string, std::string>("tags", "t1 t2")));
  EXPECT_EQ(Parse(R"({"id":"a","tags":1})", options).problem, "field \"tags\" is not a string");
}

// Random lines, well-formed and damaged, parsed both ways: the simdjson path must give exactly
// the reference's document or skip reason.
TEST(JsonlDocumentTest, SimdjsonPathAgreesWithTheReference) {
  const std::vector<std::string> keys = {"\"id\"",   "\"title\"", "\"body\"",     "\"date\"",
                                         "\"tags\"", "\"x\"",     "\"\\u0069d\"", "\"b\\u006fdy\""};
  const std::vector<std::string> values = {"\"text\"",
                                           "\"caf\\u00e9\"",
                                           "\"a\\\"b\\\\c\\n\"",
                                           "\"\"",
                                           "\" \"",
                                           "\"\\ud83d\\ude00\"",
                                           "\"\\ud800\"",
                                           "\"\xC3\xA9t\xC3\xA9\"",
                                           "0",
                                           "-0",
                                           "7",
                                           "-12",
                                           "1.5",
                                           "1e3",
                                           "-0.0",
                                           "18446744073709551615",
                                           "18446744073709551616",
                                           "123456789012345678901234567890",
                                           "null",
                                           "true",
                                           "false",
                                           "[]",
                                           "[1,\"a\",null]",
                                           "{}",
                                           "{\"id\":\"inner\"}",
                                           "\"2024-06-19\""};
  InputOptions options;
  options.extra_fields = {"tags"};
  std::mt19937 rng(11);
  int agreed_documents = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string line = rng() % 8 == 0 ? " [" : "{";
    if (rng() % 2 == 0) {
      line += "\"id\":\"d\",\"body\":\"b\",";  // likelier a document, whatever follows
    }
    for (int n = static_cast<int>(rng() % 7); n > 0; --n) {
      line += keys[rng() % keys.size()] + ":" + values[rng() % values.size()];
      line += n > 1 ? "," : "";
    }
    line += line[0] == ' ' ? "]" : "}";
    switch (rng() % 6) {
      case 0:
        line.erase(rng() % line.size(), 1);
        break;
      case 1:
        line.insert(rng() % (line.size() + 1), 1, "{}[],:\" \\x0\t"[rng() % 12]);
        break;
      case 2:
        line.resize(rng() % line.size());
        break;
      case 3:
        line += rng() % 2 ? " " : " x";
        break;
      default:
        break;
    }
    if (!analysis::IsValidUtf8(line))
      continue;
    SCOPED_TRACE(line);
    const Parsed fast = Parse(line, options);
    Parsed reference;
    reference.problem = ParseJsonLineReference(line, options, &reference.doc);
    ASSERT_EQ(fast.problem, reference.problem);
    if (reference.problem.empty()) {
      ASSERT_TRUE(fast.doc == reference.doc);
      ++agreed_documents;
    }
  }
  EXPECT_GT(agreed_documents, 500);  // the generator makes documents, not only skip reasons
}

}  // namespace
}  // namespace nsearch::input
