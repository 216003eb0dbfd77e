#ifndef NSEARCH_INDEX_INPUT_DECOMPRESS_H_
#define NSEARCH_INDEX_INPUT_DECOMPRESS_H_

#include <memory>
#include <string>
#include <string_view>

#include "index/input/byte_source.h"

namespace nsearch::input {

// How an input file is compressed, from its name.
enum class Compression { kNone, kGzip, kZstd };

// The compression named by the file name's last suffix (".gz" or ".zst"); `*inner` gets the
// name without that suffix ("a.jsonl.gz" → "a.jsonl"), or the name itself when uncompressed.
Compression CompressionOf(std::string_view name, std::string* inner);

// Wraps `compressed` in a streaming decompressor. Each Read decompresses only as much as it
// returns, so memory stays bounded whatever the compression ratio. Several concatenated
// members or frames are read one after the other. Malformed, truncated or trailing data is
// Corruption ("truncated gzip data"); an IOError of `compressed` is passed on.
// REQUIRES: compression != kNone.
std::unique_ptr<ByteSource> MakeDecompressor(Compression compression,
                                             std::unique_ptr<ByteSource> compressed);

// The two decompressors behind MakeDecompressor.
std::unique_ptr<ByteSource> MakeGzipSource(std::unique_ptr<ByteSource> compressed);
std::unique_ptr<ByteSource> MakeZstdSource(std::unique_ptr<ByteSource> compressed);

}  // namespace nsearch::input

#endif  // NSEARCH_INDEX_INPUT_DECOMPRESS_H_
