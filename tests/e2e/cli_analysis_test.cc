// `nsearch index` analysis flags with the real binary: --preset, --language, --stopwords.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/run_command.h"
#include "tests/support/temp_dir.h"

namespace nsearch::testing {
namespace {

class CliAnalysisTest : public ::testing::Test {
 protected:
  CommandResult Run(const std::vector<std::string>& args) { return RunNsearch(args, tmp_.path()); }
  std::string Index() const { return (tmp_.path() / "idx").string(); }
  std::string Corpus() const {
    return tmp_.Write("docs.jsonl",
                      "{\"id\":\"a\",\"title\":\"Na\xC3\xAFve technology\",\"body\":\"Objective:To "
                      "assess the mutual defence pact.\"}\n"
                      "{\"id\":\"b\",\"title\":\"Other\",\"body\":\"The technologies of "
                      "defense vs. trade.\"}\n");
  }
  nlohmann::json Stats() {
    const CommandResult r = Run({"stats", "-i", Index(), "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json{};
  }
  std::vector<std::string> Ids(const std::string& query) {
    const CommandResult r = Run({"-i", Index(), query, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> ids;
    if (r.exit_code == 0) {
      const nlohmann::json response = nlohmann::json::parse(r.out);
      for (const auto& hit : response["hits"]) {
        ids.push_back(hit["id"]);
      }
    }
    return ids;
  }

  TempDir tmp_;
};

TEST_F(CliAnalysisTest, LucenePresetIsRecordedAndSearchedLikeLucene) {
  const CommandResult build = Run({"index", "-i", Index(), "--preset", "lucene", Corpus()});
  ASSERT_EQ(build.exit_code, 0) << build.err;
  const nlohmann::json stats = Stats();
  EXPECT_EQ(stats["language"], "lucene-porter");
  EXPECT_EQ(stats["tokenizer"], "uax29");
  EXPECT_EQ(stats["case_folding"], "lowercase");
  EXPECT_EQ(stats["scoring"], "lucene4");
  // Lucene's Porter stems both to "technolog"; no British/American folding, no accent folding.
  EXPECT_EQ(Ids("technology").size(), 2u);
  EXPECT_EQ(Ids("defense"), std::vector<std::string>{"b"});
  EXPECT_EQ(Ids("na\xC3\xAFve"), std::vector<std::string>{"a"});
  EXPECT_TRUE(Ids("naive").empty());
  // Scores carry Lucene 4's (k1 + 1) factor; --explain names the norm.
  const CommandResult explain = Run({"-i", Index(), "defense", "--explain"});
  ASSERT_EQ(explain.exit_code, 0) << explain.err;
  EXPECT_NE(explain.out.find("[Lucene 4]"), std::string::npos) << explain.out;
  EXPECT_NE(explain.out.find("one-byte norm"), std::string::npos) << explain.out;
}

TEST_F(CliAnalysisTest, DefaultPresetFoldsSpellingAndAccents) {
  ASSERT_EQ(Run({"index", "-i", Index(), Corpus()}).exit_code, 0);
  const nlohmann::json stats = Stats();
  EXPECT_EQ(stats["tokenizer"], "unicode");
  EXPECT_EQ(stats["scoring"], "bm25");
  EXPECT_EQ(Ids("defense").size(), 2u);  // defence folds to defense
  EXPECT_EQ(Ids("naive"), std::vector<std::string>{"a"});
}

TEST_F(CliAnalysisTest, StopwordsFromAFileOrNone) {
  const std::string stop = tmp_.Write("stop.txt", "# my list\nmutual\n\npact  # trailing\n");
  ASSERT_EQ(Run({"index", "-i", Index(), "--stopwords", stop, Corpus()}).exit_code, 0);
  EXPECT_TRUE(Ids("mutual").empty());
  EXPECT_EQ(Stats()["language"], "english");

  const std::string none = (tmp_.path() / "none").string();
  ASSERT_EQ(Run({"index", "-i", none, "--stopwords", "none", Corpus()}).exit_code, 0);
  const CommandResult r = Run({"-i", none, "the", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"], 2);
}

TEST_F(CliAnalysisTest, JsonlFieldsAreSearchedByDefaultAndByName) {
  const std::string corpus =
      tmp_.Write("fields.jsonl",
                 "{\"id\":\"a\",\"title\":\"Pact\",\"body\":\"Signed in June.\","
                 "\"abstract\":\"A treaty of mutual defense.\"}\n"
                 "{\"id\":\"b\",\"title\":\"Mutual interests\",\"body\":\"Trade "
                 "talks.\"}\n"
                 "{\"id\":\"c\",\"title\":\"Talks\",\"body\":\"On mutual trade.\"}\n");
  const CommandResult build =
      Run({"index", "-i", Index(), "--field", "abstract", "--field-weight", "title=3", corpus});
  ASSERT_EQ(build.exit_code, 0) << build.err;
  const nlohmann::json fields = Stats()["fields"];
  ASSERT_EQ(fields.size(), 3u) << fields;
  EXPECT_EQ(fields[0]["name"], "title");
  EXPECT_EQ(fields[0]["weight"], 3.0);
  EXPECT_EQ(fields[2]["name"], "abstract");
  EXPECT_EQ(fields[2]["source"], "json");

  EXPECT_EQ(Ids("treaty"), std::vector<std::string>{"a"});  // the extra field is searched
  EXPECT_EQ(Ids("abstract:\"mutual defense\""), std::vector<std::string>{"a"});
  EXPECT_EQ(Ids("title:mutual"), std::vector<std::string>{"b"});
  std::vector<std::string> body = Ids("body:(mutual OR signed)");
  std::sort(body.begin(), body.end());
  EXPECT_EQ(body, (std::vector<std::string>{"a", "c"}));
  // The title weight of 3 puts b first; weights at search time can turn it around.
  EXPECT_EQ(Ids("mutual").front(), "b");
  const CommandResult light = Run({"-i", Index(), "mutual", "--weights", "title=0.1", "--json"});
  ASSERT_EQ(light.exit_code, 0) << light.err;
  EXPECT_NE(nlohmann::json::parse(light.out)["hits"][0]["id"], "b") << light.out;

  CommandResult r = Run({"-i", Index(), "summary:mutual"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("column 1: unknown field 'summary'"), std::string::npos) << r.err;
  r = Run({"-i", Index(), "mutual", "--weights", "title=x"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("title=x"), std::string::npos) << r.err;
  // Adding to the index reads the same JSONL field without --field.
  const std::string more = tmp_.Write(
      "more.jsonl", "{\"id\":\"d\",\"title\":\"X\",\"body\":\"Y\",\"abstract\":\"treaty\"}\n");
  ASSERT_EQ(Run({"index", "-i", Index(), more}).exit_code, 0);
  EXPECT_EQ(Ids("abstract:treaty").size(), 2u);
}

TEST_F(CliAnalysisTest, BadAnalysisFlagsAreUsageErrorsAndWriteNothing) {
  const std::string corpus = Corpus();
  CommandResult r = Run({"index", "-i", Index(), "--preset", "solr", corpus});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = Run({"index", "-i", Index(), "--language", "klingon", corpus});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("klingon"), std::string::npos) << r.err;
  const std::string two = tmp_.Write("two.txt", "alpha beta\n");
  r = Run({"index", "-i", Index(), "--stopwords", two, corpus});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("two.txt: line 1"), std::string::npos) << r.err;
  r = Run({"index", "-i", Index(), "--stopwords", (tmp_.path() / "missing").string(), corpus});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("missing"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(Index()));
}

}  // namespace
}  // namespace nsearch::testing
