#include "index/input/line_reader.h"

#include <cstring>

namespace nsearch::input {
namespace {

// Large enough that a read call costs little per line, small enough that a reader made for a
// short input (an HTTP body) does not pay for clearing a big buffer: lines may be longer, they
// are assembled across reads.
constexpr size_t kReadChunkBytes = size_t{1} << 16;

}  // namespace

LineReader::LineReader(ByteSource& source, uint64_t max_line_bytes)
    : source_(source), max_line_bytes_(max_line_bytes) {}

bool LineReader::Next(std::string* line, bool* too_long) {
  line->clear();
  *too_long = false;
  bool any = false;
  for (;;) {
    if (pos_ == end_) {
      if (!Fill()) {
        if (any && status_.ok()) {
          ++line_number_;
          return true;
        }
        return false;
      }
    }
    any = true;
    const char* begin = buffer_.data() + pos_;
    const size_t avail = end_ - pos_;
    const void* nl = std::memchr(begin, '\n', avail);
    const size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - begin) : avail;
    if (!*too_long) {
      if (line->size() + take > max_line_bytes_) {
        *too_long = true;
        line->clear();
        line->shrink_to_fit();
      } else {
        line->append(begin, take);
      }
    }
    pos_ += take;
    if (nl) {
      ++pos_;
      ++line_number_;
      if (!line->empty() && line->back() == '\r')
        line->pop_back();
      return true;
    }
  }
}

bool LineReader::Fill() {
  if (!status_.ok())
    return false;
  buffer_.resize(kReadChunkBytes);
  size_t n = 0;
  status_ = source_.Read(buffer_.data(), buffer_.size(), &n);
  pos_ = 0;
  end_ = status_.ok() ? n : 0;
  bytes_read_ += end_;
  return end_ > 0;
}

}  // namespace nsearch::input
