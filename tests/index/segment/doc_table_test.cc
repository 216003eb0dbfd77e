#include "index/segment/doc_table.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "index/base/file_format.h"

namespace nsearch::segment {
namespace {

TEST(DocTableTest, FindsEveryIdIncludingDuplicatesAndEmpty) {
  auto dir = NewMemoryDirectory();
  std::vector<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    ids.push_back("id-" + std::to_string(i % 700));  // ids 0..299 appear twice
  }
  ids.push_back("");
  ASSERT_TRUE(WriteDocLengths(*dir, "t.len", std::vector<uint32_t>(ids.size(), 1), 1).ok());
  ASSERT_TRUE(
      WriteDocIds(*dir, "t.ids", std::vector<std::string_view>(ids.begin(), ids.end())).ok());
  auto table = DocTable::Open(*dir, "t.len", "t.ids", static_cast<uint32_t>(ids.size()), 1);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  std::vector<uint32_t> docs;
  (*table)->FindId("id-5", &docs);
  EXPECT_EQ(docs, (std::vector<uint32_t>{5, 705}));
  docs.clear();
  (*table)->FindId("id-650", &docs);
  EXPECT_EQ(docs, (std::vector<uint32_t>{650}));
  docs.clear();
  (*table)->FindId("", &docs);
  EXPECT_EQ(docs, (std::vector<uint32_t>{1000}));
  docs.clear();
  (*table)->FindId("id-700", &docs);
  EXPECT_TRUE(docs.empty());
  for (uint32_t d = 0; d < ids.size(); d += 37) {
    EXPECT_EQ((*table)->id(d), ids[d]);
  }
}

TEST(DocTableTest, LengthsOfEveryWidthRoundTrip) {
  // Three fields whose largest lengths need 1, 2 and 4 bytes, over random documents.
  std::mt19937 rng(7);
  const uint32_t limits[3] = {0xff, 0xffff, 0xffffffff};
  for (uint32_t num_docs : {0u, 1u, 1000u}) {
    auto dir = NewMemoryDirectory();
    std::vector<uint32_t> lengths;
    std::vector<std::string_view> ids;
    for (uint32_t d = 0; d < num_docs; ++d) {
      for (uint32_t f = 0; f < 3; ++f) {
        lengths.push_back(d == 0 ? limits[f] : static_cast<uint32_t>(rng() % (limits[f] + 1ull)));
      }
      ids.push_back("x");
    }
    ASSERT_TRUE(WriteDocLengths(*dir, "t.len", lengths, 3).ok());
    ASSERT_TRUE(WriteDocIds(*dir, "t.ids", ids).ok());
    auto table = DocTable::Open(*dir, "t.len", "t.ids", num_docs, 3);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    for (uint32_t d = 0; d < num_docs; ++d) {
      for (uint32_t f = 0; f < 3; ++f) {
        ASSERT_EQ((*table)->length(d, f), lengths[3 * d + f]) << d << " " << f;
      }
    }
    if (num_docs == 1000) {
      // 3 width bytes and 1000 * (1 + 2 + 4) bytes of columns.
      auto bytes = ReadWholeFile(*dir, "t.len");
      ASSERT_TRUE(bytes.ok());
      EXPECT_EQ(bytes->size(), kFileHeaderSize + 3 + 7000 + kFileFooterSize);
      // Opened as 2 fields, or with a bad width, the columns do not add up.
      EXPECT_TRUE(DocTable::Open(*dir, "t.len", "t.ids", num_docs, 2).status().IsCorruption());
    }
  }
}

TEST(DocTableTest, RejectsAnUnsortedLookupTable) {
  auto dir = NewMemoryDirectory();
  const std::vector<std::string_view> ids = {"a", "b", "c"};
  ASSERT_TRUE(WriteDocLengths(*dir, "t.len", {1, 1, 1}, 1).ok());
  ASSERT_TRUE(WriteDocIds(*dir, "t.ids", ids).ok());
  auto bytes = ReadWholeFile(*dir, "t.ids");
  ASSERT_TRUE(bytes.ok());
  // Swap the first two 12-byte lookup entries (just before the footer) and re-frame the file.
  std::string file = bytes->substr(0, bytes->size() - kFileFooterSize);
  const size_t first = file.size() - 36;
  const std::string a = file.substr(first, 12);
  file.replace(first, 12, file.substr(first + 12, 12));
  file.replace(first + 12, 12, a);
  std::string footer;
  AppendFileFooter(&footer, file, kDocIdsMagic);
  ASSERT_TRUE(WriteFileAtomically(*dir, "t.ids", file + footer).ok());
  auto table = DocTable::Open(*dir, "t.len", "t.ids", 3, 1);
  ASSERT_FALSE(table.ok());
  EXPECT_TRUE(table.status().IsCorruption());
  EXPECT_NE(table.status().message().find("lookup entry"), std::string::npos)
      << table.status().ToString();
}

}  // namespace
}  // namespace nsearch::segment
