#include "index/codec/kernels.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "index/codec/bitpack.h"

namespace nsearch::codec {
namespace {

// Differential tests: every SIMD table against the scalar reference, on random and edge inputs.
// A table this build or this CPU lacks is skipped, not failed.

using Block = std::array<uint32_t, kBlockSize>;

constexpr uint32_t kGuard = 0xA5A5A5A5u;  // fills memory a kernel must not write

uint32_t MaxValue(uint32_t bits) { return bits == 32 ? UINT32_MAX : (uint32_t{1} << bits) - 1; }

const Kernels* FindSupported(const std::string& name) {
  for (const Kernels* k : SupportedKernels()) {
    if (name == k->name) {
      return k;
    }
  }
  return nullptr;
}

Block RandomBlock(std::mt19937& rng, uint32_t max) {
  std::uniform_int_distribution<uint32_t> dist(0, max);
  Block block;
  for (auto& v : block) {
    v = dist(rng);
  }
  return block;
}

// Blocks that stress the corners of width `bits`; values may exceed 2^bits - 1, which pack must
// drop exactly as the scalar kernel does.
std::vector<Block> EdgeBlocks(uint32_t bits) {
  const uint32_t max = MaxValue(bits);
  std::vector<Block> blocks;
  Block b{};
  blocks.push_back(b);  // all zeros
  b.fill(max);
  blocks.push_back(b);  // every value exactly 2^bits - 1
  b.fill(UINT32_MAX);
  blocks.push_back(b);  // every bit set, most above the width
  for (size_t i = 0; i < kBlockSize; ++i) {
    b[i] = i % 2 == 0 ? max : 0;
  }
  blocks.push_back(b);  // alternating, so neighbouring lanes differ
  for (size_t i = 0; i < kBlockSize; ++i) {
    b[i] = static_cast<uint32_t>(i) & max;
  }
  blocks.push_back(b);  // ascending
  for (size_t i = 0; i < kBlockSize; ++i) {
    b[i] = bits == 0 ? 0 : uint32_t{1} << (i % bits);
  }
  blocks.push_back(b);  // a walking single bit
  b.fill(0);
  b[kBlockSize - 1] = max;
  blocks.push_back(b);  // only the last slot of the last lane
  b.fill(0);
  b[0] = max;
  blocks.push_back(b);  // only the first
  return blocks;
}

class KernelsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    kernels_ = FindSupported(GetParam());
    if (kernels_ == nullptr) {
      GTEST_SKIP() << GetParam() << " kernels are not compiled in or not supported by this CPU";
    }
  }

  // Packs with both tables into guarded buffers and checks the bytes, the guard bytes and that
  // both unpack back to the input masked to `bits`.
  void ExpectPackMatches(const Block& in, uint32_t bits) {
    const size_t size = PackedBytes(bits);
    std::string simd(size + kDecodePadding, '\x5a');
    std::string scalar(size + kDecodePadding, '\x5a');
    kernels_->pack(in.data(), bits, simd.data());
    ScalarKernels().pack(in.data(), bits, scalar.data());
    ASSERT_EQ(simd, scalar) << kernels_->name << " bits=" << bits;  // includes untouched guard
    Block expected = in;
    for (auto& v : expected) {
      v &= MaxValue(bits);
    }
    Block out;
    kernels_->unpack(simd.data(), bits, out.data());
    ASSERT_EQ(out, expected) << kernels_->name << " bits=" << bits;
  }

  // Unpacks `bytes` (payload plus padding) at every small misalignment with both tables.
  void ExpectUnpackMatches(const std::string& bytes, uint32_t bits) {
    for (size_t shift = 0; shift < 4; ++shift) {
      std::string buffer(shift, '\0');
      buffer += bytes;
      std::array<uint32_t, kBlockSize + 4> simd, scalar;
      simd.fill(kGuard);
      scalar.fill(kGuard);
      kernels_->unpack(buffer.data() + shift, bits, simd.data());
      ScalarKernels().unpack(buffer.data() + shift, bits, scalar.data());
      ASSERT_EQ(simd, scalar) << kernels_->name << " bits=" << bits << " shift=" << shift;
    }
  }

  const Kernels* kernels_ = nullptr;
};

TEST_P(KernelsTest, PackMatchesScalarOnRandomBlocks) {
  std::mt19937 rng(1);
  for (uint32_t bits = 1; bits <= 32; ++bits) {
    for (int trial = 0; trial < 10; ++trial) {
      ExpectPackMatches(RandomBlock(rng, MaxValue(bits)), bits);
      ExpectPackMatches(RandomBlock(rng, UINT32_MAX), bits);  // high bits to drop
    }
  }
}

TEST_P(KernelsTest, PackMatchesScalarOnEdgeBlocks) {
  for (uint32_t bits = 1; bits <= 32; ++bits) {
    for (const Block& in : EdgeBlocks(bits)) {
      ExpectPackMatches(in, bits);
    }
  }
}

TEST_P(KernelsTest, UnpackMatchesScalarOnRandomBytes) {
  // Every byte string is a valid payload, so random bytes cover every value pattern.
  std::mt19937 rng(2);
  std::uniform_int_distribution<int> byte(0, 255);
  for (uint32_t bits = 0; bits <= 32; ++bits) {
    for (int trial = 0; trial < 10; ++trial) {
      std::string bytes(PackedBytes(bits) + kDecodePadding, '\0');
      for (char& c : bytes) {
        c = static_cast<char>(byte(rng));
      }
      ExpectUnpackMatches(bytes, bits);
    }
  }
}

TEST_P(KernelsTest, UnpackMatchesScalarOnEdgeBlocks) {
  for (uint32_t bits = 0; bits <= 32; ++bits) {
    for (const Block& in : EdgeBlocks(bits)) {
      std::string bytes(PackedBytes(bits), '\0');
      if (bits > 0) {
        ScalarKernels().pack(in.data(), bits, bytes.data());
      }
      bytes.append(kDecodePadding, '\0');
      ExpectUnpackMatches(bytes, bits);
    }
  }
}

TEST_P(KernelsTest, UnpackIgnoresPaddingBytes) {
  std::mt19937 rng(3);
  for (uint32_t bits = 0; bits <= 32; ++bits) {
    const Block in = RandomBlock(rng, MaxValue(bits));
    std::string zeros(PackedBytes(bits), '\0');
    if (bits > 0) {
      ScalarKernels().pack(in.data(), bits, zeros.data());
    }
    std::string ones = zeros;
    zeros.append(kDecodePadding, '\0');
    ones.append(kDecodePadding, '\xff');
    Block a, b;
    kernels_->unpack(zeros.data(), bits, a.data());
    kernels_->unpack(ones.data(), bits, b.data());
    ASSERT_EQ(a, in) << kernels_->name << " bits=" << bits;
    ASSERT_EQ(b, in) << kernels_->name << " bits=" << bits;
  }
}

TEST_P(KernelsTest, PrefixSumMatchesScalar) {
  std::mt19937 rng(4);
  const uint32_t bases[] = {0, 1, 12345, UINT32_MAX - 5, UINT32_MAX};
  const size_t sizes[] = {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 127, 128, 129, 300};
  for (const uint32_t max : {uint32_t{0}, uint32_t{1}, uint32_t{1000}, UINT32_MAX}) {
    for (const size_t n : sizes) {
      for (const uint32_t base : bases) {
        std::uniform_int_distribution<uint32_t> dist(0, max);
        std::vector<uint32_t> simd(n + 4, kGuard);
        for (size_t i = 0; i < n; ++i) {
          simd[i] = dist(rng);  // max = UINT32_MAX wraps around many times
        }
        std::vector<uint32_t> scalar = simd;
        kernels_->prefix_sum(simd.data(), n, base);
        ScalarKernels().prefix_sum(scalar.data(), n, base);
        ASSERT_EQ(simd, scalar) << kernels_->name << " n=" << n << " base=" << base
                                << " max=" << max;
      }
    }
  }
}

TEST_P(KernelsTest, PrefixSumWrapsAroundLikeScalar) {
  std::vector<uint32_t> simd(kBlockSize, UINT32_MAX);  // each step subtracts 1 modulo 2^32
  std::vector<uint32_t> scalar = simd;
  kernels_->prefix_sum(simd.data(), simd.size(), 3);
  ScalarKernels().prefix_sum(scalar.data(), scalar.size(), 3);
  EXPECT_EQ(simd, scalar);
  EXPECT_EQ(simd[0], 2u);
  EXPECT_EQ(simd[3], UINT32_MAX);
}

TEST_P(KernelsTest, MaxBitsMatchesScalar) {
  std::mt19937 rng(5);
  EXPECT_EQ(kernels_->max_bits(nullptr, 0), 0u);
  for (size_t n = 1; n <= 2 * kBlockSize + 3; ++n) {
    for (uint32_t bits = 0; bits <= 32; bits += 4) {
      std::vector<uint32_t> in(n);
      std::uniform_int_distribution<uint32_t> dist(0, MaxValue(bits));
      for (auto& v : in) {
        v = dist(rng);
      }
      ASSERT_EQ(kernels_->max_bits(in.data(), n), ScalarKernels().max_bits(in.data(), n))
          << kernels_->name << " n=" << n << " bits=" << bits;
    }
    // A single top bit at the last position (the tail) and the first; values past n ignored.
    std::vector<uint32_t> in(n + 1, 0);
    in[n] = UINT32_MAX;
    in[n - 1] = 0x40000u;
    EXPECT_EQ(kernels_->max_bits(in.data(), n), 19u) << kernels_->name << " n=" << n;
    in[n - 1] = 0;
    in[0] = 1;
    EXPECT_EQ(kernels_->max_bits(in.data(), n), 1u) << kernels_->name << " n=" << n;
  }
}

INSTANTIATE_TEST_SUITE_P(SimdTables, KernelsTest, ::testing::Values("sse41", "avx2", "avx512"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return param.param;
                         });

TEST(KernelDispatchTest, SupportedKernelsStartWithScalarAndHaveUniqueNames) {
  const auto supported = SupportedKernels();
  ASSERT_FALSE(supported.empty());
  EXPECT_EQ(supported.front(), &ScalarKernels());
  for (size_t i = 0; i < supported.size(); ++i) {
    for (size_t j = i + 1; j < supported.size(); ++j) {
      EXPECT_STRNE(supported[i]->name, supported[j]->name);
    }
  }
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) {
    EXPECT_NE(FindSupported("avx2"), nullptr);
  }
#endif
}

TEST(KernelDispatchTest, ActiveKernelsAreTheBestSupportedUnlessForcedScalar) {
  const char* force = std::getenv("NSEARCH_FORCE_SCALAR");
  if (force != nullptr && force[0] != '\0' && std::strcmp(force, "0") != 0) {
    EXPECT_EQ(&ActiveKernels(), &ScalarKernels());
  } else {
    EXPECT_EQ(&ActiveKernels(), SupportedKernels().back());
  }
}

// ActiveKernels() reads the environment once per process, so each case runs in a fresh one.
TEST(KernelDispatchDeathTest, ForceScalarEnvironmentVariableSelectsScalar) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");  // re-executes the binary: a fresh process
  EXPECT_EXIT(
      {
        setenv("NSEARCH_FORCE_SCALAR", "1", 1);
        std::exit(&ActiveKernels() == &ScalarKernels() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
  EXPECT_EXIT(
      {
        setenv("NSEARCH_FORCE_SCALAR", "0", 1);
        std::exit(&ActiveKernels() == SupportedKernels().back() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace nsearch::codec
