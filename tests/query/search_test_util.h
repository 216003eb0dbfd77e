#ifndef NSEARCH_TESTS_QUERY_SEARCH_TEST_UTIL_H_
#define NSEARCH_TESTS_QUERY_SEARCH_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/segment/index_reader.h"
#include "index/segment/index_writer.h"
#include "query/searcher.h"

namespace nsearch::query {

// An index in a MemoryDirectory with a reader and a Searcher over it. Members are declared in
// the order they must be destroyed last to first.
struct TestIndex {
  std::unique_ptr<Directory> dir;
  std::shared_ptr<const segment::IndexReader> reader;
  std::unique_ptr<Searcher> searcher;
};

// Opens (again) the index in index->dir: a new reader and searcher, replacing the old ones.
// Fails the current test on any error; check with ASSERT_NO_FATAL_FAILURE.
inline void OpenTestSearcher(TestIndex* index) {
  index->searcher.reset();
  Result<std::shared_ptr<const segment::IndexReader>> reader =
      segment::IndexReader::Open(*index->dir);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  index->reader = std::move(reader).value();
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(index->reader.get());
  ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
  index->searcher = std::move(searcher).value();
}

// Builds an index of `docs` (in order) and opens it. A small `memory_budget` splits it into
// many segments, which are not merged. Fails the current test on any error; check with
// ASSERT_NO_FATAL_FAILURE.
inline void BuildTestIndex(const std::vector<store::StoredDocument>& docs,
                           const analysis::AnalyzerOptions& analysis, size_t memory_budget,
                           TestIndex* index,
                           segment::ScoringModel scoring = segment::ScoringModel::kBm25,
                           std::vector<segment::FieldSpec> fields = segment::DefaultFields()) {
  index->dir = NewMemoryDirectory();
  segment::IndexWriterOptions options;
  options.analysis = analysis;
  options.scoring = scoring;
  options.fields = std::move(fields);
  options.memory_budget = memory_budget;
  options.merge_policy = segment::MergePolicy::Never();
  Result<std::unique_ptr<segment::IndexWriter>> writer =
      segment::IndexWriter::Open(*index->dir, options);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (const store::StoredDocument& doc : docs) {
    const Status s = (*writer)->Add(doc);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  const Status commit = (*writer)->Commit();
  ASSERT_TRUE(commit.ok()) << commit.ToString();
  ASSERT_NO_FATAL_FAILURE(OpenTestSearcher(index));
}

// One text field, the body: every word scored by plain BM25.
inline std::vector<segment::FieldSpec> BodyOnly() {
  return {{"body", segment::FieldSource::kBody, 1}};
}

// The analysis of `nsearch index --preset lucene` (cli/analysis_args.h), scored with
// ScoringModel::kLucene4 there.
inline analysis::AnalyzerOptions LuceneAnalysis() {
  analysis::AnalyzerOptions options;
  options.language = "lucene-porter";
  options.tokenizer = analysis::TokenizerKind::kUax29;
  options.case_folding = analysis::CaseFolding::kLowercase;
  options.fold_spelling = false;
  return options;
}

// Picks words of `words` with probability ~ 1 / (rank + 1) (Zipf's law, exponent 1), so the first
// words occur in most documents and the last in few; with `uniform_one_in` = n > 0, one pick in n
// is uniform instead, so rare words get queried too. `words` must outlive the picker.
class ZipfWordPicker {
 public:
  explicit ZipfWordPicker(const std::vector<std::string>& words, unsigned uniform_one_in = 0)
      : words_(words), uniform_one_in_(uniform_one_in) {
    std::vector<double> weights;
    for (size_t r = 0; r < words_.size(); ++r) {
      weights.push_back(1.0 / static_cast<double>(r + 1));
    }
    zipf_ = std::discrete_distribution<size_t>(weights.begin(), weights.end());
  }
  const std::string& operator()(std::mt19937& rng) {
    if (uniform_one_in_ > 0 && rng() % uniform_one_in_ == 0) {
      return words_[rng() % words_.size()];
    }
    return words_[zipf_(rng)];
  }

 private:
  const std::vector<std::string>& words_;
  unsigned uniform_one_in_;
  std::discrete_distribution<size_t> zipf_;
};

// Words picked by `pick`, with stray double spaces and full stops.
inline std::string RandomWords(std::mt19937& rng, ZipfWordPicker& pick, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) {
      out += rng() % 8 == 0 ? "  " : " ";
    }
    out += pick(rng);
    if (rng() % 12 == 0) {
      out += ".";
    }
  }
  return out;
}

// A random boost suffix, one clause in `one_in`: "^2", "^0.5", "^3.25".
inline std::string RandomBoost(std::mt19937& rng, unsigned one_in) {
  if (rng() % one_in != 0) {
    return std::string();
  }
  const char* boosts[] = {"^2", "^0.5", "^3.25", "^1"};
  return boosts[rng() % 4];
}

// A random query in the query syntax: words, prefix and fuzzy words, date filters over June
// 2024, +/-, NOT, AND, OR, phrases of 2-3 words (some sloppy: ~0 to ~4), boosts, nested groups.
inline std::string RandomQuery(std::mt19937& rng, ZipfWordPicker& pick, int depth) {
  const size_t clauses = 1 + rng() % 4;
  std::string q;
  for (size_t i = 0; i < clauses; ++i) {
    if (i > 0) {
      const unsigned op = rng() % 10;
      q.append(op < 6 ? " " : op < 8 ? " AND " : op < 9 ? " OR " : " && ");
    }
    const unsigned occur = rng() % 12;
    q += occur < 3 ? "+" : occur < 5 ? "-" : occur < 6 ? "NOT " : "";
    const unsigned kind = rng() % 21;
    if (kind == 20) {
      // A date filter over June 2024 (RandomDate's range).
      const auto day = [&rng] {
        return std::string("2024-06-").append(std::to_string(10 + rng() % 20));
      };
      const char* forms[] = {"date:", "date:>=", "date:<", "date:[", "date:{"};
      const unsigned form = rng() % 5;
      q.append(forms[form]).append(form == 0 && rng() % 3 == 0 ? "2024-06" : day());
      if (form >= 3) {
        q.append(" TO ").append(rng() % 4 == 0 ? "*" : day()).append(rng() % 2 ? "]" : "}");
      }
      continue;  // no boost: filters take none
    }
    if (kind < 10) {
      q += rng() % 25 == 0 ? std::string("nosuchword") : pick(rng);
    } else if (kind < 12) {
      // A prefix (word*) or fuzzy word (word~N) of one word ("jong-un" is two).
      std::string word = pick(rng);
      word = word.substr(0, word.find('-'));
      if (kind == 10) {
        q.append(word.substr(0, 1 + rng() % word.size())).push_back('*');
      } else {
        if (word.size() > 2 && rng() % 2 == 0) {
          word[rng() % word.size()] = static_cast<char>('a' + rng() % 26);  // a typo
        }
        q.append(word).push_back('~');
        if (rng() % 2 == 0) {
          q.append(std::to_string(rng() % 3));
        }
      }
    } else if (kind < 17 || depth >= 3) {
      // Appended piece by piece: GCC 12's -Wrestrict misfires on "x" + std::string + "x".
      q.push_back('"');
      q.append(RandomWords(rng, pick, 2 + rng() % 2));
      q.push_back('"');
      if (rng() % 2 == 0) {
        q.push_back('~');
        q.append(std::to_string(rng() % 5));
      }
    } else {
      q.push_back('(');
      q.append(RandomQuery(rng, pick, depth + 1));
      q.push_back(')');
    }
    q.append(RandomBoost(rng, 5));
  }
  return q;
}

}  // namespace nsearch::query

#endif  // NSEARCH_TESTS_QUERY_SEARCH_TEST_UTIL_H_
