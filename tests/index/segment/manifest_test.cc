#include "index/segment/manifest.h"

#include <gtest/gtest.h>

#include <bit>
#include <string>

#include "index/base/coding.h"
#include "index/base/directory.h"
#include "index/base/file_format.h"

namespace nsearch::segment {
namespace {

Manifest SampleManifest() {
  Manifest m;
  m.generation = 1234567890123ULL;
  m.next_segment_number = 42;
  m.analysis.language = "german";
  m.analysis.stopwords = {"der", "die", "das", "\xc3\xa4"};
  for (uint32_t i = 0; i < 3; ++i) {
    SegmentInfo s;
    s.name = "seg_00000" + std::to_string(i + 1);
    s.num_docs = 1000 * (i + 1);
    s.total_length = uint64_t{1} << (33 + i);
    s.field_lengths = {1000u * (i + 1), s.total_length - 1000u * (i + 1)};  // title, body
    s.deleted_field_lengths = {0, 0};
    s.num_terms = 777 + i;
    s.num_postings = 99999 + i;
    if (i == 1) {  // one segment with deletions
      s.num_deleted = 10;
      s.deleted_length = 12345;
      s.deleted_field_lengths = {45, 12300};
      s.del_generation = 7;
    }
    m.segments.push_back(s);
  }
  return m;
}

void ExpectSameManifest(const Manifest& a, const Manifest& b) {
  EXPECT_EQ(a.generation, b.generation);
  EXPECT_EQ(a.next_segment_number, b.next_segment_number);
  EXPECT_EQ(a.analysis.language, b.analysis.language);
  EXPECT_EQ(a.analysis.stopwords, b.analysis.stopwords);
  EXPECT_EQ(a.fields, b.fields);
  EXPECT_EQ(a.segments, b.segments);
}

// Frames `body` as a manifest with a valid checksum.
std::string Framed(const std::string& body) {
  std::string file;
  AppendFileHeader(&file, kManifestMagic);
  file.append(body);
  std::string footer;
  AppendFileFooter(&footer, file, kManifestMagic);
  return file + footer;
}

TEST(ManifestTest, RoundTrips) {
  const Manifest m = SampleManifest();
  auto decoded = DecodeManifest(EncodeManifest(m), "MANIFEST");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ExpectSameManifest(*decoded, m);
  EXPECT_EQ(decoded->live_docs(), 6000u - 10);
  EXPECT_EQ(decoded->live_length(),
            (uint64_t{1} << 33) + (uint64_t{1} << 34) + (uint64_t{1} << 35) - 12345);
}

TEST(ManifestTest, RoundTripsEmptyManifest) {
  Manifest m;
  m.analysis.language = "none";
  m.analysis.stopwords.clear();
  auto decoded = DecodeManifest(EncodeManifest(m), "MANIFEST");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ExpectSameManifest(*decoded, m);
  EXPECT_EQ(decoded->live_docs(), 0u);
}

TEST(ManifestTest, WriteThenReadRoundTrips) {
  auto dir = NewMemoryDirectory();
  const Manifest m = SampleManifest();
  ASSERT_TRUE(WriteManifest(*dir, m).ok());
  auto read = ReadManifest(*dir);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ExpectSameManifest(*read, m);
  auto names = dir->List();
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{kManifestName});  // no temporary left behind
}

TEST(ManifestTest, ReadOnEmptyDirectoryIsNotFound) {
  auto dir = NewMemoryDirectory();
  auto read = ReadManifest(*dir);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(read.status().IsNotFound());
  EXPECT_NE(read.status().message().find(kManifestName), std::string::npos);
}

TEST(ManifestTest, DecodeRejectsEveryTruncation) {
  const std::string bytes = EncodeManifest(SampleManifest());
  for (size_t len = 0; len < bytes.size(); ++len) {
    auto decoded = DecodeManifest(bytes.substr(0, len), "MANIFEST");
    ASSERT_FALSE(decoded.ok()) << "length " << len;
    EXPECT_TRUE(decoded.status().IsCorruption()) << decoded.status().ToString();
    EXPECT_NE(decoded.status().message().find("MANIFEST"), std::string::npos);
  }
}

TEST(ManifestTest, DecodeRejectsEveryFlippedByte) {
  const std::string bytes = EncodeManifest(SampleManifest());
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit : {0, 7}) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(damaged[i] ^ (1 << bit));
      auto decoded = DecodeManifest(damaged, "MANIFEST");
      ASSERT_FALSE(decoded.ok()) << "byte " << i << " bit " << bit;
      EXPECT_NE(decoded.status().message().find("MANIFEST"), std::string::npos);
    }
  }
}

// A manifest body up to its segment count: generation 1, language "none", no stop words,
// `flags`, no synonym groups, scoring model `scoring`, one field "body".
std::string BodyBeforeSegments(uint32_t flags = 0, uint32_t scoring = 0) {
  std::string b;
  PutVarint64(&b, 1);
  PutVarint32(&b, 2);
  PutLengthPrefixed(&b, "none");
  PutVarint32(&b, 0);
  PutVarint32(&b, flags);
  PutVarint32(&b, 0);
  PutVarint32(&b, scoring);
  PutVarint32(&b, 1);
  PutLengthPrefixed(&b, "body");
  PutVarint32(&b, 1);
  PutFixed64(&b, std::bit_cast<uint64_t>(1.0));
  return b;
}

TEST(ManifestTest, DecodeRejectsMalformedBodyWithValidChecksum) {
  std::vector<std::string> bodies;
  bodies.push_back("");
  {
    std::string b;  // stopword count larger than the bytes left
    PutVarint64(&b, 1);
    PutVarint32(&b, 1);
    PutLengthPrefixed(&b, "english");
    PutVarint32(&b, 1000000);
    bodies.push_back(b);
  }
  for (const char* bad_name : {"", "../etc", ".hidden", "a/b"}) {
    std::string b = BodyBeforeSegments();
    PutVarint32(&b, 1);
    PutLengthPrefixed(&b, bad_name);
    PutVarint32(&b, 1);
    for (int i = 0; i < 6; ++i) {
      PutVarint64(&b, i == 4 ? 0 : 1);  // lengths, terms, postings; no deletions
    }
    bodies.push_back(b);
  }
  {
    std::string b = EncodeManifest(SampleManifest());  // trailing bytes
    b = b.substr(kFileHeaderSize, b.size() - kFileHeaderSize - kFileFooterSize) + "x";
    bodies.push_back(b);
  }
  {
    std::string b = BodyBeforeSegments();  // segment entry cut short
    PutVarint32(&b, 1);
    PutLengthPrefixed(&b, "seg_000001");
    PutVarint32(&b, 1);
    bodies.push_back(b);
  }
  for (size_t i = 0; i < bodies.size(); ++i) {
    auto decoded = DecodeManifest(Framed(bodies[i]), "MANIFEST");
    ASSERT_FALSE(decoded.ok()) << "body " << i;
    EXPECT_TRUE(decoded.status().IsCorruption()) << decoded.status().ToString();
  }
}

TEST(ManifestTest, RejectsInconsistentDeletions) {
  for (int variant = 0; variant < 4; ++variant) {
    Manifest m = SampleManifest();
    SegmentInfo& s = m.segments[0];
    if (variant == 3) {  // more deleted length in a field than the field has
      s.num_deleted = 1;
      s.del_generation = 1;
      s.deleted_field_lengths[0] = s.field_lengths[0] + 1;
    } else if (variant == 0) {
      s.num_deleted = s.num_docs + 1;  // more deleted than documents
      s.del_generation = 1;
    } else if (variant == 1) {
      s.num_deleted = 1;  // deletions without a bitmap file
    } else {
      s.del_generation = 3;  // a bitmap file without deletions
    }
    auto decoded = DecodeManifest(EncodeManifest(m), "MANIFEST");
    ASSERT_FALSE(decoded.ok()) << variant;
    EXPECT_TRUE(decoded.status().IsCorruption()) << decoded.status().ToString();
    EXPECT_NE(decoded.status().message().find("inconsistent deletions"), std::string::npos);
  }
}

TEST(ManifestTest, RoundTripsSpellingFoldingAndSynonyms) {
  for (bool fold : {false, true}) {
    Manifest m = SampleManifest();
    m.analysis.fold_spelling = fold;
    m.analysis.synonyms = {{"dprk", "pyongyang"}, {"car", "auto", "\xc3\xa4uto"}};
    auto decoded = DecodeManifest(EncodeManifest(m), "MANIFEST");
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(decoded->analysis.fold_spelling, fold);
    EXPECT_EQ(decoded->analysis.synonyms, m.analysis.synonyms);
    ExpectSameManifest(m, *decoded);
  }
  Manifest none = SampleManifest();
  none.analysis.synonyms.clear();
  auto decoded = DecodeManifest(EncodeManifest(none), "MANIFEST");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_TRUE(decoded->analysis.synonyms.empty());
  EXPECT_TRUE(decoded->analysis.fold_spelling);  // the default
  EXPECT_TRUE(decoded->analysis.index_dates);    // the default for new indexes

  // An index built before dates were indexed (flag bit 1 clear) reads as such.
  Manifest old = SampleManifest();
  old.analysis.index_dates = false;
  auto old_decoded = DecodeManifest(EncodeManifest(old), "MANIFEST");
  ASSERT_TRUE(old_decoded.ok()) << old_decoded.status().ToString();
  EXPECT_FALSE(old_decoded->analysis.index_dates);
  EXPECT_EQ(old_decoded->analysis.fold_spelling, old.analysis.fold_spelling);

  // Unknown flag bits and oversized synonym counts are Corruption.
  for (uint32_t bad : {0u, 1u}) {
    std::string b;
    PutVarint64(&b, 1);
    PutVarint32(&b, 2);
    PutLengthPrefixed(&b, "none");
    PutVarint32(&b, 0);                         // no stopwords
    PutVarint32(&b, bad == 0 ? 16u : 1u);       // flags: bit 4 is unknown
    PutVarint32(&b, bad == 0 ? 0u : 1000000u);  // synonym groups
    PutVarint32(&b, 0);                         // scoring
    PutVarint32(&b, 1);                         // one field
    PutLengthPrefixed(&b, "body");
    PutVarint32(&b, 1);
    PutFixed64(&b, std::bit_cast<uint64_t>(1.0));
    PutVarint32(&b, 0);  // no segments
    auto result = DecodeManifest(Framed(b), "MANIFEST");
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_TRUE(result.status().IsCorruption()) << result.status().ToString();
  }
}

TEST(ManifestTest, RoundTripsTokenizerCaseFoldingAndScoring) {
  for (int variant = 0; variant < 4; ++variant) {
    Manifest m = SampleManifest();
    m.analysis.tokenizer =
        variant & 1 ? analysis::TokenizerKind::kUax29 : analysis::TokenizerKind::kUnicode;
    m.analysis.case_folding =
        variant & 2 ? analysis::CaseFolding::kLowercase : analysis::CaseFolding::kFold;
    m.scoring = variant == 3 ? ScoringModel::kLucene4 : ScoringModel::kBm25;
    auto decoded = DecodeManifest(EncodeManifest(m), "MANIFEST");
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(decoded->analysis.tokenizer, m.analysis.tokenizer) << variant;
    EXPECT_EQ(decoded->analysis.case_folding, m.analysis.case_folding) << variant;
    EXPECT_EQ(decoded->scoring, m.scoring) << variant;
    ExpectSameManifest(m, *decoded);
  }
  // An unknown scoring model is Corruption.
  std::string b = BodyBeforeSegments(0, 2);
  PutVarint32(&b, 0);
  auto result = DecodeManifest(Framed(b), "MANIFEST");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsCorruption()) << result.status().ToString();
  EXPECT_NE(result.status().message().find("scoring"), std::string::npos);
  // The helper's body with no segments is a valid manifest, so the cases above test one field.
  std::string valid = BodyBeforeSegments(4 | 8, 1);
  PutVarint32(&valid, 0);
  auto ok = DecodeManifest(Framed(valid), "MANIFEST");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->scoring, ScoringModel::kLucene4);
  EXPECT_EQ(ok->analysis.tokenizer, analysis::TokenizerKind::kUax29);
}

TEST(ManifestTest, RoundTripsFieldsAndRejectsBadOnes) {
  Manifest m = SampleManifest();
  m.fields = {{"title", FieldSource::kTitle, 2.5},
              {"body", FieldSource::kBody, 1},
              {"abstract", FieldSource::kJson, 0.75}};
  for (SegmentInfo& s : m.segments) {
    s.field_lengths.push_back(77);
    s.total_length += 77;
    s.deleted_field_lengths.push_back(0);
  }
  auto decoded = DecodeManifest(EncodeManifest(m), "MANIFEST");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->fields, m.fields);
  EXPECT_EQ(decoded->segments, m.segments);
  EXPECT_EQ(decoded->live_field_length(2), 3u * 77);

  const std::vector<std::vector<FieldSpec>> bad = {
      {},                                                                     // no field
      {{"title", FieldSource::kTitle, 1}, {"title", FieldSource::kBody, 1}},  // twice
      {{"date", FieldSource::kBody, 1}},  // the date filter's name
      {{"a b", FieldSource::kBody, 1}},   // not a name
      {{"body", FieldSource::kBody, 0}},  // weight 0
  };
  for (size_t i = 0; i < bad.size(); ++i) {
    Manifest b = SampleManifest();
    b.fields = bad[i];
    b.segments.clear();
    auto result = DecodeManifest(EncodeManifest(b), "MANIFEST");
    ASSERT_FALSE(result.ok()) << i;
    EXPECT_TRUE(result.status().IsCorruption()) << result.status().ToString();
    EXPECT_FALSE(ValidateFields(bad[i]).ok()) << i;
  }
  EXPECT_TRUE(ValidateFields(DefaultFields()).ok());
  EXPECT_TRUE(ValidateFields(CombinedFields()).ok());
}

}  // namespace
}  // namespace nsearch::segment
