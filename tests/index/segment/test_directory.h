#ifndef NSEARCH_TESTS_INDEX_SEGMENT_TEST_DIRECTORY_H_
#define NSEARCH_TESTS_INDEX_SEGMENT_TEST_DIRECTORY_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "index/base/directory.h"

namespace nsearch::segment {

enum class DirKind { kMemory, kFs };

inline std::string DirKindName(const ::testing::TestParamInfo<DirKind>& param) {
  return param.param == DirKind::kMemory ? "Memory" : "Fs";
}

// A directory for one test: in memory, or a fresh temporary directory under `root` removed
// afterwards.
class TestDirectory {
 public:
  explicit TestDirectory(DirKind kind, const std::string& root = ::testing::TempDir()) {
    if (kind == DirKind::kMemory) {
      dir_ = NewMemoryDirectory();
      return;
    }
    static int counter = 0;
    path_ = std::filesystem::path(root) / ("nsearch_segment_test_" + std::to_string(::getpid()) +
                                           "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    auto dir = OpenFsDirectory(path_.string(), /*create=*/true);
    EXPECT_TRUE(dir.ok()) << dir.status().ToString();
    if (dir.ok()) {
      dir_ = std::move(dir).value();
    }
  }
  ~TestDirectory() {
    dir_.reset();
    if (!path_.empty()) {
      std::filesystem::remove_all(path_);
    }
  }
  TestDirectory(const TestDirectory&) = delete;
  TestDirectory& operator=(const TestDirectory&) = delete;

  Directory& dir() { return *dir_; }

 private:
  std::filesystem::path path_;
  std::unique_ptr<Directory> dir_;
};

// Replaces `name` with exactly `bytes` (no temporary, no rename: the damage a test wants).
inline Status OverwriteFile(Directory& dir, const std::string& name, std::string_view bytes) {
  auto file = dir.Create(name);
  if (!file.ok()) {
    return file.status();
  }
  if (Status s = (*file)->Append(bytes); !s.ok()) {
    return s;
  }
  return (*file)->Close();
}

}  // namespace nsearch::segment

#endif  // NSEARCH_TESTS_INDEX_SEGMENT_TEST_DIRECTORY_H_
