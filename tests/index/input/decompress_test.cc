#include "index/input/decompress.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/index/input/compress_util.h"

namespace nsearch::input {
namespace {

using ::nsearch::testing::Compress;
using ::nsearch::testing::GzipRepeat;
using ::nsearch::testing::ZstdRepeat;

// Reads `source` to its end in reads of `step` bytes; the status of the last read.
Status ReadAll(ByteSource& source, std::string* out, size_t step = 7) {
  std::string buf(step, '\0');
  for (;;) {
    size_t got = 0;
    NSEARCH_RETURN_IF_ERROR(source.Read(buf.data(), buf.size(), &got));
    if (got == 0)
      return Status::Ok();
    out->append(buf, 0, got);
  }
}

std::string Sample() {
  std::string s;
  for (int i = 0; i < 5000; ++i) s += "line " + std::to_string(i * 7919 % 1000) + " of text\n";
  return s;
}

TEST(CompressionOfTest, NamesTheLastSuffixAndTheInnerName) {
  std::string inner;
  EXPECT_EQ(CompressionOf("dir/a.jsonl.gz", &inner), Compression::kGzip);
  EXPECT_EQ(inner, "dir/a.jsonl");
  EXPECT_EQ(CompressionOf("notes.txt.zst", &inner), Compression::kZstd);
  EXPECT_EQ(inner, "notes.txt");
  EXPECT_EQ(CompressionOf("a.gz.txt", &inner), Compression::kNone);
  EXPECT_EQ(inner, "a.gz.txt");
  EXPECT_EQ(CompressionOf(".gz", &inner), Compression::kNone);
}

class DecompressorTest : public ::testing::TestWithParam<Compression> {
 protected:
  std::unique_ptr<ByteSource> Open(const std::string& compressed) {
    held_ = compressed;
    return MakeDecompressor(GetParam(), MakeMemorySource(held_));
  }
  std::string held_;
};

TEST_P(DecompressorTest, RoundTripsInSmallAndLargeReads) {
  const std::string text = Sample();
  const std::string packed = Compress(GetParam(), text);
  for (size_t step : {1, 7, 4096, 1 << 20}) {
    std::string out;
    auto source = Open(packed);
    ASSERT_TRUE(ReadAll(*source, &out, step).ok()) << step;
    EXPECT_EQ(out, text);
    EXPECT_EQ(source->raw_bytes(), packed.size());
  }
}

TEST_P(DecompressorTest, ReadsConcatenatedMembersOrFrames) {
  std::string out;
  auto source = Open(Compress(GetParam(), "first\n") + Compress(GetParam(), "second\n"));
  ASSERT_TRUE(ReadAll(*source, &out).ok());
  EXPECT_EQ(out, "first\nsecond\n");
}

TEST_P(DecompressorTest, EveryTruncationIsCorruptionNeverACrash) {
  const std::string text = Sample();
  const std::string packed = Compress(GetParam(), text);
  for (size_t cut = 0; cut < packed.size(); ++cut) {
    std::string out;
    auto source = Open(packed.substr(0, cut));
    const Status s = ReadAll(*source, &out);
    ASSERT_TRUE(s.IsCorruption()) << "cut at " << cut << ": " << s.ToString();
    EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
    EXPECT_EQ(out, text.substr(0, out.size()));
    // Once failed, the source keeps failing.
    size_t got = 0;
    char c = 0;
    EXPECT_FALSE(source->Read(&c, 1, &got).ok());
  }
}

TEST_P(DecompressorTest, GarbageAndFlippedBytesAreCorruption) {
  std::string out;
  EXPECT_TRUE(ReadAll(*Open("this is not compressed at all"), &out).IsCorruption());
  const std::string packed = Compress(GetParam(), Sample());
  for (size_t at = 0; at < packed.size(); at += 97) {
    std::string bad = packed;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    out.clear();
    // A flip may land in a field the format does not check; it must never crash or hang.
    const Status s = ReadAll(*Open(bad), &out, 4096);
    EXPECT_TRUE(s.ok() || s.IsCorruption()) << s.ToString();
  }
}

TEST_P(DecompressorTest, TrailingGarbageIsCorruption) {
  std::string out;
  const Status s = ReadAll(*Open(Compress(GetParam(), "text\n") + "junk after the end"), &out);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_EQ(out, "text\n");
}

TEST_P(DecompressorTest, BombIsReadOnlyUpToTheLimit) {
  // 100 MiB of zeros, about 100 KiB as gzip and a few KiB as zstd.
  const std::string zeros(1 << 20, '\0');
  const std::string packed =
      GetParam() == Compression::kGzip ? GzipRepeat(zeros, 100) : ZstdRepeat(zeros, 100);
  auto source = Open(packed);
  std::string out;
  ASSERT_TRUE(ReadUpTo(*source, 1 << 20, &out).ok());
  EXPECT_EQ(out.size(), size_t{1} << 20);
  // The rest is still there, undecompressed.
  char c = 1;
  size_t got = 0;
  ASSERT_TRUE(source->Read(&c, 1, &got).ok());
  EXPECT_EQ(got, 1u);
}

INSTANTIATE_TEST_SUITE_P(GzipAndZstd, DecompressorTest,
                         ::testing::Values(Compression::kGzip, Compression::kZstd),
                         [](const ::testing::TestParamInfo<Compression>& p) {
                           return std::string(p.param == Compression::kGzip ? "Gzip" : "Zstd");
                         });

}  // namespace
}  // namespace nsearch::input
