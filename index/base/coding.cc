#include "index/base/coding.h"

namespace nsearch {

void PutFixed32(std::string* dst, uint32_t v) {
  char buf[4];
  EncodeFixed32(buf, v);
  dst->append(buf, 4);
}

void PutFixed64(std::string* dst, uint64_t v) {
  char buf[8];
  EncodeFixed64(buf, v);
  dst->append(buf, 8);
}

void PutVarint64(std::string* dst, uint64_t v) {
  while (v >= 0x80) {
    dst->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  dst->push_back(static_cast<char>(v));
}

void PutVarint32(std::string* dst, uint32_t v) { PutVarint64(dst, v); }

void PutLengthPrefixed(std::string* dst, std::string_view bytes) {
  PutVarint32(dst, static_cast<uint32_t>(bytes.size()));
  dst->append(bytes);
}

int VarintLength(uint64_t v) {
  int n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

bool ByteReader::GetFixed32(uint32_t* v) {
  if (remaining() < 4) {
    return false;
  }
  *v = DecodeFixed32(p_);
  p_ += 4;
  return true;
}

bool ByteReader::GetFixed64(uint64_t* v) {
  if (remaining() < 8) {
    return false;
  }
  *v = DecodeFixed64(p_);
  p_ += 8;
  return true;
}

bool ByteReader::GetVarint64(uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && p_ < end_; shift += 7) {
    const auto byte = static_cast<uint8_t>(*p_++);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

bool ByteReader::GetVarint32(uint32_t* v) {
  uint64_t wide;
  if (!GetVarint64(&wide) || wide > UINT32_MAX) {
    return false;
  }
  *v = static_cast<uint32_t>(wide);
  return true;
}

bool ByteReader::GetBytes(size_t n, std::string_view* out) {
  if (remaining() < n) {
    return false;
  }
  *out = std::string_view(p_, n);
  p_ += n;
  return true;
}

bool ByteReader::GetLengthPrefixed(std::string_view* out) {
  uint32_t n;
  return GetVarint32(&n) && GetBytes(n, out);
}

bool ByteReader::Skip(size_t n) {
  if (remaining() < n) {
    return false;
  }
  p_ += n;
  return true;
}

}  // namespace nsearch
