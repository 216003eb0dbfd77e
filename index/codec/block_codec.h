#ifndef NSEARCH_INDEX_CODEC_BLOCK_CODEC_H_
#define NSEARCH_INDEX_CODEC_BLOCK_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "index/codec/bitpack.h"

namespace nsearch::codec {

// A framed block of kBlockSize values as postings store it (see docs/FORMAT.md#postings-blocks):
//   bit width b (1 byte, 0..32) | PackBlock bytes (PackedBytes(b) = 16*b bytes)
// Thread-safe.

// Bytes a framed block needs at most: 1 + PackedBytes(32).
inline constexpr size_t kMaxEncodedBlockBytes = 1 + PackedBytes(32);

// Appends exactly kBlockSize values as one framed block, at the smallest width that holds them.
// Appends no padding: the writer of the enclosing stream appends kDecodePadding bytes at its end.
// REQUIRES: in points to kBlockSize values.
void EncodeBlock(const uint32_t* in, std::string* out);

// Decodes one framed block from [src, src+size) into out[0..kBlockSize). Returns the bytes
// consumed (1 + PackedBytes(b)), or 0 if size == 0, the width byte is > 32, or fewer than
// PackedBytes(b) bytes follow it. Never reads past src+size, even though writers pad.
// REQUIRES: out has room for kBlockSize values.
size_t DecodeBlock(const char* src, size_t size, uint32_t* out);

}  // namespace nsearch::codec

#endif  // NSEARCH_INDEX_CODEC_BLOCK_CODEC_H_
