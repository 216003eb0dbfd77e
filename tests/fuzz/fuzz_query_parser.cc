// Fuzz target: the query parser and planner on arbitrary bytes.
#include <cstdint>
#include <memory>
#include <string_view>

#include "index/analysis/analyzer.h"
#include "query/parser/query_parser.h"
#include "query/query_plan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<nsearch::analysis::Analyzer> analyzer =
      std::move(nsearch::analysis::Analyzer::Create({})).value();
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  auto parsed = nsearch::query::ParseQuery(query);
  if (parsed.ok()) {
    auto plan = nsearch::query::PlanQuery(*parsed, *analyzer);
    if (plan) {
      (void)nsearch::query::ToString(*plan);
    }
  }
  for (auto mode : {nsearch::query::QueryMode::kOr, nsearch::query::QueryMode::kPhrase}) {
    (void)nsearch::query::PlanWords(query, mode, *analyzer);
  }
  return 0;
}
