#include "index/postings/posting_cursor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/base/file_format.h"
#include "index/codec/bitpack.h"
#include "index/postings/postings_format.h"
#include "index/postings/postings_writer.h"

namespace nsearch::postings {
namespace {

using codec::kBlockSize;

struct Posting {
  DocId doc;
  std::vector<uint32_t> positions;
  uint32_t doc_len;
};
using List = std::vector<Posting>;

// Sizes around the block boundaries: inline-only lists, exactly one or two full blocks, a full
// block plus a tail, and long lists with a multi-entry skip table.
constexpr size_t kSizes[] = {1, 2, 127, 128, 129, 255, 256, 257, 1000, 5000};

// Doc gaps of 1 (dense runs), small gaps, and rare huge ones (up to 2^20) that force wide
// bit widths; frequencies 1..5 with an occasional 300 so one document fills packed position blocks.
List RandomList(size_t n, std::mt19937& rng) {
  List list(n);
  std::uniform_int_distribution<int> pct(0, 99);
  uint64_t doc = std::uniform_int_distribution<uint32_t>(0, 3)(rng);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) {
      const int r = pct(rng);
      doc += r < 30   ? 1
             : r < 98 ? std::uniform_int_distribution<uint32_t>(2, 200)(rng)
                      : std::uniform_int_distribution<uint32_t>(1000, 1u << 20)(rng);
    }
    Posting& p = list[i];
    p.doc = static_cast<DocId>(doc);
    const uint32_t freq = pct(rng) < 2 ? 300 : std::uniform_int_distribution<uint32_t>(1, 5)(rng);
    uint32_t pos = std::uniform_int_distribution<uint32_t>(0, 10)(rng);
    for (uint32_t f = 0; f < freq; ++f) {
      p.positions.push_back(pos);
      pos += std::uniform_int_distribution<uint32_t>(pct(rng) < 5 ? 0 : 1, 1000)(rng);
    }
    p.doc_len = freq + std::uniform_int_distribution<uint32_t>(0, 60)(rng);
  }
  return list;
}

TermInfo ExpectedInfo(const List& list) {
  TermInfo info;
  info.df = static_cast<uint32_t>(list.size());
  info.min_doc_len = UINT32_MAX;
  for (const auto& p : list) {
    info.total_freq += p.positions.size();
    info.max_freq = std::max(info.max_freq, static_cast<uint32_t>(p.positions.size()));
    info.min_doc_len = std::min(info.min_doc_len, p.doc_len);
  }
  return info;
}

// A heap buffer of exactly the given bytes, so ASan reports any read past its end (a string's
// spare capacity would hide it).
class ExactBytes {
 public:
  explicit ExactBytes(std::string_view bytes)
      : size_(bytes.size()), data_(new char[std::max<size_t>(size_, 1)]) {
    if (size_ > 0) {
      std::memcpy(data_.get(), bytes.data(), size_);
    }
  }
  std::string_view view() const { return {data_.get(), size_}; }
  char* data() { return data_.get(); }
  size_t size() const { return size_; }

 private:
  size_t size_;
  std::unique_ptr<char[]> data_;
};

// One .post/.pos pair holding one list per entry of kSizes, in that order, plus the checked bodies.
class PostingCursorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::mt19937 rng(20240611);
    lists_ = new std::vector<List>();
    infos_ = new std::vector<TermInfo>();
    auto dir = NewMemoryDirectory();
    auto writer = PostingsWriter::Create(*dir, "t.post", "t.pos");
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    DocId max_doc = 0;
    for (size_t n : kSizes) {
      lists_->push_back(RandomList(n, rng));
      (*writer)->StartTerm();
      for (const auto& p : lists_->back()) {
        (*writer)->AddDoc(p.doc, p.positions, p.doc_len);
      }
      auto info = (*writer)->FinishTerm();
      ASSERT_TRUE(info.ok()) << info.status().ToString();
      infos_->push_back(*info);
      max_doc = std::max(max_doc, lists_->back().back().doc + 1);
    }
    ASSERT_TRUE((*writer)->Finish().ok());
    post_file_ = new std::string(*ReadWholeFile(*dir, "t.post"));
    pos_file_ = new std::string(*ReadWholeFile(*dir, "t.pos"));
    auto post = CheckFileFraming(*post_file_, kPostingsMagic, "t.post");
    auto pos = CheckFileFraming(*pos_file_, kPositionsMagic, "t.pos");
    ASSERT_TRUE(post.ok()) << post.status().ToString();
    ASSERT_TRUE(pos.ok()) << pos.status().ToString();
    source_ = new PostingsSource{*post, *pos, max_doc, "t.post"};
  }

  static void TearDownTestSuite() {
    delete source_;
    delete pos_file_;
    delete post_file_;
    delete infos_;
    delete lists_;
  }

  static std::vector<DocId> Docs(const List& list) {
    std::vector<DocId> docs;
    for (const auto& p : list) {
      docs.push_back(p.doc);
    }
    return docs;
  }

  static inline std::vector<List>* lists_ = nullptr;
  static inline std::vector<TermInfo>* infos_ = nullptr;
  static inline std::string* post_file_ = nullptr;
  static inline std::string* pos_file_ = nullptr;
  static inline PostingsSource* source_ = nullptr;
};

TEST_F(PostingCursorTest, TermInfoHoldsListStatistics) {
  for (size_t t = 0; t < lists_->size(); ++t) {
    SCOPED_TRACE("size=" + std::to_string(kSizes[t]));
    TermInfo expected = ExpectedInfo((*lists_)[t]);
    const TermInfo& actual = (*infos_)[t];
    expected.postings_offset = actual.postings_offset;
    expected.positions_offset = actual.positions_offset;
    EXPECT_EQ(actual, expected);
    if (t > 0) {
      EXPECT_GT(actual.postings_offset, (*infos_)[t - 1].postings_offset);
      EXPECT_GT(actual.positions_offset, (*infos_)[t - 1].positions_offset);
    }
  }
  EXPECT_EQ((*infos_)[0].postings_offset, 0u);
  EXPECT_EQ((*infos_)[0].positions_offset, 0u);
}

TEST_F(PostingCursorTest, NextWalksEveryDocWithFreqAndPositions) {
  for (size_t t = 0; t < lists_->size(); ++t) {
    SCOPED_TRACE("size=" + std::to_string(kSizes[t]));
    const List& list = (*lists_)[t];
    PostingCursor cursor(*source_, (*infos_)[t]);
    EXPECT_EQ(cursor.cost(), list.size());
    for (size_t i = 0; i < list.size(); ++i) {
      ASSERT_EQ(cursor.doc(), list[i].doc) << "index " << i;
      ASSERT_EQ(cursor.freq(), list[i].positions.size()) << "index " << i;
      auto positions = cursor.positions();
      ASSERT_EQ(std::vector<uint32_t>(positions.begin(), positions.end()), list[i].positions)
          << "index " << i;
      cursor.Next();
    }
    EXPECT_EQ(cursor.doc(), kEndDoc);
    EXPECT_EQ(cursor.Next(), kEndDoc);
    EXPECT_TRUE(cursor.status().ok()) << cursor.status().ToString();
  }
}

TEST_F(PostingCursorTest, NextWithoutPositionsThenPositionsLater) {
  for (size_t t = 0; t < lists_->size(); ++t) {
    SCOPED_TRACE("size=" + std::to_string(kSizes[t]));
    const List& list = (*lists_)[t];
    PostingCursor cursor(*source_, (*infos_)[t]);
    // Ask for positions only on every 37th document, so most blocks never decode them.
    for (size_t i = 0; i < list.size(); ++i, cursor.Next()) {
      ASSERT_EQ(cursor.doc(), list[i].doc);
      if (i % 37 == 36) {
        auto positions = cursor.positions();
        ASSERT_EQ(std::vector<uint32_t>(positions.begin(), positions.end()), list[i].positions);
      }
    }
    EXPECT_EQ(cursor.doc(), kEndDoc);
  }
}

TEST_F(PostingCursorTest, SeekMatchesLowerBound) {
  std::mt19937 rng(99);
  for (size_t t = 0; t < lists_->size(); ++t) {
    SCOPED_TRACE("size=" + std::to_string(kSizes[t]));
    const List& list = (*lists_)[t];
    const std::vector<DocId> docs = Docs(list);
    for (int round = 0; round < 20; ++round) {
      PostingCursor cursor(*source_, (*infos_)[t]);
      // Mean step varies per round: from a few docs (in-block seeks) to whole blocks.
      const uint64_t span = docs.back() + 2;
      const uint64_t max_step = std::max<uint64_t>(1, span >> (round % 12));
      uint64_t target = 0;
      while (true) {
        target += std::uniform_int_distribution<uint64_t>(0, max_step)(rng);
        if (target >= kEndDoc) {
          break;
        }
        const auto it = std::lower_bound(docs.begin(), docs.end(), static_cast<DocId>(target));
        const DocId expected = it == docs.end() ? kEndDoc : *it;
        if (target < cursor.doc() && cursor.doc() != kEndDoc) {
          // Seeking behind the cursor must not move it.
          ASSERT_EQ(cursor.Seek(static_cast<DocId>(target)), cursor.doc());
          continue;
        }
        ASSERT_EQ(cursor.Seek(static_cast<DocId>(target)), expected) << "target " << target;
        ASSERT_EQ(cursor.doc(), expected);
        if (expected == kEndDoc) {
          break;
        }
        const Posting& p = list[static_cast<size_t>(it - docs.begin())];
        ASSERT_EQ(cursor.freq(), p.positions.size());
        if (round % 2 == 0) {
          auto positions = cursor.positions();
          ASSERT_EQ(std::vector<uint32_t>(positions.begin(), positions.end()), p.positions);
        }
        if (round % 3 == 0 && it + 1 != docs.end()) {
          ASSERT_EQ(cursor.Next(), *(it + 1));  // Next after Seek continues in order
          target = cursor.doc();
        }
      }
      EXPECT_TRUE(cursor.status().ok()) << cursor.status().ToString();
    }
  }
}

TEST_F(PostingCursorTest, SeekToEveryDocFindsIt) {
  for (size_t t = 0; t < lists_->size(); ++t) {
    SCOPED_TRACE("size=" + std::to_string(kSizes[t]));
    const List& list = (*lists_)[t];
    PostingCursor cursor(*source_, (*infos_)[t]);
    for (const auto& p : list) {
      ASSERT_EQ(cursor.Seek(p.doc), p.doc);
      ASSERT_EQ(cursor.Seek(p.doc), p.doc);  // idempotent
    }
    EXPECT_EQ(cursor.Next(), kEndDoc);
  }
}

TEST_F(PostingCursorTest, SeekPastLastDocReturnsEndDoc) {
  for (size_t t = 0; t < lists_->size(); ++t) {
    SCOPED_TRACE("size=" + std::to_string(kSizes[t]));
    const DocId last = (*lists_)[t].back().doc;
    {
      PostingCursor cursor(*source_, (*infos_)[t]);
      EXPECT_EQ(cursor.Seek(last + 1), kEndDoc);
      EXPECT_EQ(cursor.doc(), kEndDoc);
      EXPECT_EQ(cursor.Next(), kEndDoc);
      EXPECT_EQ(cursor.Seek(last + 2), kEndDoc);
      EXPECT_TRUE(cursor.status().ok());
    }
    {
      PostingCursor cursor(*source_, (*infos_)[t]);
      EXPECT_EQ(cursor.Seek(kEndDoc), kEndDoc);
    }
    {
      PostingCursor cursor(*source_, (*infos_)[t]);
      EXPECT_EQ(cursor.Seek(last), last);
      EXPECT_EQ(cursor.Seek(last + 1), kEndDoc);
    }
  }
}

TEST_F(PostingCursorTest, BlockBoundsCoverCurrentBlock) {
  for (size_t t = 0; t < lists_->size(); ++t) {
    SCOPED_TRACE("size=" + std::to_string(kSizes[t]));
    const List& list = (*lists_)[t];
    PostingCursor cursor(*source_, (*infos_)[t]);
    for (size_t i = 0; i < list.size(); ++i, cursor.Next()) {
      const size_t begin = i / kBlockSize * kBlockSize;
      const size_t end = std::min(list.size(), begin + kBlockSize);
      uint32_t max_freq = 0;
      uint32_t min_len = UINT32_MAX;
      for (size_t j = begin; j < end; ++j) {
        max_freq = std::max(max_freq, static_cast<uint32_t>(list[j].positions.size()));
        min_len = std::min(min_len, list[j].doc_len);
      }
      ASSERT_EQ(cursor.doc(), list[i].doc);
      ASSERT_EQ(cursor.block_last_doc(), list[end - 1].doc) << "index " << i;
      ASSERT_EQ(cursor.block_max_freq(), max_freq) << "index " << i;
      ASSERT_EQ(cursor.block_min_doc_len(), min_len) << "index " << i;
      ASSERT_GE(cursor.block_max_freq(), cursor.freq());
      ASSERT_LE(cursor.block_min_doc_len(), list[i].doc_len);
    }
  }
}

// The bounds of each 128-document block of `list`, as the skip table should hold them.
std::vector<PostingCursor::BlockBounds> ExpectedBlocks(const List& list) {
  std::vector<PostingCursor::BlockBounds> blocks;
  for (size_t begin = 0; begin < list.size(); begin += kBlockSize) {
    const size_t end = std::min(list.size(), begin + kBlockSize);
    PostingCursor::BlockBounds b{list[end - 1].doc, 0, UINT32_MAX};
    for (size_t j = begin; j < end; ++j) {
      b.max_freq = std::max(b.max_freq, static_cast<uint32_t>(list[j].positions.size()));
      b.min_doc_len = std::min(b.min_doc_len, list[j].doc_len);
    }
    blocks.push_back(b);
  }
  return blocks;
}

TEST_F(PostingCursorTest, ShallowSeekFollowsSkipTableWithoutMovingDoc) {
  std::mt19937 rng(123);
  for (size_t t = 0; t < lists_->size(); ++t) {
    SCOPED_TRACE("size=" + std::to_string(kSizes[t]));
    const List& list = (*lists_)[t];
    const std::vector<PostingCursor::BlockBounds> blocks = ExpectedBlocks(list);
    for (int round = 0; round < 10; ++round) {
      PostingCursor cursor(*source_, (*infos_)[t]);
      ASSERT_EQ(cursor.num_blocks(), blocks.size());
      ASSERT_EQ(cursor.shallow_block(), 0u);
      for (uint32_t b = 0; b < blocks.size(); ++b) {
        const PostingCursor::BlockBounds got = cursor.block_bounds(b);
        ASSERT_EQ(got.last_doc, blocks[b].last_doc) << "block " << b;
        if (blocks.size() == 1) {  // no skip table: the list's bounds from TermInfo
          ASSERT_EQ(got.max_freq, (*infos_)[t].max_freq);
          ASSERT_EQ(got.min_doc_len, (*infos_)[t].min_doc_len);
        } else {
          ASSERT_EQ(got.max_freq, blocks[b].max_freq) << "block " << b;
          ASSERT_EQ(got.min_doc_len, blocks[b].min_doc_len) << "block " << b;
        }
      }
      const uint64_t max_step = std::max<uint64_t>(1, (list.back().doc + 2) >> (round % 8));
      uint64_t target = 0;
      uint32_t expected_block = 0;
      while (target < kEndDoc) {
        while (expected_block < blocks.size() && blocks[expected_block].last_doc < target) {
          ++expected_block;
        }
        const DocId expected =
            expected_block < blocks.size() ? blocks[expected_block].last_doc : kEndDoc;
        ASSERT_EQ(cursor.ShallowSeek(static_cast<DocId>(target)), expected) << target;
        ASSERT_EQ(cursor.shallow_block(), expected_block);
        ASSERT_EQ(cursor.doc(), list[0].doc);  // the decoded block does not move
        // A lower target leaves the shallow pointer where it is.
        ASSERT_EQ(cursor.ShallowSeek(static_cast<DocId>(target / 2)), expected);
        if (expected == kEndDoc) {
          break;
        }
        target += std::uniform_int_distribution<uint64_t>(0, max_step)(rng);
      }
    }
  }
}

TEST_F(PostingCursorTest, SeekAfterShallowSeekMatchesLowerBound) {
  std::mt19937 rng(321);
  for (size_t t = 0; t < lists_->size(); ++t) {
    SCOPED_TRACE("size=" + std::to_string(kSizes[t]));
    const std::vector<DocId> docs = Docs((*lists_)[t]);
    for (int round = 0; round < 20; ++round) {
      PostingCursor cursor(*source_, (*infos_)[t]);
      const uint64_t max_step = std::max<uint64_t>(1, (docs.back() + 2) >> (round % 10));
      uint64_t shallow = 0;
      while (cursor.doc() != kEndDoc) {
        // The shallow pointer runs ahead of (or behind) the cursor, as in MaxScore windows.
        shallow += std::uniform_int_distribution<uint64_t>(0, 2 * max_step)(rng);
        if (shallow < kEndDoc) {
          cursor.ShallowSeek(static_cast<DocId>(shallow));
        }
        const uint64_t target =
            cursor.doc() + 1 + std::uniform_int_distribution<uint64_t>(0, max_step)(rng);
        const auto it = std::lower_bound(docs.begin(), docs.end(), target);
        const DocId expected = it == docs.end() ? kEndDoc : *it;
        ASSERT_EQ(cursor.Seek(static_cast<DocId>(std::min<uint64_t>(target, kEndDoc))), expected)
            << "target " << target << " shallow " << shallow;
      }
      EXPECT_TRUE(cursor.status().ok()) << cursor.status().ToString();
    }
  }
}

// Rewrites the skip entry `block` of list `t` in a copy of the .post body.
std::string WithSkipLastDoc(std::string_view body, const TermInfo& info, uint32_t block,
                            uint32_t last_doc) {
  std::string copy(body);
  const size_t at = info.postings_offset + kSkipEntrySize * block;
  for (int i = 0; i < 4; ++i) {
    copy[at + i] = static_cast<char>(last_doc >> (8 * i));
  }
  return copy;
}

TEST_F(PostingCursorTest, SkipLastDocDisagreeingWithBlockIsCorruption) {
  const size_t t = 8;  // 1000 docs, 8 blocks
  const List& list = (*lists_)[t];
  const DocId wrong = list[3 * kBlockSize - 1].doc + 1;  // block 2's last doc, off by one
  const ExactBytes post(WithSkipLastDoc(source_->postings, (*infos_)[t], 2, wrong));
  const PostingsSource damaged{post.view(), source_->positions, source_->max_doc, "t.post"};
  PostingCursor cursor(damaged, (*infos_)[t]);
  // The shallow walk reads the damaged entry as it is; only decoding the block checks it.
  EXPECT_EQ(cursor.ShallowSeek(list[2 * kBlockSize].doc), wrong);
  EXPECT_TRUE(cursor.status().ok());
  EXPECT_EQ(cursor.Seek(list[2 * kBlockSize + 5].doc), kEndDoc);
  EXPECT_TRUE(cursor.status().IsCorruption()) << cursor.status().ToString();
  EXPECT_NE(cursor.status().message().find("block 2"), std::string::npos);
  // A failed cursor has no blocks left to bound.
  EXPECT_EQ(cursor.ShallowSeek(list.back().doc), kEndDoc);
  EXPECT_EQ(cursor.shallow_block(), cursor.num_blocks());
}

TEST_F(PostingCursorTest, DecreasingSkipLastDocsNeverCrash) {
  const size_t t = 9;  // 5000 docs, 40 blocks
  std::mt19937 rng(777);
  for (int trial = 0; trial < 200; ++trial) {
    std::string body(source_->postings);
    for (int e = 0; e < 4; ++e) {
      const uint32_t block = std::uniform_int_distribution<uint32_t>(0, 39)(rng);
      const uint32_t value = rng() % 4 == 0 ? UINT32_MAX : static_cast<uint32_t>(rng());
      body = WithSkipLastDoc(body, (*infos_)[t], block, value);
    }
    const ExactBytes post(body);
    const PostingsSource damaged{post.view(), source_->positions, source_->max_doc, "t.post"};
    PostingCursor cursor(damaged, (*infos_)[t]);
    int64_t prev = -1;
    uint64_t target = 0;
    while (cursor.doc() != kEndDoc) {
      ASSERT_GT(int64_t{cursor.doc()}, prev);
      prev = cursor.doc();
      target += std::uniform_int_distribution<uint64_t>(0, 3000)(rng);
      if (target >= kEndDoc) {
        break;
      }
      const DocId end = cursor.ShallowSeek(static_cast<DocId>(target));
      if (cursor.shallow_block() < cursor.num_blocks()) {
        ASSERT_EQ(cursor.block_bounds(cursor.shallow_block()).last_doc, end);
      }
      if (rng() % 2 == 0) {
        const DocId seek = std::max<DocId>(cursor.doc() + 1, static_cast<DocId>(target));
        const DocId got = cursor.Seek(seek);
        ASSERT_TRUE(got == kEndDoc || got >= seek);
      } else {
        cursor.Next();
      }
    }
    if (!cursor.status().ok()) {
      ASSERT_TRUE(cursor.status().IsCorruption());
    }
  }
}

TEST_F(PostingCursorTest, SingleTermFileRoundTrips) {
  std::mt19937 rng(5);
  const List list = RandomList(300, rng);
  auto dir = NewMemoryDirectory();
  auto writer = PostingsWriter::Create(*dir, "one.post", "one.pos");
  ASSERT_TRUE(writer.ok());
  (*writer)->StartTerm();
  for (const auto& p : list) {
    (*writer)->AddDoc(p.doc, p.positions, p.doc_len);
  }
  auto info = (*writer)->FinishTerm();
  ASSERT_TRUE(info.ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  auto post_file = ReadWholeFile(*dir, "one.post");
  auto pos_file = ReadWholeFile(*dir, "one.pos");
  ASSERT_TRUE(post_file.ok() && pos_file.ok());
  auto post = CheckFileFraming(*post_file, kPostingsMagic, "one.post");
  auto pos = CheckFileFraming(*pos_file, kPositionsMagic, "one.pos");
  ASSERT_TRUE(post.ok() && pos.ok());
  PostingsSource source{*post, *pos, list.back().doc + 1, "one.post"};
  PostingCursor cursor(source, *info);
  for (const auto& p : list) {
    ASSERT_EQ(cursor.doc(), p.doc);
    auto positions = cursor.positions();
    ASSERT_EQ(std::vector<uint32_t>(positions.begin(), positions.end()), p.positions);
    cursor.Next();
  }
  EXPECT_EQ(cursor.doc(), kEndDoc);
}

// Doc 0 first (a zero first delta), then a gap needing all 32 bits, up to the largest valid id.
TEST_F(PostingCursorTest, ExtremeDocIdsRoundTrip) {
  List list;
  for (DocId d = 0; d < 127; ++d) {
    list.push_back(Posting{d, {d}, 1});
  }
  list.push_back(Posting{kEndDoc - 2, {0, 0, 7}, 3});  // repeated positions are allowed
  list.push_back(Posting{kEndDoc - 1, {UINT32_MAX - 1}, 1});
  auto dir = NewMemoryDirectory();
  auto writer = PostingsWriter::Create(*dir, "x.post", "x.pos");
  ASSERT_TRUE(writer.ok());
  (*writer)->StartTerm();
  for (const auto& p : list) {
    (*writer)->AddDoc(p.doc, p.positions, p.doc_len);
  }
  auto info = (*writer)->FinishTerm();
  ASSERT_TRUE(info.ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  auto post_file = ReadWholeFile(*dir, "x.post");
  auto pos_file = ReadWholeFile(*dir, "x.pos");
  ASSERT_TRUE(post_file.ok() && pos_file.ok());
  auto post = CheckFileFraming(*post_file, kPostingsMagic, "x.post");
  auto pos = CheckFileFraming(*pos_file, kPositionsMagic, "x.pos");
  ASSERT_TRUE(post.ok() && pos.ok());
  PostingsSource source{*post, *pos, kEndDoc, "x.post"};
  PostingCursor cursor(source, *info);
  for (const auto& p : list) {
    ASSERT_EQ(cursor.doc(), p.doc);
    auto positions = cursor.positions();
    ASSERT_EQ(std::vector<uint32_t>(positions.begin(), positions.end()), p.positions);
    cursor.Next();
  }
  EXPECT_EQ(cursor.doc(), kEndDoc);
  EXPECT_TRUE(cursor.status().ok()) << cursor.status().ToString();
  PostingCursor seeker(source, *info);
  EXPECT_EQ(seeker.Seek(200), kEndDoc - 2);
  EXPECT_EQ(seeker.Seek(kEndDoc - 1), kEndDoc - 1);
  EXPECT_EQ(seeker.Seek(kEndDoc), kEndDoc);
  // One fewer valid id and the last document is out of range.
  source.max_doc = kEndDoc - 1;
  PostingCursor strict(source, *info);
  EXPECT_EQ(strict.Seek(kEndDoc - 1), kEndDoc);
  EXPECT_TRUE(strict.status().IsCorruption());
}

TEST_F(PostingCursorTest, EmptyTermInfoIsExhausted) {
  PostingCursor cursor(*source_, TermInfo{});
  EXPECT_EQ(cursor.doc(), kEndDoc);
  EXPECT_EQ(cursor.Next(), kEndDoc);
  EXPECT_EQ(cursor.Seek(5), kEndDoc);
  EXPECT_TRUE(cursor.status().ok());
}

TEST_F(PostingCursorTest, OffsetPastEndIsCorruption) {
  for (size_t t : {0, 9}) {
    TermInfo info = (*infos_)[t];
    info.postings_offset = source_->postings.size() + 1;
    PostingCursor cursor(*source_, info);
    EXPECT_EQ(cursor.doc(), kEndDoc);
    EXPECT_TRUE(cursor.status().IsCorruption());
    EXPECT_NE(cursor.status().message().find("t.post"), std::string::npos);
  }
}

TEST_F(PostingCursorTest, DocBeyondMaxDocIsCorruption) {
  const size_t t = 9;  // 5000 docs
  PostingsSource small = *source_;
  small.max_doc = (*lists_)[t][4000].doc;
  PostingCursor cursor(small, (*infos_)[t]);
  size_t seen = 0;
  while (cursor.doc() != kEndDoc) {
    ASSERT_LT(cursor.doc(), small.max_doc);
    ++seen;
    cursor.Next();
  }
  EXPECT_LT(seen, 4000u);
  EXPECT_TRUE(cursor.status().IsCorruption());
}

TEST_F(PostingCursorTest, PositionsOffsetPastEndIsCorruption) {
  TermInfo info = (*infos_)[2];
  info.positions_offset = source_->positions.size() + 100;
  PostingCursor cursor(*source_, info);
  ASSERT_NE(cursor.doc(), kEndDoc);
  EXPECT_TRUE(cursor.positions().empty());
  EXPECT_TRUE(cursor.status().IsCorruption());
  EXPECT_EQ(cursor.doc(), kEndDoc);
}

// Walks every list of `source` with a mix of Next, Seek and positions(); damaged input may end a
// list early, but every document must be a valid, increasing id and positions must match freq.
void WalkChecked(const PostingsSource& source, const std::vector<TermInfo>& infos,
                 std::mt19937& rng) {
  for (const TermInfo& info : infos) {
    PostingCursor cursor(source, info);
    int64_t prev = -1;
    uint32_t steps = 0;
    while (cursor.doc() != kEndDoc) {
      const DocId doc = cursor.doc();
      ASSERT_LT(doc, source.max_doc);
      ASSERT_GT(int64_t{doc}, prev);
      ASSERT_LE(++steps, info.df);
      ASSERT_GE(cursor.freq(), 1u);
      ASSERT_GE(cursor.block_last_doc(), doc);
      prev = doc;
      const int r = std::uniform_int_distribution<int>(0, 9)(rng);
      if (r < 3) {
        auto positions = cursor.positions();
        if (cursor.status().ok()) {
          ASSERT_EQ(positions.size(), cursor.freq());
        } else {
          ASSERT_TRUE(positions.empty());
          ASSERT_EQ(cursor.doc(), kEndDoc);
          break;
        }
      }
      if (r == 5) {
        // Shallow moves read damaged skip entries as they are, but stay inside the table.
        cursor.ShallowSeek(doc + std::uniform_int_distribution<DocId>(0, 3000)(rng));
        if (cursor.shallow_block() < cursor.num_blocks()) {
          cursor.block_bounds(cursor.shallow_block());
        }
      }
      if (r < 8) {
        cursor.Next();
      } else {
        cursor.Seek(doc + std::uniform_int_distribution<DocId>(1, 3000)(rng));
      }
    }
    if (!cursor.status().ok()) {
      ASSERT_TRUE(cursor.status().IsCorruption());
    }
  }
}

TEST_F(PostingCursorTest, DamagedBytesNeverCrash) {
  std::mt19937 rng(31337);
  int failed = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    ExactBytes post(source_->postings);
    ExactBytes pos(source_->positions);
    ExactBytes& target = trial % 3 == 2 ? pos : post;
    const int flips = std::uniform_int_distribution<int>(1, 8)(rng);
    for (int f = 0; f < flips; ++f) {
      const size_t at = std::uniform_int_distribution<size_t>(0, target.size() - 1)(rng);
      target.data()[at] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
    }
    const PostingsSource damaged{post.view(), pos.view(), source_->max_doc, "t.post"};
    WalkChecked(damaged, *infos_, rng);
    if (HasFatalFailure()) {
      FAIL() << "trial " << trial;
    }
    PostingCursor probe(damaged, infos_->back());
    while (probe.doc() != kEndDoc) {
      probe.positions();
      probe.Next();
    }
    failed += probe.status().ok() ? 0 : 1;
  }
  EXPECT_GT(failed, 0);  // the per-block checks catch at least some of the damage
}

TEST_F(PostingCursorTest, TruncatedBodiesNeverCrash) {
  std::mt19937 rng(4242);
  for (int trial = 0; trial < 300; ++trial) {
    const size_t post_len = std::uniform_int_distribution<size_t>(0, source_->postings.size())(rng);
    const size_t pos_len =
        trial % 2 == 0 ? source_->positions.size()
                       : std::uniform_int_distribution<size_t>(0, source_->positions.size())(rng);
    ExactBytes post(source_->postings.substr(0, post_len));
    ExactBytes pos(source_->positions.substr(0, pos_len));
    const PostingsSource damaged{post.view(), pos.view(), source_->max_doc, "t.post"};
    WalkChecked(damaged, *infos_, rng);
    if (HasFatalFailure()) {
      FAIL() << "trial " << trial;
    }
  }
}

}  // namespace
}  // namespace nsearch::postings
