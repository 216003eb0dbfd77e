#include "index/base/directory.h"

namespace nsearch {

Result<std::string> ReadWholeFile(Directory& dir, const std::string& name) {
  NSEARCH_ASSIGN_OR_RETURN(auto file, dir.OpenRead(name));
  return std::string(file->data());
}

Status WriteFileAtomically(Directory& dir, const std::string& name, std::string_view bytes) {
  const std::string tmp = name + ".tmp";
  NSEARCH_ASSIGN_OR_RETURN(auto file, dir.Create(tmp));
  NSEARCH_RETURN_IF_ERROR(file->Append(bytes));
  NSEARCH_RETURN_IF_ERROR(file->Sync());
  NSEARCH_RETURN_IF_ERROR(file->Close());
  NSEARCH_RETURN_IF_ERROR(dir.Rename(tmp, name));
  return dir.SyncDir();
}

}  // namespace nsearch
