// ReadDocuments on .gz and .zst files: the same documents as the plain files, and bad
// compressed data as warnings.

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <string>

#include "index/input/document_reader.h"
#include "tests/index/input/compress_util.h"
#include "tests/index/input/document_collector.h"
#include "tests/support/temp_dir.h"

namespace nsearch::input {
namespace {

using ::nsearch::testing::Compress;
using ::nsearch::testing::DocumentCollector;
using ::nsearch::testing::GzipRepeat;
using ::nsearch::testing::Suffix;
using ::nsearch::testing::ZstdRepeat;

const char kJsonl[] =
    "{\"id\":\"a\",\"title\":\"Alpha\",\"body\":\"first\"}\n"
    "{\"id\":\"b\",\"body\":\"second\"}\n"
    "{\"id\":\"c\",\"body\":\"third\"}\n";

// Peak resident memory of this process so far, in bytes.
uint64_t PeakRss() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;
}

class CompressedInputTest : public ::testing::TestWithParam<Compression> {
 protected:
  std::string WriteCompressed(const std::string& name, const std::string& text) {
    return temp_.Write(name + Suffix(GetParam()), Compress(GetParam(), text));
  }
  Status Read(const std::vector<std::string>& paths, InputOptions options = {}) {
    got_ = {};
    return ReadDocuments(paths, options, got_.Sink(), got_.Warn(), &got_.report);
  }

  nsearch::testing::TempDir temp_;
  DocumentCollector got_;
};

TEST_P(CompressedInputTest, TextFileIsNamedByItsInnerName) {
  const std::string text = "Treaty signed\n\n2024-06-19 Both sides agreed.\n";
  const std::string packed = Compress(GetParam(), text);
  const std::string p = temp_.Write("notes.txt" + Suffix(GetParam()), packed);
  ASSERT_TRUE(Read({p}).ok());
  ASSERT_EQ(got_.docs.size(), 1u);
  EXPECT_EQ(got_.docs[0].id, "notes");
  EXPECT_EQ(got_.docs[0].title, "Treaty signed");
  EXPECT_EQ(got_.docs[0].date, "2024-06-19");
  EXPECT_EQ(got_.docs[0].path, p);
  EXPECT_EQ(got_.report.bytes, packed.size());
  EXPECT_EQ(got_.report.uncompressed_bytes, text.size());
  EXPECT_TRUE(got_.warnings.empty());
}

TEST_P(CompressedInputTest, JsonlFileGivesTheSameDocumentsAsPlain) {
  const std::string p = WriteCompressed("in/docs.jsonl", kJsonl);
  ASSERT_TRUE(Read({temp_.path().string()}).ok());
  ASSERT_EQ(got_.docs.size(), 3u);
  EXPECT_EQ(got_.docs[0].id, "a");
  EXPECT_EQ(got_.docs[0].title, "Alpha");
  EXPECT_EQ(got_.docs[2].body, "third");
  EXPECT_EQ(got_.docs[1].path, p + ":2");
  EXPECT_EQ(got_.report.files, 1u);
  EXPECT_EQ(got_.report.uncompressed_bytes, sizeof kJsonl - 1);
}

TEST_P(CompressedInputTest, TruncatedJsonlKeepsEarlierLinesAndWarnsWithTheLine) {
  const std::string packed = Compress(GetParam(), kJsonl);
  const std::string cut =
      temp_.Write("docs.jsonl" + Suffix(GetParam()), packed.substr(0, packed.size() - 6));
  const std::string next = temp_.Write("z.txt", "still read");
  ASSERT_TRUE(Read({cut, next}).ok());
  ASSERT_FALSE(got_.docs.empty());
  EXPECT_EQ(got_.docs.back().id, "z");
  EXPECT_EQ(got_.report.skipped, 1u);
  ASSERT_EQ(got_.warnings.size(), 1u);
  EXPECT_EQ(got_.warnings[0].rfind(cut + ":", 0), 0u) << got_.warnings[0];
  EXPECT_TRUE(got_.Warned("truncated")) << got_.warnings[0];
  EXPECT_TRUE(got_.Warned("rest of the file skipped")) << got_.warnings[0];
}

TEST_P(CompressedInputTest, GarbageTextAndJsonlAreWarnedAndSkipped) {
  const std::string text = temp_.Write("a.txt" + Suffix(GetParam()), "not compressed at all");
  const std::string jsonl = temp_.Write("b.jsonl" + Suffix(GetParam()), std::string(100, '\xff'));
  const std::string empty = temp_.Write("c.txt" + Suffix(GetParam()), "");
  ASSERT_TRUE(Read({text, jsonl, empty}).ok());
  EXPECT_TRUE(got_.docs.empty());
  EXPECT_EQ(got_.report.skipped, 3u);
  ASSERT_EQ(got_.warnings.size(), 3u);
  EXPECT_EQ(got_.warnings[0].rfind(text + ": corrupt", 0), 0u) << got_.warnings[0];
  EXPECT_EQ(got_.warnings[1].rfind(jsonl + ":1: corrupt", 0), 0u) << got_.warnings[1];
  EXPECT_EQ(got_.warnings[2].rfind(empty + ": truncated", 0), 0u) << got_.warnings[2];
}

TEST_P(CompressedInputTest, BombIsSkippedInBoundedMemory) {
  // 100 MiB of zeros as a text document and as one JSONL line, with a 1 MiB limit.
  const std::string zeros(1 << 20, '\0');
  const std::string packed =
      GetParam() == Compression::kGzip ? GzipRepeat(zeros, 100) : ZstdRepeat(zeros, 100);
  const std::string text = temp_.Write("bomb.txt" + Suffix(GetParam()), packed);
  const std::string jsonl =
      temp_.Write("bomb.jsonl" + Suffix(GetParam()),
                  packed + Compress(GetParam(), "\n{\"id\":\"after\",\"body\":\"survivor\"}\n"));
  InputOptions options;
  options.max_doc_bytes = 1 << 20;
  const uint64_t rss_before = PeakRss();
  ASSERT_TRUE(Read({text, jsonl}, options).ok());
  // Both readers hold at most a 1 MiB document plus 1 MiB read buffers.
  EXPECT_LT(PeakRss() - rss_before, uint64_t{48} << 20);
  ASSERT_EQ(got_.docs.size(), 1u);
  EXPECT_EQ(got_.docs[0].id, "after");
  EXPECT_EQ(got_.docs[0].path, jsonl + ":2");
  EXPECT_EQ(got_.report.skipped, 2u);
  ASSERT_EQ(got_.warnings.size(), 2u);
  EXPECT_EQ(got_.warnings[0], text + ": document is over the limit of 1048576 bytes; skipped");
  EXPECT_EQ(got_.warnings[1], jsonl + ":1: line is over the limit of 1048576 bytes; skipped");
}

INSTANTIATE_TEST_SUITE_P(GzipAndZstd, CompressedInputTest,
                         ::testing::Values(Compression::kGzip, Compression::kZstd),
                         [](const ::testing::TestParamInfo<Compression>& p) {
                           return std::string(p.param == Compression::kGzip ? "Gzip" : "Zstd");
                         });

}  // namespace
}  // namespace nsearch::input
