#include "index/codec/block_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
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

// Mostly values of `low_bits` bits, with `wide` of them (at distinct random indexes) exactly
// `high_bits` bits wide: the shape exceptions are for.
Block SkewedBlock(std::mt19937& rng, uint32_t low_bits, uint32_t high_bits, size_t wide) {
  Block block = RandomBlock(rng, low_bits);
  std::array<size_t, kBlockSize> order;
  for (size_t i = 0; i < kBlockSize; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  const Block big = RandomBlock(rng, high_bits);
  for (size_t k = 0; k < wide; ++k) {
    block[order[k]] = big[k] | (high_bits == 0 ? 0 : uint32_t{1} << (high_bits - 1));
  }
  return block;
}

// The fewest bytes any valid form of `in` takes, by trying them all: plain at the widest value's
// width, or any narrower width up to kExceptionBits below it with at most kMaxExceptions wider
// values.
size_t SmallestFormBytes(const Block& in) {
  uint32_t max_bits = 0;
  for (uint32_t v : in) max_bits = std::max<uint32_t>(max_bits, std::bit_width(v));
  size_t best = 1 + PackedBytes(max_bits);
  for (uint32_t bits = 0; bits < max_bits; ++bits) {
    size_t wider = 0;
    for (uint32_t v : in) wider += std::bit_width(v) > bits ? 1 : 0;
    if (max_bits - bits <= kExceptionBits && wider <= kMaxExceptions) {
      best = std::min(best, 2 + 2 * wider + PackedBytes(bits));
    }
  }
  return best;
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

TEST(BlockCodecTest, AFewWideValuesBecomeExceptions) {
  std::mt19937 rng(15);
  const Block in = SkewedBlock(rng, 4, 11, 3);
  std::string encoded;
  EncodeBlock(in.data(), &encoded);
  // Width 4 with 3 exceptions of 7 high bits: 2 + 3 * 2 + 64 bytes, against 1 + 176 plain.
  ASSERT_EQ(encoded.size(), 2 + 3 * 2 + PackedBytes(4));
  EXPECT_EQ(static_cast<uint8_t>(encoded[0]), kExceptionsFlag | 4);
  EXPECT_EQ(static_cast<uint8_t>(encoded[1]), 3);
  Block out;
  out.fill(0xdeadbeef);
  ASSERT_EQ(DecodeBlock(encoded.data(), encoded.size(), out.data()), encoded.size());
  EXPECT_EQ(out, in);
}

TEST(BlockCodecTest, PicksTheSmallestFormOnRandomBlocks) {
  std::mt19937 rng(16);
  size_t patched = 0;
  for (int round = 0; round < 4000; ++round) {
    const uint32_t low_bits = rng() % 33;
    const uint32_t high_bits = std::min<uint32_t>(32, low_bits + rng() % 12);
    const Block in = SkewedBlock(rng, low_bits, high_bits, rng() % 48);
    std::string encoded;
    EncodeBlock(in.data(), &encoded);
    ASSERT_EQ(encoded.size(), SmallestFormBytes(in)) << "round " << round;
    ASSERT_LE(encoded.size(), kMaxEncodedBlockBytes);
    patched += (static_cast<uint8_t>(encoded[0]) & kExceptionsFlag) != 0 ? 1 : 0;
    // Followed by another block, as in a stream, and alone at the input's end.
    std::string stream = encoded;
    EncodeBlock(in.data(), &stream);
    stream.append(kDecodePadding, '\0');
    Block out;
    out.fill(0xdeadbeef);
    ASSERT_EQ(DecodeBlock(stream.data(), stream.size(), out.data()), encoded.size());
    ASSERT_EQ(out, in) << "round " << round;
    const std::vector<char> exact(encoded.begin(), encoded.end());
    out.fill(0xdeadbeef);
    ASSERT_EQ(DecodeBlock(exact.data(), exact.size(), out.data()), encoded.size());
    ASSERT_EQ(out, in) << "round " << round;
  }
  EXPECT_GT(patched, 1000u);  // both forms were exercised
}

TEST(BlockCodecTest, RejectsMalformedExceptions) {
  std::mt19937 rng(17);
  const Block in = SkewedBlock(rng, 6, 12, 5);
  std::string good;
  EncodeBlock(in.data(), &good);
  ASSERT_EQ(static_cast<uint8_t>(good[0]), kExceptionsFlag | 6);
  good.append(kDecodePadding, '\0');
  Block out;
  ASSERT_EQ(DecodeBlock(good.data(), good.size(), out.data()), good.size() - kDecodePadding);
  const auto decode_with = [&](size_t at, uint8_t byte) {
    std::string bad = good;
    bad[at] = static_cast<char>(byte);
    return DecodeBlock(bad.data(), bad.size(), out.data());
  };
  EXPECT_EQ(decode_with(0, kExceptionsFlag | 32), 0u);  // no room above 32 bits
  for (int token = 0x40; token < 0x80; ++token) {       // bit 6 is never set
    EXPECT_EQ(decode_with(0, static_cast<uint8_t>(token)), 0u) << token;
    EXPECT_EQ(decode_with(0, static_cast<uint8_t>(token | kExceptionsFlag)), 0u) << token;
  }
  EXPECT_EQ(decode_with(1, 0), 0u);                   // no exceptions
  EXPECT_EQ(decode_with(1, kMaxExceptions + 1), 0u);  // too many
  EXPECT_EQ(decode_with(2, kBlockSize), 0u);          // an index past the block
  EXPECT_EQ(decode_with(2, 255), 0u);
  EXPECT_EQ(decode_with(4, static_cast<uint8_t>(good[2])), 0u);      // the same index twice
  EXPECT_EQ(decode_with(2, static_cast<uint8_t>(good[4]) + 1), 0u);  // out of order
  EXPECT_EQ(decode_with(3, 0), 0u);                                  // an exception adding nothing
  for (int token = 0xa0; token < 0xc0; ++token) {  // exception tokens with b of 32 or more
    EXPECT_EQ(decode_with(0, static_cast<uint8_t>(token)), 0u) << token;
  }
  // Every truncation, in exact-size copies so ASan flags any read past the end.
  const size_t size = good.size() - kDecodePadding;
  for (size_t len = 0; len < size; ++len) {
    const std::vector<char> cut(good.begin(), good.begin() + static_cast<ptrdiff_t>(len));
    ASSERT_EQ(DecodeBlock(cut.data(), cut.size(), out.data()), 0u) << "len=" << len;
  }
}

// At b = 31 only a high byte of 1 fits in 32 bits; more would drop bits.
TEST(BlockCodecTest, RejectsExceptionsThatPassBit31) {
  for (uint32_t high = 1; high < 256; ++high) {
    std::string block = {static_cast<char>(kExceptionsFlag | 31), 1, 7, static_cast<char>(high)};
    block.append(PackedBytes(31), '\0');
    Block out;
    const size_t used = DecodeBlock(block.data(), block.size(), out.data());
    if (high == 1) {
      ASSERT_EQ(used, block.size());
      EXPECT_EQ(out[7], uint32_t{1} << 31);
    } else {
      EXPECT_EQ(used, 0u) << high;
    }
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

TEST(BlockCodecTest, RejectsPlainWidthsAbove32) {
  std::string encoded(kMaxEncodedBlockBytes + 64, '\0');
  Block out;
  for (int width = 33; width < kExceptionsFlag; ++width) {
    encoded[0] = static_cast<char>(width);
    ASSERT_EQ(DecodeBlock(encoded.data(), encoded.size(), out.data()), 0u) << "width=" << width;
  }
}

}  // namespace
}  // namespace nsearch::codec
