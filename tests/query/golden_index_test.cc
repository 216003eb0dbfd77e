// The committed indexes of tests/golden/v<N>/ (each built by `nsearch index --field abstract`
// from its docs.jsonl, one id deleted; see tests/golden/README.md): the one of the current
// format version opens, verifies and searches as an index built today from the same documents
// (same ids, scores and stored documents); those of older versions are refused with
// NotSupported.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/base/file_format.h"
#include "index/input/document_reader.h"
#include "index/segment/index_verifier.h"
#include "tests/query/search_test_util.h"

namespace nsearch::query {
namespace {

// Every version with a fixture; the newest must be kFormatVersion.
constexpr uint32_t kGoldenVersions[] = {6, 7, 8};

std::filesystem::path GoldenDir(uint32_t version = kFormatVersion) {
  const char* source = std::getenv("NSEARCH_SOURCE_DIR");
  return std::filesystem::path(source != nullptr ? source : ".") / "tests" / "golden" /
         ("v" + std::to_string(version));
}

// Opens the fixture's directory read-only: tests never write to the source tree.
TestIndex OpenGolden(uint32_t version = kFormatVersion) {
  TestIndex index;
  Result<std::unique_ptr<Directory>> dir =
      OpenFsDirectory((GoldenDir(version) / "index").string(), /*create=*/false);
  EXPECT_TRUE(dir.ok()) << dir.status().ToString();
  if (dir.ok()) {
    index.dir = std::move(dir).value();
  }
  return index;
}

// The fixture's documents, indexed now as `nsearch index --field abstract` does, with the same
// id deleted.
void BuildFresh(TestIndex* index) {
  input::InputOptions input;
  input.extra_fields = {"abstract"};
  std::vector<store::StoredDocument> docs;
  const input::DocumentSink sink = [&](store::StoredDocument&& doc) {
    docs.push_back(std::move(doc));
    return Status::Ok();
  };
  const input::WarningSink warn = [](const std::string& w) { ADD_FAILURE() << w; };
  const Status read =
      input::ReadDocuments({(GoldenDir() / "docs.jsonl").string()}, input, sink, warn, nullptr);
  ASSERT_TRUE(read.ok()) << read.ToString();
  std::vector<segment::FieldSpec> fields = segment::DefaultFields();
  fields.push_back({"abstract", segment::FieldSource::kJson, 1});
  index->dir = NewMemoryDirectory();
  segment::IndexWriterOptions options;
  options.fields = fields;
  options.threads = 1;
  Result<std::unique_ptr<segment::IndexWriter>> writer =
      segment::IndexWriter::Open(*index->dir, options);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (store::StoredDocument& doc : docs) {
    ASSERT_TRUE((*writer)->Add(std::move(doc)).ok());
  }
  ASSERT_TRUE((*writer)->Commit().ok());
  ASSERT_TRUE((*writer)->Delete("gone").ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  ASSERT_NO_FATAL_FAILURE(OpenTestSearcher(index));
}

TEST(GoldenIndexTest, OlderVersionsAreRefusedAsNotSupported) {
  EXPECT_EQ(std::end(kGoldenVersions)[-1], kFormatVersion)
      << "add tests/golden/v" << kFormatVersion;
  for (uint32_t version : kGoldenVersions) {
    if (version == kFormatVersion) {
      continue;
    }
    TestIndex golden = OpenGolden(version);
    ASSERT_NE(golden.dir, nullptr) << version;
    const auto reader = segment::IndexReader::Open(*golden.dir);
    EXPECT_TRUE(reader.status().IsNotSupported()) << version << ": " << reader.status().ToString();
    EXPECT_NE(reader.status().message().find("format version " + std::to_string(version)),
              std::string::npos)
        << reader.status().ToString();
  }
}

TEST(GoldenIndexTest, CurrentVersionSearchesAsAFreshIndex) {
  TestIndex golden = OpenGolden();
  ASSERT_NE(golden.dir, nullptr);
  Result<segment::VerifyReport> report = segment::VerifyIndex(*golden.dir);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->problems.empty()) << (report->problems.empty() ? "" : report->problems[0]);
  ASSERT_NO_FATAL_FAILURE(OpenTestSearcher(&golden));
  TestIndex fresh;
  ASSERT_NO_FATAL_FAILURE(BuildFresh(&fresh));

  EXPECT_EQ(golden.reader->num_docs(), 4u);
  ASSERT_EQ(golden.reader->fields().size(), 3u);
  EXPECT_EQ(golden.reader->fields()[2].name, "abstract");
  for (const char* query :
       {"pact treaty", "\"mutual defense\"", "abstract:treaty", "title:pact",
        "pyongyang date:2024-06", "deleted", "cafe~1", "sum*", "korea -seoul"}) {
    SearchRequest request;
    request.query = query;
    Result<SearchResponse> want = fresh.searcher->Search(request);
    Result<SearchResponse> got = golden.searcher->Search(request);
    ASSERT_TRUE(want.ok() && got.ok()) << query;
    EXPECT_EQ(got->total, want->total) << query;
    ASSERT_EQ(got->hits.size(), want->hits.size()) << query;
    for (size_t i = 0; i < got->hits.size(); ++i) {
      EXPECT_EQ(got->hits[i].id, want->hits[i].id) << query;
      EXPECT_EQ(got->hits[i].score, want->hits[i].score) << query;
      EXPECT_EQ(got->hits[i].snippet.text, want->hits[i].snippet.text) << query;
    }
  }
  SearchRequest treaty;
  treaty.query = "abstract:treaty";
  Result<SearchResponse> hits = golden.searcher->Search(treaty);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->hits.size(), 2u);
  Result<store::StoredDocument> doc = golden.searcher->Document(hits->hits[0].doc);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->fields.size(), 1u);
  EXPECT_EQ(doc->fields[0].first, "abstract");
}

}  // namespace
}  // namespace nsearch::query
