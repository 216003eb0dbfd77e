#ifndef NSEARCH_INDEX_CODEC_VARINT_BLOCK_H_
#define NSEARCH_INDEX_CODEC_VARINT_BLOCK_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace nsearch::codec {

// The tail of a posting list (fewer than kBlockSize values) as plain LEB128 varints: 7 bits per
// byte, least significant group first, high bit set on every byte but the last. A uint32 takes
// 1..5 bytes. See docs/FORMAT.md#postings-blocks. Thread-safe.

// Appends n values as LEB128 varints to *out.
// REQUIRES: in points to n values (may be null when n == 0).
void EncodeVarints(const uint32_t* in, size_t n, std::string* out);

// Decodes exactly n varints from [src, src+size) into out[0..n). Returns the bytes consumed, or 0
// if the input is truncated or malformed (a varint longer than 5 bytes or above UINT32_MAX).
// Never reads past src+size. Returns 0 also when n == 0 (nothing consumed).
// REQUIRES: out has room for n values.
size_t DecodeVarints(const char* src, size_t size, size_t n, uint32_t* out);

}  // namespace nsearch::codec

#endif  // NSEARCH_INDEX_CODEC_VARINT_BLOCK_H_
