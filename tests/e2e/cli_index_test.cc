// Builds indexes with the real binary from files, folders and JSONL, including bad input and
// damaged index files.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "tests/e2e/run_command.h"
#include "tests/support/temp_dir.h"

namespace nsearch::testing {
namespace {

namespace fs = std::filesystem;

class CliIndexTest : public ::testing::Test {
 protected:
  CommandResult Run(const std::vector<std::string>& args) { return RunNsearch(args, tmp_.path()); }

  std::string Index() const { return (tmp_.path() / "idx").string(); }

  nlohmann::json Search(const std::string& query) {
    const CommandResult r = Run({"-i", Index(), query, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json{};
  }

  uint64_t Documents() {
    const CommandResult r = Run({"stats", "-i", Index(), "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out)["documents"].get<uint64_t>() : 0;
  }

  // Builds a small index of two JSONL documents and a text file; returns the build result.
  CommandResult BuildSmallIndex() {
    const std::string jsonl =
        tmp_.Write("in/docs.jsonl",
                   "{\"id\":\"a\",\"title\":\"Alpha pact\",\"body\":\"A mutual defense treaty.\"}\n"
                   "{\"id\":\"b\",\"title\":\"Beta\",\"body\":\"Trade and "
                   "grain.\",\"date\":\"2024-06-01\"}\n");
    tmp_.Write("in/notes/c.txt", "Gamma headline\n\nThe treaty text was published.\n");
    return Run({"index", "-i", Index(), (tmp_.path() / "in").string()});
  }

  TempDir tmp_;
};

TEST_F(CliIndexTest, IndexesFoldersTextAndJsonlAndSearchesThem) {
  const CommandResult build = BuildSmallIndex();
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_NE(build.out.find("indexed 3 documents from 2 files"), std::string::npos) << build.out;
  EXPECT_EQ(Documents(), 3u);
  const nlohmann::json treaty = Search("treaty");
  ASSERT_EQ(treaty["total"], 2);
  std::set<std::string> ids;
  for (const auto& hit : treaty["hits"]) ids.insert(hit["id"].get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{"a", "c"}));
  const nlohmann::json grain = Search("grain");
  ASSERT_EQ(grain["hits"].size(), 1u);
  EXPECT_EQ(grain["hits"][0]["title"], "Beta");
  EXPECT_EQ(grain["hits"][0]["date"], "2024-06-01");
  EXPECT_EQ(Search("gamma")["hits"][0]["title"], "Gamma headline");

  const CommandResult stats = Run({"stats", "-i", Index()});
  ASSERT_EQ(stats.exit_code, 0);
  for (const char* kind : {"documents:", "terms:", "postings:", "tdict", "post", "pos", "store"}) {
    EXPECT_NE(stats.out.find(kind), std::string::npos) << kind;
  }
}

TEST_F(CliIndexTest, IndexingAgainAddsDocumentsToTheCommittedIndex) {
  ASSERT_EQ(BuildSmallIndex().exit_code, 0);
  const std::string more = tmp_.Write("more.jsonl", "{\"id\":\"d\",\"body\":\"treaty again\"}\n");
  const CommandResult r = Run({"index", "-i", Index(), more});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Documents(), 4u);
  EXPECT_EQ(Search("treaty")["total"], 3);
}

TEST_F(CliIndexTest, IndexingAnIdAgainReplacesTheDocument) {
  ASSERT_EQ(BuildSmallIndex().exit_code, 0);
  const std::string again =
      tmp_.Write("again.jsonl", "{\"id\":\"a\",\"title\":\"Alpha\",\"body\":\"okapi\"}\n");
  const CommandResult r = Run({"index", "-i", Index(), again});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("replaced 1"), std::string::npos) << r.out;
  EXPECT_EQ(Documents(), 3u);
  EXPECT_EQ(Search("okapi")["hits"][0]["id"], "a");
  EXPECT_EQ(Search("treaty")["total"], 1);  // only c: a's old text is gone
}

TEST_F(CliIndexTest, DeleteAndMergeKeepTheIndexConsistent) {
  ASSERT_EQ(BuildSmallIndex().exit_code, 0);
  const std::string more = tmp_.Write("more.jsonl",
                                      "{\"id\":\"d\",\"body\":\"treaty again\"}\n"
                                      "{\"id\":\"e\",\"body\":\"grain silo\"}\n"
                                      "{\"id\":\"f\",\"body\":\"okapi\"}\n"
                                      "{\"id\":\"g\",\"body\":\"zebra\"}\n");
  ASSERT_EQ(Run({"index", "-i", Index(), more}).exit_code, 0);
  CommandResult r = Run({"delete", "-i", Index(), "a", "d", "nosuchid"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("deleted 2 of 3 ids"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("1 ids matched no document"), std::string::npos) << r.err;
  EXPECT_EQ(Documents(), 5u);
  nlohmann::json treaty = Search("treaty");
  ASSERT_EQ(treaty["total"], 1);
  EXPECT_EQ(treaty["hits"][0]["id"], "c");
  // a was 1 of 3 documents of its segment, over the merge policy's 30%: that segment was
  // rewritten at once. d is 1 of 4 of the other and stays a deletion until a merge.
  r = Run({"stats", "-i", Index()});
  EXPECT_NE(r.out.find("deleted:         1"), std::string::npos) << r.out;

  r = Run({"merge", "-i", Index()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 segments -> 1"), std::string::npos) << r.out;
  r = Run({"stats", "-i", Index(), "--json"});
  const nlohmann::json stats = nlohmann::json::parse(r.out);
  EXPECT_EQ(stats["segments"], 1);
  EXPECT_EQ(stats["deleted"], 0);
  EXPECT_EQ(stats["documents"], 5);
  treaty = Search("treaty");
  ASSERT_EQ(treaty["total"], 1);
  EXPECT_EQ(treaty["hits"][0]["id"], "c");
  EXPECT_EQ(Search("grain")["total"], 2);
  // Only the merged segment's files remain: the replaced ones were removed.
  size_t post_files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Index())) {
    post_files += entry.path().extension() == ".post" ? 1 : 0;
    EXPECT_NE(entry.path().extension(), ".del") << entry.path();
  }
  EXPECT_EQ(post_files, 1u);

  EXPECT_EQ(Run({"delete", "-i", Index()}).exit_code, 2);  // no ids
  EXPECT_EQ(Run({"delete", "-i", (tmp_.path() / "nothing").string(), "a"}).exit_code, 1);
}

TEST_F(CliIndexTest, ConfigurableJsonlFieldNames) {
  const std::string p =
      tmp_.Write("c.jsonl", "{\"_id\":7,\"name\":\"Seven\",\"text\":\"lucky number\"}\n");
  const CommandResult r = Run({"index", "-i", Index(), "--id-field", "_id", "--title-field", "name",
                               "--body-field", "text", p});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json hits = Search("lucky");
  ASSERT_EQ(hits["hits"].size(), 1u);
  EXPECT_EQ(hits["hits"][0]["id"], "7");
  EXPECT_EQ(hits["hits"][0]["title"], "Seven");
}

TEST_F(CliIndexTest, BadInputIsReportedWithFileAndLineAndTheRestIsIndexed) {
  const std::string jsonl = tmp_.Write("in/c.jsonl",
                                       "{\"id\":\"ok1\",\"body\":\"first good line\"}\n"
                                       "{\"id\":\"bad\",\"body\":\"unterminated\n"
                                       "{\"id\":\"ok2\",\"body\":\"second good line\"}\n");
  tmp_.Write("in/empty.txt", "");
  tmp_.Write("in/latin1.txt", "caf\xE9 cr\xE8me good");
  tmp_.Write("in/binary.bin", std::string("\x7f"
                                          "ELF\0\0\0binary",
                                          13));
  const CommandResult r = Run({"index", "-i", Index(), (tmp_.path() / "in").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(jsonl + ":2: malformed JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.txt: empty document"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("latin1.txt: invalid UTF-8 replaced"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("binary.bin: binary file"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("skipped 3, repaired 1"), std::string::npos) << r.out;
  EXPECT_EQ(Documents(), 3u);
  EXPECT_EQ(Search("good")["total"], 3);
  const CommandResult strict = Run({"index", "-i", Index(), "--strict", jsonl});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_EQ(Documents(), 3u) << "a failed --strict build must commit nothing";
}

TEST_F(CliIndexTest, MissingInputFailsAndLeavesTheCommittedIndexAlone) {
  ASSERT_EQ(BuildSmallIndex().exit_code, 0);
  const std::string missing = (tmp_.path() / "no-such-file.jsonl").string();
  const std::string extra = tmp_.Write("extra.jsonl", "{\"id\":\"x\",\"body\":\"extra\"}\n");
  const CommandResult r = Run({"index", "-i", Index(), extra, missing});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
  EXPECT_EQ(Documents(), 3u);
  EXPECT_EQ(Search("extra")["total"], 0);
}

TEST_F(CliIndexTest, AFailedFirstBuildLeavesNoDirectoryBehind) {
  const CommandResult r = Run({"index", "-i", Index(), (tmp_.path() / "missing").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(fs::exists(Index())) << r.err;
}

TEST_F(CliIndexTest, JsonNumbersOutOfRangeAreMalformedLinesNotCrashes) {
  const std::string p = tmp_.Write("c.jsonl",
                                   "{\"id\":\"a\",\"body\":\"x\",\"n\":1e999}\n"
                                   "{\"id\":\"b\",\"body\":\"y\"}\n");
  const CommandResult r = Run({"index", "-i", Index(), p});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(p + ":1: malformed JSON"), std::string::npos) << r.err;
  EXPECT_EQ(Documents(), 1u);
}

TEST_F(CliIndexTest, AnIndexPathThatIsAFileExitsOne) {
  const std::string file = tmp_.Write("plain.txt", "text");
  EXPECT_EQ(Run({"-i", file, "x"}).exit_code, 1);
  EXPECT_EQ(Run({"index", "-i", file, file}).exit_code, 1);
}

TEST_F(CliIndexTest, AMissingSegmentFileIsDamageNotAMissingIndex) {
  ASSERT_EQ(BuildSmallIndex().exit_code, 0);
  fs::path post;
  for (const auto& entry : fs::directory_iterator(Index())) {
    if (entry.path().extension() == ".post")
      post = entry.path();
  }
  ASSERT_FALSE(post.empty());
  fs::remove(post);
  const CommandResult r = Run({"-i", Index(), "treaty"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(post.filename().string()), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("not an nsearch index"), std::string::npos) << r.err;
}

TEST_F(CliIndexTest, RefusesToWriteIntoAFolderThatIsNotAnIndex) {
  tmp_.Write("idx/precious.txt", "do not touch");
  const std::string doc = tmp_.Write("d.txt", "some text");
  const CommandResult r = Run({"index", "-i", Index(), doc});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not empty"), std::string::npos) << r.err;
  EXPECT_EQ(std::distance(fs::directory_iterator(Index()), fs::directory_iterator()), 1);
}

TEST_F(CliIndexTest, SearchingAMissingOrNonIndexDirectoryExitsOneNamingIt) {
  const CommandResult missing = Run({"-i", Index(), "x"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find(Index()), std::string::npos) << missing.err;
  fs::create_directories(Index());
  const CommandResult empty = Run({"-i", Index(), "x"});
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_NE(empty.err.find("not an nsearch index"), std::string::npos) << empty.err;
}

// Every file of a committed index, truncated or with one byte flipped, is refused with exit 1
// and a message naming the damaged file: never a crash, never results from damaged data.
TEST_F(CliIndexTest, DamagedIndexFilesAreRefusedNamingTheFile) {
  ASSERT_EQ(BuildSmallIndex().exit_code, 0);
  const fs::path backup = tmp_.path() / "backup";
  fs::copy(Index(), backup);
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(backup)) {
    const std::string name = entry.path().filename().string();
    if (name == "LOCK") {
      continue;  // the writers' lock: empty, never read
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    const std::string original = s.str();
    ASSERT_GT(original.size(), 16u) << name;
    std::vector<std::string> damaged = {original.substr(0, original.size() / 2),
                                        original.substr(0, original.size() - 1), original,
                                        original};
    damaged[2][original.size() / 2] ^= 0x10;
    damaged[3][original.size() - 3] ^= 0x01;  // in the footer
    for (const std::string& bytes : damaged) {
      std::ofstream(fs::path(Index()) / name, std::ios::binary | std::ios::trunc) << bytes;
      const CommandResult r = Run({"-i", Index(), "treaty"});
      EXPECT_EQ(r.exit_code, 1) << name << ": " << r.out << r.err;
      EXPECT_NE(r.err.find(name), std::string::npos) << r.err;
      ++cases;
    }
    std::ofstream(fs::path(Index()) / name, std::ios::binary | std::ios::trunc) << original;
  }
  EXPECT_GE(cases, 28);
  EXPECT_EQ(Search("treaty")["total"], 2);  // restored files work again
}

TEST_F(CliIndexTest, BatchModeWritesATrecRunAndALatencyLine) {
  ASSERT_EQ(BuildSmallIndex().exit_code, 0);
  const std::string queries = tmp_.Write("q.tsv",
                                         "1\ttreaty\n"
                                         "no tab here\n"
                                         "2\t\"mutual defense\"\n"
                                         "3\t\"unclosed\n"
                                         "4\tnothingmatches\n");
  for (const char* mode : {"query", "or", "and", "phrase"}) {
    const CommandResult r =
        Run({"-i", Index(), "--queries", queries, "-k", "10", "--mode", mode, "--passes", "2"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::regex last_line("queries=[0-9]+ mean_ms=[0-9.]+ p50_ms=[0-9.]+ p99_ms=[0-9.]+\n$");
    EXPECT_TRUE(std::regex_search(r.err, last_line)) << r.err;
    EXPECT_NE(r.err.find("q.tsv:2: expected"), std::string::npos) << r.err;
    std::istringstream run(r.out);
    std::string line;
    int lines = 0;
    while (std::getline(run, line)) {
      EXPECT_TRUE(std::regex_match(line, std::regex("[0-9]+ Q0 [a-z]+ [0-9]+ -?[0-9.]+ nsearch")))
          << line;
      ++lines;
    }
    EXPECT_GE(lines, 2) << mode;
  }
  const CommandResult r = Run({"-i", Index(), "--queries", queries});
  EXPECT_NE(r.out.find("1 Q0 a 1 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 Q0 c 2 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 Q0 a 1 "), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("q.tsv:4: query 3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("queries=3 "), std::string::npos) << r.err;
}

TEST_F(CliIndexTest, BatchModeCountsAndComparesEvaluators) {
  ASSERT_EQ(BuildSmallIndex().exit_code, 0);
  const std::string queries =
      tmp_.Write("q.tsv", "1\ttreaty\n2\ttreaty grain\n3\t+treaty -mutual\n4\tnothingmatches\n");
  // Pruned and exhaustive evaluation print the same run; --count does not change it.
  const CommandResult pruned = Run({"-i", Index(), "--queries", queries, "-k", "1"});
  ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
  for (const char* flag : {"--exhaustive", "--count"}) {
    const CommandResult other = Run({"-i", Index(), "--queries", queries, "-k", "1", flag});
    ASSERT_EQ(other.exit_code, 0) << other.err;
    EXPECT_EQ(other.out, pruned.out) << flag;
  }
  const CommandResult counts = Run({"-i", Index(), "--queries", queries, "--count-only"});
  ASSERT_EQ(counts.exit_code, 0) << counts.err;
  EXPECT_EQ(counts.out, "1\t2\n2\t3\n3\t1\n4\t0\n");
  EXPECT_NE(counts.err.find("queries=4 "), std::string::npos) << counts.err;
  // Both counting flags belong to batch mode and exclude each other.
  EXPECT_EQ(Run({"-i", Index(), "treaty", "--count-only"}).exit_code, 2);
  EXPECT_EQ(Run({"-i", Index(), "--queries", queries, "--count", "--count-only"}).exit_code, 2);
}

TEST_F(CliIndexTest, IndexesStdinCompressedFilesAndGlobbedFolders) {
  tmp_.Write("in/a.txt", "Alpha\n\nThe treaty of alpha.\n");
  tmp_.Write("in/skip/b.txt", "The treaty of beta.\n");
  tmp_.Write("in/c.md", "The treaty of gamma.\n");
  // A .gz file that is not gzip data: warned about and skipped, the build goes on.
  tmp_.Write("in/d.txt.gz", "not gzip");
  const std::string jsonl =
      "{\"id\":\"s1\",\"body\":\"A treaty from stdin.\"}\n"
      "{oops\n"
      "{\"id\":\"s2\",\"body\":\"Another treaty.\"}\n";
  const CommandResult build =
      RunCommandWithInput({NSEARCH_BINARY, "index", "-i", Index(), "--include", "*.txt",
                           "--exclude", "skip", "-", (tmp_.path() / "in").string()},
                          tmp_.path(), jsonl);
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_NE(build.out.find("indexed 3 documents from 3 files"), std::string::npos) << build.out;
  EXPECT_NE(build.out.find("skipped 2,"), std::string::npos) << build.out;
  EXPECT_NE(build.err.find("stdin:2: malformed JSON"), std::string::npos) << build.err;
  EXPECT_NE(build.err.find("d.txt.gz: corrupt gzip data"), std::string::npos) << build.err;
  const nlohmann::json treaty = Search("treaty");
  std::set<std::string> ids;
  for (const auto& hit : treaty["hits"]) ids.insert(hit["id"].get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{"a", "s1", "s2"}));
}

// `nsearch verify` passes an intact index (exit 0, a summary) and names a damaged file (exit 1).
TEST_F(CliIndexTest, VerifyReportsAnIntactIndexAndNamesADamagedFile) {
  ASSERT_EQ(BuildSmallIndex().exit_code, 0);
  const CommandResult ok = Run({"verify", "-i", Index()});
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  for (const char* line : {"segments:        1", "documents:       3",
                           "postings:", "files:", "elapsed:", "no problems found"}) {
    EXPECT_NE(ok.out.find(line), std::string::npos) << line << " in " << ok.out;
  }
  const CommandResult json = Run({"verify", "-i", Index(), "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["ok"], true);
  fs::path len;
  for (const auto& entry : fs::directory_iterator(Index())) {
    if (entry.path().extension() == ".len")
      len = entry.path();
  }
  ASSERT_FALSE(len.empty());
  {
    std::fstream file(len, std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(9);
    file.put('\x7f');  // inside the first document length: the checksum no longer matches
  }
  const CommandResult damaged = Run({"verify", "-i", Index(), "-q"});
  EXPECT_EQ(damaged.exit_code, 1);
  EXPECT_NE(damaged.out.find(len.filename().string()), std::string::npos) << damaged.out;
  EXPECT_EQ(damaged.out.find("segments:"), std::string::npos) << "-q prints problems only";
  const CommandResult missing = Run({"verify", "-i", (tmp_.path() / "nothing").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("nothing"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace nsearch::testing
