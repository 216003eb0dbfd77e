#include "index/base/file_format.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

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

// A file larger than the pieces CheckFileFraming(ReadableFile) hashes in, its pages dropped
// between them, on disk (a real mapping) and in memory: the same body, and a flipped byte in the
// last piece is still caught.
TEST(FileFormatTest, LargeMappedFileIsCheckedInPieces) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("nsearch_file_format_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(path);
  auto fs = OpenFsDirectory(path.string(), /*create=*/true);
  ASSERT_TRUE(fs.ok()) << fs.status().ToString();
  auto memory = NewMemoryDirectory();
  std::string body(20u << 20, '\0');
  for (size_t i = 0; i < body.size(); ++i) {
    body[i] = static_cast<char>(i * 2654435761u >> 24);
  }
  for (Directory* dir : {fs->get(), memory.get()}) {
    ASSERT_TRUE(WriteFramedFile(*dir, "big", kMagic, body).ok());
    auto file = dir->OpenRead("big");
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    auto checked = CheckFileFraming(**file, kMagic, "big");
    ASSERT_TRUE(checked.ok()) << checked.status().ToString();
    EXPECT_TRUE(*checked == body);
  }
  std::string file = MakeFile(body);
  file[kFileHeaderSize + body.size() - 3] ^= 0x20;
  ASSERT_TRUE(memory->Remove("big").ok());
  {
    auto out = memory->Create("big");
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Append(file).ok());
    ASSERT_TRUE((*out)->Close().ok());
  }
  auto reopened = memory->OpenRead("big");
  ASSERT_TRUE(reopened.ok());
  auto checked = CheckFileFraming(**reopened, kMagic, "big");
  ASSERT_FALSE(checked.ok());
  EXPECT_NE(checked.status().message().find("checksum mismatch"), std::string::npos);
  std::filesystem::remove_all(path);
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
