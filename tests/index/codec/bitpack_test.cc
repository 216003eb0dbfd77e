#include "index/codec/bitpack.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "index/base/coding.h"
#include "index/codec/kernels.h"

namespace nsearch::codec {
namespace {

using Block = std::array<uint32_t, kBlockSize>;

uint32_t MaxValue(uint32_t bits) { return bits == 32 ? UINT32_MAX : (uint32_t{1} << bits) - 1; }

// Random values below 2^bits, with the top bit forced on in one value so MaxBits == bits.
Block RandomBlock(std::mt19937& rng, uint32_t bits) {
  Block block{};
  if (bits == 0) {
    return block;
  }
  std::uniform_int_distribution<uint32_t> dist(0, MaxValue(bits));
  for (auto& v : block) {
    v = dist(rng);
  }
  block[rng() % kBlockSize] |= uint32_t{1} << (bits - 1);
  return block;
}

Block RoundTrip(const Block& in, uint32_t bits) {
  std::string packed;
  PackBlock(in.data(), bits, &packed);
  EXPECT_EQ(packed.size(), PackedBytes(bits));
  packed.append(kDecodePadding, '\0');  // UnpackBlock may read this far
  Block out;
  out.fill(0xdeadbeef);
  UnpackBlock(packed.data(), bits, out.data());
  return out;
}

TEST(BitPackTest, PackedBytesIsSixteenPerBit) {
  EXPECT_EQ(PackedBytes(0), 0u);
  EXPECT_EQ(PackedBytes(1), 16u);
  EXPECT_EQ(PackedBytes(32), 512u);
}

TEST(BitPackTest, RoundTripsRandomValuesAtEveryWidth) {
  std::mt19937 rng(42);
  for (uint32_t bits = 0; bits <= 32; ++bits) {
    for (int trial = 0; trial < 20; ++trial) {
      const Block in = RandomBlock(rng, bits);
      ASSERT_EQ(MaxBits(in.data(), kBlockSize), bits);
      ASSERT_EQ(RoundTrip(in, bits), in) << "bits=" << bits;
    }
  }
}

TEST(BitPackTest, RoundTripsAllMaxValuesAtEveryWidth) {
  for (uint32_t bits = 0; bits <= 32; ++bits) {
    Block in;
    in.fill(MaxValue(bits));
    EXPECT_EQ(RoundTrip(in, bits), in) << "bits=" << bits;
  }
}

TEST(BitPackTest, ZeroWidthWritesNothingAndDecodesZeros) {
  Block in{};
  std::string packed = "x";
  PackBlock(in.data(), 0, &packed);
  EXPECT_EQ(packed, "x");
  Block out;
  out.fill(7);
  UnpackBlock(nullptr, 0, out.data());
  EXPECT_EQ(out, in);
}

TEST(BitPackTest, AppendsAfterExistingBytes) {
  Block in;
  in.fill(1);
  std::string packed = "abc";
  PackBlock(in.data(), 1, &packed);
  ASSERT_EQ(packed.size(), 3 + PackedBytes(1));
  EXPECT_EQ(packed.substr(0, 3), "abc");
  packed.append(kDecodePadding, '\0');
  Block out;
  UnpackBlock(packed.data() + 3, 1, out.data());
  EXPECT_EQ(out, in);
}

TEST(BitPackTest, InterleavesFourLanesAsSimdBp128) {
  // Width 1: value i is lane i % 4, slot i / 4, i.e. bit (i / 4) of uint32 word (i % 4).
  Block in{};
  in[5] = 1;    // lane 1, slot 1
  in[126] = 1;  // lane 2, slot 31
  std::string packed;
  PackBlock(in.data(), 1, &packed);
  ASSERT_EQ(packed.size(), 16u);
  EXPECT_EQ(DecodeFixed32(packed.data() + 0), 0u);
  EXPECT_EQ(DecodeFixed32(packed.data() + 4), 0x00000002u);
  EXPECT_EQ(DecodeFixed32(packed.data() + 8), 0x80000000u);
  EXPECT_EQ(DecodeFixed32(packed.data() + 12), 0u);
  // Little-endian byte order within each word.
  EXPECT_EQ(static_cast<uint8_t>(packed[4]), 0x02);
  EXPECT_EQ(static_cast<uint8_t>(packed[11]), 0x80);
}

TEST(BitPackTest, SplitsValueAcrossWordsOfItsLane) {
  // Width 3: lane 0 slot 10 (value index 40) sits at bits 30..32 of lane 0, so its two low bits
  // end word 0 (uint32 index 0) and its high bit starts word 1 (uint32 index 4).
  Block in{};
  in[40] = 7;
  in[3] = 5;  // lane 3, slot 0: bits 0..2 of uint32 index 3
  std::string packed;
  PackBlock(in.data(), 3, &packed);
  ASSERT_EQ(packed.size(), 48u);
  std::vector<uint32_t> words(12);
  for (size_t i = 0; i < words.size(); ++i) {
    words[i] = DecodeFixed32(packed.data() + 4 * i);
  }
  EXPECT_EQ(words, (std::vector<uint32_t>{0xC0000000u, 0, 0, 5, 1, 0, 0, 0, 0, 0, 0, 0}));
  packed.append(kDecodePadding, '\0');
  Block out;
  UnpackBlock(packed.data(), 3, out.data());
  EXPECT_EQ(out, in);
}

TEST(BitPackTest, FullWidthLayoutIsTheInputInOrder) {
  // At 32 bits, word w of lane l holds value 4*w + l at index 4*w + l: a plain copy.
  Block in;
  for (size_t i = 0; i < kBlockSize; ++i) {
    in[i] = 0x01010101u * static_cast<uint32_t>(i) + 0x80000000u;
  }
  std::string packed;
  PackBlock(in.data(), 32, &packed);
  for (size_t i = 0; i < kBlockSize; ++i) {
    ASSERT_EQ(DecodeFixed32(packed.data() + 4 * i), in[i]);
  }
}

TEST(BitPackTest, MaxBitsEdgeCases) {
  EXPECT_EQ(MaxBits(nullptr, 0), 0u);
  Block zeros{};
  EXPECT_EQ(MaxBits(zeros.data(), kBlockSize), 0u);
  const uint32_t one = 1;
  EXPECT_EQ(MaxBits(&one, 1), 1u);
  const uint32_t two[] = {2, 3};
  EXPECT_EQ(MaxBits(two, 2), 2u);
  const uint32_t pow[] = {0, 256, 1};
  EXPECT_EQ(MaxBits(pow, 3), 9u);
  const uint32_t big[] = {0, UINT32_MAX};
  EXPECT_EQ(MaxBits(big, 2), 32u);
  const uint32_t top[] = {0x80000000u};
  EXPECT_EQ(MaxBits(top, 1), 32u);
  // Only in[0..n) counts.
  const uint32_t partial[] = {1, UINT32_MAX};
  EXPECT_EQ(MaxBits(partial, 1), 1u);
}

TEST(BitPackTest, PrefixSumAddsBase) {
  std::vector<uint32_t> v = {1, 2, 3, 0, 10};
  PrefixSum(v.data(), v.size(), 100);
  EXPECT_EQ(v, (std::vector<uint32_t>{101, 103, 106, 106, 116}));
  std::vector<uint32_t> w = {5, 5};
  PrefixSum(w.data(), w.size(), 0);
  EXPECT_EQ(w, (std::vector<uint32_t>{5, 10}));
  PrefixSum(nullptr, 0, 7);  // no-op
}

TEST(BitPackTest, PrefixSumWrapsAround) {
  std::vector<uint32_t> v = {1, UINT32_MAX, 2};
  PrefixSum(v.data(), v.size(), UINT32_MAX - 1);
  EXPECT_EQ(v, (std::vector<uint32_t>{UINT32_MAX, UINT32_MAX - 1, 0}));
}

TEST(BitPackTest, PrefixSumOfFullBlockMatchesNaive) {
  std::mt19937 rng(7);
  Block deltas;
  for (auto& d : deltas) {
    d = rng() % 1000;
  }
  Block sums = deltas;
  PrefixSum(sums.data(), kBlockSize, 12345);
  uint32_t expected = 12345;
  for (size_t i = 0; i < kBlockSize; ++i) {
    expected += deltas[i];
    ASSERT_EQ(sums[i], expected);
  }
}

TEST(BitPackTest, ActiveKernelsMatchScalar) {
  // Guards the dispatch: whatever ActiveKernels() picks must agree with the scalar reference.
  const Kernels& active = ActiveKernels();
  const Kernels& scalar = ScalarKernels();
  std::mt19937 rng(3);
  for (uint32_t bits = 1; bits <= 32; ++bits) {
    const Block in = RandomBlock(rng, bits);
    std::string a(PackedBytes(bits) + kDecodePadding, '\0');
    std::string s(PackedBytes(bits) + kDecodePadding, '\0');
    active.pack(in.data(), bits, a.data());
    scalar.pack(in.data(), bits, s.data());
    ASSERT_EQ(a, s) << active.name << " bits=" << bits;
    Block out;
    active.unpack(a.data(), bits, out.data());
    ASSERT_EQ(out, in) << active.name << " bits=" << bits;
  }
}

}  // namespace
}  // namespace nsearch::codec
