// Decoding speed of the block codec, in integers per second (items_per_second), per bit width.
// Scenarios, each over the same kBlocks * 128 random integers below 2^bits:
//   unpack/<table>/<bits>           Kernels::unpack, for every table this CPU supports
//   unpack+delta/<table>/<bits>     unpack then prefix_sum, as doc-id deltas become doc ids
//   streamvbyte/<bits>              streamvbyte_decode (Debian's libstreamvbyte-dev), 128 per call
//   streamvbyte_delta/<bits>        streamvbyte_delta_decode, 128 per call, chained like above
// Every scenario checks its output once before timing. See bench/README.md for how to run it.

#include <benchmark/benchmark.h>
#include <streamvbyte.h>
#include <streamvbytedelta.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "index/codec/bitpack.h"
#include "index/codec/kernels.h"

namespace nsearch::codec {
namespace {

constexpr size_t kBlocks = 512;  // 64 Ki integers: stays in L2 like a hot posting list
constexpr size_t kCount = kBlocks * kBlockSize;

// The integers every scenario decodes: random below 2^bits, fixed seed per width.
std::vector<uint32_t> Values(uint32_t bits) {
  std::mt19937 rng(bits);
  const uint32_t mask = bits == 32 ? 0xFFFFFFFFu : (1u << bits) - 1;
  std::vector<uint32_t> values(kCount);
  for (uint32_t& v : values) v = rng() & mask;
  return values;
}

// Running sums of `values`, restarting from 0: what a delta decoder must produce.
std::vector<uint32_t> PrefixSums(std::vector<uint32_t> values) {
  ScalarKernels().prefix_sum(values.data(), values.size(), 0);
  return values;
}

void SetCounters(benchmark::State& state, const char* label, size_t encoded_bytes) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kCount));
  state.counters["bits_per_int"] = 8.0 * static_cast<double>(encoded_bytes) / kCount;
  state.SetLabel(label);
}

// Checks that decode_all(out, /*keep=*/true) reproduces `expected`, then times
// decode_all(block, /*keep=*/false), which decodes every block into the same 128 integers.
template <typename DecodeAll>
void TimeDecoding(benchmark::State& state, DecodeAll& decode_all,
                  const std::vector<uint32_t>& expected, const char* label, size_t encoded_bytes) {
  std::vector<uint32_t> all(kCount);
  decode_all(all.data(), true);
  if (all != expected) {
    state.SkipWithError("decoded integers differ from the input");
    return;
  }
  std::vector<uint32_t> out(kBlockSize);
  for (auto _ : state) {
    decode_all(out.data(), false);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  SetCounters(state, label, encoded_bytes);
}

void BM_Unpack(benchmark::State& state, const Kernels* kernels, bool delta) {
  const auto bits = static_cast<uint32_t>(state.range(0));
  const std::vector<uint32_t> values = Values(bits);
  std::string data;
  for (size_t b = 0; b < kBlocks; ++b) {
    PackBlock(values.data() + b * kBlockSize, bits, &data);
  }
  const size_t packed_bytes = data.size();
  data.append(kDecodePadding, '\0');  // unpack may read this far past the last block

  // Timed runs decode every block into the same 128 integers, as a posting cursor does; the
  // check keeps them all.
  auto decode_all = [&](uint32_t* out, bool keep) {
    const char* src = data.data();
    uint32_t base = 0;
    for (size_t b = 0; b < kBlocks; ++b) {
      uint32_t* block = keep ? out + b * kBlockSize : out;
      kernels->unpack(src, bits, block);
      if (delta) {
        kernels->prefix_sum(block, kBlockSize, base);
        base = block[kBlockSize - 1];
      }
      src += PackedBytes(bits);
    }
  };
  TimeDecoding(state, decode_all, delta ? PrefixSums(values) : values, kernels->name, packed_bytes);
}

void BM_StreamVByte(benchmark::State& state, bool delta) {
  const auto bits = static_cast<uint32_t>(state.range(0));
  const std::vector<uint32_t> values = Values(bits);
  // One stream per 128-integer block, like the block codec. The delta stream holds the same bytes:
  // streamvbyte_delta_encode(PrefixSums(values)) encodes exactly `values`.
  std::vector<uint8_t> data(kBlocks * streamvbyte_max_compressedbytes(kBlockSize) + kDecodePadding);
  std::vector<size_t> offsets(kBlocks + 1, 0);
  for (size_t b = 0; b < kBlocks; ++b) {
    offsets[b + 1] = offsets[b] + streamvbyte_encode(values.data() + b * kBlockSize, kBlockSize,
                                                     data.data() + offsets[b]);
  }

  auto decode_all = [&](uint32_t* out, bool keep) {
    uint32_t prev = 0;
    for (size_t b = 0; b < kBlocks; ++b) {
      uint32_t* block = keep ? out + b * kBlockSize : out;
      if (delta) {
        streamvbyte_delta_decode(data.data() + offsets[b], block, kBlockSize, prev);
        prev = block[kBlockSize - 1];
      } else {
        streamvbyte_decode(data.data() + offsets[b], block, kBlockSize);
      }
    }
  };
  TimeDecoding(state, decode_all, delta ? PrefixSums(values) : values, "streamvbyte",
               offsets[kBlocks]);
}

void Widths(benchmark::internal::Benchmark* b) {
  for (int bits : {1, 2, 4, 6, 8, 10, 12, 16, 20, 24, 32}) b->Arg(bits);
}

void RegisterAll() {
  for (const bool delta : {false, true}) {
    for (const Kernels* kernels : SupportedKernels()) {
      std::string name = delta ? "unpack+delta/" : "unpack/";
      name.append(kernels->name);
      benchmark::RegisterBenchmark(name.c_str(), BM_Unpack, kernels, delta)->Apply(Widths);
    }
    benchmark::RegisterBenchmark(delta ? "streamvbyte_delta" : "streamvbyte", BM_StreamVByte, delta)
        ->Apply(Widths);
  }
}

}  // namespace
}  // namespace nsearch::codec

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 1;
  }
  nsearch::codec::RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
