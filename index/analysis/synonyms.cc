#include "index/analysis/synonyms.h"

#include <unordered_map>
#include <utility>

#include "index/analysis/utf8.h"

namespace nsearch::analysis {
namespace {

constexpr std::string_view kBlanks = " \t\r\v\f";

std::string_view Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(kBlanks);
  if (begin == std::string_view::npos) {
    return {};
  }
  return s.substr(begin, s.find_last_not_of(kBlanks) - begin + 1);
}

// Splits a comment-free line into its entries, trimmed, without empty ones.
std::vector<std::string_view> SplitEntries(std::string_view line) {
  std::vector<std::string_view> entries;
  const bool commas = line.find(',') != std::string_view::npos;
  const std::string_view separators = commas ? std::string_view(",") : kBlanks;
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find_first_of(separators, start);
    if (end == std::string_view::npos) {
      end = line.size();
    }
    const std::string_view entry = Trim(line.substr(start, end - start));
    if (!entry.empty()) {
      entries.push_back(entry);
    }
    start = end + 1;
  }
  return entries;
}

}  // namespace

Result<std::vector<std::vector<std::string>>> ParseSynonyms(std::string_view text,
                                                            const AnalyzerOptions& options) {
  // Words are checked with an analyzer of the same normalization but no stemmer and no synonyms.
  AnalyzerOptions checking = options;
  checking.language = "none";
  checking.synonyms.clear();
  NSEARCH_ASSIGN_OR_RETURN(std::unique_ptr<Analyzer> analyzer, Analyzer::Create(checking));

  std::vector<std::vector<std::string>> groups;
  std::unordered_map<std::string, size_t> line_of;  // folded word -> line of its group
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    auto invalid = [line_number](const std::string& problem) {
      std::string message = "line ";
      message.append(std::to_string(line_number)).append(": ").append(problem);
      return Status::InvalidArgument(message);
    };
    if (!IsValidUtf8(line)) {
      return invalid("invalid UTF-8");
    }
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    const std::vector<std::string_view> entries = SplitEntries(line);
    if (entries.empty()) {
      continue;
    }
    std::vector<std::string> group;
    std::vector<std::string> folded_group;
    for (std::string_view entry : entries) {
      std::vector<std::string> terms;
      const uint32_t words =
          analyzer->Analyze(entry, 0, [&terms](const Token& t) { terms.push_back(t.term); });
      std::string quoted = "'";
      quoted.append(entry).append("'");
      if (words != 1) {
        return invalid(quoted + " is not one word (multi-word synonyms are not supported)");
      }
      if (terms.empty()) {
        return invalid(quoted + " is a stopword");
      }
      bool repeated = false;
      for (const std::string& seen : folded_group) {
        repeated = repeated || seen == terms[0];
      }
      if (repeated) {
        continue;  // "Colour, color" with spelling folding: one word
      }
      if (auto it = line_of.find(terms[0]); it != line_of.end()) {
        return invalid(quoted + " is already in the group of line " + std::to_string(it->second));
      }
      folded_group.push_back(terms[0]);
      group.emplace_back(entry);
    }
    if (group.size() < 2) {
      return invalid("a synonym group needs at least two different words");
    }
    for (std::string& word : folded_group) {
      line_of.emplace(std::move(word), line_number);
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace nsearch::analysis
