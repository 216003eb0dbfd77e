#include "index/codec/block_codec.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace nsearch::codec {
namespace {

using Block = std::array<uint32_t, kBlockSize>;

Block RandomBlock(std::mt19937& rng, uint32_t bits) {
  Block block{};
  if (bits == 0) {
    return block;
  }
  const uint32_t max = bits == 32 ? UINT32_MAX : (uint32_t{1} << bits) - 1;
  std::uniform_int_distribution<uint32_t> dist(0, max);
  for (auto& v : block) {
    v = dist(rng);
  }
  block[rng() % kBlockSize] |= uint32_t{1} << (bits - 1);
  return block;
}

TEST(BlockCodecTest, RoundTripsEveryWidth) {
  std::mt19937 rng(11);
  for (uint32_t bits = 0; bits <= 32; ++bits) {
    const Block in = RandomBlock(rng, bits);
    std::string encoded;
    EncodeBlock(in.data(), &encoded);
    ASSERT_EQ(encoded.size(), 1 + PackedBytes(bits));
    ASSERT_LE(encoded.size(), kMaxEncodedBlockBytes);
    EXPECT_EQ(static_cast<uint8_t>(encoded[0]), bits);
    Block out;
    out.fill(0xdeadbeef);
    ASSERT_EQ(DecodeBlock(encoded.data(), encoded.size(), out.data()), encoded.size());
    ASSERT_EQ(out, in) << "bits=" << bits;
  }
}

TEST(BlockCodecTest, DecodesConsecutiveBlocks) {
  std::mt19937 rng(12);
  std::vector<Block> blocks;
  std::string stream;
  for (uint32_t bits : {5u, 0u, 32u, 17u}) {
    blocks.push_back(RandomBlock(rng, bits));
    EncodeBlock(blocks.back().data(), &stream);
  }
  stream.append(kDecodePadding, '\0');
  size_t pos = 0;
  for (const Block& expected : blocks) {
    Block out;
    const size_t used = DecodeBlock(stream.data() + pos, stream.size() - pos, out.data());
    ASSERT_GT(used, 0u);
    ASSERT_EQ(out, expected);
    pos += used;
  }
  EXPECT_EQ(stream.size() - pos, kDecodePadding);
}

TEST(BlockCodecTest, DecodesBlockEndingAtInputEnd) {
  // No padding after the block: DecodeBlock must not read past `size`, whichever kernels are
  // active (exact-size copies, so ASan flags any over-read).
  std::mt19937 rng(14);
  for (uint32_t bits = 0; bits <= 32; ++bits) {
    const Block in = RandomBlock(rng, bits);
    std::string encoded;
    EncodeBlock(in.data(), &encoded);
    for (size_t extra : {size_t{0}, size_t{1}, kDecodePadding - 1, kDecodePadding}) {
      std::vector<char> exact(encoded.begin(), encoded.end());
      exact.resize(encoded.size() + extra, '\x7f');
      Block out;
      ASSERT_EQ(DecodeBlock(exact.data(), exact.size(), out.data()), encoded.size());
      ASSERT_EQ(out, in) << "bits=" << bits << " extra=" << extra;
    }
  }
}

TEST(BlockCodecTest, RejectsEveryTruncation) {
  std::mt19937 rng(13);
  for (uint32_t bits : {0u, 1u, 7u, 32u}) {
    const Block in = RandomBlock(rng, bits);
    std::string encoded;
    EncodeBlock(in.data(), &encoded);
    Block out;
    for (size_t len = 0; len < encoded.size(); ++len) {
      // Exact-size copy so ASan flags any read past the end.
      const std::vector<char> cut(encoded.begin(), encoded.begin() + static_cast<ptrdiff_t>(len));
      ASSERT_EQ(DecodeBlock(cut.data(), cut.size(), out.data()), 0u)
          << "bits=" << bits << " len=" << len;
    }
  }
}

TEST(BlockCodecTest, RejectsWidthAbove32) {
  std::string encoded(kMaxEncodedBlockBytes + 64, '\0');
  Block out;
  for (int width = 33; width <= 255; ++width) {
    encoded[0] = static_cast<char>(width);
    ASSERT_EQ(DecodeBlock(encoded.data(), encoded.size(), out.data()), 0u) << "width=" << width;
  }
}

}  // namespace
}  // namespace nsearch::codec
