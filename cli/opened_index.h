#ifndef NSEARCH_CLI_OPENED_INDEX_H_
#define NSEARCH_CLI_OPENED_INDEX_H_

#include <memory>
#include <string>

#include "index/base/directory.h"
#include "index/base/result.h"
#include "index/segment/index_reader.h"

namespace nsearch::cli {

// An index opened for reading, with the directory its reader maps.
struct OpenedIndex {
  std::unique_ptr<Directory> dir;
  std::shared_ptr<const segment::IndexReader> reader;
  std::string name;  // the directory, or "(embedded seeds)"
};

// Opens (or with `create`, creates) the directory of an index. Every failure is an IOError naming
// `path`, so the command exits 1.
Result<std::unique_ptr<Directory>> OpenIndexDirectory(const std::string& path, bool create);

// Opens the index in `path`, or, when `path` is empty, indexes the embedded seed articles in
// memory. Errors name the directory: IOError when it is missing or holds no index, Corruption
// when a file is damaged.
Result<OpenedIndex> OpenIndexOrSeeds(const std::string& path);

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_OPENED_INDEX_H_
