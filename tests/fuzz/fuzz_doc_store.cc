// Fuzz target: opening a document store file made of arbitrary bytes and reading documents.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "index/base/directory.h"
#include "index/store/doc_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto dir = nsearch::NewMemoryDirectory();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (!nsearch::WriteFileAtomically(*dir, "f.store", bytes).ok()) {
    return 0;
  }
  auto reader = nsearch::store::DocStoreReader::Open(*dir, "f.store");
  if (reader.ok()) {
    const uint32_t n = std::min<uint32_t>((*reader)->num_docs(), 64);
    for (uint32_t d = 0; d < n; ++d) {
      (void)(*reader)->Get(d);
    }
    (void)(*reader)->Get((*reader)->num_docs());  // out of range: an error, not a crash
  }
  return 0;
}
