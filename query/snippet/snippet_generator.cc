#include "query/snippet/snippet_generator.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

namespace nsearch::query {
namespace {

bool IsBlank(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// Whether `probe` (lower case) occurs at text[at], ignoring ASCII case.
bool ProbeAt(std::string_view text, size_t at, std::string_view probe) {
  if (at + probe.size() > text.size()) {
    return false;
  }
  for (size_t i = 0; i < probe.size(); ++i) {
    if (AsciiLower(text[at + i]) != probe[i]) {
      return false;
    }
  }
  return true;
}

// A place at or a little after `p` (at most `limit`) to cut `text` without splitting a word: the
// next blank within 256 bytes, or else the start of a UTF-8 sequence (a word longer than that is
// longer than any token and is dropped by the analyzer anyway).
size_t CutAt(std::string_view text, size_t p, size_t limit) {
  for (size_t q = p; q < limit && q < p + 256; ++q) {
    if (IsBlank(text[q])) {
      return q;
    }
  }
  while (p > 0 && p < limit && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) {
    --p;
  }
  return std::min(p, limit);
}

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
  std::set<std::string> probes;
  const auto probe = [&probes](const std::string& term) {
    if (!term.empty()) {
      probes.insert(term.substr(0, 4));
    }
  };
  for (const std::string& term : terms_) {
    mark(term);
    probe(term);
  }
  for (const SnippetPhrase& phrase : phrases_) {
    for (const std::string& term : phrase.terms) {
      mark(term);
    }
    if (!phrase.terms.empty()) {
      probe(phrase.terms[0]);
    }
  }
  probes_.assign(probes.begin(), probes.end());
  for (const std::string& p : probes_) {
    const auto c = static_cast<unsigned char>(p[0]);
    probe_first_[c] = true;
    probe_first_[static_cast<unsigned char>(std::toupper(c))] = true;
  }
}

uint32_t SnippetGenerator::AnalyzeRegion(std::string_view text, size_t begin, size_t end,
                                         uint32_t first_position,
                                         std::vector<analysis::Token>* tokens) {
  // A token whose term starts with no query term's first byte can match nothing: it is kept for
  // its offsets and position (passage boundaries), without copying its term.
  const auto keep = [this, tokens, begin](const analysis::Token& t) {
    analysis::Token& kept = tokens->emplace_back();
    if (first_byte_[static_cast<unsigned char>(t.term[0])])
      kept.term = t.term;
    kept.position = t.position;
    kept.begin = t.begin + static_cast<uint32_t>(begin);
    kept.end = t.end + static_cast<uint32_t>(begin);
  };
  const std::string_view region = text.substr(begin, end - begin);
  if (prefilter_) {
    return analyzer_->AnalyzeSelectively(
        region, first_position,
        [this](std::string_view folded) {
          return !folded.empty() && first_byte_[static_cast<unsigned char>(folded[0])];
        },
        keep);
  }
  return analyzer_->Analyze(region, first_position, keep);
}

std::vector<analysis::Token> SnippetGenerator::Analyze(std::string_view text) {
  std::vector<analysis::Token> tokens;
  const size_t head = std::max<size_t>(options_.whole_text_bytes, 1024);
  if (text.size() <= head) {
    AnalyzeRegion(text, 0, text.size(), 0, &tokens);
    return tokens;
  }
  // The head, cut at a blank so that no word (or UTF-8 sequence) is split.
  size_t covered = CutAt(text, head, text.size());
  uint32_t position = AnalyzeRegion(text, 0, covered, 0, &tokens);
  // Then regions around probe hits further on, each reaching `pad` bytes (more than any passage
  // shown) before its first hit and after its last, so every passage around a match found
  // there is analyzed whole. At most 4 * head more bytes are analyzed.
  const size_t pad = std::max<size_t>(2048, 2 * options_.max_bytes);
  const size_t budget = 4 * head;
  size_t analyzed = 0, regions = 0;
  size_t start = 0, stop = 0;  // the pending region, if stop > start
  const auto flush = [&] {
    if (stop > start) {
      // Positions continue across a region that follows the last one directly; otherwise a gap
      // keeps phrases from matching across the text left out.
      const bool adjoining =
          std::all_of(text.begin() + static_cast<std::ptrdiff_t>(covered),
                      text.begin() + static_cast<std::ptrdiff_t>(start), IsBlank);
      position =
          AnalyzeRegion(text, start, stop, adjoining ? position : position + (1 << 16), &tokens);
      analyzed += stop - start;
      covered = stop;
      ++regions;
      start = stop = 0;
    }
  };
  for (size_t p = covered; p < text.size(); ++p) {
    if (!probe_first_[static_cast<unsigned char>(text[p])] ||
        (p > 0 && std::isalnum(static_cast<unsigned char>(text[p - 1])))) {
      continue;  // probes match at the start of a word only
    }
    bool hit = false;
    for (const std::string& probe : probes_) {
      if (ProbeAt(text, p, probe)) {
        hit = true;
        break;
      }
    }
    if (!hit) {
      continue;
    }
    if (stop > start && p < stop && stop - start < budget - analyzed) {
      stop = std::max(stop, CutAt(text, std::min(text.size(), p + pad), text.size()));
      continue;  // the hit extends the pending region
    }
    flush();
    if (regions >= kMaxProbeWindows || analyzed >= budget) {
      break;
    }
    // From `pad` before the hit, but never over what is analyzed already.
    const size_t from = std::max(covered, p > pad ? p - pad : 0);
    start = from >= p ? from : CutAt(text, from, p);
    stop = CutAt(text, std::min(text.size(), p + pad), text.size());
  }
  flush();
  return tokens;
}

std::vector<std::pair<uint32_t, uint32_t>> SnippetGenerator::FindMatches(
    const std::vector<analysis::Token>& tokens, std::vector<std::string>* matched) const {
  std::vector<std::pair<std::pair<uint32_t, uint32_t>, std::string>> spans;
  // A token whose term is empty was dropped as unable to match (see the tokenizing loop): it
  // must not match an empty query term either.
  for (const auto& t : tokens) {
    if (!t.term.empty() && std::binary_search(terms_.begin(), terms_.end(), t.term)) {
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
        if (t.term.empty() || t.term != phrase.terms[0] || t.position < phrase.offsets[0]) {
          continue;
        }
        const uint32_t start = t.position - phrase.offsets[0];
        uint32_t end = t.end;
        bool all = true;
        for (size_t j = 1; j < phrase.terms.size() && all; ++j) {
          auto it = by_position.find(start + phrase.offsets[j]);
          all = it != by_position.end() && !tokens[it->second].term.empty() &&
                tokens[it->second].term == phrase.terms[j];
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
  if (text.size() > UINT32_MAX) {
    text = text.substr(0, UINT32_MAX);  // token offsets are 32-bit
  }
  const std::vector<analysis::Token> tokens = Analyze(text);
  std::vector<std::string> matched;
  const auto spans = FindMatches(tokens, &matched);
  const size_t max = std::max<size_t>(options_.max_bytes, 16);

  // The window [begin, end) of the source text to show.
  size_t begin = 0;
  size_t end = text.size();
  if (text.size() > max) {
    // The window starting at each match: most distinct terms, then most matches, then the
    // shortest stretch from its first match to its last (the words closest together).
    size_t best = 0;
    size_t best_distinct = 0, best_count = 0, best_spread = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
      std::set<std::string> distinct;
      size_t count = 0;
      size_t last = i;
      for (size_t j = i; j < spans.size() && spans[j].second <= spans[i].first + max; ++j) {
        distinct.insert(matched[j]);
        ++count;
        last = j;
      }
      const size_t spread = spans[last].second - spans[i].first;
      if (distinct.size() > best_distinct ||
          (distinct.size() == best_distinct &&
           (count > best_count || (count == best_count && spread < best_spread)))) {
        best = i;
        best_distinct = distinct.size();
        best_count = count;
        best_spread = spread;
      }
    }
    if (!spans.empty()) {
      // Some context before the first match, starting at a sentence or at least a word.
      const size_t first = spans[best].first;
      const size_t lead = std::min(first, max / 5);
      begin = first - lead;
      bool sentence = false;  // begin is a sentence's (or line's) start
      for (size_t p = first; p > begin; --p) {
        const char c = text[p - 1];
        if (c == '\n' || ((c == ' ') && p >= 2 &&
                          (text[p - 2] == '.' || text[p - 2] == '!' || text[p - 2] == '?'))) {
          begin = p;
          sentence = true;
          break;
        }
      }
      for (const auto& t : tokens) {
        if (!sentence && t.begin >= begin) {  // else start at the first word after `begin`
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
