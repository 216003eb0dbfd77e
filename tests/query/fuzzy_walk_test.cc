#include "query/fuzzy_walk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "index/analysis/date_term.h"
#include "index/base/directory.h"
#include "index/segment/fields.h"
#include "query/edit_distance.h"

namespace nsearch::query {
namespace {

// A term dictionary of `terms` as words of field 0 (reserved terms as they are) in a memory
// directory; every word is in field 1 too, which walks of field 0 must not visit.
std::unique_ptr<postings::TermDictReader> BuildDict(Directory& dir,
                                                    const std::set<std::string>& words) {
  std::set<std::string> terms;
  for (const std::string& word : words) {
    if (analysis::IsReservedTerm(word)) {
      terms.insert(word);
    } else {
      terms.insert(segment::FieldKey(0, word));
      terms.insert(segment::FieldKey(1, word));
    }
  }
  auto writer = postings::TermDictWriter::Create(dir, "t.tdict");
  EXPECT_TRUE(writer.ok());
  uint32_t n = 0;
  for (const std::string& term : terms) {
    postings::TermInfo info;
    info.df = 1 + n % 7;
    info.total_freq = info.df;
    info.max_freq = 1;
    info.min_doc_len = 1;
    info.postings_offset = n;
    info.positions_offset = n;
    ++n;
    EXPECT_TRUE((*writer)->Add(term, info).ok()) << term;
  }
  EXPECT_TRUE((*writer)->Finish().ok());
  auto reader = postings::TermDictReader::Open(dir, "t.tdict");
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return std::move(reader).value();
}

// term -> edits, by comparing the target with every term (the reference).
std::map<std::string, uint32_t> Scan(const std::set<std::string>& terms,
                                     const std::u32string& target, uint32_t max) {
  std::map<std::string, uint32_t> out;
  for (const std::string& term : terms) {
    if (analysis::IsReservedTerm(term))
      continue;
    const std::u32string cps = CodePoints(term);
    const uint32_t edits = BoundedEditDistance(target, cps, max);
    if (edits <= max && (edits == 0 || edits < std::min(target.size(), cps.size()))) {
      out[term] = edits;
    }
  }
  return out;
}

std::map<std::string, uint32_t> Walk(const postings::TermDictReader& dict,
                                     const std::u32string& target, uint32_t max,
                                     FuzzyWalkStats* stats = nullptr) {
  std::map<std::string, uint32_t> out;
  const Status s = WalkFuzzy(
      dict, segment::FieldKey(0, ""), target, max,
      [&](std::string_view term, const postings::TermInfo&, uint32_t edits) {
        EXPECT_TRUE(out.emplace(std::string(term), edits).second) << "twice: " << term;
      },
      stats);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

TEST(FuzzyWalkTest, EqualsComparingWithEveryTerm) {
  // A small alphabet with multi-byte letters, so prefixes are shared and skipped often.
  const std::vector<std::string> letters = {"a", "b", "c", "d", "é", "ж", "z"};
  std::mt19937 rng(42);
  for (int round = 0; round < 60; ++round) {
    std::set<std::string> terms;
    const size_t n = 1 + rng() % 2000;
    auto random_word = [&] {
      std::string w;
      for (size_t len = 1 + rng() % 7; len > 0; --len) w += letters[rng() % letters.size()];
      return w;
    };
    while (terms.size() < n) terms.insert(random_word());
    if (round % 3 == 0)
      terms.insert(analysis::DateTerm("20240619"));  // never visited
    auto dir = NewMemoryDirectory();
    auto dict = BuildDict(*dir, terms);
    for (int q = 0; q < 20; ++q) {
      const std::u32string target = CodePoints(random_word());
      const uint32_t max = rng() % 3;
      ASSERT_EQ(Walk(*dict, target, max), Scan(terms, target, max))
          << "round " << round << " max " << max;
    }
  }
}

TEST(FuzzyWalkTest, ReadsFewTermsOfALargeDictionary) {
  // Like a language's vocabulary: 2,000 random stems, each with 25 endings, so that terms share
  // prefixes (random strings over 26 letters would share almost none past three letters).
  const std::vector<std::string> endings = {"",     "s",    "ed",   "ing",  "er",   "ers", "ly",
                                            "ness", "ment", "al",   "ic",   "ion",  "ive", "ous",
                                            "ity",  "able", "ized", "ship", "less", "ful", "ward",
                                            "ist",  "ism",  "ate",  "ates"};
  std::set<std::string> terms;
  std::mt19937 rng(7);
  for (int stem = 0; stem < 2000; ++stem) {
    std::string w;
    for (size_t len = 4 + rng() % 3; len > 0; --len)
      w.push_back(static_cast<char>('a' + rng() % 26));
    for (const std::string& ending : endings) terms.insert(w + ending);
  }
  terms.insert("president");
  terms.insert("presidents");
  auto dir = NewMemoryDirectory();
  auto dict = BuildDict(*dir, terms);
  FuzzyWalkStats stats;
  const auto found = Walk(*dict, CodePoints("presidnt"), 2, &stats);
  EXPECT_EQ(found, Scan(terms, CodePoints("presidnt"), 2));
  EXPECT_TRUE(found.contains("president"));
  // Not a scan: a small part of the ~50,000 terms is compared.
  std::printf("[fuzzy walk] %llu of %zu terms compared, %llu seeks\n",
              static_cast<unsigned long long>(stats.terms_seen), terms.size(),
              static_cast<unsigned long long>(stats.seeks));
  EXPECT_LT(stats.terms_seen, terms.size() / 5)
      << stats.terms_seen << " terms, " << stats.seeks << " seeks";
}

}  // namespace
}  // namespace nsearch::query
