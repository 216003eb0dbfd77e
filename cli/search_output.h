#ifndef NSEARCH_CLI_SEARCH_OUTPUT_H_
#define NSEARCH_CLI_SEARCH_OUTPUT_H_

#include <cstdio>
#include <string>
#include <string_view>

#include "query/searcher.h"

namespace nsearch::cli {

// How highlighted words are marked in text output.
struct Markers {
  std::string open;
  std::string close;
  std::string title_open;  // around a hit's title line
  std::string title_close;
};

// ANSI bold for a terminal; "**" around highlights when piped.
Markers TerminalMarkers();
Markers PlainMarkers();

// `text` with each highlight [begin, end) wrapped in the markers. Ranges past the end or out of
// order are ignored.
std::string ApplyHighlights(std::string_view text, const query::Snippet& snippet,
                            const Markers& markers);

// The first words of `body`, at most `max_bytes` bytes cut at a space and never inside a UTF-8
// sequence, with "…" when cut; white space runs collapse to one space. Used as the heading of a
// document without a title.
std::string TextStart(std::string_view body, size_t max_bytes);

// The result page as people read it: a count line ("N+ results" when the total is a lower
// bound), then per hit its rank, heading (title, or
// the start of the text from `fallback_headings[i]` when it has none), a line with date, score
// and id, and the snippet, then its score explanation as an indented tree when it has one.
void PrintTextResults(std::FILE* out, const query::SearchResponse& response, size_t offset,
                      const std::vector<std::string>& fallback_headings, const Markers& markers);

// The --json document is server::ResponseToJson, shared with GET /search.

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_SEARCH_OUTPUT_H_
