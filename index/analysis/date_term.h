#ifndef NSEARCH_INDEX_ANALYSIS_DATE_TERM_H_
#define NSEARCH_INDEX_ANALYSIS_DATE_TERM_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace nsearch::analysis {

// Documents' dates are indexed as reserved terms, one per dated document: kDateTermPrefix then
// the day as eight digits (YYYYMMDD), so that the term dictionary's byte order is date order and
// a date range is a range scan of the dictionary (docs/FORMAT.md#date-terms). Reserved terms
// start with a control character, which no analyzed word contains.
inline constexpr std::string_view kDateTermPrefix =
    "\x01"
    "d";

// True for terms that are not words (date terms): never expanded, scored or highlighted.
inline bool IsReservedTerm(std::string_view term) { return !term.empty() && term[0] == '\x01'; }

// A calendar day as "YYYYMMDD", years 0000 to 9999 (proleptic Gregorian).
using DayKey = std::string;

// The day a document's date field names: a leading YYYY-MM-DD, YYYY/MM/DD or D[D]-MON-YYYY (month
// by its English three-letter name, any case, as in Reuters-21578's "26-FEB-1987 15:01:01.79"),
// whatever follows it (a time: "2024-06-19T10:30:00Z") unless it is another digit; nullopt when
// the field starts with none of these or not with a valid day.
std::optional<DayKey> ParseDocumentDate(std::string_view date);

// The index term of a day.
std::string DateTerm(const DayKey& day);

// The first and last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; nullopt when `text` is none of
// them or not a valid date.
std::optional<std::pair<DayKey, DayKey>> ParseDateSpan(std::string_view text);

// The day after / before `day` (a valid day); nullopt past year 9999 / before year 0000.
std::optional<DayKey> NextDay(const DayKey& day);
std::optional<DayKey> PreviousDay(const DayKey& day);

// "YYYYMMDD" as "YYYY-MM-DD".
std::string FormatDay(const DayKey& day);

}  // namespace nsearch::analysis

#endif  // NSEARCH_INDEX_ANALYSIS_DATE_TERM_H_
