#include "index/base/coding.h"

#include <gtest/gtest.h>

#include <limits>

namespace nsearch {
namespace {

TEST(CodingTest, VarintRoundTripsEdgeValues) {
  const uint64_t values[] = {0,
                             1,
                             127,
                             128,
                             16383,
                             16384,
                             UINT32_MAX,
                             uint64_t{1} << 35,
                             std::numeric_limits<uint64_t>::max()};
  std::string buf;
  for (uint64_t v : values) {
    PutVarint64(&buf, v);
  }
  ByteReader reader(buf);
  for (uint64_t v : values) {
    uint64_t got;
    ASSERT_TRUE(reader.GetVarint64(&got));
    EXPECT_EQ(got, v);
    EXPECT_EQ(VarintLength(v), VarintLength(got));
  }
  EXPECT_TRUE(reader.empty());
}

TEST(CodingTest, RejectsTruncatedVarint) {
  std::string buf;
  PutVarint32(&buf, 300000);
  buf.pop_back();
  ByteReader reader(buf);
  uint32_t v;
  EXPECT_FALSE(reader.GetVarint32(&v));
}

TEST(CodingTest, RejectsVarint32Overflow) {
  std::string buf;
  PutVarint64(&buf, uint64_t{1} << 33);
  ByteReader reader(buf);
  uint32_t v;
  EXPECT_FALSE(reader.GetVarint32(&v));
}

TEST(CodingTest, RejectsOverlongVarint) {
  std::string buf(11, '\x80');
  ByteReader reader(buf);
  uint64_t v;
  EXPECT_FALSE(reader.GetVarint64(&v));
}

TEST(CodingTest, FixedAndLengthPrefixedRoundTrip) {
  std::string buf;
  PutFixed32(&buf, 0xdeadbeef);
  PutFixed64(&buf, 0x0123456789abcdefULL);
  PutLengthPrefixed(&buf, "hello");
  ByteReader reader(buf);
  uint32_t a;
  uint64_t b;
  std::string_view s;
  ASSERT_TRUE(reader.GetFixed32(&a));
  ASSERT_TRUE(reader.GetFixed64(&b));
  ASSERT_TRUE(reader.GetLengthPrefixed(&s));
  EXPECT_EQ(a, 0xdeadbeefU);
  EXPECT_EQ(b, 0x0123456789abcdefULL);
  EXPECT_EQ(s, "hello");
  EXPECT_FALSE(reader.GetFixed32(&a));
}

}  // namespace
}  // namespace nsearch
