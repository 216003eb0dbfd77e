#include "index/postings/term_dict.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "index/base/coding.h"
#include "index/base/directory.h"
#include "index/base/file_format.h"

namespace nsearch::postings {
namespace {

constexpr char kName[] = "seg.tdict";

// Random terms over "bcd" so that many share prefixes; "a..." sorts before and "e..." after all.
std::vector<std::string> RandomTerms(size_t n, std::mt19937& rng) {
  std::set<std::string> terms;
  std::uniform_int_distribution<int> len(1, 10);
  std::uniform_int_distribution<int> letter('b', 'd');
  while (terms.size() < n) {
    std::string t;
    for (int i = len(rng); i > 0; --i) {
      t.push_back(static_cast<char>(letter(rng)));
    }
    terms.insert(t);
  }
  return {terms.begin(), terms.end()};
}

// Plausible infos: increasing offsets, total_freq >= df.
std::vector<TermInfo> RandomInfos(size_t n, std::mt19937& rng) {
  std::vector<TermInfo> infos(n);
  uint64_t post = 0;
  uint64_t pos = 0;
  for (auto& info : infos) {
    info.df = std::uniform_int_distribution<uint32_t>(1, 5000)(rng);
    info.total_freq = info.df + std::uniform_int_distribution<uint64_t>(0, 1u << 20)(rng);
    info.postings_offset = post;
    info.positions_offset = pos;
    info.max_freq = std::uniform_int_distribution<uint32_t>(1, 1000)(rng);
    info.min_doc_len = std::uniform_int_distribution<uint32_t>(1, 100000)(rng);
    post += std::uniform_int_distribution<uint64_t>(0, 1u << 16)(rng);
    pos += std::uniform_int_distribution<uint64_t>(0, 1u << 24)(rng);
  }
  return infos;
}

class TermDictTest : public ::testing::Test {
 protected:
  void Write(const std::vector<std::string>& terms, const std::vector<TermInfo>& infos) {
    auto writer = TermDictWriter::Create(*dir_, kName);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (size_t i = 0; i < terms.size(); ++i) {
      ASSERT_TRUE((*writer)->Add(terms[i], infos[i]).ok()) << terms[i];
    }
    EXPECT_EQ((*writer)->num_terms(), terms.size());
    ASSERT_TRUE((*writer)->Finish().ok());
  }

  std::unique_ptr<TermDictReader> OpenReader() {
    auto reader = TermDictReader::Open(*dir_, kName);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    return reader.ok() ? std::move(reader).value() : nullptr;
  }

  std::string ReadFile() {
    auto bytes = ReadWholeFile(*dir_, kName);
    EXPECT_TRUE(bytes.ok());
    return bytes.ok() ? *bytes : std::string();
  }

  void WriteRaw(const std::string& bytes) {
    auto file = dir_->Create(kName);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append(bytes).ok());
    ASSERT_TRUE((*file)->Close().ok());
  }

  // Writes `body` framed with a valid header, checksum and footer, so only the reader's own
  // validation stands between it and the bytes.
  void WriteFramedBody(const std::string& body) {
    std::string file;
    AppendFileHeader(&file, kTermDictMagic);
    file.append(body);
    std::string footer;
    AppendFileFooter(&footer, file, kTermDictMagic);
    WriteRaw(file + footer);
  }

  std::unique_ptr<Directory> dir_ = NewMemoryDirectory();
};

// Body of a one-block dictionary: `entries` then an index with one block starting at
// `first_term`, then the trailer.
std::string OneBlockBody(const std::string& entries, const std::string& first_term,
                         uint64_t num_terms) {
  std::string body = entries;
  PutVarint64(&body, 0);
  PutLengthPrefixed(&body, first_term);
  PutFixed64(&body, entries.size());
  PutFixed32(&body, 1);
  PutFixed64(&body, num_terms);
  return body;
}

// One well-formed entry of a block (the first, so deltas are absolute).
std::string Entry(uint32_t shared, const std::string& suffix, uint32_t df) {
  std::string e;
  PutVarint32(&e, shared);
  PutLengthPrefixed(&e, suffix);
  PutVarint32(&e, df);
  PutVarint64(&e, 0);
  PutVarint64(&e, 0);
  PutVarint64(&e, 0);
  PutVarint32(&e, 1);
  PutVarint32(&e, 1);
  return e;
}

TEST_F(TermDictTest, FindsEveryTermForBlockBoundarySizes) {
  for (size_t n : {0, 1, 31, 32, 33, 1000}) {
    SCOPED_TRACE("n=" + std::to_string(n));
    std::mt19937 rng(static_cast<uint32_t>(n) + 1);
    const auto terms = RandomTerms(n, rng);
    const auto infos = RandomInfos(n, rng);
    Write(terms, infos);
    auto reader = OpenReader();
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->num_terms(), n);
    for (size_t i = 0; i < n; ++i) {
      auto found = reader->Find(terms[i]);
      ASSERT_TRUE(found.ok()) << found.status().ToString();
      ASSERT_TRUE(found->has_value()) << terms[i];
      EXPECT_EQ(**found, infos[i]) << terms[i];
    }
  }
}

TEST_F(TermDictTest, AbsentTermsAreNotFound) {
  for (size_t n : {0, 1, 31, 32, 33, 1000}) {
    SCOPED_TRACE("n=" + std::to_string(n));
    std::mt19937 rng(static_cast<uint32_t>(n) + 100);
    const auto terms = RandomTerms(n, rng);
    Write(terms, RandomInfos(n, rng));
    auto reader = OpenReader();
    ASSERT_NE(reader, nullptr);
    const std::set<std::string> present(terms.begin(), terms.end());
    std::vector<std::string> absent = {"a", "abcd", "b\x01", "e", "zzz", "\x7f\xff", "ddddddddddd"};
    for (const auto& t : terms) {
      absent.push_back(t + "a");  // between t and its successors
      absent.push_back(t + "e");
      for (size_t len = 1; len < t.size(); ++len) {
        absent.push_back(t.substr(0, len));  // prefixes of a term
      }
    }
    for (const auto& t : absent) {
      if (present.count(t) > 0) {
        continue;
      }
      auto found = reader->Find(t);
      ASSERT_TRUE(found.ok()) << found.status().ToString();
      EXPECT_FALSE(found->has_value()) << t;
    }
    auto empty = reader->Find("");
    ASSERT_TRUE(empty.ok());
    EXPECT_FALSE(empty->has_value());
  }
}

TEST_F(TermDictTest, ForEachVisitsTermsInOrder) {
  for (size_t n : {0, 1, 31, 32, 33, 1000}) {
    SCOPED_TRACE("n=" + std::to_string(n));
    std::mt19937 rng(static_cast<uint32_t>(n) + 200);
    const auto terms = RandomTerms(n, rng);
    const auto infos = RandomInfos(n, rng);
    Write(terms, infos);
    auto reader = OpenReader();
    ASSERT_NE(reader, nullptr);
    size_t i = 0;
    Status status = reader->ForEach([&](std::string_view term, const TermInfo& info) {
      EXPECT_LT(i, n);
      if (i < n) {
        EXPECT_EQ(term, terms[i]);
        EXPECT_EQ(info, infos[i]);
      }
      ++i;
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    EXPECT_EQ(i, n);
  }
}

TEST_F(TermDictTest, ForEachStopsAtFirstError) {
  std::mt19937 rng(7);
  const auto terms = RandomTerms(100, rng);
  Write(terms, RandomInfos(100, rng));
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  size_t visited = 0;
  Status status = reader->ForEach([&](std::string_view, const TermInfo&) {
    return ++visited == 40 ? Status::NotFound("stop") : Status::Ok();
  });
  EXPECT_TRUE(status.IsNotFound());
  EXPECT_EQ(visited, 40u);
}

TEST_F(TermDictTest, AddOutOfOrderIsInvalidArgument) {
  auto writer = TermDictWriter::Create(*dir_, kName);
  ASSERT_TRUE(writer.ok());
  TermInfo info;
  info.df = 1;
  info.total_freq = 1;
  ASSERT_TRUE((*writer)->Add("bb", info).ok());
  EXPECT_TRUE((*writer)->Add("ba", info).IsInvalidArgument());
  EXPECT_TRUE((*writer)->Add("bb", info).IsInvalidArgument());
  EXPECT_TRUE((*writer)->Add("", info).IsInvalidArgument());
  ASSERT_TRUE((*writer)->Add("bc", info).ok());
  EXPECT_EQ((*writer)->num_terms(), 2u);
}

TEST_F(TermDictTest, EmptyTermIsInvalidArgumentEvenFirst) {
  auto writer = TermDictWriter::Create(*dir_, kName);
  ASSERT_TRUE(writer.ok());
  TermInfo info;
  info.df = 1;
  info.total_freq = 1;
  EXPECT_TRUE((*writer)->Add("", info).IsInvalidArgument());
}

TEST_F(TermDictTest, FlippedByteAnywhereFailsOpen) {
  std::mt19937 rng(11);
  const auto terms = RandomTerms(70, rng);
  Write(terms, RandomInfos(70, rng));
  const std::string original = ReadFile();
  for (size_t i = 0; i < original.size(); ++i) {
    std::string damaged = original;
    damaged[i] = static_cast<char>(damaged[i] ^ (1 << (i % 8)));
    WriteRaw(damaged);
    auto reader = TermDictReader::Open(*dir_, kName);
    ASSERT_FALSE(reader.ok()) << "byte " << i;
    EXPECT_NE(reader.status().message().find(kName), std::string::npos)
        << reader.status().ToString();
  }
}

TEST_F(TermDictTest, TruncatedFileFailsOpen) {
  std::mt19937 rng(12);
  const auto terms = RandomTerms(70, rng);
  Write(terms, RandomInfos(70, rng));
  const std::string original = ReadFile();
  for (size_t len = 0; len < original.size(); ++len) {
    WriteRaw(original.substr(0, len));
    auto reader = TermDictReader::Open(*dir_, kName);
    ASSERT_FALSE(reader.ok()) << "length " << len;
    EXPECT_TRUE(reader.status().IsCorruption()) << reader.status().ToString();
  }
}

TEST_F(TermDictTest, MissingFileIsNotFound) {
  auto reader = TermDictReader::Open(*dir_, "absent.tdict");
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.status().IsNotFound());
}

TEST_F(TermDictTest, SharedPrefixLongerThanPreviousTermIsCorruption) {
  WriteFramedBody(OneBlockBody(Entry(3, "x", 1), "x", 1));
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  auto found = reader->Find("x");
  EXPECT_TRUE(found.status().IsCorruption()) << found.status().ToString();
  EXPECT_TRUE(reader->ForEach([](std::string_view, const TermInfo&) { return Status::Ok(); })
                  .IsCorruption());
}

TEST_F(TermDictTest, ZeroDocumentFrequencyIsCorruption) {
  WriteFramedBody(OneBlockBody(Entry(0, "x", 0), "x", 1));
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->Find("x").status().IsCorruption());
}

TEST_F(TermDictTest, TruncatedBlockIsCorruption) {
  const std::string entries = Entry(0, "x", 1) + Entry(1, "y", 1);
  WriteFramedBody(OneBlockBody(entries.substr(0, entries.size() - 1), "x", 2));
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->Find("xz").status().IsCorruption());
}

TEST_F(TermDictTest, TrailingBytesInBlockAreCorruption) {
  WriteFramedBody(OneBlockBody(Entry(0, "x", 1) + "junk", "x", 1));
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->ForEach([](std::string_view, const TermInfo&) { return Status::Ok(); })
                  .IsCorruption());
}

TEST_F(TermDictTest, BadTrailerIsCorruption) {
  const std::string entries = Entry(0, "x", 1);
  std::vector<std::string> bodies;
  bodies.push_back("short");
  {
    std::string body = OneBlockBody(entries, "x", 1);
    EncodeFixed64(body.data() + body.size() - 20, body.size());  // index offset past the end
    bodies.push_back(body);
  }
  bodies.push_back(OneBlockBody(entries, "x", 40));  // 1 block cannot hold 40 terms
  bodies.push_back(OneBlockBody(entries, "x", 0));   // 1 block for 0 terms
  bodies.push_back(OneBlockBody(entries, "", 1));    // empty first term
  {
    std::string body = entries;  // index entry offset not 0
    PutVarint64(&body, 1);
    PutLengthPrefixed(&body, "x");
    PutFixed64(&body, entries.size());
    PutFixed32(&body, 1);
    PutFixed64(&body, 1);
    bodies.push_back(body);
  }
  {
    std::string body = entries;  // two blocks out of order
    PutVarint64(&body, 0);
    PutLengthPrefixed(&body, "x");
    PutVarint64(&body, 1);
    PutLengthPrefixed(&body, "w");
    PutFixed64(&body, entries.size());
    PutFixed32(&body, 2);
    PutFixed64(&body, 33);
    bodies.push_back(body);
  }
  {
    std::string body = OneBlockBody(entries, "x", 1);  // junk after the index
    body.insert(body.size() - 20, "??");
    bodies.push_back(body);
  }
  for (size_t i = 0; i < bodies.size(); ++i) {
    WriteFramedBody(bodies[i]);
    auto reader = TermDictReader::Open(*dir_, kName);
    ASSERT_FALSE(reader.ok()) << "body " << i;
    EXPECT_TRUE(reader.status().IsCorruption()) << reader.status().ToString();
  }
}

// A term count near 2^64 made the block count check ((n + 31) / 32) wrap to 0, so a dictionary
// with no blocks opened and claimed 2^64 - 1 terms.
TEST_F(TermDictTest, RegressionHugeTermCountWithoutBlocksIsCorruption) {
  for (uint64_t num_terms : {~uint64_t{0}, ~uint64_t{0} - 30, ~uint64_t{0} - 31}) {
    std::string body;
    PutFixed64(&body, 0);
    PutFixed32(&body, 0);
    PutFixed64(&body, num_terms);
    WriteFramedBody(body);
    auto reader = TermDictReader::Open(*dir_, kName);
    ASSERT_FALSE(reader.ok()) << num_terms;
    EXPECT_TRUE(reader.status().IsCorruption()) << reader.status().ToString();
  }
}

TEST_F(TermDictTest, RoundTripsBinaryAndLongTerms) {
  std::vector<std::string> terms = {
      std::string(1, '\0'),           std::string("\0\0", 2), "a",    std::string(300, 'a'),
      std::string(300, 'a') + "b",    std::string(1000, 'b'), "\x7f", "\x80",
      std::string("\x80\x00\x01", 3), "\xc3\xa9t\xc3\xa9",    "\xff", "\xff\xff"};
  std::sort(terms.begin(), terms.end());  // byte order, as the writer requires
  std::mt19937 rng(21);
  const auto infos = RandomInfos(terms.size(), rng);
  Write(terms, infos);
  auto reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  for (size_t i = 0; i < terms.size(); ++i) {
    auto found = reader->Find(terms[i]);
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found->has_value()) << i;
    EXPECT_EQ(**found, infos[i]);
  }
  auto absent = reader->Find(std::string(299, 'a'));
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
}

// Garbage that passes the checksum: Open or Find may fail, but only with Corruption.
TEST_F(TermDictTest, GarbageWithValidChecksumNeverCrashes) {
  std::mt19937 rng(13);
  const auto terms = RandomTerms(100, rng);
  Write(terms, RandomInfos(100, rng));
  const std::string file = ReadFile();
  const std::string body =
      file.substr(kFileHeaderSize, file.size() - kFileHeaderSize - kFileFooterSize);
  int opened = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::string damaged = body;
    const int flips = std::uniform_int_distribution<int>(1, 4)(rng);
    for (int f = 0; f < flips; ++f) {
      const size_t at = std::uniform_int_distribution<size_t>(0, damaged.size() - 1)(rng);
      damaged[at] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
    }
    if (trial % 10 == 0) {
      damaged.resize(std::uniform_int_distribution<size_t>(0, damaged.size())(rng));
    }
    WriteFramedBody(damaged);
    auto reader = TermDictReader::Open(*dir_, kName);
    if (!reader.ok()) {
      EXPECT_TRUE(reader.status().IsCorruption()) << reader.status().ToString();
      continue;
    }
    ++opened;
    for (const auto& t : terms) {
      auto found = (*reader)->Find(t);
      if (!found.ok()) {
        EXPECT_TRUE(found.status().IsCorruption()) << found.status().ToString();
      }
    }
    uint64_t visited = 0;
    Status status = (*reader)->ForEach([&](std::string_view, const TermInfo& info) {
      EXPECT_GE(info.df, 1u);
      ++visited;
      return Status::Ok();
    });
    if (status.ok()) {
      EXPECT_EQ(visited, (*reader)->num_terms());
    } else {
      EXPECT_TRUE(status.IsCorruption()) << status.ToString();
    }
  }
  EXPECT_GT(opened, 0);  // some damage hits only entries, which Open does not parse
}

}  // namespace
}  // namespace nsearch::postings
