#include "index/analysis/spelling.h"

#include <unordered_map>

#include "index/analysis/word_filter.h"

namespace nsearch::analysis {
namespace {

struct SpellingMap {
  std::unordered_map<std::string_view, std::string_view> american;  // British -> American
  WordFilter british;                                               // the keys of `american`
};

// Parsed once, on first use; the views point into the embedded bytes. The list is generated and
// checked by its script, so a malformed line (not two words) is skipped rather than reported.
const SpellingMap& Map() {
  static const SpellingMap* const kMap = [] {
    auto* map = new SpellingMap();
    std::string_view text = EmbeddedSpellingVariants();
    while (!text.empty()) {
      const size_t eol = text.find('\n');
      std::string_view line = text.substr(0, eol);
      text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
      if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
        line = line.substr(0, hash);
      }
      const size_t a = line.find_first_not_of(" \t\r");
      if (a == std::string_view::npos) {
        continue;
      }
      const size_t a_end = line.find_first_of(" \t", a);
      const size_t b =
          line.find_first_not_of(" \t", a_end == std::string_view::npos ? line.size() : a_end);
      if (a_end == std::string_view::npos || b == std::string_view::npos) {
        continue;
      }
      const size_t b_end = line.find_first_of(" \t\r", b);
      const std::string_view british = line.substr(a, a_end - a);
      map->british.Add(british);
      map->american.emplace(
          british,
          line.substr(b, b_end == std::string_view::npos ? std::string_view::npos : b_end - b));
    }
    return map;
  }();
  return *kMap;
}

}  // namespace

std::optional<std::string_view> AmericanSpelling(std::string_view word) {
  const SpellingMap& map = Map();
  if (!map.british.MayContain(word)) {
    return std::nullopt;
  }
  auto it = map.american.find(word);
  if (it == map.american.end()) {
    return std::nullopt;
  }
  return it->second;
}

size_t SpellingVariantCount() { return Map().american.size(); }

}  // namespace nsearch::analysis
