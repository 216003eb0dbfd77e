#ifndef NSEARCH_TESTS_SUPPORT_FAULT_INJECTING_DIRECTORY_H_
#define NSEARCH_TESTS_SUPPORT_FAULT_INJECTING_DIRECTORY_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "index/base/directory.h"

namespace nsearch::testing {

// The operations a FaultInjectingDirectory counts and can make fail. Reads (OpenRead, List,
// Exists) and Lock are passed through uncounted.
enum class FaultOp { kCreate, kAppend, kSync, kClose, kRename, kRemove, kSyncDir };
// Every FaultOp, in declaration order (for sweeps).
inline constexpr std::array<FaultOp, 7> kAllFaultOps = {
    FaultOp::kCreate, FaultOp::kAppend, FaultOp::kSync,   FaultOp::kClose,
    FaultOp::kRename, FaultOp::kRemove, FaultOp::kSyncDir};

// "Create", "Append", ...: for test names and messages.
const char* FaultOpName(FaultOp op);

// One fault to inject: the `nth` operation of kind `op` (counted from 1 since the last
// ResetCounts) fails with an IOError naming its file; every other operation succeeds.
struct Fault {
  FaultOp op = FaultOp::kCreate;
  uint64_t nth = 1;
  // kAppend only: the first `landed_fraction` of the failing append's bytes (rounded down)
  // reach the file before the error, a short write. 0 means none do.
  double landed_fraction = 0;
};

// A Directory that forwards to `base` and injects I/O errors on demand, so tests can check what
// index code does when any single write-side operation fails, or when the disk fills up:
//
//   FaultInjectingDirectory faults(base);
//   RunScenario(faults);                                 // learn the counts
//   for (uint64_t k = 1; k <= faults.count(FaultOp::kSync); ++k) {
//     ... faults.ResetCounts(); faults.Arm({FaultOp::kSync, k}); RunScenario(faults); ...
//   }
//
// An injected failure does not touch `base`: a failed Create creates nothing, a failed Sync,
// Rename, Remove or SyncDir does nothing, a failed Close still closes the base file (as close(2)
// releases the descriptor even when it fails), and a failed Append lands only the bytes of a
// short write. Thread-safe, like every Directory. `base` must outlive this object, and this
// object every file it hands out.
class FaultInjectingDirectory final : public Directory {
 public:
  // Starts unarmed, with zero counts.
  explicit FaultInjectingDirectory(Directory& base);

  // Replaces the armed fault (if any) with `fault`; it fires once.
  void Arm(const Fault& fault);
  // Simulates a full disk: once `bytes` have been appended since the last ResetCounts, an
  // append lands only what still fits and fails with an IOError "No space left on device" (an
  // ENOSPC), as does every later append. Independent of Arm.
  void SetSpaceLimit(uint64_t bytes);
  // Removes the armed fault and the space limit.
  void Disarm();
  // Zeroes the operation and byte counters and forgets injected errors; keeps what is armed.
  void ResetCounts();

  // Operations of kind `op` attempted since the last ResetCounts, the failed one included.
  uint64_t count(FaultOp op) const;
  // Bytes that reached `base` through Append since the last ResetCounts.
  uint64_t bytes_appended() const;
  // Sizes of the appends since the last ResetCounts, in order (for choosing space limits).
  std::vector<uint64_t> append_sizes() const;
  // Successful renames onto `name` since the last ResetCounts (e.g. commits of a manifest).
  uint64_t renames_to(const std::string& name) const;
  // Errors injected since the last ResetCounts, in order; each names its file.
  std::vector<Status> injected() const;

  // Directory: Create, Rename, Remove and SyncDir (and Append, Sync and Close on the files
  // Create returns) count the operation, fail it if it is the armed one, else forward to
  // `base`; the others only forward. Describe names files as `base` does.
  Result<std::shared_ptr<const ReadableFile>> OpenRead(const std::string& name) override;
  Result<std::unique_ptr<WritableFile>> Create(const std::string& name) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Remove(const std::string& name) override;
  bool Exists(const std::string& name) override;
  Result<std::vector<std::string>> List() override;
  Status SyncDir() override;
  Result<std::unique_ptr<DirectoryLock>> Lock(const std::string& name) override;
  std::string Describe(const std::string& name) const override;

 private:
  class File;

  // Counts an operation of kind `op` on `name`; returns the error to inject, or Ok.
  Status Check(FaultOp op, const std::string& name, const std::string& what);
  // Counts an append of `size` bytes to `name`; returns how many bytes may land and, in
  // `*error`, the error to report after landing them (Ok when all land).
  uint64_t CheckAppend(const std::string& name, uint64_t size, Status* error);
  Status Inject(const std::string& name, const std::string& what, const char* reason);

  Directory& base_;
  mutable std::mutex mu_;
  std::array<uint64_t, kAllFaultOps.size()> counts_{};
  uint64_t bytes_appended_ = 0;
  std::vector<uint64_t> append_sizes_;
  std::map<std::string, uint64_t> renames_;  // target -> successful renames onto it
  std::vector<Status> injected_;
  bool armed_ = false;
  Fault fault_;
  bool limited_ = false;
  uint64_t space_limit_ = 0;
};

}  // namespace nsearch::testing

#endif  // NSEARCH_TESTS_SUPPORT_FAULT_INJECTING_DIRECTORY_H_
