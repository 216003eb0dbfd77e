#include "index/input/document_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace nsearch::input {
namespace {

namespace fs = std::filesystem;

class DocumentReaderTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& rel, const std::string& bytes) {
    return temp_.Write(rel, bytes);
  }

  Status Read(const std::vector<std::string>& paths, InputOptions options = {}) {
    docs_.clear();
    warnings_.clear();
    report_ = {};
    return ReadDocuments(
        paths, options,
        [this](store::StoredDocument&& d) {
          docs_.push_back(std::move(d));
          return Status::Ok();
        },
        [this](const std::string& w) { warnings_.push_back(w); }, &report_);
  }

  nsearch::testing::TempDir temp_;
  const fs::path& root_ = temp_.path();
  std::vector<store::StoredDocument> docs_;
  std::vector<std::string> warnings_;
  InputReport report_;
};

TEST_F(DocumentReaderTest, FolderIsWalkedRecursivelyInSortedOrderSkippingHidden) {
  Write("b.txt", "second file");
  Write("a.txt", "first file");
  Write("sub/c.md", "third file");
  Write(".hidden/d.txt", "hidden");
  Write(".e.txt", "hidden too");
  ASSERT_TRUE(Read({root_.string()}).ok());
  ASSERT_EQ(docs_.size(), 3u);
  EXPECT_EQ(docs_[0].id, "a");
  EXPECT_EQ(docs_[1].id, "b");
  EXPECT_EQ(docs_[2].id, "c");
  EXPECT_EQ(report_.files, 3u);
  EXPECT_TRUE(warnings_.empty());
}

TEST_F(DocumentReaderTest, InputSizeCountsTheFilesAFolderWalkReads) {
  Write("docs/a.txt", "12345");
  Write("docs/sub/c.md", "123");
  Write("docs/skip/d.txt", "1234567");
  Write("docs/.hidden/e.txt", "123456789");
  const std::string single = Write("single.jsonl", "{}\n");
  const std::string docs = (root_ / "docs").string();
  InputOptions options;
  options.exclude = {"skip"};
  EXPECT_EQ(InputSize({docs}, options), std::optional<uint64_t>(8));
  EXPECT_EQ(InputSize({docs, single}, options), std::optional<uint64_t>(11));
  EXPECT_EQ(InputSize({docs, "-"}, options), std::nullopt);
  EXPECT_EQ(InputSize({(root_ / "missing").string()}, options), std::nullopt);
}

TEST_F(DocumentReaderTest, JsonlFieldsAndIntegerIds) {
  const std::string p =
      Write("c.jsonl",
            "{\"id\":\"d1\",\"title\":\"T1\",\"body\":\"B1\",\"date\":\"2024-06-19\",\"x\":[1]}\r\n"
            "\n"
            "{\"id\":42,\"body\":\"B2\"}\n");
  ASSERT_TRUE(Read({p}).ok());
  ASSERT_EQ(docs_.size(), 2u);
  EXPECT_EQ(docs_[0].id, "d1");
  EXPECT_EQ(docs_[0].title, "T1");
  EXPECT_EQ(docs_[0].body, "B1");
  EXPECT_EQ(docs_[0].date, "2024-06-19");
  EXPECT_EQ(docs_[0].path, p + ":1");
  EXPECT_EQ(docs_[1].id, "42");
  EXPECT_EQ(docs_[1].path, p + ":3");
}

TEST_F(DocumentReaderTest, ConfigurableFieldNames) {
  const std::string p = Write("c.ndjson", "{\"_id\":\"a\",\"name\":\"N\",\"text\":\"T\"}\n");
  InputOptions options;
  options.id_field = "_id";
  options.title_field = "name";
  options.body_field = "text";
  ASSERT_TRUE(Read({p}, options).ok());
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].id, "a");
  EXPECT_EQ(docs_[0].title, "N");
  EXPECT_EQ(docs_[0].body, "T");
}

TEST_F(DocumentReaderTest, BadJsonLinesAreSkippedWithFileAndLine) {
  const std::string p = Write("c.jsonl",
                              "{\"id\":\"ok1\",\"body\":\"x\"}\n"
                              "{\"id\":\"broken\",\"body\":\n"
                              "[1,2]\n"
                              "{\"body\":\"no id\"}\n"
                              "{\"id\":\"n\",\"body\":5}\n"
                              "{\"id\":\"e\",\"body\":\"  \"}\n"
                              "{\"id\":\"ok2\",\"body\":\"y\"}\n");
  ASSERT_TRUE(Read({p}).ok());
  ASSERT_EQ(docs_.size(), 2u);
  EXPECT_EQ(docs_[0].id, "ok1");
  EXPECT_EQ(docs_[1].id, "ok2");
  EXPECT_EQ(report_.skipped, 5u);
  ASSERT_EQ(warnings_.size(), 5u);
  EXPECT_EQ(warnings_[0].rfind(p + ":2: malformed JSON", 0), 0u) << warnings_[0];
  EXPECT_EQ(warnings_[1].rfind(p + ":3: ", 0), 0u) << warnings_[1];
  EXPECT_NE(warnings_[2].find(":4: no \"id\" field"), std::string::npos) << warnings_[2];
  EXPECT_NE(warnings_[3].find(":5: field \"body\" is not a string"), std::string::npos);
  EXPECT_NE(warnings_[4].find(":6: empty document"), std::string::npos);
}

TEST_F(DocumentReaderTest, BinaryEmptyAndOversizedFilesAreSkipped) {
  Write("bin.dat", std::string("abc\0def", 7));
  Write("empty.txt", "");
  Write("blank.txt", " \n\t\n");
  Write("big.txt", std::string(2000, 'a'));
  Write("good.txt", "fine");
  InputOptions options;
  options.max_doc_bytes = 1000;
  ASSERT_TRUE(Read({root_.string()}, options).ok());
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].id, "good");
  EXPECT_EQ(report_.skipped, 4u);
  EXPECT_EQ(warnings_.size(), 4u);
}

TEST_F(DocumentReaderTest, OverlongJsonLineIsSkippedAndReadingContinues) {
  const std::string p = Write("c.jsonl", "{\"id\":\"a\",\"body\":\"" + std::string(5000, 'x') +
                                             "\"}\n{\"id\":\"b\",\"body\":\"y\"}\n");
  InputOptions options;
  options.max_doc_bytes = 1000;
  ASSERT_TRUE(Read({p}, options).ok());
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].id, "b");
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_NE(warnings_[0].find(":1: line is over the limit"), std::string::npos);
}

TEST_F(DocumentReaderTest, InvalidUtf8IsReplacedAndCounted) {
  const std::string t = Write("bad.txt", "caf\xE9 au lait");
  const std::string j = Write("bad.jsonl", "{\"id\":\"j\",\"body\":\"caf\xE9\"}\n");
  ASSERT_TRUE(Read({t, j}).ok());
  ASSERT_EQ(docs_.size(), 2u);
  EXPECT_EQ(docs_[0].body, "caf\xEF\xBF\xBD au lait");
  EXPECT_EQ(docs_[1].body, "caf\xEF\xBF\xBD");
  EXPECT_EQ(report_.repaired, 2u);
  EXPECT_EQ(warnings_.size(), 2u);
}

TEST_F(DocumentReaderTest, MissingPathIsAnIOErrorNamingIt) {
  const std::string missing = (root_ / "nope").string();
  const Status s = Read({missing});
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find(missing), std::string::npos);
}

TEST_F(DocumentReaderTest, SinkErrorStopsReading) {
  const std::string p =
      Write("c.jsonl", "{\"id\":\"a\",\"body\":\"x\"}\n{\"id\":\"b\",\"body\":\"y\"}\n");
  int calls = 0;
  const Status s = ReadDocuments(
      {p}, {},
      [&](store::StoredDocument&&) {
        ++calls;
        return Status::IOError("disk full");
      },
      nullptr, nullptr);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_EQ(calls, 1);
}

TEST_F(DocumentReaderTest, IncludeAndExcludeGlobsChooseFilesInFolders) {
  Write("a.txt", "alpha");
  Write("b.md", "beta");
  Write("sub/c.txt", "gamma");
  Write("sub/skip-d.txt", "delta");
  Write("sub/e.jsonl.gz", "not gzip");  // would warn if it were read
  Write("node_modules/f.txt", "phi");
  Write("drafts/g.txt", "gamma draft");
  InputOptions options;
  options.include = {"*.txt", "*.md"};
  options.exclude = {"skip-*", "node_modules", "drafts/*"};
  ASSERT_TRUE(Read({root_.string()}, options).ok());
  std::vector<std::string> ids;
  for (const store::StoredDocument& d : docs_) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(report_.files, 3u);
  EXPECT_TRUE(warnings_.empty());
}

TEST_F(DocumentReaderTest, GlobsMatchPathsRelativeToTheFolderGiven) {
  Write("top/x/keep.txt", "kept");
  Write("top/y/keep.txt", "dropped");
  InputOptions options;
  options.exclude = {"y/*"};
  // With a trailing slash too: the relative path is "y/keep.txt" either way.
  for (const std::string& root : {(root_ / "top").string(), (root_ / "top").string() + "/"}) {
    ASSERT_TRUE(Read({root}, options).ok());
    ASSERT_EQ(docs_.size(), 1u) << root;
    EXPECT_EQ(docs_[0].body, "kept");
  }
}

TEST_F(DocumentReaderTest, FilesNamedExplicitlyIgnoreGlobs) {
  const std::string p = Write("notes.md", "named on the command line");
  InputOptions options;
  options.include = {"*.txt"};
  options.exclude = {"*.md"};
  ASSERT_TRUE(Read({p}, options).ok());
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].id, "notes");
}

}  // namespace
}  // namespace nsearch::input
