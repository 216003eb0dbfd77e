// Searches the embedded seeds through the real binary, from a directory that holds nothing.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "tests/e2e/run_command.h"
#include "tests/support/temp_dir.h"

namespace nsearch::testing {
namespace {

// Lower-cased seed texts by id, read from the source tree (the binary embeds the same files).
std::map<std::string, std::string> SeedTexts() {
  std::map<std::string, std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(NSEARCH_SEEDS_DIR)) {
    if (entry.path().extension() != ".txt" || entry.path().filename() == "CMakeLists.txt")
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    texts[entry.path().stem().string()] = text;
  }
  return texts;
}

bool HasWord(const std::string& text, const std::string& word) {
  std::string pattern = "\\b";
  pattern.append(word).append("\\b");
  return std::regex_search(text, std::regex(pattern));
}

class CliSearchTest : public ::testing::Test {
 protected:
  CommandResult Run(const std::vector<std::string>& args) { return RunNsearch(args, cwd_.path()); }

  nlohmann::json RunJson(std::vector<std::string> args) {
    args.push_back("--json");
    const CommandResult r = Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  static std::set<std::string> Ids(const nlohmann::json& response) {
    std::set<std::string> ids;
    for (const auto& hit : response["hits"]) ids.insert(hit["id"].get<std::string>());
    return ids;
  }

  TempDir cwd_;
};

TEST_F(CliSearchTest, MutualDefenseRanksTheDefensePactFirstWithTitlesDatesAndSnippets) {
  const CommandResult r = Run({"mutual defense"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "piped output must not use ANSI codes";
  EXPECT_NE(r.out.find("5 results for \"mutual defense\""), std::string::npos) << r.out;
  const size_t first = r.out.find("\n1. ");
  ASSERT_NE(first, std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("1. Kim Jong Un and Putin sign mutual defense pact in North Korea"),
            first + 1);
  EXPECT_NE(r.out.find("2024-06-19 · score "), std::string::npos);
  EXPECT_NE(r.out.find("· 004_7550fd385f871b0d"), std::string::npos);
  EXPECT_NE(r.out.find("**mutual** **defense**"), std::string::npos) << r.out;
  // Untitled articles are headed by the start of their text.
  EXPECT_NE(r.out.find(". During his visit to the North Korean capital"), std::string::npos);
}

TEST_F(CliSearchTest, JsonHasTheDocumentedFieldsAndHighlightOffsets) {
  const nlohmann::json response = RunJson({"mutual defense"});
  EXPECT_EQ(response["query"], "mutual defense");
  EXPECT_EQ(response["total"], 5);
  EXPECT_EQ(response["total_exact"], true);  // interactive search always counts exactly
  EXPECT_GE(response["took_ms"].get<double>(), 0.0);
  ASSERT_EQ(response["hits"].size(), 5u);
  EXPECT_EQ(response["hits"][0]["id"], "004_7550fd385f871b0d");
  EXPECT_EQ(response["hits"][0]["date"], "2024-06-19");
  double previous = 1e300;
  for (const auto& hit : response["hits"]) {
    for (const char* field : {"id", "score", "title", "date", "snippet", "highlights"}) {
      EXPECT_TRUE(hit.contains(field)) << field;
    }
    const double score = hit["score"].get<double>();
    EXPECT_LE(score, previous);
    previous = score;
    const std::string snippet = hit["snippet"].get<std::string>();
    ASSERT_FALSE(hit["highlights"].empty()) << hit.dump();
    for (const auto& range : hit["highlights"]) {
      const size_t begin = range[0].get<size_t>();
      const size_t end = range[1].get<size_t>();
      ASSERT_LT(begin, end);
      ASSERT_LE(end, snippet.size());
      std::string word = snippet.substr(begin, end - begin);
      std::transform(word.begin(), word.end(), word.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      // "defence" is folded to "defense" (spelling folding), so it is highlighted too.
      EXPECT_TRUE(word.rfind("mutual", 0) == 0 || word.rfind("defens", 0) == 0 ||
                  word.rfind("defenc", 0) == 0)
          << word;
    }
  }
}

TEST_F(CliSearchTest, PhraseMatchesExactlyTheArticlesContainingIt) {
  std::set<std::string> expected;
  for (const auto& [id, text] : SeedTexts()) {
    if (std::regex_search(text, std::regex("mutual\\s+defen[sc]e\\b")))  // spelling folding
      expected.insert(id);
  }
  ASSERT_FALSE(expected.empty());
  const nlohmann::json response = RunJson({"\"mutual defense\""});
  EXPECT_EQ(Ids(response), expected);
  for (const auto& hit : response["hits"]) {
    ASSERT_EQ(hit["highlights"].size(), 1u) << hit.dump();  // the phrase as one span
  }
}

TEST_F(CliSearchTest, RequiredAndExcludedTermsFilterByWords) {
  std::set<std::string> kim_and_vietnam;
  std::set<std::string> putin_not_pyongyang;
  for (const auto& [id, text] : SeedTexts()) {
    if (HasWord(text, "kim") && HasWord(text, "vietnam"))
      kim_and_vietnam.insert(id);
    if (HasWord(text, "putin") && !HasWord(text, "pyongyang"))
      putin_not_pyongyang.insert(id);
  }
  EXPECT_EQ(Ids(RunJson({"+kim +vietnam"})), kim_and_vietnam);
  EXPECT_EQ(Ids(RunJson({"putin -pyongyang"})), putin_not_pyongyang);
  const nlohmann::json none = RunJson({"putin -korea"});
  EXPECT_EQ(none["total"], 0);
  const CommandResult text = Run({"putin -korea"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("No results"), std::string::npos);
}

TEST_F(CliSearchTest, LimitAndOffsetPageThroughTheRanking) {
  const nlohmann::json all = RunJson({"korea"});
  ASSERT_EQ(all["hits"].size(), 5u);
  const nlohmann::json page = RunJson({"korea", "-k", "2", "--offset", "2"});
  EXPECT_EQ(page["total"], 5);
  ASSERT_EQ(page["hits"].size(), 2u);
  EXPECT_EQ(page["hits"][0]["id"], all["hits"][2]["id"]);
  EXPECT_EQ(page["hits"][1]["id"], all["hits"][3]["id"]);
  EXPECT_EQ(RunJson({"search", "korea", "-k", "1"})["hits"].size(), 1u);
}

TEST_F(CliSearchTest, ColorAlwaysUsesBoldHighlights) {
  const CommandResult r = Run({"mutual defense", "--color", "always"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("\x1b[1;33mmutual\x1b[0m"), std::string::npos) << r.out;
}

TEST_F(CliSearchTest, QueryErrorsExitTwoNamingTheColumn) {
  const CommandResult r = Run({"\"mutual defense"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("column 1"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(CliSearchTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Run({}).exit_code, 2);
  EXPECT_EQ(Run({"--no-such-option", "x"}).exit_code, 2);
  EXPECT_EQ(Run({"x", "-k", "0"}).exit_code, 2);
  EXPECT_EQ(Run({"x", "-k", "abc"}).exit_code, 2);
  EXPECT_EQ(Run({"x", "--mode", "fuzzy"}).exit_code, 2);
  EXPECT_EQ(Run({"x", "--b", "2"}).exit_code, 2);
  EXPECT_EQ(Run({"x", "--k1", "nan"}).exit_code, 2);
  EXPECT_EQ(Run({"x", "--offset", "999999", "-k", "10"}).exit_code, 2);
  EXPECT_EQ(Run({"--json", "stats"}).exit_code, 2);  // would be silently ignored
  EXPECT_EQ(Run({"index", "-i", "x", "--language", "klingon", "y"}).exit_code, 2);
}

TEST_F(CliSearchTest, OptionsBeforeTheSearchCommandApply) {
  const CommandResult r = Run({"-k", "1", "--json", "search", "korea"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["hits"].size(), 1u);
}

TEST_F(CliSearchTest, QueryStartingWithAMinusFollowsDoubleDash) {
  const CommandResult r = Run({"--json", "--", "-korea putin"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"], 0);
}

TEST_F(CliSearchTest, AbsurdQueriesAreRefusedOrAnsweredQuickly) {
  std::string many;
  for (int i = 0; i < 5000; ++i) many.append("w").append(std::to_string(i)).append(" ");
  const CommandResult r = Run({many});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(Run({std::string(20000, '(')}).exit_code, 2);
  const CommandResult punct = Run({"!!! ??? ..."});
  EXPECT_EQ(punct.exit_code, 0) << punct.err;
}

TEST_F(CliSearchTest, VersionAndStats) {
  const CommandResult version = Run({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("nsearch ", 0), 0u);
  const CommandResult stats = Run({"stats", "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const nlohmann::json s = nlohmann::json::parse(stats.out);
  EXPECT_EQ(s["documents"], 5);
  EXPECT_GT(s["terms"].get<int>(), 100);
  EXPECT_GT(s["bytes"]["post"].get<int>(), 0);
}

TEST_F(CliSearchTest, ExplainShowsHowScoresAddUp) {
  const CommandResult text = Run({"mutual defense", "--explain", "-k", "2"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find(" sum of:\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("term \"mutual\" [BM25F]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(" idf(mutual) = ln(1 + (N - df + 0.5) / (df + 0.5))"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find(" body: w * freq / (1 - b + b * dl / avgdl)"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find(" title: w * freq / (1 - b + b * dl / avgdl)"), std::string::npos)
      << text.out;
  const CommandResult field = Run({"body:mutual", "--explain", "-k", "1"});
  ASSERT_EQ(field.exit_code, 0) << field.err;
  EXPECT_NE(field.out.find("term \"mutual\" in body [BM25]"), std::string::npos) << field.out;
  EXPECT_NE(field.out.find(" tf = freq / (freq + k1 * (1 - b + b * dl / avgdl))"),
            std::string::npos)
      << field.out;
  EXPECT_NE(text.out.find(" 5 N, documents in the index\n"), std::string::npos) << text.out;
  EXPECT_EQ(Run({"mutual defense"}).out.find(" idf("), std::string::npos);

  const nlohmann::json json = RunJson({"mutual defense", "--explain"});
  ASSERT_FALSE(json["hits"].empty());
  for (const auto& hit : json["hits"]) {
    ASSERT_TRUE(hit.contains("explanation")) << hit;
    const double score = hit["score"].get<double>();
    EXPECT_LE(std::abs(hit["explanation"]["value"].get<double>() - score), 1e-9 * score) << hit;
    EXPECT_TRUE(hit["explanation"]["description"].is_string());
    EXPECT_FALSE(hit["explanation"]["details"].empty());
  }
  EXPECT_FALSE(RunJson({"mutual defense"})["hits"][0].contains("explanation"));
  EXPECT_EQ(Run({"--explain", "--queries", "q.tsv"}).exit_code, 2);
}

TEST_F(CliSearchTest, BritishSpellingsMatchAmericanQueries) {
  // Article 003 writes "mutual defence"; spelling folding (on by default) makes it match both
  // words of "mutual defense", highlighted as such, and the phrase too.
  const std::string id = "003_1a72d1044c860c44";
  ASSERT_NE(SeedTexts().at(id).find("mutual defence"), std::string::npos);
  const nlohmann::json response = RunJson({"mutual defense"});
  bool found = false;
  for (const auto& hit : response["hits"]) {
    if (hit["id"] != id)
      continue;
    found = true;
    const std::string snippet = hit["snippet"].get<std::string>();
    std::set<std::string> highlighted;
    for (const auto& range : hit["highlights"]) {
      const size_t begin = range[0].get<size_t>();
      highlighted.insert(snippet.substr(begin, range[1].get<size_t>() - begin));
    }
    EXPECT_TRUE(highlighted.contains("mutual")) << hit.dump();
    EXPECT_TRUE(highlighted.contains("defence")) << hit.dump();
  }
  EXPECT_TRUE(found) << response.dump();
  EXPECT_TRUE(Ids(RunJson({"\"mutual defense\""})).contains(id));
  EXPECT_EQ(Ids(RunJson({"\"mutual defence\""})), Ids(RunJson({"\"mutual defense\""})));
}

TEST_F(CliSearchTest, PrefixAndFuzzyWordsFindTheWordsTheyStandFor) {
  std::set<std::string> sanctions, pyongyang;
  for (const auto& [id, text] : SeedTexts()) {
    if (std::regex_search(text, std::regex("\\b[Ss]anct", std::regex::ECMAScript)))
      sanctions.insert(id);
    if (HasWord(text, "pyongyang"))
      pyongyang.insert(id);
  }
  ASSERT_FALSE(sanctions.empty());
  EXPECT_EQ(Ids(RunJson({"sanct*"})), sanctions);
  EXPECT_EQ(Ids(RunJson({"pyongyan~"})), pyongyang);  // one edit from "pyongyang"
  EXPECT_EQ(Ids(RunJson({"pyongyang~0"})), pyongyang);
  const CommandResult bad = Run({"k*rea"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("column 2: '*' is only supported at the end of a word"), std::string::npos)
      << bad.err;
}

TEST_F(CliSearchTest, SnippetLengthAndMarkersAreConfigurable) {
  const CommandResult r =
      Run({"mutual defense", "-k", "1", "--snippet-bytes", "60", "--markers", "<b>", "</b>"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("<b>mutual</b> <b>defense</b>"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("**"), std::string::npos) << r.out;
  const nlohmann::json short_snippets = RunJson({"mutual defense", "--snippet-bytes", "60"});
  for (const auto& hit : short_snippets["hits"]) {
    // The passage, collapsed, plus an ellipsis (3 bytes) at each cut end.
    EXPECT_LE(hit["snippet"].get<std::string>().size(), 60u + 6u) << hit.dump();
  }
  EXPECT_EQ(Run({"korea", "--snippet-bytes", "5"}).exit_code, 2);
  EXPECT_EQ(Run({"korea", "--markers", "<b>"}).exit_code, 2);
}

TEST_F(CliSearchTest, DateFiltersKeepTheDocumentsOfTheirDays) {
  // The dates the search results report, per id, for every article.
  std::map<std::string, std::string> dates;
  const nlohmann::json all = RunJson({"korea", "-k", "10"});  // kept: hits refer into it
  for (const auto& hit : all["hits"]) {
    dates[hit["id"].get<std::string>()] = hit["date"].get<std::string>();
  }
  ASSERT_EQ(dates.size(), 5u);
  std::set<std::string> june19, after19;
  for (const auto& [id, date] : dates) {
    if (date == "2024-06-19")
      june19.insert(id);
    if (!date.empty() && date > "2024-06-19")
      after19.insert(id);
  }
  ASSERT_FALSE(june19.empty());
  EXPECT_EQ(Ids(RunJson({"korea date:2024-06-19"})), june19);
  EXPECT_EQ(Ids(RunJson({"korea date:>2024-06-19"})), after19);
  const nlohmann::json plain = RunJson({"korea"});
  const nlohmann::json filtered = RunJson({"korea date:2024-06-19"});
  for (const auto& hit : filtered["hits"]) {
    for (const auto& same : plain["hits"]) {
      if (same["id"] == hit["id"]) {
        EXPECT_EQ(same["score"], hit["score"]) << hit.dump();  // filters do not score
      }
    }
  }
  const CommandResult bad = Run({"date:2024-13-01"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("column 6: '2024-13-01' is not a date"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace nsearch::testing
