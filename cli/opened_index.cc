#include "cli/opened_index.h"

#include <utility>

#include "seeds/seed_index.h"

namespace nsearch::cli {

Result<OpenedIndex> OpenIndexOrSeeds(const std::string& path) {
  OpenedIndex index;
  if (path.empty()) {
    index.name = "(embedded seeds)";
    NSEARCH_ASSIGN_OR_RETURN(index.dir, seeds::BuildSeedIndex());
  } else {
    index.name = path;
    auto dir = OpenFsDirectory(path, /*create=*/false);
    if (!dir.ok()) {
      if (dir.status().IsNotFound()) {
        return Status::IOError(path + ": no such index directory");
      }
      return dir.status();
    }
    index.dir = std::move(dir).value();
  }
  auto reader = segment::IndexReader::Open(*index.dir);
  if (!reader.ok()) {
    if (reader.status().IsNotFound()) {
      return Status::IOError(path +
                             ": not an nsearch index (no MANIFEST); build one with "
                             "`nsearch index -i " +
                             path + " PATH...`");
    }
    return reader.status();
  }
  index.reader = std::move(reader).value();
  return index;
}

}  // namespace nsearch::cli
