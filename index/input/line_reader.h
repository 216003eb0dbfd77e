#ifndef NSEARCH_INDEX_INPUT_LINE_READER_H_
#define NSEARCH_INDEX_INPUT_LINE_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "index/base/status.h"
#include "index/input/byte_source.h"

namespace nsearch::input {

// Splits a ByteSource into lines in bounded memory: at most one read chunk (1 MiB) plus one line
// of up to `max_line_bytes`. Not thread-safe.
class LineReader {
 public:
  // REQUIRES: `source` outlives the reader.
  LineReader(ByteSource& source, uint64_t max_line_bytes);

  // Stores the next line, without its "\n" or "\r\n", and returns true. A line longer than
  // `max_line_bytes` sets *too_long and leaves *line empty: its bytes are read past, never
  // buffered. The last line need not end in "\n". Returns false at the end of the input or when
  // the source fails (see status()); a line cut short by a failure is not returned.
  bool Next(std::string* line, bool* too_long);

  // Number of the last line returned, counting from 1; 0 before the first.
  uint64_t line_number() const { return line_number_; }
  // Bytes taken from the source so far (after decompression).
  uint64_t bytes_read() const { return bytes_read_; }
  // Ok, or the source's error that ended reading; it happened in line line_number() + 1.
  const Status& status() const { return status_; }

 private:
  bool Fill();

  ByteSource& source_;
  uint64_t max_line_bytes_;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
  Status status_;
};

}  // namespace nsearch::input

#endif  // NSEARCH_INDEX_INPUT_LINE_READER_H_
