#include "index/base/file_format.h"

#include <gtest/gtest.h>

namespace nsearch {
namespace {

constexpr uint32_t kMagic = 0x54534554;  // "TEST"

std::string MakeFile(std::string_view body) {
  std::string file;
  AppendFileHeader(&file, kMagic);
  file.append(body);
  std::string footer;
  AppendFileFooter(&footer, file, kMagic);
  return file + footer;
}

TEST(FileFormatTest, ReturnsBody) {
  const std::string file = MakeFile("payload");
  auto body = CheckFileFraming(file, kMagic, "f");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, "payload");
}

TEST(FileFormatTest, StreamingChecksumMatchesOneShot) {
  std::string file;
  AppendFileHeader(&file, kMagic);
  file.append("abcdef");
  FileChecksum sum;
  sum.Update(file.substr(0, 5));
  sum.Update(file.substr(5));
  std::string footer;
  AppendFileFooter(&footer, file, kMagic);
  EXPECT_EQ(footer, MakeFileFooter(file.size(), sum.Digest(), kMagic));
}

TEST(FileFormatTest, DetectsEveryFlippedBit) {
  const std::string good = MakeFile("some body bytes");
  for (size_t i = 0; i < good.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = good;
      bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
      auto body = CheckFileFraming(bad, kMagic, "f");
      EXPECT_FALSE(body.ok()) << "byte " << i << " bit " << bit;
    }
  }
}

TEST(FileFormatTest, DetectsEveryTruncation) {
  const std::string good = MakeFile("some body bytes");
  for (size_t n = 0; n < good.size(); ++n) {
    auto body = CheckFileFraming(good.substr(0, n), kMagic, "seg_1.post");
    ASSERT_FALSE(body.ok());
    EXPECT_NE(body.status().message().find("seg_1.post"), std::string::npos);
  }
}

TEST(FileFormatTest, RefusesOtherVersionsAsNotSupported) {
  std::string file = MakeFile("x");
  file[4] = 9;
  auto body = CheckFileFraming(file, kMagic, "f");
  ASSERT_FALSE(body.ok());
  EXPECT_TRUE(body.status().IsNotSupported());
}

}  // namespace
}  // namespace nsearch
