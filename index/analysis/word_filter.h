#ifndef NSEARCH_INDEX_ANALYSIS_WORD_FILTER_H_
#define NSEARCH_INDEX_ANALYSIS_WORD_FILTER_H_

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace nsearch::analysis {

// A one-probe Bloom filter over a set of words, keyed on a word's length and its first two and
// last two bytes: MayContain is false for every word that was never added, and true for every
// word that was. It sits in front of the hash lookups the analyzer makes for every word
// (stopwords, spelling variants), which almost always miss: a few shifts and one bit test
// instead of hashing the whole word and comparing it. 8 KiB; thread-compatible (const methods
// are safe to call concurrently).
class WordFilter {
 public:
  void Add(std::string_view word) { bits_.set(Slot(word)); }
  bool MayContain(std::string_view word) const { return bits_.test(Slot(word)); }

 private:
  static constexpr unsigned kBits = 16;

  static size_t Slot(std::string_view word) {
    const auto byte = [word](size_t i) {
      return i < word.size() ? static_cast<uint64_t>(static_cast<unsigned char>(word[i])) : 0;
    };
    const size_t n = word.size();
    const uint64_t key = (uint64_t{n} << 32) | (byte(0) << 24) | (byte(1) << 16) |
                         (byte(n >= 2 ? n - 2 : n) << 8) | byte(n >= 1 ? n - 1 : n);
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - kBits));
  }

  std::bitset<size_t{1} << kBits> bits_;
};

}  // namespace nsearch::analysis

#endif  // NSEARCH_INDEX_ANALYSIS_WORD_FILTER_H_
