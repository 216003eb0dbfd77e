#ifndef NSEARCH_INDEX_BASE_STRING_INTERNER_H_
#define NSEARCH_INDEX_BASE_STRING_INTERNER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nsearch {

// Interns strings (the terms of a segment being built, the words of a stem cache): each
// distinct string gets the next dense id (0, 1, 2, ...). Open addressing with linear probing over
// 8-byte slots (32 bits of the term's hash, the id), terms packed in one arena: one cache line per
// lookup in the common case, where a node-based map chases pointers. Not thread-safe.
class StringInterner {
 public:
  StringInterner();

  // Forgets every string; ids start again from 0.
  void Clear();
  // The id of `term`, added if new; *inserted says whether it was.
  uint32_t Intern(std::string_view term, bool* inserted);
  size_t size() const { return starts_.size() - 1; }
  // REQUIRES: id < size(). Valid until the next Intern.
  std::string_view term(uint32_t id) const {
    return std::string_view(arena_).substr(starts_[id], starts_[id + 1] - starts_[id]);
  }
  // Heap bytes held (capacities, not sizes).
  size_t memory_usage() const {
    return slots_.capacity() * sizeof(Slot) + arena_.capacity() +
           starts_.capacity() * sizeof(size_t);
  }

 private:
  struct Slot {
    uint32_t tag;  // high 32 bits of the hash
    uint32_t id;   // kEmpty when free
  };
  static constexpr uint32_t kEmpty = UINT32_MAX;
  void Grow();

  std::vector<Slot> slots_;  // power-of-two size, at most half full
  std::string arena_;
  std::vector<size_t> starts_;        // term i is arena_[starts_[i], starts_[i + 1])
  std::vector<uint32_t> low_hashes_;  // low 32 bits of each term's hash, for rehashing
};

}  // namespace nsearch

#endif  // NSEARCH_INDEX_BASE_STRING_INTERNER_H_
