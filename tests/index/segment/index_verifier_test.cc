// VerifyIndex on a real index of several segments: clean, then with each file damaged, both
// where a checksum catches it and where only a structural check can (the bytes are re-framed
// with a valid checksum).
#include "index/segment/index_verifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "index/base/coding.h"
#include "index/base/file_format.h"
#include "index/postings/postings_format.h"
#include "index/segment/index_writer.h"
#include "index/segment/segment_reader.h"
#include "index/store/stored_document.h"
#include "tests/index/segment/test_directory.h"

namespace nsearch::segment {
namespace {

constexpr int kNumDocs = 1600;
constexpr int kFlipsPerFile = 8;

class IndexVerifierTest : public ::testing::TestWithParam<DirKind> {
 protected:
  IndexVerifierTest() : test_dir_(GetParam()) {}

  void SetUp() override {
    // A small vocabulary: frequent words fill 128-document blocks in every segment.
    std::mt19937 rng(4242);
    std::vector<std::string> vocab;
    for (int i = 0; i < 300; ++i) {
      std::string word = "w";  // appended: "w" + std::to_string(i) trips GCC 12's -Wrestrict
      word += std::to_string(i);
      word += 'x';
      vocab.push_back(word);
    }
    std::geometric_distribution<int> pick(0.05);
    IndexWriterOptions options;
    options.merge_policy = MergePolicy::Never();
    options.memory_budget = 256 << 10;  // segments of about 500 documents
    auto writer = IndexWriter::Open(dir(), options);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (int d = 0; d < kNumDocs; ++d) {
      store::StoredDocument doc;
      doc.id = "doc" + std::to_string(d % 1400);  // the last 200 replace earlier documents
      doc.title = vocab[static_cast<size_t>(pick(rng)) % vocab.size()];
      for (int w = std::uniform_int_distribution<int>(5, 30)(rng); w > 0; --w) {
        doc.body += vocab[static_cast<size_t>(pick(rng)) % vocab.size()];
        doc.body += ' ';
      }
      ASSERT_TRUE((*writer)->Add(doc).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    for (int d = 0; d < 20; ++d) {
      ASSERT_TRUE((*writer)->Delete("doc" + std::to_string(d * 41)).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    manifest_ = (*writer)->manifest();
    ASSERT_GE(manifest_.segments.size(), 3u);
  }

  Directory& dir() { return test_dir_.dir(); }

  std::string Read(const std::string& name) {
    auto bytes = ReadWholeFile(dir(), name);
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    return bytes.ok() ? *bytes : std::string();
  }

  VerifyReport Verify() {
    auto report = VerifyIndex(dir());
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : VerifyReport{};
  }

  // Every file of the index but the writers' lock.
  std::vector<std::string> IndexFiles() {
    auto names = dir().List();
    EXPECT_TRUE(names.ok());
    std::vector<std::string> files;
    for (const std::string& name : *names) {
      if (name != kWriterLockName) {
        files.push_back(name);
      }
    }
    return files;
  }

  // Replaces `name` with `body` between its original header and a recomputed, valid footer.
  void WriteReframed(const std::string& name, const std::string& body) {
    const std::string original = Read(name);
    std::string file = original.substr(0, kFileHeaderSize) + body;
    std::string footer;
    AppendFileFooter(&footer, file, DecodeFixed32(original.data()));
    file += footer;
    ASSERT_TRUE(OverwriteFile(dir(), name, file).ok());
  }
  std::string Body(const std::string& name) {
    const std::string file = Read(name);
    return file.substr(kFileHeaderSize, file.size() - kFileHeaderSize - kFileFooterSize);
  }

  // Verification must report a problem whose line names `name`. Returns the report.
  VerifyReport ExpectProblemNaming(const std::string& name, const std::string& what) {
    VerifyReport report = Verify();
    const bool named = std::any_of(report.problems.begin(), report.problems.end(),
                                   [&](const std::string& p) { return p.find(name) != p.npos; });
    EXPECT_TRUE(named) << what << ": no problem names " << name
                       << "; problems: " << ::testing::PrintToString(report.problems);
    return report;
  }

  const SegmentInfo& FirstSegment() const { return manifest_.segments[0]; }
  std::string FirstFile(const char* ext) const { return SegmentFile(FirstSegment().name, ext); }

  TestDirectory test_dir_;
  Manifest manifest_;
};

TEST_P(IndexVerifierTest, IntactIndexHasNoProblems) {
  const VerifyReport report = Verify();
  EXPECT_TRUE(report.problems.empty()) << ::testing::PrintToString(report.problems);
  EXPECT_TRUE(report.unreferenced_files.empty());
  uint64_t docs = 0, deleted = 0, terms = 0, postings = 0, del_files = 0;
  for (const SegmentInfo& info : manifest_.segments) {
    docs += info.num_docs;
    deleted += info.num_deleted;
    terms += info.num_terms;
    postings += info.num_postings;
    del_files += info.del_generation > 0 ? 1 : 0;
  }
  EXPECT_EQ(report.segments, manifest_.segments.size());
  EXPECT_EQ(report.documents, docs);
  EXPECT_EQ(report.deleted, deleted);
  EXPECT_GT(deleted, 0u);
  EXPECT_EQ(report.terms, terms);
  EXPECT_EQ(report.postings, postings);
  EXPECT_GT(report.positions, report.postings);
  EXPECT_GT(del_files, 0u);
  EXPECT_EQ(report.files_checked, 1 + 6 * manifest_.segments.size() + del_files);
  // The index exercises skip tables: some list has full blocks.
  auto seg = SegmentReader::Open(dir(), FirstSegment());
  ASSERT_TRUE(seg.ok());
  uint32_t max_df = 0;
  ASSERT_TRUE((*seg)
                  ->term_dict()
                  .ForEach([&](std::string_view, const postings::TermInfo& info) {
                    max_df = std::max(max_df, info.df);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_GE(max_df, 256u);
}

TEST_P(IndexVerifierTest, FlippedBytesInEveryFileAreNamed) {
  std::mt19937 rng(7);
  const std::vector<std::string> files = IndexFiles();
  ASSERT_GE(files.size(), 1 + 6 * manifest_.segments.size());
  for (const std::string& name : files) {
    const std::string original = Read(name);
    for (int i = 0; i < kFlipsPerFile; ++i) {
      const size_t at = i == kFlipsPerFile - 1
                            ? original.size() - 1
                            : original.size() * static_cast<size_t>(i) / kFlipsPerFile;
      std::string damaged = original;
      damaged[at] =
          static_cast<char>(damaged[at] ^ std::uniform_int_distribution<int>(1, 255)(rng));
      ASSERT_TRUE(OverwriteFile(dir(), name, damaged).ok());
      const VerifyReport report =
          ExpectProblemNaming(name, "byte " + std::to_string(at) + " flipped");
      if (name != kManifestName) {
        // The other segments are still walked.
        EXPECT_GE(report.segments, manifest_.segments.size() - 1) << name;
      }
      ASSERT_TRUE(OverwriteFile(dir(), name, original).ok());
    }
  }
  EXPECT_TRUE(Verify().problems.empty());
}

TEST_P(IndexVerifierTest, MissingSegmentFileIsNamed) {
  for (const char* ext : kSegmentExtensions) {
    const std::string name = FirstFile(ext);
    const std::string original = Read(name);
    ASSERT_TRUE(dir().Remove(name).ok());
    ExpectProblemNaming(name, "removed");
    ASSERT_TRUE(OverwriteFile(dir(), name, original).ok());
  }
}

// Damage behind a valid checksum: only the structural checks can see it.
TEST_P(IndexVerifierTest, ChangedDocumentLengthIsCaught) {
  std::string body = Body(FirstFile("len"));
  EncodeFixed32(body.data(), DecodeFixed32(body.data()) + 1);  // sum no longer matches
  WriteReframed(FirstFile("len"), body);
  ExpectProblemNaming(FirstFile("len"), "length of document 0 + 1");
  EncodeFixed32(body.data(), 0);  // shorter than its term frequencies
  WriteReframed(FirstFile("len"), body);
  ExpectProblemNaming(FirstFile("len"), "length of document 0 set to 0");
}

TEST_P(IndexVerifierTest, ChangedBlockBoundsAreCaught) {
  auto seg = SegmentReader::Open(dir(), FirstSegment());
  ASSERT_TRUE(seg.ok());
  // The first term with a skip table.
  postings::TermInfo skipped;
  ASSERT_TRUE((*seg)
                  ->term_dict()
                  .ForEach([&](std::string_view, const postings::TermInfo& info) {
                    if (skipped.df == 0 && info.df >= 256) {
                      skipped = info;
                    }
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_GE(skipped.df, 256u);
  seg->reset();
  const std::string original = Body(FirstFile("post"));
  // Block 1's entry: last_doc 0..3, doc_offset 4..7, pos_offset 8..15, max_freq, min_doc_len.
  const size_t entry = skipped.postings_offset + postings::kSkipEntrySize;
  for (size_t field : {size_t{16}, size_t{20}}) {
    std::string body = original;
    EncodeFixed32(body.data() + entry + field, DecodeFixed32(body.data() + entry + field) + 1);
    WriteReframed(FirstFile("post"), body);
    ExpectProblemNaming(FirstFile("post"), "skip field " + std::to_string(field) + " + 1");
  }
}

// The first dictionary entry's last field, min_doc_len (a one-byte varint here), off by one.
TEST_P(IndexVerifierTest, ChangedTermInfoIsCaught) {
  std::string body = Body(FirstFile("tdict"));
  ByteReader in(body);
  uint32_t shared, df, max_freq, min_len;
  uint64_t extra, post, pos;
  std::string_view suffix;
  ASSERT_TRUE(in.GetVarint32(&shared) && in.GetLengthPrefixed(&suffix) && in.GetVarint32(&df) &&
              in.GetVarint64(&extra) && in.GetVarint64(&post) && in.GetVarint64(&pos) &&
              in.GetVarint32(&max_freq));
  const size_t at = static_cast<size_t>(in.position() - body.data());
  ASSERT_TRUE(in.GetVarint32(&min_len));
  ASSERT_LT(min_len, 127u);
  body[at] = static_cast<char>(min_len + 1);
  WriteReframed(FirstFile("tdict"), body);
  ExpectProblemNaming(FirstFile("tdict"), "min_doc_len + 1");
}

// A tail-only list's group of positions with a gap set to 0: positions stop increasing.
TEST_P(IndexVerifierTest, RepeatedPositionIsCaught) {
  auto seg = SegmentReader::Open(dir(), FirstSegment());
  ASSERT_TRUE(seg.ok());
  std::string body = Body(FirstFile("pos"));
  const std::string_view pos_body = body;
  uint64_t at = 0;  // body offset of the gap to zero
  ASSERT_TRUE((*seg)
                  ->term_dict()
                  .ForEach([&](std::string_view, const postings::TermInfo& info) {
                    if (at != 0 || info.df >= 128 || info.total_freq >= 128) {
                      return Status::Ok();
                    }
                    auto cursor = (*seg)->OpenCursor(info);
                    uint64_t index = 0;  // of the value in the group
                    for (; cursor.doc() != postings::kEndDoc; cursor.Next()) {
                      if (cursor.freq() >= 2) {
                        break;
                      }
                      index += cursor.freq();
                    }
                    if (cursor.doc() == postings::kEndDoc) {
                      return Status::Ok();
                    }
                    // Values 0..index run through the doc's first position; next is a gap.
                    ByteReader in(pos_body);
                    uint32_t value;
                    bool ok = in.Skip(info.positions_offset);
                    for (uint64_t i = 0; ok && i <= index; ++i) {
                      ok = in.GetVarint32(&value);
                    }
                    const uint64_t gap_at = static_cast<uint64_t>(in.position() - pos_body.data());
                    if (ok && in.GetVarint32(&value) && value > 0 &&
                        in.position() == pos_body.data() + gap_at + 1) {
                      at = gap_at;
                    }
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_NE(at, 0u);
  seg->reset();
  ASSERT_NE(body[at], 0);
  body[at] = 0;
  WriteReframed(FirstFile("pos"), body);
  ExpectProblemNaming(FirstFile("pos"), "a position gap set to 0");
}

TEST_P(IndexVerifierTest, ChangedIdsAreCaught) {
  const std::string original = Body(FirstFile("ids"));
  const uint32_t count = DecodeFixed32(original.data());
  const size_t bytes_begin = 4 + 4 * (size_t{count} + 1);
  const size_t lookup_begin =
      bytes_begin + DecodeFixed32(original.data() + 4 * (size_t{count} + 1));
  // One id byte changed: the store disagrees and the lookup table no longer finds it.
  std::string body = original;
  body[bytes_begin] = 'X';
  WriteReframed(FirstFile("ids"), body);
  ExpectProblemNaming(FirstFile("ids"), "an id byte changed");
  // Two lookup entries' documents swapped: still sorted, but they point at the wrong ids.
  body = original;
  for (size_t i = 0; i < 4; ++i) {
    std::swap(body[lookup_begin + 8 + i], body[lookup_begin + 12 + 8 + i]);
  }
  WriteReframed(FirstFile("ids"), body);
  ExpectProblemNaming(FirstFile("ids"), "lookup entries swapped");
}

TEST_P(IndexVerifierTest, MovedDeletionIsCaught) {
  const SegmentInfo* info = nullptr;
  for (const SegmentInfo& s : manifest_.segments) {
    if (s.del_generation > 0 && info == nullptr) {
      info = &s;
    }
  }
  ASSERT_NE(info, nullptr);
  auto seg = SegmentReader::Open(dir(), *info);
  ASSERT_TRUE(seg.ok());
  const std::string name = DeletedDocsFile(info->name, info->del_generation);
  std::string body = Body(name);
  auto bit = [&](uint32_t d) {
    return (DecodeFixed64(body.data() + 8 + 8 * (d / 64)) >> (d % 64)) & 1;
  };
  auto flip = [&](uint32_t d) {
    char* word = body.data() + 8 + 8 * (d / 64);
    EncodeFixed64(word, DecodeFixed64(word) ^ (uint64_t{1} << (d % 64)));
  };
  uint32_t deleted = 0;
  while (!bit(deleted)) {
    ++deleted;
  }
  uint32_t live = 0;
  while (bit(live) || (*seg)->doc_length(live) == (*seg)->doc_length(deleted)) {
    ++live;
  }
  seg->reset();
  flip(deleted);
  flip(live);
  WriteReframed(name, body);
  ExpectProblemNaming(name, "deletion moved to another document");
}

TEST_P(IndexVerifierTest, ChangedManifestCountsAreCaught) {
  Manifest changed = manifest_;
  changed.segments[0].field_lengths[kDefaultBodyField] += 1;
  changed.segments[1].num_postings += 1;
  ASSERT_TRUE(OverwriteFile(dir(), kManifestName, EncodeManifest(changed)).ok());
  const VerifyReport report = Verify();
  ASSERT_EQ(report.problems.size(), 2u) << ::testing::PrintToString(report.problems);
  for (const std::string& problem : report.problems) {
    EXPECT_NE(problem.find(kManifestName), std::string::npos) << problem;
  }
  EXPECT_NE(report.problems[0].find(FirstFile("len")), std::string::npos);
}

TEST_P(IndexVerifierTest, UnreferencedFilesAreListedNotProblems) {
  ASSERT_TRUE(OverwriteFile(dir(), "seg_999999.post", "leftover").ok());
  ASSERT_TRUE(OverwriteFile(dir(), DeletedDocsFile(FirstSegment().name, 99), "old").ok());
  ASSERT_TRUE(OverwriteFile(dir(), "MANIFEST.tmp", "half a commit").ok());
  ASSERT_TRUE(OverwriteFile(dir(), "notes.txt", "not a writer file").ok());
  const VerifyReport report = Verify();
  EXPECT_TRUE(report.problems.empty()) << ::testing::PrintToString(report.problems);
  std::vector<std::string> expected = {"MANIFEST.tmp", DeletedDocsFile(FirstSegment().name, 99),
                                       "seg_999999.post"};
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> listed = report.unreferenced_files;
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(listed, expected);
}

TEST_P(IndexVerifierTest, NoManifestIsAnError) {
  ASSERT_TRUE(dir().Remove(kManifestName).ok());
  auto report = VerifyIndex(dir());
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(report.status().IsNotFound()) << report.status().ToString();
  EXPECT_NE(report.status().message().find(kManifestName), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(AllDirectories, IndexVerifierTest,
                         ::testing::Values(DirKind::kMemory, DirKind::kFs), DirKindName);

}  // namespace
}  // namespace nsearch::segment
