#include "index/input/path_filter.h"

#include <fnmatch.h>

#include <utility>

#include "index/input/decompress.h"

namespace nsearch::input {
namespace {

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// True if any pattern matches `path` or its last component.
bool AnyMatches(const std::vector<std::string>& patterns, std::string_view path) {
  const std::string full(path);
  const std::string base(BaseName(path));
  for (const std::string& p : patterns) {
    if (::fnmatch(p.c_str(), full.c_str(), 0) == 0 || ::fnmatch(p.c_str(), base.c_str(), 0) == 0)
      return true;
  }
  return false;
}

// Like AnyMatches, also trying the name without a .gz or .zst suffix.
bool AnyMatchesFile(const std::vector<std::string>& patterns, std::string_view path) {
  if (AnyMatches(patterns, path))
    return true;
  std::string inner;
  return CompressionOf(path, &inner) != Compression::kNone && AnyMatches(patterns, inner);
}

}  // namespace

PathFilter::PathFilter(std::vector<std::string> include, std::vector<std::string> exclude)
    : include_(std::move(include)), exclude_(std::move(exclude)) {}

bool PathFilter::IncludesFile(std::string_view relative) const {
  if (!include_.empty() && !AnyMatchesFile(include_, relative))
    return false;
  return !AnyMatchesFile(exclude_, relative);
}

bool PathFilter::EntersFolder(std::string_view relative) const {
  return !AnyMatches(exclude_, relative);
}

}  // namespace nsearch::input
