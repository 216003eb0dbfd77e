#include "cli/opened_index.h"

#include <utility>

#include "index/segment/manifest.h"
#include "seeds/seed_index.h"

namespace nsearch::cli {

Result<std::unique_ptr<Directory>> OpenIndexDirectory(const std::string& path, bool create) {
  auto dir = OpenFsDirectory(path, create);
  if (dir.ok())
    return dir;
  if (dir.status().IsNotFound())
    return Status::IOError(path + ": no such index directory");
  // "not a directory" and the like are about the file system, not about the command line.
  if (dir.status().IsInvalidArgument())
    return Status::IOError(dir.status().message());
  return dir.status();
}

Result<OpenedIndex> OpenIndexOrSeeds(const std::string& path) {
  OpenedIndex index;
  if (path.empty()) {
    index.name = "(embedded seeds)";
    NSEARCH_ASSIGN_OR_RETURN(index.dir, seeds::BuildSeedIndex());
  } else {
    index.name = path;
    NSEARCH_ASSIGN_OR_RETURN(index.dir, OpenIndexDirectory(path, /*create=*/false));
  }
  auto reader = segment::IndexReader::Open(*index.dir);
  if (!reader.ok()) {
    // Only a missing manifest means "no index here"; a missing segment file is damage.
    if (reader.status().IsNotFound() &&
        index.dir->OpenRead(segment::kManifestName).status().IsNotFound()) {
      return Status::IOError(path + ": not an nsearch index (no MANIFEST); build one with " +
                             "`nsearch index -i " + path + " PATH...`");
    }
    if (reader.status().IsNotFound())
      return Status::Corruption(reader.status().message());
    return reader.status();
  }
  index.reader = std::move(reader).value();
  return index;
}

}  // namespace nsearch::cli
