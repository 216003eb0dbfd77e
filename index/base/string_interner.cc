#include "index/base/string_interner.h"

#include "index/base/hash.h"

namespace nsearch {

StringInterner::StringInterner() : slots_(1024, Slot{0, kEmpty}), starts_{0} {}

void StringInterner::Clear() {
  slots_.assign(1024, Slot{0, kEmpty});
  arena_.clear();
  starts_.assign(1, 0);
  low_hashes_.clear();
}

uint32_t StringInterner::Intern(std::string_view term, bool* inserted) {
  const uint64_t hash = Hash64(term);
  const auto tag = static_cast<uint32_t>(hash >> 32);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.id == kEmpty) {
      const auto id = static_cast<uint32_t>(size());
      slot = Slot{tag, id};
      arena_.append(term);
      starts_.push_back(arena_.size());
      low_hashes_.push_back(static_cast<uint32_t>(hash));
      *inserted = true;
      if (2 * size() > slots_.size()) {
        Grow();
      }
      return id;
    }
    if (slot.tag == tag && this->term(slot.id) == term) {
      *inserted = false;
      return slot.id;
    }
  }
}

void StringInterner::Grow() {
  std::vector<Slot> slots(2 * slots_.size(), Slot{0, kEmpty});
  const size_t mask = slots.size() - 1;
  for (const Slot& old : slots_) {
    if (old.id == kEmpty) {
      continue;
    }
    // The probe start is the hash's low bits; the table never exceeds 2^32 slots.
    size_t i = low_hashes_[old.id] & mask;
    while (slots[i].id != kEmpty) {
      i = (i + 1) & mask;
    }
    slots[i] = old;
  }
  slots_ = std::move(slots);
}

}  // namespace nsearch
