#ifndef NSEARCH_TESTS_FUZZ_FUZZ_INPUT_H_
#define NSEARCH_TESTS_FUZZ_FUZZ_INPUT_H_

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace nsearch::fuzz {

// Splits a fuzz input into parts: each is a fixed32 little-endian length, then that many bytes
// (cut short at the end of the input). Lets one input carry several files. The seed corpora
// are made this way by tests/fuzz/make_seeds.py.
inline std::vector<std::string_view> SplitParts(std::string_view data, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() < max_parts && data.size() >= 4) {
    uint32_t n;
    std::memcpy(&n, data.data(), 4);
    data.remove_prefix(4);
    const size_t take = n < data.size() ? n : data.size();
    parts.push_back(data.substr(0, take));
    data.remove_prefix(take);
  }
  while (parts.size() < max_parts) {
    parts.emplace_back();
  }
  return parts;
}

}  // namespace nsearch::fuzz

#endif  // NSEARCH_TESTS_FUZZ_FUZZ_INPUT_H_
