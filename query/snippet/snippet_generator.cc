#include "query/snippet/snippet_generator.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace nsearch::query {
namespace {

bool IsBlank(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

}  // namespace

SnippetGenerator::SnippetGenerator(analysis::Analyzer* analyzer, std::vector<std::string> terms,
                                   std::vector<SnippetPhrase> phrases, SnippetOptions options)
    : analyzer_(analyzer),
      terms_(std::move(terms)),
      phrases_(std::move(phrases)),
      options_(options) {
  std::sort(terms_.begin(), terms_.end());
  const std::string& language = analyzer_->options().language;
  prefilter_ = options_.skip_unmatchable_stems && (language == "english" || language == "porter");
  const auto mark = [this](const std::string& term) {
    if (!term.empty()) {
      first_byte_[static_cast<unsigned char>(term[0])] = true;
    }
  };
  for (const std::string& term : terms_) {
    mark(term);
  }
  for (const SnippetPhrase& phrase : phrases_) {
    for (const std::string& term : phrase.terms) {
      mark(term);
    }
  }
}

std::vector<std::pair<uint32_t, uint32_t>> SnippetGenerator::FindMatches(
    const std::vector<analysis::Token>& tokens, std::vector<std::string>* matched) const {
  std::vector<std::pair<std::pair<uint32_t, uint32_t>, std::string>> spans;
  for (const auto& t : tokens) {
    if (std::binary_search(terms_.begin(), terms_.end(), t.term)) {
      spans.push_back({{t.begin, t.end}, t.term});
    }
  }
  if (!phrases_.empty()) {
    std::unordered_map<uint32_t, size_t> by_position;
    for (size_t i = 0; i < tokens.size(); ++i) {
      by_position[tokens[i].position] = i;
    }
    for (const auto& phrase : phrases_) {
      std::string key;
      for (const auto& term : phrase.terms) {
        key += term + " ";
      }
      for (const auto& t : tokens) {
        if (t.term != phrase.terms[0] || t.position < phrase.offsets[0]) {
          continue;
        }
        const uint32_t start = t.position - phrase.offsets[0];
        uint32_t end = t.end;
        bool all = true;
        for (size_t j = 1; j < phrase.terms.size() && all; ++j) {
          auto it = by_position.find(start + phrase.offsets[j]);
          all = it != by_position.end() && tokens[it->second].term == phrase.terms[j];
          if (all) {
            end = std::max(end, tokens[it->second].end);
          }
        }
        if (all) {
          spans.push_back({{t.begin, end}, key});
        }
      }
    }
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  for (auto& [range, what] : spans) {
    if (!merged.empty() && range.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, range.second);
      matched->back() += "|" + what;
    } else {
      merged.push_back(range);
      matched->push_back(what);
    }
  }
  return merged;
}

Snippet SnippetGenerator::Generate(std::string_view text) {
  std::vector<analysis::Token> tokens;
  const auto keep = [&tokens](const analysis::Token& t) { tokens.push_back(t); };
  if (prefilter_) {
    analyzer_->AnalyzeSelectively(
        text, 0,
        [this](std::string_view folded) {
          return !folded.empty() && first_byte_[static_cast<unsigned char>(folded[0])];
        },
        keep);
  } else {
    analyzer_->Analyze(text, 0, keep);
  }
  std::vector<std::string> matched;
  const auto spans = FindMatches(tokens, &matched);
  const size_t max = std::max<size_t>(options_.max_bytes, 16);

  // The window [begin, end) of the source text to show.
  size_t begin = 0;
  size_t end = text.size();
  if (text.size() > max) {
    size_t best = 0;
    size_t best_distinct = 0, best_count = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
      std::set<std::string> distinct;
      size_t count = 0;
      for (size_t j = i; j < spans.size() && spans[j].second <= spans[i].first + max; ++j) {
        distinct.insert(matched[j]);
        ++count;
      }
      if (distinct.size() > best_distinct ||
          (distinct.size() == best_distinct && count > best_count)) {
        best = i;
        best_distinct = distinct.size();
        best_count = count;
      }
    }
    if (!spans.empty()) {
      // Some context before the first match, starting at a sentence or at least a word.
      const size_t first = spans[best].first;
      const size_t lead = std::min(first, max / 5);
      begin = first - lead;
      for (size_t p = first; p > begin; --p) {
        const char c = text[p - 1];
        if (c == '\n' || ((c == ' ') && p >= 2 &&
                          (text[p - 2] == '.' || text[p - 2] == '!' || text[p - 2] == '?'))) {
          begin = p;
          break;
        }
      }
      for (const auto& t : tokens) {
        if (t.begin >= begin) {
          begin = std::min<size_t>(begin == 0 ? 0 : t.begin, first);
          break;
        }
      }
    }
    end = begin + max;
    if (end < text.size()) {
      // End after the last whole token that fits.
      size_t cut = begin;
      for (const auto& t : tokens) {
        if (t.end > end) {
          break;
        }
        if (t.begin >= begin) {
          cut = t.end;
        }
      }
      end =
          std::max(cut, spans.empty() ? begin : std::min<size_t>(spans[best].second, text.size()));
      if (end == begin) {
        end = std::min(text.size(), begin + max);
      }
    } else {
      end = text.size();
    }
  }
  // Skip leading and trailing blanks of the window.
  while (begin < end && IsBlank(text[begin])) {
    ++begin;
  }
  while (end > begin && IsBlank(text[end - 1])) {
    --end;
  }

  // Only text actually left out earns an ellipsis: blanks trimmed from the ends of a text
  // that fits whole were not cut.
  const auto all_blank = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), IsBlank);
  };
  Snippet out;
  if (!all_blank(text.substr(0, begin))) {
    out.text.append(kEllipsis);
  }
  // Copy, collapsing blank runs, and map the spans' offsets to the copy. A span that starts
  // before the window (a phrase cut by it) is not shown; skipping it by its start, not its end,
  // keeps it from blocking the spans after it.
  size_t span = 0;
  while (span < spans.size() && spans[span].first < begin) {
    ++span;
  }
  bool in_blank = false;
  uint32_t open = 0;
  bool inside = false;
  for (size_t p = begin; p <= end; ++p) {
    if (span < spans.size()) {
      if (inside && p == spans[span].second) {
        out.highlights.emplace_back(open, static_cast<uint32_t>(out.text.size()));
        inside = false;
        ++span;
      }
      if (!inside && span < spans.size() && p == spans[span].first && spans[span].second <= end) {
        open = static_cast<uint32_t>(out.text.size());
        inside = true;
      }
    }
    if (p == end) {
      break;
    }
    if (IsBlank(text[p])) {
      if (!in_blank) {
        out.text.push_back(' ');
      }
      in_blank = true;
    } else {
      out.text.push_back(text[p]);
      in_blank = false;
    }
  }
  if (!all_blank(text.substr(end))) {
    out.text.append(kEllipsis);
  }
  return out;
}

}  // namespace nsearch::query
