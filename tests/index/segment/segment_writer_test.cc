#include "index/segment/segment_writer.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/base/directory.h"
#include "index/segment/fields.h"

namespace nsearch::segment {
namespace {

// Random documents over a small vocabulary in which several words share a stem, so that the
// stem cache's word ids and the segment's term ids differ.
std::vector<store::StoredDocument> RandomDocuments(uint32_t seed, int count) {
  const std::vector<std::string> words = {
      "run",  "running", "runs",   "Runner", "defence",  "defense", "cats",    "cat",
      "pact", "Pacts",   "mutual", "treaty", "treaties", "Ünïcödé", "jong-un", "the"};
  std::mt19937 rng(seed);
  const auto text = [&](int max_words) {
    std::string s;
    for (int n = static_cast<int>(rng() % max_words); n > 0; --n) {
      s += words[rng() % words.size()];
      s += ' ';
    }
    return s;
  };
  std::vector<store::StoredDocument> docs;
  for (int i = 0; i < count; ++i) {
    store::StoredDocument doc;
    doc.id = std::to_string(i);
    doc.title = text(6);
    doc.body = text(80);
    docs.push_back(std::move(doc));
  }
  return docs;
}

// Every file of a finished segment built from `docs`, by name.
std::map<std::string, std::string> BuildSegment(const std::vector<store::StoredDocument>& docs,
                                                const std::vector<FieldSpec>& fields,
                                                size_t stem_cache_entries) {
  std::unique_ptr<Directory> dir = NewMemoryDirectory();
  auto analyzer = analysis::Analyzer::Create(analysis::AnalyzerOptions(), stem_cache_entries);
  EXPECT_TRUE(analyzer.ok());
  auto writer = SegmentWriter::Create(*dir, "s1", analyzer->get(), fields);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  for (const store::StoredDocument& doc : docs) {
    EXPECT_TRUE((*writer)->Add(doc).ok());
  }
  EXPECT_TRUE((*writer)->Finish().ok());
  std::map<std::string, std::string> files;
  Result<std::vector<std::string>> names = dir->List();
  EXPECT_TRUE(names.ok());
  for (const std::string& name : names.value()) {
    Result<std::shared_ptr<const ReadableFile>> file = dir->OpenRead(name);
    EXPECT_TRUE(file.ok()) << name;
    files[name] = std::string(file.value()->data());
  }
  return files;
}

// The writer maps the analyzer's word ids to its term ids: whatever the stem cache's size (and so
// however often it forgets its words, reusing their ids), the segment's bytes stay the same.
TEST(SegmentWriterTest, SegmentBytesDoNotDependOnTheStemCache) {
  for (const auto& fields : {DefaultFields(), CombinedFields()}) {
    for (uint32_t seed = 1; seed <= 3; ++seed) {
      SCOPED_TRACE(seed);
      const std::vector<store::StoredDocument> docs = RandomDocuments(seed, 60);
      const auto reference = BuildSegment(docs, fields, size_t{1} << 17);
      ASSERT_GE(reference.size(), 3u);
      for (const size_t entries : {size_t{0}, size_t{1}, size_t{3}, size_t{7}}) {
        SCOPED_TRACE(entries);
        const auto files = BuildSegment(docs, fields, entries);
        ASSERT_EQ(files.size(), reference.size());
        for (const auto& [name, bytes] : reference) {
          ASSERT_TRUE(files.contains(name)) << name;
          EXPECT_TRUE(files.at(name) == bytes) << name << " differs";
        }
      }
    }
  }
}

}  // namespace
}  // namespace nsearch::segment
