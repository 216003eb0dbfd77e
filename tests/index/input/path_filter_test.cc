#include "index/input/path_filter.h"

#include <gtest/gtest.h>

namespace nsearch::input {
namespace {

TEST(PathFilterTest, NoPatternsReadEverything) {
  const PathFilter filter({}, {});
  EXPECT_TRUE(filter.IncludesFile("a.txt"));
  EXPECT_TRUE(filter.IncludesFile("deep/down/b.bin"));
  EXPECT_TRUE(filter.EntersFolder("deep"));
}

TEST(PathFilterTest, PatternsMatchTheRelativePathOrTheBaseName) {
  const PathFilter filter({"*.txt", "docs/*.md"}, {});
  EXPECT_TRUE(filter.IncludesFile("a.txt"));
  EXPECT_TRUE(filter.IncludesFile("sub/dir/a.txt"));  // `*` matches `/` too
  EXPECT_TRUE(filter.IncludesFile("docs/readme.md"));
  EXPECT_TRUE(filter.IncludesFile("docs/deeper/readme.md"));
  EXPECT_FALSE(filter.IncludesFile("other/readme.md"));
  EXPECT_FALSE(filter.IncludesFile("a.txt.bak"));
}

TEST(PathFilterTest, BaseNamePatternsWithoutWildcards) {
  const PathFilter filter({}, {"README", "[0-9]*.log"});
  EXPECT_FALSE(filter.IncludesFile("README"));
  EXPECT_FALSE(filter.IncludesFile("sub/README"));
  EXPECT_FALSE(filter.IncludesFile("sub/2024.log"));
  EXPECT_TRUE(filter.IncludesFile("sub/x2024.log"));
  EXPECT_TRUE(filter.IncludesFile("README.md"));
}

TEST(PathFilterTest, ExcludeWinsOverInclude) {
  const PathFilter filter({"*.jsonl"}, {"*draft*"});
  EXPECT_TRUE(filter.IncludesFile("news.jsonl"));
  EXPECT_FALSE(filter.IncludesFile("news-draft.jsonl"));
  EXPECT_FALSE(filter.IncludesFile("drafts/news.jsonl"));
}

TEST(PathFilterTest, CompressedFilesAlsoMatchByTheirInnerName) {
  const PathFilter filter({"*.jsonl"}, {"old.jsonl"});
  EXPECT_TRUE(filter.IncludesFile("a.jsonl.gz"));
  EXPECT_TRUE(filter.IncludesFile("sub/a.jsonl.zst"));
  EXPECT_FALSE(filter.IncludesFile("a.txt.gz"));
  EXPECT_FALSE(filter.IncludesFile("old.jsonl.gz"));
  const PathFilter gz_only({"*.gz"}, {});
  EXPECT_TRUE(gz_only.IncludesFile("a.jsonl.gz"));
  EXPECT_FALSE(gz_only.IncludesFile("a.jsonl"));
}

TEST(PathFilterTest, ExcludedFoldersAreNotEntered) {
  const PathFilter filter({"*.txt"}, {"node_modules", "build/*"});
  EXPECT_FALSE(filter.EntersFolder("node_modules"));
  EXPECT_FALSE(filter.EntersFolder("web/node_modules"));
  EXPECT_FALSE(filter.EntersFolder("build/cache"));
  EXPECT_TRUE(filter.EntersFolder("build"));  // its files still face the file rules
  EXPECT_FALSE(filter.IncludesFile("build/a.txt"));
  // Include patterns do not stop folders from being walked.
  EXPECT_TRUE(filter.EntersFolder("src"));
}

}  // namespace
}  // namespace nsearch::input
