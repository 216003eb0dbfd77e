#ifndef NSEARCH_INDEX_BASE_CODING_H_
#define NSEARCH_INDEX_BASE_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace nsearch {

// Little-endian fixed-width and LEB128 varint coding. Appending functions write to a std::string
// used as a byte buffer; decoding functions read from a bounded cursor and never run past its end.

inline void EncodeFixed32(char* dst, uint32_t v) { std::memcpy(dst, &v, 4); }  // x86-64: LE
inline void EncodeFixed64(char* dst, uint64_t v) { std::memcpy(dst, &v, 8); }
inline uint16_t DecodeFixed16(const char* p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}
inline uint32_t DecodeFixed32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t DecodeFixed64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

void PutFixed32(std::string* dst, uint32_t v);
void PutFixed64(std::string* dst, uint64_t v);
void PutVarint32(std::string* dst, uint32_t v);
void PutVarint64(std::string* dst, uint64_t v);
// A varint32 length followed by the bytes.
void PutLengthPrefixed(std::string* dst, std::string_view bytes);

// Number of bytes PutVarint64(v) writes.
int VarintLength(uint64_t v);

// Reads from [data, data+size) and advances. Every Get returns false (and leaves the value
// unspecified) when the input is truncated or a varint is over-long; it never reads past the end.
// Not thread-safe; cheap to copy.
class ByteReader {
 public:
  ByteReader() = default;
  ByteReader(const char* data, size_t size) : p_(data), end_(data + size) {}
  explicit ByteReader(std::string_view s) : ByteReader(s.data(), s.size()) {}

  bool GetFixed32(uint32_t* v);
  bool GetFixed64(uint64_t* v);
  bool GetVarint32(uint32_t* v);
  bool GetVarint64(uint64_t* v);
  bool GetLengthPrefixed(std::string_view* out);
  bool GetBytes(size_t n, std::string_view* out);
  bool Skip(size_t n);

  const char* position() const { return p_; }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  bool empty() const { return p_ == end_; }

 private:
  const char* p_ = nullptr;
  const char* end_ = nullptr;
};

}  // namespace nsearch

#endif  // NSEARCH_INDEX_BASE_CODING_H_
