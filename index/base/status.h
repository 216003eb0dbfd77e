#ifndef NSEARCH_INDEX_BASE_STATUS_H_
#define NSEARCH_INDEX_BASE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace nsearch {

// The outcome of an operation: Ok, or an error code with a message that names the module, the
// context (file, term, line, query position) and the problem. Cheap to copy when Ok.
// Thread-compatible: const methods may be called concurrently.
class [[nodiscard]] Status {
 public:
  enum class Code { kOk = 0, kNotFound, kCorruption, kInvalidArgument, kIOError, kNotSupported };

  Status() = default;

  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status NotSupported(std::string msg) {
    return Status(Code::kNotSupported, std::move(msg));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsIOError() const { return code_ == Code::kIOError; }
  bool IsNotSupported() const { return code_ == Code::kNotSupported; }

  // "Corruption: postings: ..." or "OK".
  std::string ToString() const;

  // Returns a copy whose message is "context: message"; Ok stays Ok.
  Status WithContext(std::string_view context) const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace nsearch

// Returns the Status of `expr` from the enclosing function when it is not Ok.
#define NSEARCH_RETURN_IF_ERROR(expr)           \
  do {                                          \
    ::nsearch::Status nsearch_status_ = (expr); \
    if (!nsearch_status_.ok()) {                \
      return nsearch_status_;                   \
    }                                           \
  } while (0)

#endif  // NSEARCH_INDEX_BASE_STATUS_H_
