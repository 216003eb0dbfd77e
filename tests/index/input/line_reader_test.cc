#include "index/input/line_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nsearch::input {
namespace {

// Gives its bytes a few at a time, then fails with `error` (if not Ok) instead of ending.
class ChoppySource final : public ByteSource {
 public:
  ChoppySource(std::string data, Status error) : data_(std::move(data)), error_(error) {}
  Status Read(char* buf, size_t n, size_t* read) override {
    *read = std::min({n, data_.size() - pos_, size_t{3}});
    if (*read == 0)
      return error_;
    data_.copy(buf, *read, pos_);
    pos_ += *read;
    return Status::Ok();
  }
  uint64_t raw_bytes() const override { return pos_; }

 private:
  std::string data_;
  size_t pos_ = 0;
  Status error_;
};

struct Line {
  std::string text;
  bool too_long;
};

std::vector<Line> ReadLines(LineReader& reader) {
  std::vector<Line> lines;
  std::string line;
  bool too_long = false;
  while (reader.Next(&line, &too_long)) lines.push_back({line, too_long});
  return lines;
}

TEST(LineReaderTest, SplitsOnNewlinesDroppingCarriageReturns) {
  ChoppySource source("one\r\ntwo\n\nlast", Status::Ok());
  LineReader reader(source, 100);
  const std::vector<Line> lines = ReadLines(reader);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "one");
  EXPECT_EQ(lines[1].text, "two");
  EXPECT_EQ(lines[2].text, "");
  EXPECT_EQ(lines[3].text, "last");
  EXPECT_EQ(reader.line_number(), 4u);
  EXPECT_EQ(reader.bytes_read(), 14u);
  EXPECT_TRUE(reader.status().ok());
}

TEST(LineReaderTest, OverlongLineIsFlaggedAndTheNextLineRead) {
  ChoppySource source("short\n" + std::string(50, 'x') + "\nafter\n", Status::Ok());
  LineReader reader(source, 10);
  const std::vector<Line> lines = ReadLines(reader);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_FALSE(lines[0].too_long);
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[2].text, "after");
  EXPECT_FALSE(lines[2].too_long);
}

TEST(LineReaderTest, LineAtTheLimitIsKept) {
  ChoppySource source("0123456789\n", Status::Ok());
  LineReader reader(source, 10);
  const std::vector<Line> lines = ReadLines(reader);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_FALSE(lines[0].too_long);
}

TEST(LineReaderTest, SourceErrorEndsReadingAndDropsThePartialLine) {
  ChoppySource source("good\npartial li", Status::Corruption("truncated gzip data"));
  LineReader reader(source, 100);
  const std::vector<Line> lines = ReadLines(reader);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "good");
  EXPECT_TRUE(reader.status().IsCorruption());
  EXPECT_EQ(reader.line_number(), 1u);
  std::string line;
  bool too_long = false;
  EXPECT_FALSE(reader.Next(&line, &too_long));
}

}  // namespace
}  // namespace nsearch::input
