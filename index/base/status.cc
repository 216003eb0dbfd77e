#include "index/base/status.h"

namespace nsearch {

namespace {
const char* CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk:
      return "OK";
    case Status::Code::kNotFound:
      return "Not found";
    case Status::Code::kCorruption:
      return "Corruption";
    case Status::Code::kInvalidArgument:
      return "Invalid argument";
    case Status::Code::kIOError:
      return "I/O error";
    case Status::Code::kNotSupported:
      return "Not supported";
  }
  return "Unknown";
}
}  // namespace

std::string Status::ToString() const {
  if (ok()) {
    return "OK";
  }
  return std::string(CodeName(code_)) + ": " + message_;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) {
    return *this;
  }
  return Status(code_, std::string(context) + ": " + message_);
}

}  // namespace nsearch
