#include "index/input/text_document.h"

#include <algorithm>

namespace nsearch::input {
namespace {

// A headline is short; the longest seed title is 77 bytes, news headlines rarely pass 150.
constexpr size_t kMaxTitleBytes = 200;
constexpr size_t kMaxTitleWords = 30;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && IsSpace(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits off the first line (without its newline); `rest` gets what follows the newline.
std::string_view FirstLine(std::string_view s, std::string_view* rest) {
  const size_t nl = s.find('\n');
  if (nl == std::string_view::npos) {
    *rest = {};
    return s;
  }
  *rest = s.substr(nl + 1);
  return s.substr(0, nl);
}

bool LooksLikeHeadline(std::string_view line) {
  if (line.empty() || line.size() > kMaxTitleBytes) {
    return false;
  }
  const char last = line.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') {
    return false;
  }
  const size_t words = 1 + static_cast<size_t>(std::count(line.begin(), line.end(), ' '));
  return words <= kMaxTitleWords;
}

}  // namespace

bool ParseLeadingDate(std::string_view s, std::string* date) {
  if (s.size() < 10) {
    return false;
  }
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(s[i])) {
      return false;
    }
  }
  if (s[4] != '-' || s[7] != '-' || (s.size() > 10 && !IsSpace(s[10]) && s[10] != 'T')) {
    return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return false;
  }
  date->assign(s.substr(0, 10));
  return true;
}

store::StoredDocument ParseTextDocument(std::string id, std::string_view text, std::string path) {
  store::StoredDocument doc;
  doc.id = std::move(id);
  doc.path = std::move(path);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }
  std::string_view rest = text;
  // Skip leading blank lines.
  std::string_view line;
  for (;;) {
    std::string_view after;
    line = FirstLine(rest, &after);
    if (!Trim(line).empty() || after.empty()) {
      break;
    }
    rest = after;
  }
  std::string_view after_first;
  line = FirstLine(rest, &after_first);
  const std::string_view first = Trim(line);

  // Shape 1: " date 2024-06-20 Furious South Korean ..." (no title).
  if (first.substr(0, 5) == "date " && ParseLeadingDate(Trim(first.substr(5)), &doc.date)) {
    std::string_view body = Trim(rest);
    body.remove_prefix(5);
    body = Trim(body);
    // Drop the whole date token, with any "T10:00:00" time glued to it.
    while (!body.empty() && !IsSpace(body.front())) body.remove_prefix(1);
    doc.body = std::string(Trim(body));
    return doc;
  }
  // Shape 2: "Headline\n\n[2024-06-19 03:14:00+00:00 - ...\n]body".
  std::string_view second_rest;
  const std::string_view second = FirstLine(after_first, &second_rest);
  if (LooksLikeHeadline(first) && Trim(second).empty() && !Trim(second_rest).empty()) {
    doc.title = std::string(first);
    std::string_view body = Trim(after_first);
    std::string_view unused;
    ParseLeadingDate(Trim(FirstLine(body, &unused)), &doc.date);
    doc.body = std::string(body);
    return doc;
  }
  // Shape 3: plain text; a leading date still counts.
  ParseLeadingDate(first, &doc.date);
  doc.body = std::string(Trim(rest));
  return doc;
}

}  // namespace nsearch::input
