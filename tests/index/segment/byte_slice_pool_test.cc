#include "index/segment/byte_slice_pool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace nsearch::segment {
namespace {

std::vector<uint32_t> ReadAll(const ByteSlicePool& pool, ByteSlicePool::Stream s) {
  std::vector<uint32_t> out;
  ByteSlicePool::Reader reader(pool, s);
  while (!reader.done()) {
    out.push_back(reader.ReadVarint());
  }
  return out;
}

TEST(ByteSlicePoolTest, EmptyStreamReadsNothing) {
  ByteSlicePool pool;
  const ByteSlicePool::Stream s = pool.NewStream();
  EXPECT_TRUE(ByteSlicePool::Reader(pool, s).done());
  EXPECT_EQ(pool.bytes(), 8u);  // one slice of the first level
}

// Every length from 0 to past several slice levels, so that a stream ends exactly on, just
// before and just after each slice boundary; zero bytes included (the end marker is not data).
TEST(ByteSlicePoolTest, BytesReadBackAtEveryLengthAcrossSliceBoundaries) {
  for (uint32_t n = 0; n < 1200; ++n) {
    ByteSlicePool pool;
    ByteSlicePool::Stream s = pool.NewStream();
    for (uint32_t i = 0; i < n; ++i) {
      pool.WriteByte(&s, static_cast<uint8_t>(i % 3 == 0 ? 0 : i));
    }
    ByteSlicePool::Reader reader(pool, s);
    for (uint32_t i = 0; i < n; ++i) {
      ASSERT_FALSE(reader.done()) << n << " " << i;
      ASSERT_EQ(reader.ReadByte(), static_cast<uint8_t>(i % 3 == 0 ? 0 : i)) << n << " " << i;
    }
    EXPECT_TRUE(reader.done()) << n;
  }
}

// Many streams written interleaved, as a segment's terms are, with varints of every width,
// against plain vectors; over several blocks.
TEST(ByteSlicePoolTest, InterleavedStreamsMatchVectors) {
  std::mt19937 rng(20261207);
  ByteSlicePool pool;
  constexpr int kStreams = 2000;
  std::vector<ByteSlicePool::Stream> streams;
  std::vector<std::vector<uint32_t>> expected(kStreams);
  for (int i = 0; i < kStreams; ++i) {
    streams.push_back(pool.NewStream());
  }
  for (int step = 0; step < 400000; ++step) {
    // Skewed: a few streams get most values, as frequent terms get most postings.
    const int i = static_cast<int>(std::min<uint32_t>(rng() % kStreams, rng() % kStreams));
    const int width = static_cast<int>(rng() % 33);
    const uint32_t value = width == 0 ? 0 : static_cast<uint32_t>(rng() >> (32 - width));
    pool.WriteVarint(&streams[i], value);
    expected[i].push_back(value);
  }
  EXPECT_GT(pool.bytes(), 2 * ByteSlicePool::kBlockBytes);
  for (int i = 0; i < kStreams; ++i) {
    ASSERT_EQ(ReadAll(pool, streams[i]), expected[i]) << "stream " << i;
  }
}

// A reader sees the stream as it was when made: writing on does not move its end.
TEST(ByteSlicePoolTest, ReaderStopsWhereTheStreamWasWhenMade) {
  ByteSlicePool pool;
  ByteSlicePool::Stream s = pool.NewStream();
  for (uint32_t v = 0; v < 100; ++v) {
    pool.WriteVarint(&s, v * 1000);
  }
  const ByteSlicePool::Stream snapshot = s;
  for (uint32_t v = 0; v < 100; ++v) {
    pool.WriteVarint(&s, 7);
  }
  const std::vector<uint32_t> first = ReadAll(pool, snapshot);
  ASSERT_EQ(first.size(), 100u);
  EXPECT_EQ(first[99], 99000u);
  EXPECT_EQ(ReadAll(pool, s).size(), 200u);
}

// The overhead is the slices' forward addresses and unfilled tails: small for a long stream.
TEST(ByteSlicePoolTest, LongStreamCostsLittleMoreThanItsBytes) {
  ByteSlicePool pool;
  ByteSlicePool::Stream s = pool.NewStream();
  constexpr uint32_t kBytes = 20 * ByteSlicePool::kBlockBytes;
  for (uint32_t i = 0; i < kBytes; ++i) {
    pool.WriteByte(&s, 1);
  }
  EXPECT_LE(pool.bytes(), kBytes + kBytes / 25 + ByteSlicePool::kBlockBytes);
  EXPECT_FALSE(pool.full());
}

}  // namespace
}  // namespace nsearch::segment
