#include "index/codec/varint_block.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "index/codec/bitpack.h"

namespace nsearch::codec {
namespace {

// Values of mixed magnitudes so every varint length 1..5 appears.
std::vector<uint32_t> RandomValues(std::mt19937& rng, size_t n) {
  std::vector<uint32_t> v(n);
  for (auto& x : v) {
    const uint32_t bits = rng() % 33;
    x = bits == 0 ? 0 : static_cast<uint32_t>(rng()) >> (32 - bits);
  }
  return v;
}

TEST(VarintBlockTest, RoundTripsEveryTailSize) {
  std::mt19937 rng(1);
  for (size_t n = 0; n < kBlockSize; ++n) {
    const std::vector<uint32_t> in = RandomValues(rng, n);
    std::string encoded = "prefix";
    EncodeVarints(in.data(), n, &encoded);
    encoded.append(kDecodePadding, '\0');
    const size_t body = encoded.size() - 6 - kDecodePadding;
    std::vector<uint32_t> out(n + 1, 0xdeadbeef);
    ASSERT_EQ(DecodeVarints(encoded.data() + 6, encoded.size() - 6, n, out.data()), body)
        << "n=" << n;
    out.pop_back();
    ASSERT_EQ(out, in) << "n=" << n;
  }
}

TEST(VarintBlockTest, EncodesLeb128) {
  const uint32_t in[] = {0, 127, 128, 300, UINT32_MAX};
  std::string encoded;
  EncodeVarints(in, 5, &encoded);
  EXPECT_EQ(encoded, std::string("\x00\x7f\x80\x01\xac\x02\xff\xff\xff\xff\x0f", 11));
  uint32_t out[5];
  EXPECT_EQ(DecodeVarints(encoded.data(), encoded.size(), 5, out), 11u);
  EXPECT_EQ(out[4], UINT32_MAX);
  EXPECT_EQ(out[3], 300u);
}

TEST(VarintBlockTest, RejectsEveryTruncation) {
  std::mt19937 rng(2);
  const std::vector<uint32_t> in = RandomValues(rng, 100);
  std::string encoded;
  EncodeVarints(in.data(), in.size(), &encoded);
  std::vector<uint32_t> out(in.size());
  for (size_t len = 0; len < encoded.size(); ++len) {
    // Copy so ASan flags any read past the truncated end.
    const std::vector<char> cut(encoded.begin(), encoded.begin() + static_cast<ptrdiff_t>(len));
    ASSERT_EQ(DecodeVarints(cut.data(), cut.size(), in.size(), out.data()), 0u) << "len=" << len;
  }
}

TEST(VarintBlockTest, RejectsOverlongVarint) {
  uint32_t out[1];
  // Six bytes: continuation bit still set after five.
  const std::string six("\x80\x80\x80\x80\x80\x01", 6);
  EXPECT_EQ(DecodeVarints(six.data(), six.size(), 1, out), 0u);
  // Fifth byte above 0x0f would overflow 32 bits.
  const std::string big("\xff\xff\xff\xff\x1f", 5);
  EXPECT_EQ(DecodeVarints(big.data(), big.size(), 1, out), 0u);
  // All continuation bytes, no terminator.
  const std::string open(40, '\x80');
  EXPECT_EQ(DecodeVarints(open.data(), open.size(), 1, out), 0u);
}

TEST(VarintBlockTest, StopsAfterNValues) {
  const uint32_t in[] = {1, 2, 3};
  std::string encoded;
  EncodeVarints(in, 3, &encoded);
  uint32_t out[2];
  EXPECT_EQ(DecodeVarints(encoded.data(), encoded.size(), 2, out), 2u);
  EXPECT_EQ(out[1], 2u);
  EXPECT_EQ(DecodeVarints(encoded.data(), encoded.size(), 0, out), 0u);
}

}  // namespace
}  // namespace nsearch::codec
