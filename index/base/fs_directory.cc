#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "index/base/directory.h"

namespace nsearch {
namespace {

Status ErrnoStatus(const std::string& what, const std::string& path, int err) {
  std::string msg = path + ": " + what + ": " + std::strerror(err);
  if (err == ENOENT) {
    return Status::NotFound(msg);
  }
  return Status::IOError(msg);
}

class MappedFile final : public ReadableFile {
 public:
  MappedFile(std::string name, const char* data, size_t size)
      : name_(std::move(name)), data_(data), size_(size) {}
  ~MappedFile() override {
    if (size_ > 0) {
      munmap(const_cast<char*>(data_), size_);
    }
  }
  std::string_view data() const override { return {data_, size_}; }
  const std::string& name() const override { return name_; }
  using ReadableFile::DropPages;
  void DropPages(size_t offset, size_t length) const override {
    if (offset >= size_) {
      return;
    }
    static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    const size_t begin = offset / page * page;  // the mapping starts on a page
    const size_t end = std::min(size_, offset + std::min(length, size_ - offset));
    // A hint: errors do not matter.
    ::madvise(const_cast<char*>(data_) + begin, end - begin, MADV_DONTNEED);
  }

 private:
  std::string name_;
  const char* data_;
  size_t size_;
};

class FsWritableFile final : public WritableFile {
 public:
  FsWritableFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~FsWritableFile() override {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  Status Append(std::string_view bytes) override {
    while (!bytes.empty()) {
      ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0) {
        if (errno == EINTR) {
          continue;
        }
        return ErrnoStatus("write", path_, errno);
      }
      bytes.remove_prefix(static_cast<size_t>(n));
      size_ += static_cast<uint64_t>(n);
    }
    return Status::Ok();
  }
  Status Sync() override {
    if (::fsync(fd_) != 0) {
      return ErrnoStatus("fsync", path_, errno);
    }
    return Status::Ok();
  }
  Status Close() override {
    int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0) {
      return ErrnoStatus("close", path_, errno);
    }
    return Status::Ok();
  }
  uint64_t size() const override { return size_; }

 private:
  std::string path_;
  int fd_;
  uint64_t size_ = 0;
};

class FsDirectory final : public Directory {
 public:
  explicit FsDirectory(std::string path) : path_(std::move(path)) {}

  Result<std::shared_ptr<const ReadableFile>> OpenRead(const std::string& name) override {
    const std::string path = Describe(name);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return ErrnoStatus("open", path, errno);
    }
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      int err = errno;
      ::close(fd);
      return ErrnoStatus("stat", path, err);
    }
    if (!S_ISREG(st.st_mode)) {
      ::close(fd);
      return Status::IOError(path + ": not a regular file");
    }
    const auto size = static_cast<size_t>(st.st_size);
    const char* data = nullptr;
    if (size > 0) {
      void* p = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
      if (p == MAP_FAILED) {
        int err = errno;
        ::close(fd);
        return ErrnoStatus("mmap", path, err);
      }
      data = static_cast<const char*>(p);
    }
    ::close(fd);
    return std::shared_ptr<const ReadableFile>(std::make_shared<MappedFile>(name, data, size));
  }

  Result<std::unique_ptr<WritableFile>> Create(const std::string& name) override {
    const std::string path = Describe(name);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      return ErrnoStatus("create", path, errno);
    }
    return std::unique_ptr<WritableFile>(std::make_unique<FsWritableFile>(path, fd));
  }

  Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(Describe(from).c_str(), Describe(to).c_str()) != 0) {
      return ErrnoStatus("rename to " + Describe(to), Describe(from), errno);
    }
    return Status::Ok();
  }

  Status Remove(const std::string& name) override {
    if (::unlink(Describe(name).c_str()) != 0) {
      return ErrnoStatus("remove", Describe(name), errno);
    }
    return Status::Ok();
  }

  bool Exists(const std::string& name) override {
    return ::access(Describe(name).c_str(), F_OK) == 0;
  }

  Result<std::vector<std::string>> List() override {
    DIR* d = ::opendir(path_.c_str());
    if (d == nullptr) {
      return ErrnoStatus("list", path_, errno);
    }
    std::vector<std::string> names;
    while (struct dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") {
        names.push_back(std::move(n));
      }
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
  }

  Status SyncDir() override {
    int fd = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      return ErrnoStatus("open directory", path_, errno);
    }
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) {
      return ErrnoStatus("fsync directory", path_, err);
    }
    return Status::Ok();
  }

  Result<std::unique_ptr<DirectoryLock>> Lock(const std::string& name) override {
    const std::string path = Describe(name);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      return ErrnoStatus("open lock", path, errno);
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      ::close(fd);
      if (err == EWOULDBLOCK) {
        return Status::IOError(path + ": the index is locked by another writer");
      }
      return ErrnoStatus("lock", path, err);
    }
    return std::unique_ptr<DirectoryLock>(new FsLock(fd));
  }

  std::string Describe(const std::string& name) const override { return path_ + "/" + name; }

 private:
  // flock is released when the descriptor closes, also when the process dies.
  class FsLock final : public DirectoryLock {
   public:
    explicit FsLock(int fd) : fd_(fd) {}
    ~FsLock() override { ::close(fd_); }

   private:
    int fd_;
  };

  std::string path_;
};

}  // namespace

Result<std::unique_ptr<Directory>> OpenFsDirectory(const std::string& path, bool create) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT || !create) {
      return ErrnoStatus("open index directory", path, errno);
    }
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) {
      return Status::IOError(path + ": create index directory: " + ec.message());
    }
  } else if (!S_ISDIR(st.st_mode)) {
    return Status::InvalidArgument(path + ": not a directory");
  }
  return std::unique_ptr<Directory>(std::make_unique<FsDirectory>(path));
}

}  // namespace nsearch
