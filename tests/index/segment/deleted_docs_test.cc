#include "index/segment/deleted_docs.h"

#include <gtest/gtest.h>

#include <random>

#include "index/base/coding.h"
#include "index/base/file_format.h"
#include "tests/index/segment/test_directory.h"

namespace nsearch::segment {
namespace {

TEST(DeletedDocsTest, InsertCountsEachDocumentOnce) {
  DeletedDocs deleted(130);
  EXPECT_TRUE(deleted.Insert(0));
  EXPECT_TRUE(deleted.Insert(129));
  EXPECT_FALSE(deleted.Insert(129));
  EXPECT_EQ(deleted.count(), 2u);
  EXPECT_TRUE(deleted.contains(0));
  EXPECT_TRUE(deleted.contains(129));
  EXPECT_FALSE(deleted.contains(64));
  EXPECT_EQ(DeletedDocsFile("seg_000007", 12), "seg_000007.12.del");
}

TEST(DeletedDocsTest, RoundTripsRandomBitmaps) {
  auto dir = NewMemoryDirectory();
  std::mt19937 rng(5);
  for (uint32_t n : {1u, 63u, 64u, 65u, 1000u}) {
    DeletedDocs deleted(n);
    for (uint32_t d = 0; d < n; ++d) {
      if (rng() % 3 == 0) {
        deleted.Insert(d);
      }
    }
    ASSERT_TRUE(WriteDeletedDocs(*dir, "x.del", deleted).ok());
    auto read = ReadDeletedDocs(*dir, "x.del", n, deleted.count());
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_EQ(read->words(), deleted.words());
    EXPECT_EQ(read->count(), deleted.count());
  }
}

TEST(DeletedDocsTest, RejectsFilesThatDisagreeWithTheManifest) {
  auto dir = NewMemoryDirectory();
  DeletedDocs deleted(100);
  deleted.Insert(3);
  deleted.Insert(99);
  ASSERT_TRUE(WriteDeletedDocs(*dir, "x.del", deleted).ok());
  for (auto [num_docs, count] : {std::pair{100u, 1u}, std::pair{101u, 2u}, std::pair{60u, 2u}}) {
    auto read = ReadDeletedDocs(*dir, "x.del", num_docs, count);
    ASSERT_FALSE(read.ok()) << num_docs << " " << count;
    EXPECT_TRUE(read.status().IsCorruption()) << read.status().ToString();
    EXPECT_NE(read.status().message().find("x.del"), std::string::npos);
  }
  // A bit past the last document, with a valid checksum, is caught too.
  std::string file;
  AppendFileHeader(&file, kDeletedDocsMagic);
  PutFixed32(&file, 10);
  PutFixed32(&file, 1);
  PutFixed64(&file, uint64_t{1} << 12);
  std::string footer;
  AppendFileFooter(&footer, file, kDeletedDocsMagic);
  ASSERT_TRUE(WriteFileAtomically(*dir, "y.del", file + footer).ok());
  auto read = ReadDeletedDocs(*dir, "y.del", 10, 1);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("past the segment's end"), std::string::npos);
}

}  // namespace
}  // namespace nsearch::segment
