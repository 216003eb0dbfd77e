// Fuzz target: the postings codecs on arbitrary bytes. The input is read as a stream of framed
// blocks (DecodeBlock, plain or with exceptions) and varint runs (DecodeVarints), as a posting
// list is. Every block decoded also has its payload unpacked and prefix-summed by each SIMD
// kernel table this CPU has, which must equal the scalar reference; its values must encode to a
// block no larger than the one they came from, which decodes to them again. Varints must
// re-encode to what they decode. A difference aborts.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "index/codec/bitpack.h"
#include "index/codec/block_codec.h"
#include "index/codec/kernels.h"
#include "index/codec/varint_block.h"

namespace {

using nsearch::codec::kBlockSize;
using nsearch::codec::kDecodePadding;

void Check(bool ok) {
  if (!ok) {
    std::abort();
  }
}

// Every kernel table against the scalar one on one packed block (with the padding SIMD loads may
// read), then the prefix sum from `base`.
void CompareKernels(const char* packed, uint32_t bits, uint32_t base) {
  std::string padded(packed, nsearch::codec::PackedBytes(bits));
  padded.append(kDecodePadding, '\xa5');  // padding contents must not matter
  uint32_t want[kBlockSize];
  const nsearch::codec::Kernels& scalar = nsearch::codec::ScalarKernels();
  scalar.unpack(padded.data(), bits, want);
  // Computed once: comparison tracing makes every call of a loop over 128 values cost.
  const uint32_t want_bits = scalar.max_bits(want, kBlockSize);
  Check(bits == 32 || want_bits <= bits);
  uint32_t want_sum[kBlockSize];
  std::memcpy(want_sum, want, sizeof(want));
  scalar.prefix_sum(want_sum, kBlockSize, base);
  std::string want_packed(nsearch::codec::PackedBytes(bits), '\0');
  if (bits > 0) {
    scalar.pack(want, bits, want_packed.data());
  }
  for (const nsearch::codec::Kernels* k : nsearch::codec::SupportedKernels()) {
    uint32_t got[kBlockSize];
    k->unpack(padded.data(), bits, got);
    Check(std::memcmp(got, want, sizeof(want)) == 0);
    Check(k->max_bits(got, kBlockSize) == want_bits);
    k->prefix_sum(got, kBlockSize, base);
    Check(std::memcmp(got, want_sum, sizeof(want)) == 0);
    if (bits > 0) {
      std::string repacked(nsearch::codec::PackedBytes(bits), '\0');
      k->pack(want, bits, repacked.data());
      Check(repacked == want_packed);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  uint32_t base = 0;
  while (!in.empty()) {
    // The first byte chooses: 0xc0 and above start a run of varints (the low 6 bits count
    // them); any other byte is a framed block's token, read by DecodeBlock as it is.
    const auto head = static_cast<uint8_t>(in[0]);
    if (head < 0xc0) {
      uint32_t values[kBlockSize];
      const size_t used = nsearch::codec::DecodeBlock(in.data(), in.size(), values);
      const bool patched = (head & nsearch::codec::kExceptionsFlag) != 0;
      const uint32_t bits = head & ~nsearch::codec::kExceptionsFlag;
      if (used == 0) {
        Check(patched || bits > 32 || in.size() < 1 + nsearch::codec::PackedBytes(bits));
        in.remove_prefix(1);
        continue;
      }
      // The payload follows the token, or the token, the count and 2 bytes per exception.
      const size_t head_bytes = patched ? 2 + 2 * size_t{static_cast<uint8_t>(in[1])} : 1;
      Check(used == head_bytes + nsearch::codec::PackedBytes(bits));
      CompareKernels(in.data() + head_bytes, bits, base);
      std::string encoded;
      nsearch::codec::EncodeBlock(values, &encoded);
      Check(encoded.size() <= used);
      uint32_t decoded[kBlockSize];
      Check(nsearch::codec::DecodeBlock(encoded.data(), encoded.size(), decoded) == encoded.size());
      Check(std::memcmp(decoded, values, sizeof(values)) == 0);
      base = values[0];
      in.remove_prefix(used);
    } else {
      const size_t n = head & 0x3f;
      in.remove_prefix(1);
      uint32_t values[0x40];
      const size_t used = nsearch::codec::DecodeVarints(in.data(), in.size(), n, values);
      if (used == 0) {
        continue;
      }
      Check(used <= in.size());
      std::string encoded;
      nsearch::codec::EncodeVarints(values, n, &encoded);
      Check(encoded.size() <= used);  // over-long varints decode but re-encode shorter
      uint32_t decoded[0x40];
      Check(nsearch::codec::DecodeVarints(encoded.data(), encoded.size(), n, decoded) ==
            encoded.size());
      Check(std::memcmp(decoded, values, n * sizeof(uint32_t)) == 0);
      in.remove_prefix(used);
    }
  }
  return 0;
}
