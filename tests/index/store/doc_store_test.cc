#include "index/store/doc_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/base/coding.h"
#include "index/base/directory.h"
#include "index/base/file_format.h"

namespace nsearch::store {
namespace {

enum class DirKind { kMemory, kFs };

// A directory for one test: in memory, or a fresh temporary directory removed afterwards.
class TestDir {
 public:
  explicit TestDir(DirKind kind) {
    if (kind == DirKind::kMemory) {
      dir_ = NewMemoryDirectory();
      return;
    }
    static int counter = 0;
    path_ = std::filesystem::path(testing::TempDir()) /
            ("nsearch_store_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    auto dir = OpenFsDirectory(path_.string(), true);
    EXPECT_TRUE(dir.ok()) << dir.status().ToString();
    dir_ = std::move(dir).value();
  }
  ~TestDir() {
    dir_.reset();
    if (!path_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
    }
  }
  Directory& dir() { return *dir_; }

 private:
  std::filesystem::path path_;
  std::unique_ptr<Directory> dir_;
};

std::string RandomText(std::mt19937& rng, size_t n) {
  // ASCII, Latin-1 supplement, CJK and an emoji, so fields hold multi-byte UTF-8.
  static const char* const kPieces[] = {"a", "b", "z", " ", "\n", "é", "ß", "日本", "語", "😀"};
  std::string s;
  while (s.size() < n) {
    s += kPieces[rng() % std::size(kPieces)];
  }
  return s;
}

std::vector<StoredDocument> RandomDocs(std::mt19937& rng, size_t n) {
  std::vector<StoredDocument> docs(n);
  for (size_t i = 0; i < n; ++i) {
    StoredDocument& d = docs[i];
    d.id = "doc-" + std::to_string(i);
    d.title = rng() % 4 == 0 ? "" : RandomText(rng, rng() % 40);
    const uint32_t r = rng() % 10;
    d.body = r == 0 ? "" : RandomText(rng, r < 8 ? rng() % 500 : rng() % 20000);
    d.date = rng() % 3 == 0 ? "" : "2024-01-" + std::to_string(10 + rng() % 20);
    d.path =
        rng() % 3 == 0 ? "" : "corpus/file" + std::to_string(i % 7) + ".jsonl:" + std::to_string(i);
  }
  return docs;
}

void WriteStore(Directory& dir, const std::string& name, const std::vector<StoredDocument>& docs,
                size_t block_bytes = 16 * 1024) {
  auto writer = DocStoreWriter::Create(dir, name, 3, block_bytes);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (size_t i = 0; i < docs.size(); ++i) {
    ASSERT_TRUE((*writer)->Add(docs[i]).ok());
    ASSERT_EQ((*writer)->num_docs(), i + 1);
  }
  ASSERT_TRUE((*writer)->Finish().ok());
}

class DocStoreTest : public testing::TestWithParam<DirKind> {
 protected:
  DocStoreTest() : test_dir_(GetParam()) {}
  Directory& dir() { return test_dir_.dir(); }

 private:
  TestDir test_dir_;
};

TEST_P(DocStoreTest, RoundTripsManyDocuments) {
  std::mt19937 rng(2024);
  std::vector<StoredDocument> docs = RandomDocs(rng, 700);
  docs[123].body = RandomText(rng, 1 << 20);  // 1 MiB: a block of its own
  docs[124] = StoredDocument{};               // every field empty
  docs[500].id = "";
  ASSERT_NO_FATAL_FAILURE(WriteStore(dir(), "seg_1.store", docs));

  auto reader = DocStoreReader::Open(dir(), "seg_1.store");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_EQ((*reader)->num_docs(), docs.size());
  uint64_t raw = 0;
  for (uint32_t i = 0; i < docs.size(); ++i) {
    auto doc = (*reader)->Get(i);
    ASSERT_TRUE(doc.ok()) << i << ": " << doc.status().ToString();
    ASSERT_EQ(*doc, docs[i]) << "doc " << i;
    raw += docs[i].id.size() + docs[i].title.size() + docs[i].body.size() + docs[i].date.size() +
           docs[i].path.size();
  }
  EXPECT_GE((*reader)->raw_bytes(), raw);
  EXPECT_GT((*reader)->compressed_bytes(), 0u);
  EXPECT_LT((*reader)->compressed_bytes(), (*reader)->raw_bytes());
  // Random access in reverse order too.
  for (uint32_t i = static_cast<uint32_t>(docs.size()); i-- > 0;) {
    ASSERT_EQ((*reader)->Get(i).value(), docs[i]);
  }
}

TEST_P(DocStoreTest, RoundTripsWithTinyAndHugeBlocks) {
  std::mt19937 rng(5);
  const std::vector<StoredDocument> docs = RandomDocs(rng, 60);
  for (size_t block_bytes : {size_t{1}, size_t{100}, size_t{1} << 40}) {
    const std::string name = "s" + std::to_string(block_bytes);
    ASSERT_NO_FATAL_FAILURE(WriteStore(dir(), name, docs, block_bytes));
    auto reader = DocStoreReader::Open(dir(), name);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    for (uint32_t i = 0; i < docs.size(); ++i) {
      ASSERT_EQ((*reader)->Get(i).value(), docs[i]) << block_bytes << " doc " << i;
    }
  }
}

TEST_P(DocStoreTest, EmptyStoreHasNoDocuments) {
  ASSERT_NO_FATAL_FAILURE(WriteStore(dir(), "empty.store", {}));
  auto reader = DocStoreReader::Open(dir(), "empty.store");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->num_docs(), 0u);
  EXPECT_EQ((*reader)->raw_bytes(), 0u);
  EXPECT_EQ((*reader)->compressed_bytes(), 0u);
  EXPECT_TRUE((*reader)->Get(0).status().IsInvalidArgument());
}

TEST_P(DocStoreTest, GetOutOfRangeIsInvalidArgument) {
  std::mt19937 rng(9);
  const std::vector<StoredDocument> docs = RandomDocs(rng, 10);
  ASSERT_NO_FATAL_FAILURE(WriteStore(dir(), "s", docs));
  auto reader = DocStoreReader::Open(dir(), "s");
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE((*reader)->Get(9).ok());
  EXPECT_TRUE((*reader)->Get(10).status().IsInvalidArgument());
  EXPECT_TRUE((*reader)->Get(UINT32_MAX).status().IsInvalidArgument());
}

TEST_P(DocStoreTest, OpenMissingFileFails) {
  auto reader = DocStoreReader::Open(dir(), "nope");
  EXPECT_FALSE(reader.ok());
}

TEST_P(DocStoreTest, RejectsBadArguments) {
  EXPECT_TRUE(DocStoreWriter::Create(dir(), "a", 3, 0).status().IsInvalidArgument());
  EXPECT_TRUE(DocStoreWriter::Create(dir(), "b", 1000).status().IsInvalidArgument());
  auto writer = DocStoreWriter::Create(dir(), "c");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_TRUE((*writer)->Add(StoredDocument{}).IsInvalidArgument());
  EXPECT_TRUE((*writer)->Finish().IsInvalidArgument());
}

INSTANTIATE_TEST_SUITE_P(AllDirectories, DocStoreTest,
                         testing::Values(DirKind::kMemory, DirKind::kFs),
                         [](const testing::TestParamInfo<DirKind>& param_info) {
                           return param_info.param == DirKind::kMemory ? "Memory" : "Fs";
                         });

// Opens `bytes` as a doc store and reads every document. Returns true if every document read back
// equals `docs`; false if any step reported an error. A wrong document returned as OK fails.
bool OpenAndReadAll(const std::string& bytes, const std::vector<StoredDocument>& docs,
                    bool allow_wrong) {
  auto dir = NewMemoryDirectory();
  EXPECT_TRUE(WriteFileAtomically(*dir, "f", bytes).ok());
  auto reader = DocStoreReader::Open(*dir, "f");
  if (!reader.ok()) {
    EXPECT_FALSE(reader.status().message().empty());
    return false;
  }
  bool all_ok = true;
  const uint32_t n = (*reader)->num_docs();
  EXPECT_TRUE((*reader)->Get(n).status().IsInvalidArgument());
  for (uint32_t i = 0; i < n; ++i) {
    auto doc = (*reader)->Get(i);
    if (!doc.ok()) {
      all_ok = false;
      continue;
    }
    if (!allow_wrong) {
      EXPECT_LT(i, docs.size());
      if (i < docs.size()) {
        EXPECT_EQ(*doc, docs[i]) << "wrong document " << i << " returned as OK";
      }
    }
  }
  return all_ok && n == docs.size();
}

std::vector<StoredDocument> SmallCorpus(size_t n, size_t max_body) {
  std::mt19937 rng(77);
  std::vector<StoredDocument> docs = RandomDocs(rng, n);
  for (auto& d : docs) {
    d.body.resize(std::min(d.body.size(), max_body));
  }
  return docs;
}

TEST(DocStoreCorruptionTest, DetectsFlippedBytesAndTruncation) {
  TestDir test_dir(DirKind::kFs);
  const std::vector<StoredDocument> docs = SmallCorpus(40, 300);
  ASSERT_NO_FATAL_FAILURE(WriteStore(test_dir.dir(), "real.store", docs, 1024));
  auto good = ReadWholeFile(test_dir.dir(), "real.store");
  ASSERT_TRUE(good.ok());
  ASSERT_TRUE(OpenAndReadAll(*good, docs, false));

  for (size_t i = 0; i < good->size(); i += 7) {
    std::string bad = *good;
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    EXPECT_FALSE(OpenAndReadAll(bad, docs, false)) << "flipped byte " << i;
  }
  for (size_t len : {size_t{0}, size_t{1}, size_t{8}, size_t{27}, size_t{28}, good->size() / 2,
                     good->size() - 21, good->size() - 20, good->size() - 1}) {
    EXPECT_FALSE(OpenAndReadAll(good->substr(0, len), docs, false)) << "truncated to " << len;
  }
}

// Rewrites the footer so the checksum matches damaged bytes: the index and block checks alone must
// then keep the reader from crashing or reading out of bounds (run under ASan).
std::string Refooter(std::string file) {
  file.resize(file.size() - kFileFooterSize);
  std::string footer;
  AppendFileFooter(&footer, file, kDocStoreMagic);
  return file + footer;
}

TEST(DocStoreCorruptionTest, SurvivesDamageBehindValidChecksum) {
  auto dir = NewMemoryDirectory();
  const std::vector<StoredDocument> docs = SmallCorpus(16, 60);
  ASSERT_NO_FATAL_FAILURE(WriteStore(*dir, "s", docs, 256));
  auto good = ReadWholeFile(*dir, "s");
  ASSERT_TRUE(good.ok());
  const size_t body_end = good->size() - kFileFooterSize;
  for (size_t i = kFileHeaderSize; i < body_end; ++i) {
    std::string bad = *good;
    bad[i] = static_cast<char>(bad[i] ^ (i % 2 == 0 ? 0x01 : 0xff));
    // A flipped byte inside a stored string can yield a wrong document; only no-crash matters.
    (void)OpenAndReadAll(Refooter(bad), docs, true);
  }
  // Damage in the index and trailer, where every change must be caught.
  uint64_t index_offset = DecodeFixed64(good->data() + body_end - 16);
  for (size_t i = index_offset; i < body_end; ++i) {
    std::string bad = *good;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EXPECT_FALSE(OpenAndReadAll(Refooter(bad), docs, true)) << "index byte " << i;
  }
}

}  // namespace
}  // namespace nsearch::store
