#include "index/base/string_interner.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

namespace nsearch {
namespace {

TEST(StringInternerTest, GivesDenseIdsAndFindsEveryStringAgain) {
  StringInterner interner;
  std::map<std::string, uint32_t> want;
  std::mt19937 rng(3);
  for (int i = 0; i < 200000; ++i) {
    std::string s = "w";
    s += std::to_string(rng() % 50000);  // appended: GCC 12 misfires -Wrestrict on "w" + ...
    if (i % 1000 == 0) {
      s.clear();  // the empty string is a string too
    }
    bool inserted;
    const uint32_t id = interner.Intern(s, &inserted);
    auto [it, is_new] = want.try_emplace(s, static_cast<uint32_t>(want.size()));
    ASSERT_EQ(inserted, is_new) << s;
    ASSERT_EQ(id, it->second) << s;
  }
  ASSERT_EQ(interner.size(), want.size());
  for (const auto& [s, id] : want) {
    EXPECT_EQ(interner.term(id), s);
  }
  EXPECT_GT(interner.memory_usage(), 0u);
  interner.Clear();
  EXPECT_EQ(interner.size(), 0u);
  bool inserted;
  EXPECT_EQ(interner.Intern("w1", &inserted), 0u);
  EXPECT_TRUE(inserted);
}

}  // namespace
}  // namespace nsearch
