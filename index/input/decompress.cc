#include "index/input/decompress.h"

namespace nsearch::input {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Compression CompressionOf(std::string_view name, std::string* inner) {
  for (const auto& [suffix, kind] :
       {std::pair<std::string_view, Compression>{".gz", Compression::kGzip},
        {".zst", Compression::kZstd}}) {
    if (EndsWith(name, suffix)) {
      inner->assign(name.substr(0, name.size() - suffix.size()));
      return kind;
    }
  }
  inner->assign(name);
  return Compression::kNone;
}

std::unique_ptr<ByteSource> MakeDecompressor(Compression compression,
                                             std::unique_ptr<ByteSource> compressed) {
  return compression == Compression::kGzip ? MakeGzipSource(std::move(compressed))
                                           : MakeZstdSource(std::move(compressed));
}

}  // namespace nsearch::input
