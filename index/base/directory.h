#ifndef NSEARCH_INDEX_BASE_DIRECTORY_H_
#define NSEARCH_INDEX_BASE_DIRECTORY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/base/result.h"
#include "index/base/status.h"

namespace nsearch {

// An immutable file's bytes, memory-mapped (FsDirectory) or held in memory (MemoryDirectory).
// The bytes stay valid while this object lives. Thread-safe.
class ReadableFile {
 public:
  virtual ~ReadableFile() = default;
  virtual std::string_view data() const = 0;
  // The file's name as given to Directory::OpenRead (for error messages).
  virtual const std::string& name() const = 0;
  // A hint that bytes [offset, offset + length) of data() are not needed soon: a mapped file
  // drops their pages (rounded out to whole pages) from the process's resident set; they stay in
  // the page cache and come back on the next access. data() stays valid. For bulk readers
  // (merges, writers, checksums) that would otherwise keep whole segments resident.
  virtual void DropPages(size_t offset, size_t length) const {
    (void)offset;
    (void)length;
  }
  // The same for the whole file.
  void DropPages() const { DropPages(0, data().size()); }
};

// A file being written, append-only. Call order: Append* [Sync] Close. Not thread-safe.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view bytes) = 0;
  // Makes the appended bytes durable (fsync).
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
  // Bytes appended so far.
  virtual uint64_t size() const = 0;
};

// An exclusive lock on a directory, held until destroyed.
class DirectoryLock {
 public:
  virtual ~DirectoryLock() = default;
};

// A flat namespace of files: the only way index code touches storage, so tests can swap in
// memory or fault injection. Implementations are thread-safe.
class Directory {
 public:
  virtual ~Directory() = default;

  // Opens `name` for reading; NotFound if it does not exist.
  virtual Result<std::shared_ptr<const ReadableFile>> OpenRead(const std::string& name) = 0;
  // Creates or truncates `name` for writing.
  virtual Result<std::unique_ptr<WritableFile>> Create(const std::string& name) = 0;
  // Atomically replaces `to` with `from`.
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual Status Remove(const std::string& name) = 0;
  virtual bool Exists(const std::string& name) = 0;
  // Names of all files, sorted.
  virtual Result<std::vector<std::string>> List() = 0;
  // Makes creations, renames and removals durable (fsync of the directory).
  virtual Status SyncDir() = 0;
  // Takes the exclusive lock named `name` (a file on disk, held with flock, so a crashed holder
  // never leaves it taken); IOError naming it if another holder, in any process, has it.
  virtual Result<std::unique_ptr<DirectoryLock>> Lock(const std::string& name) = 0;
  // Human-readable location of `name` for messages, e.g. "/idx/seg_1.post".
  virtual std::string Describe(const std::string& name) const = 0;
};

// A directory on the local file system. Files are read through mmap.
// Open fails with NotFound when `path` does not exist and `create` is false.
Result<std::unique_ptr<Directory>> OpenFsDirectory(const std::string& path, bool create);

// A directory held in memory; used for the embedded seed index and in tests.
std::unique_ptr<Directory> NewMemoryDirectory();

// Reads a whole file into a string (small files such as the manifest).
Result<std::string> ReadWholeFile(Directory& dir, const std::string& name);

// Writes `bytes` to `name` durably: create a temporary, append, fsync, rename over `name`, fsync
// the directory. Readers see either the old file or the new one, never a mix.
Status WriteFileAtomically(Directory& dir, const std::string& name, std::string_view bytes);

}  // namespace nsearch

#endif  // NSEARCH_INDEX_BASE_DIRECTORY_H_
