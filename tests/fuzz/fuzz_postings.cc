// Fuzz target: a term dictionary, postings and positions made of arbitrary bytes: every term's
// postings walked with Next, Seek, ShallowSeek and positions, and every 17th term looked up.
#include <cstdint>
#include <string>
#include <vector>

#include "index/base/directory.h"
#include "index/base/file_format.h"
#include "index/postings/posting_cursor.h"
#include "index/postings/postings_format.h"
#include "index/postings/term_dict.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

void Walk(nsearch::postings::PostingCursor& cursor, uint32_t seed) {
  using nsearch::postings::kEndDoc;
  uint32_t steps = 0;
  while (cursor.doc() != kEndDoc && steps++ < 100000) {
    (void)cursor.positions();
    if ((seed >> (steps % 32)) & 1) {
      cursor.ShallowSeek(cursor.doc() + 3);
      if (cursor.shallow_block() < cursor.num_blocks()) {
        (void)cursor.block_bounds(cursor.shallow_block());
      }
      cursor.Seek(cursor.doc() + 1 + steps % 200);
    } else {
      cursor.Next();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string_view> parts =
      nsearch::fuzz::SplitParts(std::string_view(reinterpret_cast<const char*>(data), size), 3);
  auto dir = nsearch::NewMemoryDirectory();
  if (!nsearch::WriteFileAtomically(*dir, "f.tdict", parts[0]).ok()) {
    return 0;
  }
  auto dict = nsearch::postings::TermDictReader::Open(*dir, "f.tdict");
  if (!dict.ok()) {
    return 0;
  }
  auto post = nsearch::CheckFileFraming(parts[1], nsearch::postings::kPostingsMagic, "f.post");
  auto pos = nsearch::CheckFileFraming(parts[2], nsearch::postings::kPositionsMagic, "f.pos");
  nsearch::postings::PostingsSource source;
  source.postings = post.ok() ? *post : parts[1];
  source.positions = pos.ok() ? *pos : parts[2];
  source.max_doc = 1u << 20;
  source.name = "f.post";
  uint32_t seed = static_cast<uint32_t>(size);
  size_t terms = 0;
  (void)(*dict)->ForEach([&](std::string_view term, const nsearch::postings::TermInfo& info) {
    // A dictionary that opened passed its checksum, so it is almost always a seed's, unchanged:
    // looking up every term of it again on every input took half the time. Every 17th term still
    // is; 17 is coprime to the 32 entries of a dictionary block, so every slot of a block's scan
    // is reached.
    if (terms++ % 17 == 0) {
      auto found = (*dict)->Find(term);
      (void)found;
    }
    nsearch::postings::PostingCursor cursor(source, info);
    Walk(cursor, seed++);
    return nsearch::Status::Ok();
  });
  for (nsearch::postings::TermDictReader::Iterator it(dict->get()); it.Valid(); it.Next()) {
  }
  return 0;
}
