#include "cli/search_output.h"

namespace nsearch::cli {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

Markers TerminalMarkers() { return {"\x1b[1;33m", "\x1b[0m", "\x1b[1m", "\x1b[0m"}; }
Markers PlainMarkers() { return {"**", "**", "", ""}; }

std::string ApplyHighlights(std::string_view text, const query::Snippet& snippet,
                            const Markers& markers) {
  std::string out;
  out.reserve(text.size() + snippet.highlights.size() * 8);
  size_t pos = 0;
  for (const auto& [begin, end] : snippet.highlights) {
    if (begin < pos || end <= begin || end > text.size())
      continue;
    out.append(text.substr(pos, begin - pos));
    out.append(markers.open);
    out.append(text.substr(begin, end - begin));
    out.append(markers.close);
    pos = end;
  }
  out.append(text.substr(pos));
  return out;
}

std::string TextStart(std::string_view body, size_t max_bytes) {
  std::string out;
  bool pending_space = false;
  size_t i = 0;
  while (i < body.size() && IsSpace(body[i])) ++i;
  for (; i < body.size(); ++i) {
    if (IsSpace(body[i])) {
      pending_space = true;
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(body[i]);
    if (out.size() >= max_bytes)
      break;
  }
  if (i >= body.size())
    return out;
  // Cut at the last space that leaves some text, else at a code point boundary.
  const size_t space = out.rfind(' ');
  if (space != std::string::npos && space > max_bytes / 2) {
    out.resize(space);
  } else {
    while (!out.empty() && IsContinuationByte(out.back())) out.pop_back();
    if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80) != 0)
      out.pop_back();
  }
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) {
    out.pop_back();
  }
  out.append("…");
  return out;
}

void PrintTextResults(std::FILE* out, const query::SearchResponse& response, size_t offset,
                      const std::vector<std::string>& fallback_headings, const Markers& markers) {
  if (response.hits.empty()) {
    if (response.total == 0) {
      std::fprintf(out, "No results for \"%s\".\n", response.query.c_str());
    } else {
      std::fprintf(out, "No results past %zu of %llu for \"%s\".\n", offset,
                   static_cast<unsigned long long>(response.total), response.query.c_str());
    }
    return;
  }
  std::fprintf(out, "%llu%s result%s for \"%s\" (%.2f ms)",
               static_cast<unsigned long long>(response.total), response.total_is_exact ? "" : "+",
               response.total == 1 ? "" : "s", response.query.c_str(), response.took_ms);
  if (offset > 0 || response.hits.size() < response.total) {
    std::fprintf(out, ", showing %zu-%zu", offset + 1, offset + response.hits.size());
  }
  std::fputs("\n", out);
  for (size_t i = 0; i < response.hits.size(); ++i) {
    const query::SearchHit& hit = response.hits[i];
    const std::string& heading =
        hit.title.empty() && i < fallback_headings.size() ? fallback_headings[i] : hit.title;
    std::fprintf(out, "\n%zu. %s%s%s\n", offset + i + 1, markers.title_open.c_str(),
                 heading.c_str(), markers.title_close.c_str());
    std::string meta;
    if (!hit.date.empty())
      meta.append(hit.date).append(" · ");
    char score[64];
    std::snprintf(score, sizeof score, "score %.4f · ", hit.score);
    meta.append(score).append(hit.id);
    std::fprintf(out, "   %s\n", meta.c_str());
    if (!hit.snippet.text.empty()) {
      std::fprintf(out, "   %s\n", ApplyHighlights(hit.snippet.text, hit.snippet, markers).c_str());
    }
    if (hit.explanation) {
      std::fputs(query::ToText(*hit.explanation, 3).c_str(), out);
    }
  }
}

}  // namespace nsearch::cli
