// Decoding speed of the block codec: integers per second for unpacking 128-integer blocks at each
// bit width, with and without the delta prefix sum, for every kernel table (today: scalar).
//   build/bench/nsearch_codec_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "index/codec/bitpack.h"
#include "index/codec/kernels.h"

namespace nsearch::codec {
namespace {

constexpr size_t kBlocks = 512;  // 64 Ki integers: stays in L2 like a hot posting list

// kBlocks packed blocks of random values below 2^bits, back to back, with decode padding.
std::string PackedData(uint32_t bits) {
  std::mt19937 rng(bits);
  const uint32_t mask = bits == 32 ? 0xFFFFFFFFu : (1u << bits) - 1;
  std::string data;
  uint32_t block[kBlockSize];
  for (size_t b = 0; b < kBlocks; ++b) {
    for (uint32_t& v : block) v = rng() & mask;
    PackBlock(block, bits, &data);
  }
  data.append(kDecodePadding, '\0');
  return data;
}

void BM_Unpack(benchmark::State& state, const Kernels* kernels, bool prefix_sum) {
  const auto bits = static_cast<uint32_t>(state.range(0));
  const std::string data = PackedData(bits);
  std::vector<uint32_t> out(kBlockSize);
  for (auto _ : state) {
    const char* src = data.data();
    uint32_t base = 0;
    for (size_t b = 0; b < kBlocks; ++b) {
      kernels->unpack(src, bits, out.data());
      if (prefix_sum) {
        kernels->prefix_sum(out.data(), kBlockSize, base);
        base = out[kBlockSize - 1];
      }
      src += PackedBytes(bits);
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBlocks * kBlockSize));
  state.SetLabel(kernels->name);
}

void Widths(benchmark::internal::Benchmark* b) {
  for (int bits : {1, 2, 4, 6, 8, 10, 12, 16, 20, 24, 32}) b->Arg(bits);
}

BENCHMARK_CAPTURE(BM_Unpack, scalar, &ScalarKernels(), false)->Apply(Widths);
BENCHMARK_CAPTURE(BM_Unpack, scalar_delta, &ScalarKernels(), true)->Apply(Widths);

}  // namespace
}  // namespace nsearch::codec

BENCHMARK_MAIN();
