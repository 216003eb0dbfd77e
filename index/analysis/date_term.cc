#include "index/analysis/date_term.h"

#include <chrono>
#include <cstdio>

namespace nsearch::analysis {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

// Parses exactly `n` digits at text[at].
std::optional<unsigned> Digits(std::string_view text, size_t at, size_t n) {
  if (at + n > text.size()) {
    return std::nullopt;
  }
  unsigned v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    v = v * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return v;
}

std::optional<year_month_day> ValidDay(unsigned y, unsigned m, unsigned d) {
  const year_month_day ymd{year{static_cast<int>(y)}, month{m}, day{d}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return ymd;
}

DayKey Key(const year_month_day& ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<year_month_day> FromKey(const DayKey& key) {
  const auto y = Digits(key, 0, 4), m = Digits(key, 4, 2), d = Digits(key, 6, 2);
  if (key.size() != 8 || !y || !m || !d) {
    return std::nullopt;
  }
  return ValidDay(*y, *m, *d);
}

std::optional<DayKey> Shift(const DayKey& key, int days) {
  const auto ymd = FromKey(key);
  if (!ymd) {
    return std::nullopt;
  }
  const year_month_day shifted{std::chrono::sys_days(*ymd) + std::chrono::days(days)};
  if (static_cast<int>(shifted.year()) < 0 || static_cast<int>(shifted.year()) > 9999) {
    return std::nullopt;
  }
  return Key(shifted);
}

// "JAN".."DEC" (any case) at text[at] as 1..12.
std::optional<unsigned> MonthName(std::string_view text, size_t at) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (at + 3 > text.size()) {
    return std::nullopt;
  }
  std::string name(text.substr(at, 3));
  for (char& c : name) {
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  for (unsigned m = 0; m < 12; ++m) {
    if (name == kMonths[m]) {
      return m + 1;
    }
  }
  return std::nullopt;
}

bool DigitAt(std::string_view text, size_t at) {
  return at < text.size() && text[at] >= '0' && text[at] <= '9';
}

}  // namespace

std::optional<DayKey> ParseDocumentDate(std::string_view date) {
  std::optional<unsigned> y, m, d;
  size_t end = 0;
  if (date.size() >= 10 && (date[4] == '-' || date[4] == '/') && date[7] == date[4]) {
    // YYYY-MM-DD or YYYY/MM/DD
    y = Digits(date, 0, 4), m = Digits(date, 5, 2), d = Digits(date, 8, 2);
    end = 10;
  } else {
    // D-MON-YYYY or DD-MON-YYYY (Reuters-21578: "26-FEB-1987 15:01:01.79", "9-MAR-1987 ...")
    const size_t n = DigitAt(date, 1) ? 2 : 1;
    if (date.size() >= n + 9 && date[n] == '-' && date[n + 4] == '-') {
      d = Digits(date, 0, n), m = MonthName(date, n + 1), y = Digits(date, n + 5, 4);
      end = n + 9;
    }
  }
  if (!y || !m || !d || DigitAt(date, end)) {
    return std::nullopt;
  }
  const auto ymd = ValidDay(*y, *m, *d);
  return ymd ? std::optional<DayKey>(Key(*ymd)) : std::nullopt;
}

std::string DateTerm(const DayKey& day) {
  std::string term(kDateTermPrefix);
  term.append(day);
  return term;
}

std::optional<std::pair<DayKey, DayKey>> ParseDateSpan(std::string_view text) {
  const auto y = Digits(text, 0, 4);
  if (!y) {
    return std::nullopt;
  }
  if (text.size() == 4) {
    return std::make_pair(Key(*ValidDay(*y, 1, 1)), Key(*ValidDay(*y, 12, 31)));
  }
  const auto m = Digits(text, 5, 2);
  if (!m || text[4] != '-') {
    return std::nullopt;
  }
  if (text.size() == 7) {
    const auto first = ValidDay(*y, *m, 1);
    if (!first) {
      return std::nullopt;
    }
    const year_month_day last{first->year() / first->month() / std::chrono::last};
    return std::make_pair(Key(*first), Key(last));
  }
  const auto d = Digits(text, 8, 2);
  if (text.size() != 10 || !d || text[7] != '-') {
    return std::nullopt;
  }
  const auto ymd = ValidDay(*y, *m, *d);
  if (!ymd) {
    return std::nullopt;
  }
  return std::make_pair(Key(*ymd), Key(*ymd));
}

std::optional<DayKey> NextDay(const DayKey& day) { return Shift(day, 1); }
std::optional<DayKey> PreviousDay(const DayKey& day) { return Shift(day, -1); }

std::string FormatDay(const DayKey& day) {
  std::string out = day.substr(0, 4);
  out.append("-").append(day.substr(4, 2)).append("-").append(day.substr(6, 2));
  return out;
}

}  // namespace nsearch::analysis
