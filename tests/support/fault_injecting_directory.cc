#include "tests/support/fault_injecting_directory.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace nsearch::testing {

const char* FaultOpName(FaultOp op) {
  // In the order of FaultOp.
  static constexpr const char* kNames[] = {"Create", "Append", "Sync",   "Close",
                                           "Rename", "Remove", "SyncDir"};
  static_assert(std::size(kNames) == kAllFaultOps.size());
  return kNames[static_cast<size_t>(op)];
}

// Forwards to the base directory's file, asking the directory before each operation.
class FaultInjectingDirectory::File final : public WritableFile {
 public:
  File(FaultInjectingDirectory* dir, std::string name, std::unique_ptr<WritableFile> base)
      : dir_(dir), name_(std::move(name)), base_(std::move(base)) {}

  Status Append(std::string_view bytes) override {
    Status error;
    const uint64_t landed = dir_->CheckAppend(name_, bytes.size(), &error);
    if (landed > 0) {
      // The base file's own error, if any, is the real one.
      NSEARCH_RETURN_IF_ERROR(base_->Append(bytes.substr(0, landed)));
    }
    return error;
  }
  Status Sync() override {
    NSEARCH_RETURN_IF_ERROR(dir_->Check(FaultOp::kSync, name_, "fsync"));
    return base_->Sync();
  }
  Status Close() override {
    Status injected = dir_->Check(FaultOp::kClose, name_, "close");
    Status closed = base_->Close();
    return injected.ok() ? closed : injected;
  }
  uint64_t size() const override { return base_->size(); }

 private:
  FaultInjectingDirectory* dir_;
  std::string name_;
  std::unique_ptr<WritableFile> base_;
};

FaultInjectingDirectory::FaultInjectingDirectory(Directory& base) : base_(base) {}

void FaultInjectingDirectory::Arm(const Fault& fault) {
  std::lock_guard lock(mu_);
  armed_ = true;
  fault_ = fault;
}

void FaultInjectingDirectory::SetSpaceLimit(uint64_t bytes) {
  std::lock_guard lock(mu_);
  limited_ = true;
  space_limit_ = bytes;
}

void FaultInjectingDirectory::Disarm() {
  std::lock_guard lock(mu_);
  armed_ = false;
  limited_ = false;
}

void FaultInjectingDirectory::ResetCounts() {
  std::lock_guard lock(mu_);
  counts_.fill(0);
  bytes_appended_ = 0;
  append_sizes_.clear();
  renames_.clear();
  injected_.clear();
}

uint64_t FaultInjectingDirectory::count(FaultOp op) const {
  std::lock_guard lock(mu_);
  return counts_[static_cast<size_t>(op)];
}

uint64_t FaultInjectingDirectory::bytes_appended() const {
  std::lock_guard lock(mu_);
  return bytes_appended_;
}

std::vector<uint64_t> FaultInjectingDirectory::append_sizes() const {
  std::lock_guard lock(mu_);
  return append_sizes_;
}

uint64_t FaultInjectingDirectory::renames_to(const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = renames_.find(name);
  return it == renames_.end() ? 0 : it->second;
}

std::vector<Status> FaultInjectingDirectory::injected() const {
  std::lock_guard lock(mu_);
  return injected_;
}

// REQUIRES: mu_ held.
Status FaultInjectingDirectory::Inject(const std::string& name, const std::string& what,
                                       const char* reason) {
  Status error =
      Status::IOError(base_.Describe(name) + ": " + what + ": " + reason + " (injected fault)");
  injected_.push_back(error);
  return error;
}

Status FaultInjectingDirectory::Check(FaultOp op, const std::string& name,
                                      const std::string& what) {
  std::lock_guard lock(mu_);
  const uint64_t n = ++counts_[static_cast<size_t>(op)];
  if (armed_ && fault_.op == op && fault_.nth == n) {
    armed_ = false;
    return Inject(name, what, "Input/output error");
  }
  return Status::Ok();
}

uint64_t FaultInjectingDirectory::CheckAppend(const std::string& name, uint64_t size,
                                              Status* error) {
  std::lock_guard lock(mu_);
  const uint64_t n = ++counts_[static_cast<size_t>(FaultOp::kAppend)];
  append_sizes_.push_back(size);
  uint64_t landed = size;
  if (armed_ && fault_.op == FaultOp::kAppend && fault_.nth == n) {
    armed_ = false;
    landed = static_cast<uint64_t>(static_cast<double>(size) * fault_.landed_fraction);
    landed = std::min(landed, size);
    *error = Inject(name, "write", "Input/output error");
  }
  if (limited_ && bytes_appended_ + landed > space_limit_) {
    landed = space_limit_ - std::min(space_limit_, bytes_appended_);
    if (error->ok()) {
      *error = Inject(name, "write", "No space left on device");
    }
  }
  bytes_appended_ += landed;
  return landed;
}

Result<std::shared_ptr<const ReadableFile>> FaultInjectingDirectory::OpenRead(
    const std::string& name) {
  return base_.OpenRead(name);
}

Result<std::unique_ptr<WritableFile>> FaultInjectingDirectory::Create(const std::string& name) {
  NSEARCH_RETURN_IF_ERROR(Check(FaultOp::kCreate, name, "create"));
  NSEARCH_ASSIGN_OR_RETURN(auto file, base_.Create(name));
  return std::unique_ptr<WritableFile>(std::make_unique<File>(this, name, std::move(file)));
}

Status FaultInjectingDirectory::Rename(const std::string& from, const std::string& to) {
  NSEARCH_RETURN_IF_ERROR(Check(FaultOp::kRename, from, "rename to " + to));
  NSEARCH_RETURN_IF_ERROR(base_.Rename(from, to));
  std::lock_guard lock(mu_);
  ++renames_[to];
  return Status::Ok();
}

Status FaultInjectingDirectory::Remove(const std::string& name) {
  NSEARCH_RETURN_IF_ERROR(Check(FaultOp::kRemove, name, "remove"));
  return base_.Remove(name);
}

bool FaultInjectingDirectory::Exists(const std::string& name) { return base_.Exists(name); }

Result<std::vector<std::string>> FaultInjectingDirectory::List() { return base_.List(); }

Status FaultInjectingDirectory::SyncDir() {
  // The directory itself is the file that fails: Describe("") names it.
  NSEARCH_RETURN_IF_ERROR(Check(FaultOp::kSyncDir, "", "fsync directory"));
  return base_.SyncDir();
}

Result<std::unique_ptr<DirectoryLock>> FaultInjectingDirectory::Lock(const std::string& name) {
  return base_.Lock(name);
}

std::string FaultInjectingDirectory::Describe(const std::string& name) const {
  return base_.Describe(name);
}

}  // namespace nsearch::testing
