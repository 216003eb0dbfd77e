// Every write-side I/O operation of indexing, replacing, deleting, committing and merging is made
// to fail, one at a time (and the disk made to fill up after every append), and each time:
//   - the writer reports the injected error, never a crash, a hang or a silent success;
//   - the index then opens at its last commit, with exactly that commit's documents (ids, stored
//     fields, FindDocument, a term search) and a clean VerifyIndex;
//   - a second Commit on the failed writer fails again or commits everything before the failed
//     step (the failed Add or Delete may be in or out), never a partial state;
//   - a new writer opens the directory (lock released, leftovers removed) and commits.
// Each test prints its tallies ("[fault injection] ..."), and the binary their sum at the end.
// A commit counts as done once its manifest is renamed into place: an error after that (syncing
// the directory, removing replaced files, a merge that follows) leaves the new commit standing.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "index/analysis/analyzer.h"
#include "index/segment/index_reader.h"
#include "index/segment/index_verifier.h"
#include "index/segment/index_writer.h"
#include "index/store/stored_document.h"
#include "tests/index/segment/test_directory.h"
#include "tests/support/fault_injecting_directory.h"

namespace nsearch::segment {
namespace {

using nsearch::testing::Fault;
using nsearch::testing::FaultInjectingDirectory;
using nsearch::testing::FaultOp;
using nsearch::testing::FaultOpName;
using nsearch::testing::kAllFaultOps;
using store::StoredDocument;

// The word that finds document `n` in version `version` and no other.
std::string Marker(int n, int version) {
  return "mark" + std::to_string(n) + "v" + std::to_string(version);
}

// A few words from a small vocabulary (few terms keep the number of writes, and so of cases,
// small) and the document's marker, last.
StoredDocument MakeDoc(int n, int version = 1) {
  static const char* const kWords[] = {"river", "mountain", "quick", "fox", "lazy", "dog"};
  StoredDocument doc;
  doc.id = "doc-" + std::to_string(n);
  doc.title = kWords[n % 6];
  doc.body = std::string(kWords[(n + version) % 6]) + " " + kWords[(3 * n + 1) % 6] + " " +
             Marker(n, version);
  doc.path = "/corpus/" + doc.id;
  return doc;
}

std::string_view MarkerOf(const StoredDocument& doc) {
  return std::string_view(doc.body).substr(doc.body.rfind(' ') + 1);
}

struct Step {
  enum class Kind { kAdd, kDelete, kCommit, kForceMerge };
  Kind kind;
  StoredDocument doc;  // kAdd
  std::string id;      // kDelete
  bool commits() const { return kind == Kind::kCommit || kind == Kind::kForceMerge; }
};

Step Add(int n, int version = 1) { return {Step::Kind::kAdd, MakeDoc(n, version), ""}; }
Step Delete(const std::string& id) { return {Step::Kind::kDelete, {}, id}; }
Step Delete(int n) { return Delete("doc-" + std::to_string(n)); }
Step Commit() { return {Step::Kind::kCommit, {}, ""}; }
Step ForceMerge() { return {Step::Kind::kForceMerge, {}, ""}; }

// Live documents by id.
using Docs = std::map<std::string, StoredDocument>;

void Apply(const Step& step, Docs* docs) {
  if (step.kind == Step::Kind::kAdd) {
    (*docs)[step.doc.id] = step.doc;
  } else if (step.kind == Step::Kind::kDelete) {
    docs->erase(step.id);
  }
}

struct Scenario {
  const char* name;
  // Each list is run, without faults, by a writer of its own and committed at its end.
  std::vector<std::vector<Step>> setup;
  // Run after `setup` by a writer that flushes a segment per document and is dropped without
  // committing, as if it crashed, leaving files for the next writer's Open to remove.
  std::vector<Step> uncommitted;
  // Run by one writer through the fault-injecting directory.
  std::vector<Step> steps;
  IndexWriterOptions options;
};

IndexWriterOptions BaseOptions(size_t threads) {
  IndexWriterOptions options;
  options.threads = threads;
  options.batch_docs = 1;  // with 2 threads, both get documents
  options.merge_policy = MergePolicy::Never();
  return options;
}

// What one run of a scenario's steps did.
struct RunResult {
  bool opened = false;                  // Open succeeded
  std::unique_ptr<IndexWriter> writer;  // still open after a failure; null if Open failed
  Status status;                        // the first error, Ok if none
  std::optional<size_t> failed_step;    // nullopt: none failed, or Open did
  bool failed_step_committed = false;   // the failing step renamed a manifest into place
};

Status RunStep(IndexWriter& writer, const Step& step) {
  switch (step.kind) {
    case Step::Kind::kAdd:
      return writer.Add(step.doc);
    case Step::Kind::kDelete:
      return writer.Delete(step.id);
    case Step::Kind::kCommit:
      return writer.Commit();
    case Step::Kind::kForceMerge:
      return writer.ForceMerge(1);
  }
  return Status::Ok();
}

// Opens a writer on `dir` and runs `steps` until one fails. `faults`, if given, is `dir`.
RunResult RunSteps(Directory& dir, const FaultInjectingDirectory* faults,
                   const IndexWriterOptions& options, const std::vector<Step>& steps) {
  RunResult result;
  auto writer = IndexWriter::Open(dir, options);
  if (!writer.ok()) {
    result.status = writer.status();
    return result;
  }
  result.opened = true;
  result.writer = std::move(writer).value();
  for (size_t i = 0; i < steps.size(); ++i) {
    const uint64_t manifests_before = faults == nullptr ? 0 : faults->renames_to(kManifestName);
    result.status = RunStep(*result.writer, steps[i]);
    if (!result.status.ok()) {
      result.failed_step = i;
      result.failed_step_committed =
          faults != nullptr && faults->renames_to(kManifestName) > manifests_before;
      break;
    }
  }
  return result;
}

// The live documents once the setup and the first `n` steps have run.
Docs DocsAfter(const Scenario& scenario, size_t n) {
  Docs docs;
  for (const auto& list : scenario.setup) {
    for (const Step& step : list) {
      Apply(step, &docs);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    Apply(scenario.steps[i], &docs);
  }
  return docs;
}

// The committed documents after `result`: those of the last commit that succeeded, or of the
// failing step if it renamed its manifest into place. nullopt when nothing was ever committed.
std::optional<Docs> CommittedAfter(const Scenario& scenario, const RunResult& result) {
  std::optional<Docs> committed;
  if (!scenario.setup.empty()) {
    committed = DocsAfter(scenario, 0);
  }
  if (!result.opened) {
    return committed;
  }
  const size_t end = result.failed_step.value_or(scenario.steps.size());
  for (size_t i = 0; i < end; ++i) {
    if (scenario.steps[i].commits()) {
      committed = DocsAfter(scenario, i + 1);
    }
  }
  if (result.failed_step_committed) {
    committed = DocsAfter(scenario, end);  // a commit step changes no documents itself
  }
  return committed;
}

// Tallies of a sweep, printed at the end of each test and summed over the binary.
struct Tally {
  uint64_t cases = 0;         // runs in which the armed fault fired
  uint64_t reported = 0;      // ... and a writer call returned it
  uint64_t silent = 0;        // ... and every call succeeded (a bug)
  uint64_t after_commit = 0;  // reported by a step whose manifest was in place all the same
  uint64_t retried = 0;       // a second Commit on the failed writer succeeded
  uint64_t lost = 0;          // committed documents missing or changed afterwards
  uint64_t unexpected = 0;    // live documents that no commit holds
  uint64_t not_reached = 0;   // runs that ended before the armed operation (threads vary)
  std::map<std::string, uint64_t> by_kind;  // cases per operation kind ("DiskFull" too)

  void Add(const Tally& other) {
    cases += other.cases;
    reported += other.reported;
    silent += other.silent;
    after_commit += other.after_commit;
    retried += other.retried;
    lost += other.lost;
    unexpected += other.unexpected;
    not_reached += other.not_reached;
    for (const auto& [kind, n] : other.by_kind) {
      by_kind[kind] += n;
    }
  }
  std::string ToString() const {
    std::string s = std::to_string(cases) + " cases (";
    for (const auto& [kind, n] : by_kind) {
      s += (s.back() == '(' ? "" : " ") + kind + " " + std::to_string(n);
    }
    return s + "), " + std::to_string(reported) + " failures reported (" +
           std::to_string(after_commit) + " with the step's commit in place), " +
           std::to_string(silent) + " silent, " + std::to_string(retried) +
           " retried commits succeeded, " + std::to_string(lost) + " documents lost, " +
           std::to_string(unexpected) + " unexpected; " + std::to_string(not_reached) +
           " runs did not reach the fault";
  }
};

Tally& GrandTally() {
  static Tally tally;
  return tally;
}

// Prints the totals of the whole binary (the numbers to quote) after the last test.
class GrandTallyPrinter : public ::testing::Environment {
 public:
  void TearDown() override {
    if (GrandTally().cases > 0) {
      std::printf("[fault injection] all: %s\n", GrandTally().ToString().c_str());
    }
  }
};
[[maybe_unused]] const auto* const kGrandTallyPrinter =
    ::testing::AddGlobalTestEnvironment(new GrandTallyPrinter);

// Where FsDirectory cases live: tmpfs when there is one, because each case fsyncs a few dozen
// times and a disk makes that milliseconds each (the sweeps take minutes instead of seconds);
// the calls and their POSIX semantics (mmap, rename, unlink, flock) are the same.
std::string FsRoot() {
  std::error_code ec;
  return std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : ::testing::TempDir();
}

class FaultInjectionTest : public ::testing::TestWithParam<std::tuple<DirKind, size_t>> {
 protected:
  DirKind kind() const { return std::get<0>(GetParam()); }
  size_t threads() const { return std::get<1>(GetParam()); }

  void TearDown() override {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::printf("[fault injection] %s: %s\n", name.c_str(), tally_.ToString().c_str());
    RecordProperty("cases", static_cast<int>(tally_.cases));
    RecordProperty("failures_reported", static_cast<int>(tally_.reported));
    RecordProperty("documents_lost", static_cast<int>(tally_.lost));
    GrandTally().Add(tally_);
  }

  // A fresh directory holding the scenario's committed starting state.
  std::unique_ptr<TestDirectory> SetUpDirectory(const Scenario& scenario) {
    auto dir = std::make_unique<TestDirectory>(kind(), FsRoot());
    for (const auto& list : scenario.setup) {
      std::vector<Step> steps = list;
      steps.push_back(Commit());
      const RunResult result = RunSteps(dir->dir(), nullptr, BaseOptions(1), steps);
      EXPECT_TRUE(result.status.ok()) << result.status.ToString();
    }
    if (!scenario.uncommitted.empty()) {
      IndexWriterOptions options = BaseOptions(1);
      options.memory_budget = 1;
      const RunResult result = RunSteps(dir->dir(), nullptr, options, scenario.uncommitted);
      EXPECT_TRUE(result.status.ok()) << result.status.ToString();
      EXPECT_TRUE(OverwriteFile(dir->dir(), std::string(kManifestName) + ".tmp", "partial").ok());
    }
    return dir;
  }

  // How much ExpectIndexHolds checks.
  enum class Depth {
    kDocuments,    // the live documents only
    kFull,         // also FindDocument, a search and VerifyIndex
    kNoLeftovers,  // also no file the manifest does not refer to
  };

  // Checks that `dir` holds exactly one of `acceptable` (the closest is reported), or no index
  // when that is nullopt; with kFull, that FindDocument and a search find each document and that
  // VerifyIndex finds no problem. Adds what is lost and unexpected to tally_. Returns the
  // acceptable state it compared with.
  std::optional<Docs> ExpectIndexHolds(Directory& dir,
                                       const std::optional<std::vector<Docs>>& acceptable,
                                       Depth depth = Depth::kFull) {
    auto reader = IndexReader::Open(dir);
    if (!acceptable) {
      EXPECT_TRUE(reader.status().IsNotFound()) << reader.status().ToString();
      return std::nullopt;
    }
    if (!reader.ok()) {
      ADD_FAILURE() << reader.status().ToString();
      return acceptable->front();
    }
    const IndexReader& index = **reader;
    Docs found;
    for (size_t s = 0; s < index.num_segments(); ++s) {
      const SegmentReader& segment = index.segment(s);
      for (uint32_t d = 0; d < segment.num_docs(); ++d) {
        if (index.IsDeleted(index.doc_base(s) + d)) {
          continue;
        }
        auto doc = segment.Document(d);
        if (!doc.ok()) {
          ADD_FAILURE() << doc.status().ToString();
          continue;
        }
        if (!found.emplace(doc->id, *doc).second) {
          ++tally_.unexpected;
          ADD_FAILURE() << doc->id << " is live twice";
        }
      }
    }
    auto differences = [&found](const Docs& expected) {
      size_t n = 0;
      for (const auto& [id, doc] : expected) {
        auto it = found.find(id);
        n += it == found.end() || it->second != doc ? 1 : 0;
      }
      for (const auto& [id, doc] : found) {
        n += expected.count(id) == 0 ? 1 : 0;
      }
      return n;
    };
    const Docs* expected = &acceptable->front();
    for (const Docs& docs : *acceptable) {
      if (differences(docs) < differences(*expected)) {
        expected = &docs;
      }
    }
    for (const auto& [id, doc] : *expected) {
      auto it = found.find(id);
      if (it == found.end() || it->second != doc) {
        ++tally_.lost;
        ADD_FAILURE() << id << " (" << MarkerOf(doc) << ") lost";
        continue;
      }
      if (depth != Depth::kDocuments) {
        ExpectFound(index, doc);
      }
    }
    for (const auto& [id, doc] : found) {
      if (expected->count(id) == 0) {
        ++tally_.unexpected;
        ADD_FAILURE() << id << " (" << MarkerOf(doc) << ") is live but was never committed";
      }
    }
    EXPECT_EQ(index.num_docs(), expected->size());
    if (depth == Depth::kDocuments) {
      return *expected;
    }
    auto report = VerifyIndex(dir);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    if (report.ok()) {
      for (const std::string& problem : report->problems) {
        ADD_FAILURE() << "VerifyIndex: " << problem;
      }
      if (depth == Depth::kNoLeftovers && !report->unreferenced_files.empty()) {
        ADD_FAILURE() << "leftover " << report->unreferenced_files.front();
      }
    }
    return *expected;
  }
  void ExpectIndexHolds(Directory& dir, const std::optional<Docs>& expected,
                        Depth depth = Depth::kFull) {
    (void)ExpectIndexHolds(
        dir, expected ? std::optional(std::vector<Docs>{*expected}) : std::nullopt, depth);
  }

  // FindDocument and a search for its marker both find `doc`, and only it.
  void ExpectFound(const IndexReader& index, const StoredDocument& doc) {
    const std::optional<uint64_t> global = index.FindDocument(doc.id);
    ASSERT_TRUE(global.has_value()) << doc.id;
    const size_t s = index.SegmentOf(*global);
    const auto local = static_cast<postings::DocId>(*global - index.doc_base(s));
    auto stored = index.segment(s).Document(local);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_EQ(*stored, doc);
    const std::vector<analysis::Token> tokens = analyzer_->AnalyzeToVector(MarkerOf(doc));
    ASSERT_EQ(tokens.size(), 1u);
    std::vector<uint64_t> hits;
    for (size_t i = 0; i < index.num_segments(); ++i) {
      auto term = index.segment(i).FindTerm(segment::FieldKey(kDefaultBodyField, tokens[0].term));
      ASSERT_TRUE(term.ok()) << term.status().ToString();
      if (!term->has_value()) {
        continue;
      }
      postings::PostingCursor cursor = index.segment(i).OpenCursor(**term);
      for (auto d = cursor.doc(); d != postings::kEndDoc; d = cursor.Next()) {
        if (!index.IsDeleted(index.doc_base(i) + d)) {
          hits.push_back(index.doc_base(i) + d);
        }
      }
      ASSERT_TRUE(cursor.status().ok()) << cursor.status().ToString();
    }
    EXPECT_EQ(hits, std::vector<uint64_t>{*global}) << MarkerOf(doc);
  }

  // A new writer opens `dir` (so the failed one released the lock), removes every leftover and
  // commits a document on top of `expected`.
  void ExpectWriterRecovers(Directory& dir, const std::optional<Docs>& expected) {
    Docs docs = expected.value_or(Docs{});
    const Step add = Add(1000);
    Apply(add, &docs);
    const RunResult result = RunSteps(dir, nullptr, BaseOptions(1), {add, Commit()});
    ASSERT_TRUE(result.status.ok()) << result.status.ToString();
    ExpectIndexHolds(dir, docs, Depth::kNoLeftovers);
  }

  // Runs `scenario` on a fresh directory with `arm` applied and checks the outcome: with the
  // failed writer still open, after a second Commit on it, after dropping it, and with a new
  // writer. Returns whether the fault fired.
  template <typename ArmFn>
  bool RunCase(const Scenario& scenario, const std::string& kind, const std::string& what,
               ArmFn arm) {
    SCOPED_TRACE(std::string(scenario.name) + ": " + what);
    auto dir = SetUpDirectory(scenario);
    FaultInjectingDirectory faults(dir->dir());
    arm(faults);
    RunResult result = RunSteps(faults, &faults, scenario.options, scenario.steps);
    const std::vector<Status> injected = faults.injected();
    if (injected.empty()) {
      ++tally_.not_reached;
      EXPECT_TRUE(result.status.ok()) << result.status.ToString();
      return false;
    }
    ++tally_.cases;
    ++tally_.by_kind[kind];
    if (result.status.ok()) {
      ++tally_.silent;
      ADD_FAILURE() << "silent success after " << injected.front().ToString();
    } else {
      ++tally_.reported;
      tally_.after_commit += result.failed_step_committed ? 1 : 0;
      // The error that surfaced is one that was injected (so it names the file).
      bool is_injected = false;
      for (const Status& s : injected) {
        is_injected |= result.status.message().find(s.message()) != std::string::npos;
      }
      EXPECT_TRUE(is_injected) << result.status.ToString() << " is not "
                               << injected.front().ToString();
    }
    std::optional<Docs> expected = CommittedAfter(scenario, result);
    {
      SCOPED_TRACE("with the failed writer open");
      ExpectIndexHolds(dir->dir(), expected, Depth::kDocuments);
    }
    if (result.failed_step) {
      // Committing again on the failed writer either fails or commits everything up to the
      // failed step; the failed step's own document (an Add or a Delete) may be in or out.
      const size_t failed = *result.failed_step;
      const uint64_t manifests_before = faults.renames_to(kManifestName);
      const Status retry = result.writer->Commit();
      if (retry.ok() || faults.renames_to(kManifestName) > manifests_before) {
        tally_.retried += retry.ok() ? 1 : 0;
        SCOPED_TRACE("after a second Commit: " + retry.ToString());
        expected = ExpectIndexHolds(dir->dir(), std::vector<Docs>{DocsAfter(scenario, failed),
                                                                  DocsAfter(scenario, failed + 1)});
      }
    }
    result.writer.reset();
    {
      SCOPED_TRACE("after dropping the failed writer");
      ExpectIndexHolds(dir->dir(), expected);
    }
    ExpectWriterRecovers(dir->dir(), expected);
    return true;
  }

  // Fails every operation of every kind in turn, then fills the disk before every append.
  void Sweep(Scenario scenario) {
    scenario.options.threads = threads();
    std::map<FaultOp, uint64_t> counts;
    std::vector<uint64_t> append_sizes;
    {
      SCOPED_TRACE(std::string(scenario.name) + ": without faults");
      auto dir = SetUpDirectory(scenario);
      FaultInjectingDirectory faults(dir->dir());
      RunResult result = RunSteps(faults, &faults, scenario.options, scenario.steps);
      ASSERT_TRUE(result.status.ok()) << result.status.ToString();
      const size_t segments = result.writer->manifest().segments.size();
      result.writer.reset();
      for (FaultOp op : kAllFaultOps) {
        counts[op] = faults.count(op);
      }
      append_sizes = faults.append_sizes();
      ExpectIndexHolds(dir->dir(), CommittedAfter(scenario, result));
      std::printf("[fault injection] %s: %zu segments at the end; operations:", scenario.name,
                  segments);
      for (FaultOp op : kAllFaultOps) {
        std::printf(" %s %llu", FaultOpName(op), static_cast<unsigned long long>(counts[op]));
      }
      std::printf(", %llu bytes\n", static_cast<unsigned long long>(faults.bytes_appended()));
    }
    for (FaultOp op : kAllFaultOps) {
      // With 2 threads, flushes triggered by the memory budget depend on timing, so a run may
      // do more operations than the first: go on while the fault keeps firing.
      bool fired = true;
      for (uint64_t k = 1; k <= counts[op] || (fired && k <= 2 * counts[op] + 8); ++k) {
        // Failing appends are short writes: half of their bytes land.
        const Fault fault{op, k, op == FaultOp::kAppend ? 0.5 : 0.0};
        fired = RunCase(scenario, FaultOpName(op),
                        std::string(FaultOpName(op)) + " #" + std::to_string(k),
                        [&](FaultInjectingDirectory& faults) { faults.Arm(fault); });
      }
    }
    // The disk fills up just before append k: it and every later non-empty append fail,
    // landing nothing. Empty appends fit in a full disk, so limits repeat: each is tried once.
    std::set<uint64_t> limits;
    uint64_t before = 0;
    for (uint64_t size : append_sizes) {
      limits.insert(before);
      before += size;
    }
    for (uint64_t limit : limits) {
      RunCase(scenario, "DiskFull", "disk full after " + std::to_string(limit) + " bytes",
              [&](FaultInjectingDirectory& faults) { faults.SetSpaceLimit(limit); });
    }
  }

  Tally tally_;
  std::unique_ptr<analysis::Analyzer> analyzer_ =
      std::move(analysis::Analyzer::Create(analysis::AnalyzerOptions{})).value();
};

// (a) The first build of an index: nothing is committed before the first Commit succeeds.
TEST_P(FaultInjectionTest, FirstBuildAndCommit) {
  Sweep({"first build", {}, {}, {Add(0), Add(1), Add(2), Add(3), Commit()}, BaseOptions(1)});
}

// (b) Documents added to a committed index, some replacing committed or buffered ones by id;
// a small memory budget makes Add itself write segments.
TEST_P(FaultInjectionTest, AddWithReplacementsToCommittedIndex) {
  Scenario scenario{"add and replace",
                    {{Add(0), Add(1), Add(2), Add(3)}},
                    {},
                    {Add(4), Add(1, 2), Add(5), Add(3, 2), Add(4, 2), Commit()},
                    BaseOptions(1)};
  scenario.options.memory_budget = 2000;
  Sweep(scenario);
}

// (c) Deletions over two commits; the second deletes a whole segment, which is dropped.
TEST_P(FaultInjectionTest, DeletesAndCommits) {
  Sweep({"deletes",
         {{Add(0), Add(1), Add(2), Add(3)}, {Add(4), Add(5)}},
         {},
         {Delete(1), Delete(3), Delete("no-such-id"), Commit(), Delete(4), Delete(5), Commit()},
         BaseOptions(1)});
}

// (d) ForceMerge of three segments, with committed and new deletions, down to one.
TEST_P(FaultInjectionTest, ForceMerge) {
  Sweep({"force merge",
         {{Add(0), Add(1), Add(2)}, {Add(3), Add(4)}, {Delete(4), Add(5)}},
         {},
         {Delete(1), ForceMerge()},
         BaseOptions(1)});
}

// (d) The merges the policy picks after a commit: each is a commit of its own.
TEST_P(FaultInjectionTest, PolicyMergeAfterCommit) {
  Scenario scenario{"policy merge",
                    {{Add(0), Add(1), Add(2)}, {Delete(2)}},
                    {},
                    {Add(3), Add(4), Add(1, 2), Commit()},
                    BaseOptions(1)};
  scenario.options.merge_policy = MergePolicy{};
  scenario.options.merge_policy.segments_per_tier = 2;
  Sweep(scenario);
}

// (e) A writer opening over the files of one that crashed before committing: Open removes them
// (and may fail doing so) before the new documents are committed.
TEST_P(FaultInjectionTest, OpenOverLeftoversOfACrashedWriter) {
  Sweep({"leftovers",
         {{Add(0), Add(1)}},
         {Add(3), Add(1, 2)},
         {Add(2), Add(0, 2), Commit()},
         BaseOptions(1)});
}

std::string ParamName(const ::testing::TestParamInfo<std::tuple<DirKind, size_t>>& info) {
  return std::string(std::get<0>(info.param) == DirKind::kMemory ? "Memory" : "Fs") + "_" +
         std::to_string(std::get<1>(info.param)) + "Threads";
}

INSTANTIATE_TEST_SUITE_P(DirectoriesAndThreads, FaultInjectionTest,
                         ::testing::Combine(::testing::Values(DirKind::kMemory, DirKind::kFs),
                                            ::testing::Values(size_t{1}, size_t{2})),
                         ParamName);

}  // namespace
}  // namespace nsearch::segment
