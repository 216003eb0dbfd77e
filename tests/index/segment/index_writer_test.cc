#include "index/segment/index_writer.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/segment/index_reader.h"
#include "index/store/stored_document.h"
#include "tests/index/segment/test_directory.h"

namespace nsearch::segment {
namespace {

using store::StoredDocument;

StoredDocument MakeDoc(int i) {
  static const char* const kWords[] = {"river",   "Mountains", "the",  "quick", "fox's",
                                       "jumped",  "over",      "lazy", "dogs",  "Ünïcödé",
                                       "running", "of",        "and",  "ran",   "zebra"};
  std::mt19937 rng(static_cast<uint32_t>(i));
  StoredDocument doc;
  doc.id = "doc-" + std::to_string(i);
  doc.title = "Title " + std::to_string(i) + " " + kWords[i % 15];
  for (int w = std::uniform_int_distribution<int>(0, 40)(rng); w > 0; --w) {
    doc.body += kWords[std::uniform_int_distribution<int>(0, 14)(rng)];
    doc.body += w % 7 == 0 ? ". " : " ";
  }
  doc.body += "unique" + std::to_string(i);
  doc.date = i % 2 == 0 ? "2024-01-0" + std::to_string(i % 9 + 1) : "";
  doc.path = "/corpus/" + doc.id + ".txt";
  return doc;
}

class IndexWriterTest : public ::testing::TestWithParam<DirKind> {
 protected:
  IndexWriterTest() : test_dir_(GetParam()) {}

  Directory& dir() { return test_dir_.dir(); }

  std::unique_ptr<IndexWriter> OpenWriter(size_t memory_budget = size_t{256} << 20) {
    IndexWriterOptions options;
    options.memory_budget = memory_budget;
    auto writer = IndexWriter::Open(dir(), options);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    return writer.ok() ? std::move(writer).value() : nullptr;
  }

  std::shared_ptr<const IndexReader> OpenReader() {
    auto reader = IndexReader::Open(dir());
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    return reader.ok() ? std::move(reader).value() : nullptr;
  }

  // Indexed tokens of title and body under the default analysis settings.
  uint32_t TokenCount(const StoredDocument& doc) {
    if (analyzer_ == nullptr) {
      analyzer_ = std::move(analysis::Analyzer::Create(analysis::AnalyzerOptions{})).value();
    }
    return static_cast<uint32_t>(analyzer_->AnalyzeToVector(doc.title).size() +
                                 analyzer_->AnalyzeToVector(doc.body).size());
  }

  // Checks that global documents [0, docs.size()) of `reader` are `docs`, in order.
  void ExpectDocuments(const IndexReader& reader, const std::vector<StoredDocument>& docs) {
    ASSERT_EQ(reader.num_docs(), docs.size());
    uint64_t total_length = 0;
    for (size_t s = 0; s < reader.num_segments(); ++s) {
      const SegmentReader& seg = reader.segment(s);
      for (uint32_t d = 0; d < seg.num_docs(); ++d) {
        const StoredDocument& expected = docs[reader.doc_base(s) + d];
        EXPECT_EQ(seg.external_id(d), expected.id);
        auto stored = seg.Document(d);
        ASSERT_TRUE(stored.ok()) << stored.status().ToString();
        EXPECT_EQ(*stored, expected);
        EXPECT_EQ(seg.doc_length(d), TokenCount(expected)) << expected.id;
        total_length += seg.doc_length(d);
        // Every document holds its own unique term, in exactly that document.
        if (expected.id.rfind("doc-", 0) == 0) {
          auto info = seg.FindTerm(FieldKey(kDefaultBodyField, "unique" + expected.id.substr(4)));
          ASSERT_TRUE(info.ok());
          ASSERT_TRUE(info->has_value()) << expected.id;
          EXPECT_EQ((*info)->df, 1u);
          auto cursor = seg.OpenCursor(**info);
          EXPECT_EQ(cursor.doc(), d);
        }
      }
    }
    EXPECT_EQ(reader.manifest().live_length(), total_length);
  }

  std::vector<std::string> SegmentFiles() {
    auto names = dir().List();
    EXPECT_TRUE(names.ok());
    std::vector<std::string> seg;
    for (const auto& n : *names) {
      if (n.rfind("seg_", 0) == 0) {
        seg.push_back(n);
      }
    }
    return seg;
  }

  TestDirectory test_dir_;
  std::unique_ptr<analysis::Analyzer> analyzer_;
};

TEST_P(IndexWriterTest, CommittedDocumentsAreVisible) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  std::vector<StoredDocument> docs;
  for (int i = 0; i < 50; ++i) {
    docs.push_back(MakeDoc(i));
    ASSERT_TRUE(writer->Add(docs.back()).ok());
  }
  EXPECT_EQ(writer->stats().docs_added, 50u);
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->num_segments(), 1u);
  EXPECT_EQ(reader->manifest().generation, 1u);
  ExpectDocuments(*reader, docs);
  EXPECT_GT(reader->avg_doc_length(), 0.0);
}

TEST_P(IndexWriterTest, CommitOfNothingPublishesEmptyIndex) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->num_docs(), 0u);
  EXPECT_EQ(reader->num_segments(), 0u);
  EXPECT_EQ(reader->avg_doc_length(), 0.0);
}

TEST_P(IndexWriterTest, TinyMemoryBudgetWritesOneSegmentPerDocument) {
  auto writer = OpenWriter(/*memory_budget=*/1);
  ASSERT_NE(writer, nullptr);
  std::vector<StoredDocument> docs;
  for (int i = 0; i < 7; ++i) {
    docs.push_back(MakeDoc(i));
    ASSERT_TRUE(writer->Add(docs.back()).ok());
  }
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  ASSERT_EQ(reader->num_segments(), 7u);
  for (size_t s = 0; s < 7; ++s) {
    EXPECT_EQ(reader->segment(s).num_docs(), 1u);
    EXPECT_EQ(reader->doc_base(s), s);
  }
  ExpectDocuments(*reader, docs);
}

// With a budget far from reached, the per-segment postings limit alone makes the indexing
// thread finish segments as it goes (before a document that might not fit); one commit publishes
// them all, in order, and a replacement within the same commit deletes exactly the copy added
// before it, in whichever of those segments it is.
TEST_P(IndexWriterTest, SegmentPostingsLimitFinishesSegmentsBeforeTheBudget) {
  IndexWriterOptions options;
  options.segment_postings_limit = 2000;  // a few documents per segment
  auto opened = IndexWriter::Open(dir(), options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  IndexWriter& writer = **opened;
  std::vector<StoredDocument> docs;
  for (int i = 0; i < 40; ++i) {
    docs.push_back(MakeDoc(i));
    ASSERT_TRUE(writer.Add(docs.back()).ok());
  }
  StoredDocument replacement = MakeDoc(3);
  replacement.body = "replaced text";
  ASSERT_TRUE(writer.Add(replacement).ok());
  ASSERT_TRUE(writer.Commit().ok());
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_GT(reader->num_segments(), 3u);
  // Every live document in order, the replacement last; the replaced copy deleted where it was
  // (or gone with its segment, if it was alone there).
  std::vector<std::string> live;
  std::vector<std::string> deleted;
  for (size_t s = 0; s < reader->num_segments(); ++s) {
    for (uint32_t d = 0; d < reader->segment(s).num_docs(); ++d) {
      const bool is_deleted = reader->IsDeleted(reader->doc_base(s) + d);
      (is_deleted ? deleted : live).emplace_back(reader->segment(s).external_id(d));
    }
  }
  std::vector<std::string> want;
  for (const StoredDocument& doc : docs) {
    if (doc.id != replacement.id) {
      want.push_back(doc.id);
    }
  }
  want.push_back(replacement.id);
  EXPECT_EQ(live, want);
  EXPECT_LE(deleted.size(), 1u);
  for (const std::string& id : deleted) {
    EXPECT_EQ(id, replacement.id);
  }
  auto found = reader->FindDocument(replacement.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, reader->max_doc() - 1);
  const size_t last = reader->num_segments() - 1;
  auto stored =
      reader->segment(last).Document(static_cast<uint32_t>(*found - reader->doc_base(last)));
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->body, "replaced text");
}

TEST_P(IndexWriterTest, SecondWriterAppendsSegment) {
  std::vector<StoredDocument> docs;
  {
    auto writer = OpenWriter();
    ASSERT_NE(writer, nullptr);
    for (int i = 0; i < 10; ++i) {
      docs.push_back(MakeDoc(i));
      ASSERT_TRUE(writer->Add(docs.back()).ok());
    }
    ASSERT_TRUE(writer->Commit().ok());
  }
  {
    auto writer = OpenWriter();
    ASSERT_NE(writer, nullptr);
    EXPECT_EQ(writer->stats().docs_added, 0u);
    for (int i = 10; i < 25; ++i) {
      docs.push_back(MakeDoc(i));
      ASSERT_TRUE(writer->Add(docs.back()).ok());
    }
    ASSERT_TRUE(writer->Commit().ok());
  }
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  ASSERT_EQ(reader->num_segments(), 2u);
  EXPECT_EQ(reader->doc_base(0), 0u);
  EXPECT_EQ(reader->doc_base(1), 10u);
  EXPECT_EQ(reader->segment(1).num_docs(), 15u);
  EXPECT_NE(reader->segment(0).info().name, reader->segment(1).info().name);
  EXPECT_EQ(reader->manifest().generation, 2u);
  ExpectDocuments(*reader, docs);
}

TEST_P(IndexWriterTest, RepeatedCommitsOnOneWriterAddSegments) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  std::vector<StoredDocument> docs;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 4; ++i) {
      docs.push_back(MakeDoc(round * 4 + i));
      ASSERT_TRUE(writer->Add(docs.back()).ok());
    }
    ASSERT_TRUE(writer->Commit().ok());
  }
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->num_segments(), 3u);
  ExpectDocuments(*reader, docs);
}

TEST_P(IndexWriterTest, UncommittedDocumentsAreInvisibleAndTheirFilesRemovedOnOpen) {
  std::vector<StoredDocument> docs;
  {
    auto writer = OpenWriter();
    ASSERT_NE(writer, nullptr);
    for (int i = 0; i < 3; ++i) {
      docs.push_back(MakeDoc(i));
      ASSERT_TRUE(writer->Add(docs.back()).ok());
    }
    ASSERT_TRUE(writer->Commit().ok());
  }
  const std::vector<std::string> committed_files = SegmentFiles();
  EXPECT_EQ(committed_files.size(), 6u);
  {
    // Flushed but uncommitted segments, plus one still being written, then a "crash".
    auto writer = OpenWriter(/*memory_budget=*/1);
    ASSERT_NE(writer, nullptr);
    for (int i = 3; i < 6; ++i) {
      ASSERT_TRUE(writer->Add(MakeDoc(i)).ok());
    }
  }
  {
    auto writer = OpenWriter();
    ASSERT_NE(writer, nullptr);
    ASSERT_TRUE(writer->Add(MakeDoc(6)).ok());
  }
  EXPECT_GT(SegmentFiles().size(), committed_files.size());
  {
    auto reader = OpenReader();
    ASSERT_NE(reader, nullptr);
    ExpectDocuments(*reader, docs);
  }
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(SegmentFiles(), committed_files);
  EXPECT_FALSE(dir().Exists(std::string(kManifestName) + ".tmp"));
  // The index still works after the cleanup.
  docs.push_back(MakeDoc(7));
  ASSERT_TRUE(writer->Add(docs.back()).ok());
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  ExpectDocuments(*reader, docs);
}

TEST_P(IndexWriterTest, OpenOnNonEmptyDirectoryWithoutManifestIsInvalidArgument) {
  ASSERT_TRUE(OverwriteFile(dir(), "notes.txt", "my precious notes").ok());
  auto writer = IndexWriter::Open(dir(), IndexWriterOptions{});
  ASSERT_FALSE(writer.ok());
  EXPECT_TRUE(writer.status().IsInvalidArgument()) << writer.status().ToString();
  auto names = dir().List();
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"notes.txt"});  // nothing added or removed
}

TEST_P(IndexWriterTest, LeftoversOfAFirstBuildThatNeverCommittedAreRemovedOnOpen) {
  {
    auto writer = OpenWriter(/*memory_budget=*/1);
    ASSERT_NE(writer, nullptr);
    ASSERT_TRUE(writer->Add(MakeDoc(1)).ok());
    ASSERT_TRUE(writer->Add(MakeDoc(2)).ok());  // the tiny budget flushed a segment
  }                                             // dropped without Commit: no MANIFEST
  ASSERT_TRUE(OverwriteFile(dir(), "MANIFEST.tmp", "half-written").ok());
  auto names = dir().List();
  ASSERT_TRUE(names.ok());
  ASSERT_FALSE(names->empty());
  auto writer = IndexWriter::Open(dir(), IndexWriterOptions{});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  names = dir().List();
  ASSERT_TRUE(names.ok());
  for (const std::string& name : *names) {
    EXPECT_EQ(name, "LOCK");  // the live writer's lock; no segment or temporary file is left
  }
}

TEST_P(IndexWriterTest, OnlyOneWriterAtATime) {
  auto first = OpenWriter(/*memory_budget=*/size_t{1} << 20);
  ASSERT_NE(first, nullptr);
  auto second = IndexWriter::Open(dir(), IndexWriterOptions{});
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(second.status().IsIOError()) << second.status().ToString();
  EXPECT_NE(second.status().message().find("locked"), std::string::npos);
  first.reset();
  EXPECT_TRUE(IndexWriter::Open(dir(), IndexWriterOptions{}).ok());
}

TEST_P(IndexWriterTest, ReaderOnEmptyDirectoryIsNotFound) {
  auto reader = IndexReader::Open(dir());
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.status().IsNotFound());
}

TEST_P(IndexWriterTest, ReaderKeepsItsSnapshotAcrossLaterCommits) {
  std::vector<StoredDocument> docs;
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  for (int i = 0; i < 5; ++i) {
    docs.push_back(MakeDoc(i));
    ASSERT_TRUE(writer->Add(docs.back()).ok());
  }
  ASSERT_TRUE(writer->Commit().ok());
  auto old_reader = OpenReader();
  ASSERT_NE(old_reader, nullptr);
  const std::vector<StoredDocument> old_docs = docs;
  for (int i = 5; i < 12; ++i) {
    docs.push_back(MakeDoc(i));
    ASSERT_TRUE(writer->Add(docs.back()).ok());
  }
  ASSERT_TRUE(writer->Commit().ok());
  // The next writer's Open (which garbage-collects files) must not disturb either snapshot.
  writer.reset();
  auto writer2 = OpenWriter();
  ASSERT_NE(writer2, nullptr);
  ExpectDocuments(*old_reader, old_docs);
  EXPECT_EQ(old_reader->manifest().generation, 1u);
  auto new_reader = OpenReader();
  ASSERT_NE(new_reader, nullptr);
  EXPECT_EQ(new_reader->manifest().generation, 2u);
  ExpectDocuments(*new_reader, docs);
}

TEST_P(IndexWriterTest, EmptyDocumentIsIndexedWithLengthZero) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  std::vector<StoredDocument> docs = {MakeDoc(0), StoredDocument{"empty", "", "", "", ""},
                                      MakeDoc(2)};
  docs.push_back(StoredDocument{"stops", "The", "of and the", "", ""});  // only stopwords
  for (const auto& d : docs) {
    ASSERT_TRUE(writer->Add(d).ok());
  }
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  ASSERT_EQ(reader->num_docs(), 4u);
  EXPECT_EQ(reader->segment(0).doc_length(1), 0u);
  EXPECT_EQ(reader->segment(0).external_id(1), "empty");
  EXPECT_EQ(reader->segment(0).doc_length(3), 0u);
  ExpectDocuments(*reader, docs);
}

TEST_P(IndexWriterTest, IndexOfOnlyEmptyDocumentsOpens) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Add(StoredDocument{"a", "", "", "", ""}).ok());
  ASSERT_TRUE(writer->Add(StoredDocument{"b", "", "", "", ""}).ok());
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  ASSERT_EQ(reader->num_docs(), 2u);
  EXPECT_EQ(reader->segment(0).info().num_terms, 0u);
  EXPECT_EQ(reader->segment(0).doc_length(0), 0u);
  EXPECT_EQ(reader->segment(0).external_id(1), "b");
  EXPECT_EQ(reader->avg_doc_length(), 0.0);
}

TEST_P(IndexWriterTest, ExistingIndexKeepsItsAnalysisSettings) {
  {
    IndexWriterOptions options;
    options.analysis.language = "none";
    options.analysis.stopwords.clear();
    auto writer = IndexWriter::Open(dir(), options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add(StoredDocument{"a", "", "the running", "", ""}).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto writer = OpenWriter();  // asks for the default English settings
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->manifest().analysis.language, "none");
  ASSERT_TRUE(writer->Add(StoredDocument{"b", "", "the running", "", ""}).ok());
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  ASSERT_EQ(reader->num_segments(), 2u);
  for (size_t s = 0; s < 2; ++s) {
    EXPECT_EQ(reader->segment(s).doc_length(0), 2u);  // "the" kept, "running" not stemmed
    auto info = reader->segment(s).FindTerm(FieldKey(kDefaultBodyField, "running"));
    ASSERT_TRUE(info.ok());
    EXPECT_TRUE(info->has_value());
  }
}

TEST_P(IndexWriterTest, AddReplacesAndDeleteRemovesInBufferAndSegments) {
  auto writer = OpenWriter();
  ASSERT_TRUE(writer->Add(MakeDoc(1)).ok());
  ASSERT_TRUE(writer->Add(MakeDoc(2)).ok());
  ASSERT_TRUE(writer->Commit().ok());
  StoredDocument replaced = MakeDoc(1);
  replaced.body = "replacement text";
  ASSERT_TRUE(writer->Add(replaced).ok());    // replaces committed doc-1
  ASSERT_TRUE(writer->Delete("doc-3").ok());  // nothing yet: doc-3 comes later
  ASSERT_TRUE(writer->Add(MakeDoc(3)).ok());
  ASSERT_TRUE(writer->Add(MakeDoc(4)).ok());
  ASSERT_TRUE(writer->Delete("doc-4").ok());  // deletes the buffered doc-4
  ASSERT_TRUE(writer->Add(MakeDoc(4)).ok());  // and adds it again
  ASSERT_TRUE(writer->Delete("doc-2").ok());  // deletes committed doc-2
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(writer->stats().docs_deleted, 3u);
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->num_docs(), 3u);
  EXPECT_FALSE(reader->FindDocument("doc-2").has_value());
  for (const char* id : {"doc-1", "doc-3", "doc-4"}) {
    const std::optional<uint64_t> doc = reader->FindDocument(id);
    ASSERT_TRUE(doc.has_value()) << id;
    EXPECT_FALSE(reader->IsDeleted(*doc));
  }
  const uint64_t doc1 = *reader->FindDocument("doc-1");
  const size_t s = reader->SegmentOf(doc1);
  auto stored = reader->segment(s).Document(static_cast<uint32_t>(doc1 - reader->doc_base(s)));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->body, "replacement text");
  EXPECT_EQ(reader->manifest().live_length(),
            TokenCount(replaced) + TokenCount(MakeDoc(3)) + TokenCount(MakeDoc(4)));
}

TEST_P(IndexWriterTest, MergesLeaveOnlyTheFilesOfLiveSegments) {
  IndexWriterOptions options;
  options.memory_budget = 1;  // a segment per document
  options.merge_policy.segments_per_tier = 3;
  {
    auto writer = IndexWriter::Open(dir(), options);
    ASSERT_TRUE(writer.ok());
    for (int i = 0; i < 20; ++i) {
      ASSERT_TRUE((*writer)->Add(MakeDoc(i)).ok());
    }
    for (int i = 0; i < 20; i += 4) {
      ASSERT_TRUE((*writer)->Delete("doc-" + std::to_string(i)).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    EXPECT_GT((*writer)->stats().merges, 0u);
    EXPECT_LT((*writer)->manifest().segments.size(), 20u);
    ASSERT_TRUE((*writer)->ForceMerge(1).ok());
    ASSERT_EQ((*writer)->manifest().segments.size(), 1u);
    EXPECT_EQ((*writer)->manifest().segments[0].num_deleted, 0u);
  }
  auto names = dir().List();
  ASSERT_TRUE(names.ok());
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->num_docs(), 15u);
  const std::string& live = reader->manifest().segments[0].name;
  for (const std::string& name : *names) {
    EXPECT_TRUE(name == kManifestName || name == kWriterLockName || name.rfind(live + ".", 0) == 0)
        << name << " left behind";
  }
  // Documents keep the order they were added in.
  std::vector<std::string> ids;
  for (uint64_t d = 0; d < reader->max_doc(); ++d) {
    ids.emplace_back(reader->segment(0).external_id(static_cast<uint32_t>(d)));
  }
  std::vector<std::string> want;
  for (int i = 0; i < 20; ++i) {
    if (i % 4 != 0)
      want.push_back("doc-" + std::to_string(i));
  }
  EXPECT_EQ(ids, want);
}

TEST_P(IndexWriterTest, DeletingEveryDocumentDropsTheSegment) {
  auto writer = OpenWriter();
  ASSERT_TRUE(writer->Add(MakeDoc(1)).ok());
  ASSERT_TRUE(writer->Commit().ok());
  ASSERT_TRUE(writer->Add(MakeDoc(2)).ok());
  ASSERT_TRUE(writer->Delete("doc-1").ok());
  ASSERT_TRUE(writer->Delete("doc-2").ok());
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_TRUE(writer->manifest().segments.empty());
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->num_docs(), 0u);
  EXPECT_EQ(reader->avg_doc_length(), 0.0);
}

INSTANTIATE_TEST_SUITE_P(AllDirectories, IndexWriterTest,
                         ::testing::Values(DirKind::kMemory, DirKind::kFs), DirKindName);

}  // namespace
}  // namespace nsearch::segment
