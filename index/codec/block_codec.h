#ifndef NSEARCH_INDEX_CODEC_BLOCK_CODEC_H_
#define NSEARCH_INDEX_CODEC_BLOCK_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "index/codec/bitpack.h"

namespace nsearch::codec {

// A framed block of kBlockSize values as postings store it (see docs/FORMAT.md#bit-packing), in
// one of two forms:
//   plain:      token = b (0..32)        | PackBlock bytes (PackedBytes(b) = 16*b bytes)
//   exceptions: token = b | 0x80 (b < 32) | count e (1..kMaxExceptions) | e x (index, high byte) |
//               PackBlock bytes of the values' low b bits
// With exceptions ("patched frame of reference", as Lucene's PForUtil), high << b is ORed into
// value[index]: a few large values no longer widen the whole block. Indexes strictly increase,
// each high is at least 1, and high << b fits in 32 bits, so a block's bytes follow from its
// values and its width.
// Thread-safe.

// The token bit that says exceptions follow.
inline constexpr uint8_t kExceptionsFlag = 0x80;
// Most exceptions a block may have.
inline constexpr uint32_t kMaxExceptions = 32;
// Bits an exception adds above the block's width, at most (one byte).
inline constexpr uint32_t kExceptionBits = 8;

// Bytes EncodeBlock appends at most: 1 + PackedBytes(32), since it picks exceptions only when
// they make the block smaller than its plain form. (A valid block the encoder would not write,
// with a needlessly wide b and 32 exceptions, can take up to 2 + 64 + PackedBytes(31) bytes.)
inline constexpr size_t kMaxEncodedBlockBytes = 1 + PackedBytes(32);

// Appends exactly kBlockSize values as one framed block, in whichever form is smallest (plain on
// a tie). Appends no padding: the writer of the enclosing stream appends kDecodePadding bytes at
// its end.
// REQUIRES: in points to kBlockSize values.
void EncodeBlock(const uint32_t* in, std::string* out);

// Decodes one framed block from [src, src+size) into out[0..kBlockSize). Returns the bytes
// consumed, or 0 if the block is malformed: size == 0, a token other than 0..32 or
// (0..31) | 0x80, an exception count of 0 or over kMaxExceptions, an exception index over 127 or
// not above the one before, a high byte of 0 or one whose bits would pass bit 31, or fewer bytes
// than the block needs. Never reads past src+size, even though writers pad.
// REQUIRES: out has room for kBlockSize values.
size_t DecodeBlock(const char* src, size_t size, uint32_t* out);

}  // namespace nsearch::codec

#endif  // NSEARCH_INDEX_CODEC_BLOCK_CODEC_H_
