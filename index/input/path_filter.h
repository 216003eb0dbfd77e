#ifndef NSEARCH_INDEX_INPUT_PATH_FILTER_H_
#define NSEARCH_INDEX_INPUT_PATH_FILTER_H_

#include <string>
#include <string_view>
#include <vector>

namespace nsearch::input {

// Decides which entries of a folder walk are read, from include and exclude glob patterns
// (rules in docs/INPUT.md). A pattern matches a path if fnmatch(3), with no flags (so `*` and
// `?` also match `/`, and `\` quotes), matches the path relative to the folder walked
// ('/'-separated) or its last component. For a file ending in .gz or .zst, the same two
// strings without that suffix are tried too. Immutable, so thread-safe.
class PathFilter {
 public:
  PathFilter(std::vector<std::string> include, std::vector<std::string> exclude);

  // True if the file at `relative` is read: it matches an include pattern, or there is none,
  // and it matches no exclude pattern.
  bool IncludesFile(std::string_view relative) const;

  // True if the folder at `relative` is walked into: it matches no exclude pattern.
  bool EntersFolder(std::string_view relative) const;

 private:
  std::vector<std::string> include_;
  std::vector<std::string> exclude_;
};

}  // namespace nsearch::input

#endif  // NSEARCH_INDEX_INPUT_PATH_FILTER_H_
