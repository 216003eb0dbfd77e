#include "tests/support/fault_injecting_directory.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/support/temp_dir.h"

namespace nsearch::testing {
namespace {

// The injector itself: what fails, what reaches the base directory, what the errors say.
// Runs over the memory directory (false) and a file-system one (true).
class FaultInjectingDirectoryTest : public ::testing::TestWithParam<bool> {
 protected:
  FaultInjectingDirectoryTest()
      : base_(GetParam()
                  ? std::move(OpenFsDirectory(temp_.path().string(), /*create=*/false)).value()
                  : NewMemoryDirectory()),
        faults_(*base_) {}

  // Creates `name` through the injector and appends `bytes`; returns the Append's status.
  Status Write(const std::string& name, std::string_view bytes) {
    auto file = faults_.Create(name);
    if (!file.ok()) {
      return file.status();
    }
    Status appended = (*file)->Append(bytes);
    Status closed = (*file)->Close();
    return appended.ok() ? closed : appended;
  }
  std::string Contents(const std::string& name) {
    auto bytes = ReadWholeFile(*base_, name);
    // Appended piece by piece: GCC 12's -Wrestrict misfires on "x" + std::string.
    return bytes.ok() ? *bytes : std::string("<").append(bytes.status().ToString()).append(">");
  }

  TempDir temp_;
  std::unique_ptr<Directory> base_;
  FaultInjectingDirectory faults_;
};

TEST_P(FaultInjectingDirectoryTest, FailsOnlyTheNthOperationAndNamesTheFile) {
  faults_.Arm({FaultOp::kCreate, 2});
  EXPECT_TRUE(Write("a", "x").ok());
  const Status failed = Write("b", "y");
  EXPECT_TRUE(failed.IsIOError()) << failed.ToString();
  EXPECT_NE(failed.message().find(base_->Describe("b")), std::string::npos);
  EXPECT_FALSE(base_->Exists("b"));
  EXPECT_TRUE(Write("c", "z").ok());  // the fault fired once
  EXPECT_EQ(faults_.count(FaultOp::kCreate), 3u);
  EXPECT_EQ(faults_.count(FaultOp::kAppend), 2u);
  EXPECT_EQ(faults_.count(FaultOp::kClose), 2u);
  ASSERT_EQ(faults_.injected().size(), 1u);
  EXPECT_EQ(faults_.injected()[0].message(), failed.message());
}

TEST_P(FaultInjectingDirectoryTest, ShortWriteLandsPartOfTheBytes) {
  faults_.Arm({FaultOp::kAppend, 1, 0.5});
  EXPECT_TRUE(Write("f", "abcdef").IsIOError());
  EXPECT_EQ(Contents("f"), "abc");
  EXPECT_EQ(faults_.bytes_appended(), 3u);
}

TEST_P(FaultInjectingDirectoryTest, FullDiskFailsEveryAppendPastTheLimit) {
  faults_.SetSpaceLimit(4);
  EXPECT_TRUE(Write("a", "abc").ok());
  const Status full = Write("b", "def");
  EXPECT_NE(full.message().find("No space left on device"), std::string::npos) << full.ToString();
  EXPECT_NE(full.message().find(base_->Describe("b")), std::string::npos);
  EXPECT_TRUE(Write("c", "g").IsIOError());
  EXPECT_EQ(Contents("b"), "d");
  EXPECT_EQ(Contents("c"), "");
  faults_.Disarm();
  EXPECT_TRUE(Write("d", "h").ok());
}

TEST_P(FaultInjectingDirectoryTest, FailedNamespaceOperationsLeaveTheBaseUntouched) {
  ASSERT_TRUE(Write("a", "1").ok());
  faults_.Arm({FaultOp::kRename, 1});
  EXPECT_TRUE(faults_.Rename("a", "b").IsIOError());
  EXPECT_TRUE(base_->Exists("a"));
  EXPECT_EQ(faults_.renames_to("b"), 0u);
  EXPECT_TRUE(faults_.Rename("a", "b").ok());
  EXPECT_EQ(faults_.renames_to("b"), 1u);
  faults_.Arm({FaultOp::kRemove, 1});
  EXPECT_TRUE(faults_.Remove("b").IsIOError());
  EXPECT_TRUE(base_->Exists("b"));
  faults_.Arm({FaultOp::kSyncDir, 1});
  EXPECT_TRUE(faults_.SyncDir().IsIOError());
  EXPECT_TRUE(faults_.SyncDir().ok());
}

TEST_P(FaultInjectingDirectoryTest, FailedSyncAndCloseAreReportedAndCountedAgain) {
  faults_.Arm({FaultOp::kSync, 1});
  auto file = faults_.Create("s");
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE((*file)->Append("data").ok());
  EXPECT_TRUE((*file)->Sync().IsIOError());
  EXPECT_TRUE((*file)->Sync().ok());
  faults_.Arm({FaultOp::kClose, 1});
  EXPECT_TRUE((*file)->Close().IsIOError());
  file->reset();
  EXPECT_EQ(Contents("s"), "data");  // close(2) released the file all the same
  faults_.ResetCounts();
  EXPECT_EQ(faults_.count(FaultOp::kSync), 0u);
  EXPECT_TRUE(faults_.injected().empty());
}

INSTANTIATE_TEST_SUITE_P(MemoryAndDisk, FaultInjectingDirectoryTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& p) {
                           return p.param ? "Disk" : "Memory";
                         });

}  // namespace
}  // namespace nsearch::testing
