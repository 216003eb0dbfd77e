#ifndef NSEARCH_INDEX_BASE_RESULT_H_
#define NSEARCH_INDEX_BASE_RESULT_H_

#include <optional>
#include <utility>

#include "index/base/status.h"

namespace nsearch {

// Either a value of type T or a non-Ok Status. Our own small type: std::expected is C++23, and
// clang 14 (the fuzz build) cannot compile libstdc++'s. Thread-compatible.
template <typename T>
class [[nodiscard]] Result {
 public:
  // REQUIRES: !status.ok().
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace nsearch

#define NSEARCH_CONCAT_INNER_(a, b) a##b
#define NSEARCH_CONCAT_(a, b) NSEARCH_CONCAT_INNER_(a, b)

// Declares or assigns `lhs` from the Result `rexpr`, or returns its Status when it failed.
#define NSEARCH_ASSIGN_OR_RETURN(lhs, rexpr) \
  NSEARCH_ASSIGN_OR_RETURN_IMPL_(NSEARCH_CONCAT_(nsearch_result_, __LINE__), lhs, rexpr)
#define NSEARCH_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                   \
  if (!tmp.ok()) {                                      \
    return tmp.status();                                \
  }                                                     \
  lhs = std::move(tmp).value()

#endif  // NSEARCH_INDEX_BASE_RESULT_H_
