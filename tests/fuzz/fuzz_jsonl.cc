// Fuzz target: the JSONL document reader on arbitrary bytes (an HTTP body or a file).
#include <cstdint>
#include <string_view>

#include "index/input/document_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nsearch::input::InputOptions options;
  options.max_doc_bytes = 4096;
  nsearch::input::InputReport report;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)nsearch::input::ReadJsonlText(
      text, "fuzz", options, [](nsearch::store::StoredDocument&&) { return nsearch::Status::Ok(); },
      [](const std::string&) {}, &report);
  return 0;
}
