#include "query/edit_distance.h"

#include <algorithm>
#include <vector>

#include "index/analysis/utf8.h"

namespace nsearch::query {

void DecodeCodePoints(std::string_view s, std::u32string* out) {
  out->clear();
  while (!s.empty()) {
    if (static_cast<unsigned char>(s[0]) < 0x80) {
      out->push_back(static_cast<char32_t>(s[0]));
      s.remove_prefix(1);
      continue;
    }
    const analysis::Utf8Char c = analysis::DecodeUtf8(s);
    out->push_back(c.code_point);
    s.remove_prefix(c.length);
  }
}

std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  DecodeCodePoints(s, &out);
  return out;
}

uint32_t BoundedEditDistance(std::u32string_view a, std::u32string_view b, uint32_t max) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max) {
    return max + 1;
  }
  // Rows i-2, i-1 and i of the dynamic programme over a[0, i) x b[0, j), each computed only in
  // the band |i - j| <= max: a cell outside it needs more than max edits. Values are capped at
  // max + 1, all the answer needs. Cells right of a row's band are never written (bands move
  // right), so they keep the cap they start with; the cell left of it is set on each row.
  const uint32_t over = max + 1;
  thread_local std::vector<uint32_t> rows;
  rows.assign(3 * (m + 1), over);
  uint32_t* before = rows.data();
  uint32_t* prev = before + (m + 1);
  uint32_t* cur = prev + (m + 1);
  for (size_t j = 0; j <= std::min<size_t>(m, max); ++j) {
    prev[j] = static_cast<uint32_t>(j);
  }
  for (size_t i = 1; i <= n; ++i) {
    const size_t lo = i > max ? i - max : 1;
    const size_t hi = std::min(m, i + max);
    cur[lo - 1] = lo == 1 ? static_cast<uint32_t>(std::min<size_t>(i, over)) : over;
    uint32_t row_min = cur[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      const uint32_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      uint32_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, before[j - 2] + 1);
      }
      cur[j] = std::min(d, over);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > max) {
      return over;  // every later cell is at least this row's minimum
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

}  // namespace nsearch::query
