// Fuzz target: a whole index made of arbitrary bytes (manifest and one segment's files),
// opened and searched as a user would.
#include <cstdint>
#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/segment/index_reader.h"
#include "query/searcher.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kFiles[] = {"MANIFEST",         "seg_000001.tdict", "seg_000001.post",
                                       "seg_000001.pos",   "seg_000001.len",   "seg_000001.ids",
                                       "seg_000001.store", "seg_000001.2.del"};
  constexpr size_t kNumFiles = sizeof(kFiles) / sizeof(kFiles[0]);
  const std::vector<std::string_view> parts = nsearch::fuzz::SplitParts(
      std::string_view(reinterpret_cast<const char*>(data), size), kNumFiles);
  auto dir = nsearch::NewMemoryDirectory();
  for (size_t i = 0; i < kNumFiles; ++i) {
    if (!parts[i].empty() && !nsearch::WriteFileAtomically(*dir, kFiles[i], parts[i]).ok()) {
      return 0;
    }
  }
  auto reader = nsearch::segment::IndexReader::Open(*dir);
  if (!reader.ok()) {
    return 0;
  }
  auto searcher = nsearch::query::Searcher::Create(reader->get());
  if (!searcher.ok()) {
    return 0;
  }
  for (const char* q : {"pact", "mutual defense", "\"mutual defense\"", "+kim -putin", "korea"}) {
    for (auto evaluator :
         {nsearch::query::Evaluator::kBlockMax, nsearch::query::Evaluator::kExhaustive}) {
      nsearch::query::SearchRequest request;
      request.query = q;
      request.evaluator = evaluator;
      (void)(*searcher)->Search(request);
    }
  }
  (void)(*reader)->FindDocument("004_7550fd385f871b0d");
  return 0;
}
