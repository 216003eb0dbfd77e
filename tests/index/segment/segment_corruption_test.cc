// leveldb's corruption_test: damage one file of a real index at a time and check that opening the
// index fails cleanly, naming the damaged file.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/segment/index_reader.h"
#include "index/segment/index_writer.h"
#include "index/store/stored_document.h"
#include "tests/index/segment/test_directory.h"

namespace nsearch::segment {
namespace {

constexpr int kNumDocs = 300;
// Flipped bytes per file, spread over it (NSEARCH_CORRUPTION_FLIPS sets more for a long run).
int FlipsPerFile() {
  const char* env = std::getenv("NSEARCH_CORRUPTION_FLIPS");
  const int n = env != nullptr ? std::atoi(env) : 0;
  return n >= 2 ? n : 300;
}
constexpr int kNumDeleted = 5;  // in a second commit, so the index has a deletions file

class SegmentCorruptionTest : public ::testing::TestWithParam<DirKind> {
 protected:
  SegmentCorruptionTest() : test_dir_(GetParam()) {}

  void SetUp() override {
    // A small vocabulary so frequent words occur in more than 128 documents (full blocks and a
    // skip table); a long tail of rare words gives several dictionary blocks.
    std::mt19937 rng(777);
    std::vector<std::string> vocab;
    for (int i = 0; i < 400; ++i) {
      // Appended piecewise: "w" + std::to_string(i) trips GCC 12's false -Wrestrict at -O3.
      std::string word = "w";
      word += std::to_string(i);
      word += 'x';
      vocab.push_back(word);
    }
    std::geometric_distribution<int> pick(0.03);
    auto writer = IndexWriter::Open(dir(), IndexWriterOptions{});
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (int d = 0; d < kNumDocs; ++d) {
      store::StoredDocument doc;
      doc.id = "doc" + std::to_string(d);
      doc.title = vocab[static_cast<size_t>(pick(rng)) % vocab.size()];
      for (int w = std::uniform_int_distribution<int>(5, 40)(rng); w > 0; --w) {
        doc.body += vocab[static_cast<size_t>(pick(rng)) % vocab.size()] + " ";
      }
      ASSERT_TRUE((*writer)->Add(doc).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    for (int d = 0; d < kNumDeleted; ++d) {
      ASSERT_TRUE((*writer)->Delete("doc" + std::to_string(d * 37)).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    ASSERT_EQ((*writer)->manifest().segments.size(), 1u);
    const SegmentInfo& seg = (*writer)->manifest().segments[0];
    ASSERT_EQ(seg.num_deleted, static_cast<uint32_t>(kNumDeleted));
    for (const char* ext : kSegmentExtensions) {
      files_.push_back(SegmentFile(seg.name, ext));
    }
    files_.push_back(DeletedDocsFile(seg.name, seg.del_generation));
    files_.push_back(kManifestName);  // last: MissingSegmentFileIsReported skips it
  }

  Directory& dir() { return test_dir_.dir(); }

  std::string Read(const std::string& name) {
    auto bytes = ReadWholeFile(dir(), name);
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    return bytes.ok() ? *bytes : std::string();
  }

  // Opens the index, which must fail with a message naming `name`.
  void ExpectOpenFails(const std::string& name, const std::string& what) {
    auto reader = IndexReader::Open(dir());
    ASSERT_FALSE(reader.ok()) << name << ": " << what << " went unnoticed";
    EXPECT_NE(reader.status().message().find(name), std::string::npos)
        << what << ": " << reader.status().ToString();
    EXPECT_TRUE(reader.status().IsCorruption() || reader.status().IsNotSupported())
        << what << ": " << reader.status().ToString();
  }

  // Walks every posting list of every segment; all must decode cleanly.
  void ExpectIndexIntact() {
    auto reader = IndexReader::Open(dir());
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    ASSERT_EQ((*reader)->num_docs(), static_cast<uint64_t>(kNumDocs - kNumDeleted));
    const SegmentReader& seg = (*reader)->segment(0);
    uint64_t postings = 0;
    uint32_t max_df = 0;
    Status status = seg.term_dict().ForEach([&](std::string_view, const postings::TermInfo& info) {
      auto cursor = seg.OpenCursor(info);
      while (cursor.doc() != postings::kEndDoc) {
        EXPECT_EQ(cursor.positions().size(), cursor.freq());
        ++postings;
        cursor.Next();
      }
      max_df = std::max(max_df, info.df);
      return cursor.status();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    EXPECT_EQ(postings, seg.info().num_postings);
    EXPECT_GT(max_df, 128u);  // the index exercises skip tables
    for (uint32_t d = 0; d < seg.num_docs(); ++d) {
      ASSERT_TRUE(seg.Document(d).ok());
    }
  }

  TestDirectory test_dir_;
  std::vector<std::string> files_;
};

TEST_P(SegmentCorruptionTest, UndamagedIndexOpens) { ExpectIndexIntact(); }

TEST_P(SegmentCorruptionTest, FlippedByteNamesDamagedFile) {
  std::mt19937 rng(1);
  const int flips = FlipsPerFile();
  int cases = 0;
  for (const auto& name : files_) {
    const std::string original = Read(name);
    ASSERT_FALSE(original.empty()) << name;
    for (int i = 0; i < flips; ++i, ++cases) {
      // Spread over the whole file, header and footer included: the first and last bytes too.
      const size_t at =
          i == flips - 1 ? original.size() - 1 : original.size() * static_cast<size_t>(i) / flips;
      std::string damaged = original;
      damaged[at] =
          static_cast<char>(damaged[at] ^ std::uniform_int_distribution<int>(1, 255)(rng));
      ASSERT_TRUE(OverwriteFile(dir(), name, damaged).ok());
      ExpectOpenFails(name, "byte " + std::to_string(at) + " of " +
                                std::to_string(original.size()) + " flipped");
      ASSERT_TRUE(OverwriteFile(dir(), name, original).ok());
    }
  }
  std::printf("%d flipped bytes in %zu files, each detected and named\n", cases, files_.size());
  ExpectIndexIntact();
}

TEST_P(SegmentCorruptionTest, TruncationNamesDamagedFile) {
  for (const auto& name : files_) {
    const std::string original = Read(name);
    const size_t size = original.size();
    for (size_t len : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{27}, size / 3, size / 2,
                       size - 21, size - 20, size - 19, size - 1}) {
      if (len >= size) {
        continue;
      }
      ASSERT_TRUE(OverwriteFile(dir(), name, original.substr(0, len)).ok());
      ExpectOpenFails(name, "truncated to " + std::to_string(len) + " of " + std::to_string(size));
      ASSERT_TRUE(OverwriteFile(dir(), name, original).ok());
    }
  }
  ExpectIndexIntact();
}

TEST_P(SegmentCorruptionTest, AppendedGarbageNamesDamagedFile) {
  for (const auto& name : files_) {
    const std::string original = Read(name);
    ASSERT_TRUE(OverwriteFile(dir(), name, original + std::string(20, '\0')).ok());
    ExpectOpenFails(name, "20 zero bytes appended");
    ASSERT_TRUE(OverwriteFile(dir(), name, original).ok());
  }
  ExpectIndexIntact();
}

TEST_P(SegmentCorruptionTest, MissingSegmentFileIsReported) {
  for (size_t i = 0; i + 1 < files_.size(); ++i) {
    const std::string& name = files_[i];
    const std::string original = Read(name);
    ASSERT_TRUE(dir().Remove(name).ok());
    auto reader = IndexReader::Open(dir());
    ASSERT_FALSE(reader.ok()) << name;
    EXPECT_TRUE(reader.status().IsNotFound()) << reader.status().ToString();
    EXPECT_NE(reader.status().message().find(name), std::string::npos)
        << reader.status().ToString();
    ASSERT_TRUE(OverwriteFile(dir(), name, original).ok());
  }
  ExpectIndexIntact();
}

// A segment file swapped for the same file of another segment passes its checksum; the counts in
// the manifest must still catch it.
TEST_P(SegmentCorruptionTest, FileFromAnotherSegmentIsCorruption) {
  {
    auto writer = IndexWriter::Open(dir(), IndexWriterOptions{});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add(store::StoredDocument{"other", "", "w1x w2x zzz", "", ""}).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto manifest = ReadManifest(dir());
  ASSERT_TRUE(manifest.ok());
  ASSERT_EQ(manifest->segments.size(), 2u);
  const std::string& other = manifest->segments[1].name;
  for (const char* ext : {"tdict", "len", "ids", "store"}) {
    const std::string name = SegmentFile(manifest->segments[0].name, ext);
    const std::string original = Read(name);
    ASSERT_TRUE(OverwriteFile(dir(), name, Read(SegmentFile(other, ext))).ok());
    auto reader = IndexReader::Open(dir());
    ASSERT_FALSE(reader.ok()) << name;
    EXPECT_TRUE(reader.status().IsCorruption()) << reader.status().ToString();
    EXPECT_NE(reader.status().message().find(name), std::string::npos)
        << reader.status().ToString();
    ASSERT_TRUE(OverwriteFile(dir(), name, original).ok());
  }
}

INSTANTIATE_TEST_SUITE_P(AllDirectories, SegmentCorruptionTest,
                         ::testing::Values(DirKind::kMemory, DirKind::kFs), DirKindName);

}  // namespace
}  // namespace nsearch::segment
