#include "index/analysis/date_term.h"

#include <gtest/gtest.h>

namespace nsearch::analysis {
namespace {

TEST(DateTermTest, DocumentDatesTakeTheLeadingDay) {
  EXPECT_EQ(ParseDocumentDate("2024-06-19"), "20240619");
  EXPECT_EQ(ParseDocumentDate("2024-06-19T10:30:00Z"), "20240619");
  EXPECT_EQ(ParseDocumentDate("2024-06-19 10:30"), "20240619");
  EXPECT_EQ(ParseDocumentDate("2024-02-29"), "20240229");  // a leap year
  EXPECT_EQ(ParseDocumentDate("2023-02-29"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("2024-13-01"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("2024-06-31"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("2024-06-190"), std::nullopt);  // not a day followed by a time
  EXPECT_EQ(ParseDocumentDate("2024-6-19"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("June 19, 2024"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate(""), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("2024-06-1"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("2024/06/19"), "20240619");
  EXPECT_EQ(ParseDocumentDate("2024/06-19"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("26-FEB-1987 15:01:01.79"), "19870226");  // Reuters-21578
  EXPECT_EQ(ParseDocumentDate("01-dec-1999"), "19991201");
  EXPECT_EQ(ParseDocumentDate("9-MAR-1987 23:38:49.90"), "19870309");
  EXPECT_EQ(ParseDocumentDate("9-MAR-87"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("123-MAR-1987"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("31-APR-1987"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("26-FEX-1987"), std::nullopt);
  EXPECT_EQ(ParseDocumentDate("26-FEB-19870"), std::nullopt);
}

TEST(DateTermTest, TermsSortByDateAndAreReserved) {
  const std::string a = DateTerm("20231231"), b = DateTerm("20240101");
  EXPECT_LT(a, b);
  EXPECT_TRUE(IsReservedTerm(a));
  EXPECT_FALSE(IsReservedTerm("date"));
  EXPECT_FALSE(IsReservedTerm(""));
  EXPECT_EQ(a.substr(kDateTermPrefix.size()), "20231231");
}

TEST(DateTermTest, SpansCoverTheirFirstToLastDay) {
  using Span = std::pair<DayKey, DayKey>;
  EXPECT_EQ(ParseDateSpan("2024"), (Span{"20240101", "20241231"}));
  EXPECT_EQ(ParseDateSpan("2024-02"), (Span{"20240201", "20240229"}));
  EXPECT_EQ(ParseDateSpan("2023-02"), (Span{"20230201", "20230228"}));
  EXPECT_EQ(ParseDateSpan("2024-06-19"), (Span{"20240619", "20240619"}));
  EXPECT_EQ(ParseDateSpan("2024-6"), std::nullopt);
  EXPECT_EQ(ParseDateSpan("2024-00"), std::nullopt);
  EXPECT_EQ(ParseDateSpan("2024-06-19T10"), std::nullopt);
  EXPECT_EQ(ParseDateSpan("20240619"), std::nullopt);
  EXPECT_EQ(ParseDateSpan("*"), std::nullopt);
}

TEST(DateTermTest, NextAndPreviousDayCrossMonthsYearsAndTheCalendarEnds) {
  EXPECT_EQ(NextDay("20240228"), "20240229");
  EXPECT_EQ(NextDay("20241231"), "20250101");
  EXPECT_EQ(PreviousDay("20240301"), "20240229");
  EXPECT_EQ(NextDay("99991231"), std::nullopt);
  EXPECT_EQ(PreviousDay("00000101"), std::nullopt);
  EXPECT_EQ(FormatDay("20240619"), "2024-06-19");
}

}  // namespace
}  // namespace nsearch::analysis
