#include "index/base/directory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace nsearch {
namespace {

// Runs every test over both implementations (Xapian's backend-manager habit).
class DirectoryTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      path_ = std::filesystem::temp_directory_path() /
              ("nsearch_dir_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
      std::filesystem::remove_all(path_);
      auto dir = OpenFsDirectory(path_.string(), /*create=*/true);
      ASSERT_TRUE(dir.ok()) << dir.status().ToString();
      dir_ = std::move(dir).value();
    } else {
      dir_ = NewMemoryDirectory();
    }
  }
  void TearDown() override {
    dir_.reset();
    if (!path_.empty()) {
      std::filesystem::remove_all(path_);
    }
  }

  static inline int counter_ = 0;
  std::filesystem::path path_;
  std::unique_ptr<Directory> dir_;
};

TEST_P(DirectoryTest, WritesAndReadsBack) {
  auto file = dir_->Create("a");
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("hello ").ok());
  ASSERT_TRUE((*file)->Append("world").ok());
  EXPECT_EQ((*file)->size(), 11U);
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Close().ok());
  auto content = ReadWholeFile(*dir_, "a");
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(*content, "hello world");
}

TEST_P(DirectoryTest, DroppedPagesReadBackTheSame) {
  const std::string bytes(3 * 4096 + 17, 'x');
  ASSERT_TRUE(WriteFileAtomically(*dir_, "big", bytes).ok());
  auto file = dir_->OpenRead("big");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ((*file)->data(), bytes);
  (*file)->DropPages();
  EXPECT_EQ((*file)->data(), bytes);
}

TEST_P(DirectoryTest, OpenMissingFileIsNotFound) {
  auto file = dir_->OpenRead("missing");
  ASSERT_FALSE(file.ok());
  EXPECT_TRUE(file.status().IsNotFound());
}

TEST_P(DirectoryTest, AtomicWriteReplacesAndReaderKeepsSnapshot) {
  ASSERT_TRUE(WriteFileAtomically(*dir_, "m", "one").ok());
  auto old_reader = dir_->OpenRead("m");
  ASSERT_TRUE(old_reader.ok());
  ASSERT_TRUE(WriteFileAtomically(*dir_, "m", "two").ok());
  EXPECT_EQ((*old_reader)->data(), "one");
  EXPECT_EQ(*ReadWholeFile(*dir_, "m"), "two");
  auto names = dir_->List();
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"m"});
}

TEST_P(DirectoryTest, RemoveDeletes) {
  ASSERT_TRUE(WriteFileAtomically(*dir_, "x", "1").ok());
  EXPECT_TRUE(dir_->Exists("x"));
  ASSERT_TRUE(dir_->Remove("x").ok());
  EXPECT_FALSE(dir_->Exists("x"));
  EXPECT_TRUE(dir_->Remove("x").IsNotFound());
}

TEST_P(DirectoryTest, EmptyFileReadsAsEmpty) {
  ASSERT_TRUE(WriteFileAtomically(*dir_, "e", "").ok());
  auto file = dir_->OpenRead("e");
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE((*file)->data().empty());
}

INSTANTIATE_TEST_SUITE_P(MemoryAndDisk, DirectoryTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& p) {
                           return p.param ? "Disk" : "Memory";
                         });

TEST(FsDirectoryTest, MissingDirectoryWithoutCreateIsNotFound) {
  auto dir = OpenFsDirectory("/nonexistent/nsearch/index", /*create=*/false);
  ASSERT_FALSE(dir.ok());
  EXPECT_TRUE(dir.status().IsNotFound());
}

}  // namespace
}  // namespace nsearch
