#include "index/input/text_document.h"

#include <gtest/gtest.h>

namespace nsearch::input {
namespace {

TEST(TextDocumentTest, HeadlineThenBlankLineIsTitleAndDateLineGivesDate) {
  const auto doc = ParseTextDocument(
      "004", "Putin visits Pyongyang\n\n2024-06-19 03:14:00+00:00 - story\n\nBody text.\n", "p");
  EXPECT_EQ(doc.id, "004");
  EXPECT_EQ(doc.title, "Putin visits Pyongyang");
  EXPECT_EQ(doc.date, "2024-06-19");
  EXPECT_NE(doc.body.find("Body text."), std::string::npos);
  EXPECT_EQ(doc.body.find("Putin visits"), std::string::npos);
  EXPECT_EQ(doc.path, "p");
}

TEST(TextDocumentTest, LeadingDateMarkerGivesDateAndNoTitle) {
  const auto doc = ParseTextDocument("x", " date 2024-06-20 The pact was signed.", "");
  EXPECT_EQ(doc.date, "2024-06-20");
  EXPECT_TRUE(doc.title.empty());
  EXPECT_NE(doc.body.find("The pact was signed."), std::string::npos);
}

TEST(TextDocumentTest, LeadingDateMarkerWithTimeDropsTheWholeToken) {
  const auto doc = ParseTextDocument("x", "date 2024-06-20T10:00 Text follows.", "");
  EXPECT_EQ(doc.date, "2024-06-20");
  EXPECT_EQ(doc.body, "Text follows.");
}

TEST(TextDocumentTest, SentenceFirstLineIsNotATitle) {
  const auto doc = ParseTextDocument("x", "This is a sentence.\n\nMore.", "");
  EXPECT_TRUE(doc.title.empty());
  EXPECT_NE(doc.body.find("This is a sentence."), std::string::npos);
}

TEST(TextDocumentTest, ByteOrderMarkIsDropped) {
  const auto doc = ParseTextDocument("x", "\xEF\xBB\xBFHeadline\n\nText", "");
  EXPECT_EQ(doc.title, "Headline");
}

TEST(TextDocumentTest, ParseLeadingDateChecksCalendarRanges) {
  std::string date;
  EXPECT_TRUE(ParseLeadingDate("2024-06-19 rest", &date));
  EXPECT_EQ(date, "2024-06-19");
  EXPECT_FALSE(ParseLeadingDate("2024-13-01", &date));
  EXPECT_FALSE(ParseLeadingDate("2024-06-32", &date));
  EXPECT_FALSE(ParseLeadingDate("2024-6-19", &date));
  EXPECT_FALSE(ParseLeadingDate("", &date));
}

}  // namespace
}  // namespace nsearch::input
