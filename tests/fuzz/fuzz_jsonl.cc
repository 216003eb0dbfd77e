// Fuzz target: the JSONL document reader on arbitrary bytes (an HTTP body or a file), and each
// valid UTF-8 line parsed both ways (simdjson with its fallback, and nlohmann alone), which must
// agree: a disagreement aborts.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "index/analysis/utf8.h"
#include "index/input/document_reader.h"
#include "index/input/jsonl_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nsearch::input::InputOptions options;
  options.max_doc_bytes = 4096;
  options.extra_fields = {"tags"};
  nsearch::input::InputReport report;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)nsearch::input::ReadJsonlText(
      text, "fuzz", options, [](nsearch::store::StoredDocument&&) { return nsearch::Status::Ok(); },
      [](const std::string&) {}, &report);
  for (size_t begin = 0; begin < text.size();) {
    const size_t end = std::min(text.find('\n', begin), text.size());
    std::string line(text.substr(begin, end - begin));
    begin = end + 1;
    if (!nsearch::analysis::IsValidUtf8(line)) {
      continue;
    }
    nsearch::store::StoredDocument fast;
    nsearch::store::StoredDocument reference;
    bool repaired;
    const std::string reference_problem =
        nsearch::input::ParseJsonLineReference(line, options, &reference);
    const std::string fast_problem = nsearch::input::ParseJsonLine(line, options, &fast, &repaired);
    if (fast_problem != reference_problem || (fast_problem.empty() && !(fast == reference))) {
      std::abort();
    }
  }
  return 0;
}
