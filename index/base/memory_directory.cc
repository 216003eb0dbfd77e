#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include "index/base/directory.h"

namespace nsearch {
namespace {

// Shared, immutable bytes: a reader keeps its snapshot even if the name is replaced or removed.
class MemoryReadableFile final : public ReadableFile {
 public:
  MemoryReadableFile(std::string name, std::shared_ptr<const std::string> bytes)
      : name_(std::move(name)), bytes_(std::move(bytes)) {}
  std::string_view data() const override { return *bytes_; }
  const std::string& name() const override { return name_; }

 private:
  std::string name_;
  std::shared_ptr<const std::string> bytes_;
};

class MemoryDirectory;

class MemoryWritableFile final : public WritableFile {
 public:
  MemoryWritableFile(MemoryDirectory* dir, std::string name) : dir_(dir), name_(std::move(name)) {}
  ~MemoryWritableFile() override;
  Status Append(std::string_view bytes) override {
    buffer_.append(bytes);
    return Status::Ok();
  }
  Status Sync() override { return Status::Ok(); }
  Status Close() override;
  uint64_t size() const override { return buffer_.size(); }

 private:
  MemoryDirectory* dir_;
  std::string name_;
  std::string buffer_;
  bool closed_ = false;
};

class MemoryDirectory final : public Directory {
 public:
  Result<std::shared_ptr<const ReadableFile>> OpenRead(const std::string& name) override {
    std::lock_guard lock(mu_);
    auto it = files_.find(name);
    if (it == files_.end()) {
      return Status::NotFound(Describe(name) + ": no such file");
    }
    return std::shared_ptr<const ReadableFile>(
        std::make_shared<MemoryReadableFile>(name, it->second));
  }

  Result<std::unique_ptr<WritableFile>> Create(const std::string& name) override {
    Publish(name, "");
    return std::unique_ptr<WritableFile>(std::make_unique<MemoryWritableFile>(this, name));
  }

  Status Rename(const std::string& from, const std::string& to) override {
    std::lock_guard lock(mu_);
    auto it = files_.find(from);
    if (it == files_.end()) {
      return Status::NotFound(Describe(from) + ": rename: no such file");
    }
    files_[to] = it->second;
    files_.erase(from);
    return Status::Ok();
  }

  Status Remove(const std::string& name) override {
    std::lock_guard lock(mu_);
    if (files_.erase(name) == 0) {
      return Status::NotFound(Describe(name) + ": remove: no such file");
    }
    return Status::Ok();
  }

  bool Exists(const std::string& name) override {
    std::lock_guard lock(mu_);
    return files_.count(name) > 0;
  }

  Result<std::vector<std::string>> List() override {
    std::lock_guard lock(mu_);
    std::vector<std::string> names;
    for (const auto& [name, bytes] : files_) {
      names.push_back(name);
    }
    return names;
  }

  Status SyncDir() override { return Status::Ok(); }
  Result<std::unique_ptr<DirectoryLock>> Lock(const std::string& name) override {
    std::lock_guard lock(mu_);
    if (!locks_.insert(name).second) {
      return Status::IOError(Describe(name) + ": the index is locked by another writer");
    }
    return std::unique_ptr<DirectoryLock>(new MemoryLock(this, name));
  }

  std::string Describe(const std::string& name) const override { return "mem:" + name; }

  void Unlock(const std::string& name) {
    std::lock_guard lock(mu_);
    locks_.erase(name);
  }

  void Publish(const std::string& name, std::string bytes) {
    std::lock_guard lock(mu_);
    files_[name] = std::make_shared<const std::string>(std::move(bytes));
  }

 private:
  // Releases a lock name when destroyed. The directory must outlive its locks.
  class MemoryLock final : public DirectoryLock {
   public:
    MemoryLock(MemoryDirectory* dir, std::string name) : dir_(dir), name_(std::move(name)) {}
    ~MemoryLock() override { dir_->Unlock(name_); }

   private:
    MemoryDirectory* dir_;
    std::string name_;
  };

  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const std::string>> files_;
  std::set<std::string> locks_;
};

MemoryWritableFile::~MemoryWritableFile() {
  if (!closed_) {
    (void)Close();
  }
}

Status MemoryWritableFile::Close() {
  if (!closed_) {
    closed_ = true;
    dir_->Publish(name_, std::move(buffer_));
  }
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Directory> NewMemoryDirectory() { return std::make_unique<MemoryDirectory>(); }

}  // namespace nsearch
