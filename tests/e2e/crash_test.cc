// Kills `nsearch index` with SIGKILL at random moments while it adds batches of documents to one
// index, and checks after every round that the index holds exactly the batches whose commit
// completed: it opens, its document count is right, and a word unique to each batch finds all
// of that batch's documents or none of them. Bounded to a few seconds by default;
// NSEARCH_CRASH_ROUNDS=N runs N rounds, NSEARCH_CRASH_SEED=S replays another seed.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/run_command.h"
#include "tests/support/temp_dir.h"

namespace nsearch::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kDocsPerBatch = 200;
constexpr int kWordsPerDoc = 60;
constexpr int kDefaultRounds = 30;
constexpr uint64_t kDefaultSeed = 20261123;

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::strtoull(v, nullptr, 10) : fallback;
}

// A word found only in batch `k`: letters only ("zqb" + k in letters a..j + "x"), so no tokenizer
// splits it at a digit boundary.
std::string BatchWord(int k) {
  std::string digits = std::to_string(k);
  for (char& c : digits) c = static_cast<char>('a' + (c - '0'));
  return "zqb" + digits + "x";
}

// A fixed vocabulary of pronounceable filler words; none starts with "zq".
std::vector<std::string> Vocabulary() {
  static const char* kSyllables[] = {"ba", "ko", "ri", "te", "mu",  "sa",  "lin", "dor",
                                     "fe", "gu", "po", "va", "nel", "tis", "ham", "cor"};
  std::mt19937 rng(7);
  std::vector<std::string> words;
  for (int i = 0; i < 400; ++i) {
    std::string w;
    const int n = 2 + static_cast<int>(rng() % 3);
    for (int s = 0; s < n; ++s) w += kSyllables[rng() % 16];
    words.push_back(w);
  }
  return words;
}

// Batch `k`: kDocsPerBatch JSONL documents with ids "b<k>-<n>", each holding BatchWord(k) once.
std::string BatchJsonl(int k, const std::vector<std::string>& vocab) {
  std::mt19937 rng(static_cast<uint32_t>(k) * 7919u + 1);
  std::ostringstream out;
  for (int n = 0; n < kDocsPerBatch; ++n) {
    std::string body;
    const int at = static_cast<int>(rng() % kWordsPerDoc);
    for (int w = 0; w < kWordsPerDoc; ++w) {
      body += w == at ? BatchWord(k) : vocab[rng() % vocab.size()];
      body += ' ';
    }
    out << "{\"id\":\"b" << k << '-' << n << "\",\"title\":\"Batch " << k << " document " << n
        << "\",\"body\":\"" << body << "\"}\n";
  }
  return out.str();
}

// File name -> (size, modification time), to see what a killed writer left behind.
using Listing = std::map<std::string, std::pair<uintmax_t, int64_t>>;

Listing List(const fs::path& dir) {
  Listing files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e;
    const auto time = fs::last_write_time(it->path(), e).time_since_epoch().count();
    files[it->path().filename().string()] = {fs::file_size(it->path(), e), time};
  }
  return files;
}

// Where a kill landed, as seen from the files and the document count afterwards. kAfterRename:
// the batch was committed, the process had not exited (it may have been merging segments, which
// commits again).
enum class Landing { kBeforeSegmentFiles, kWritingSegments, kWritingManifest, kAfterRename };

class CrashTest : public ::testing::Test {
 protected:
  std::string Index() const { return (tmp_.path() / "idx").string(); }

  std::string BatchPath(int k) const {
    return (tmp_.path() / "batches" / ("batch_" + std::to_string(k) + ".jsonl")).string();
  }

  // The document count from `nsearch stats`, or -1 if the index does not open.
  int64_t Documents(std::string* err) {
    const CommandResult r = RunNsearch({"stats", "-i", Index(), "--json"}, tmp_.path());
    *err = r.err;
    if (r.exit_code != 0)
      return -1;
    return nlohmann::json::parse(r.out)["documents"].get<int64_t>();
  }

  // Counts the matches of every batch word 0..last in one batch-mode run; empty on failure.
  std::vector<int64_t> BatchCounts(int last, std::string* err) {
    std::string queries;
    for (int k = 0; k <= last; ++k) queries += std::to_string(k) + "\t" + BatchWord(k) + "\n";
    const std::string path = tmp_.Write("queries.tsv", queries);
    const CommandResult r =
        RunNsearch({"-i", Index(), "--queries", path, "--count-only"}, tmp_.path());
    *err = r.err;
    if (r.exit_code != 0)
      return {};
    std::vector<int64_t> counts(static_cast<size_t>(last) + 1, -1);
    std::istringstream lines(r.out);
    std::string qid;
    int64_t count = 0;
    while (lines >> qid >> count) {
      const int k = std::stoi(qid);
      if (k >= 0 && k <= last)
        counts[static_cast<size_t>(k)] = count;
    }
    return counts;
  }

  // Runs `nsearch index` on batch k to the end; returns its wall time in microseconds.
  int64_t RunBatchToEnd(const std::string& index, int k) {
    const auto start = Clock::now();
    BackgroundProcess p = StartNsearch({"index", "-q", "-i", index, BatchPath(k)}, tmp_.path());
    const ProcessEnd end = WaitProcess(p);
    EXPECT_EQ(end.result.exit_code, 0) << end.result.err;
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
  }

  TempDir tmp_;
};

TEST_F(CrashTest, KilledWritersLoseOrDuplicateNoDocuments) {
  const int rounds = static_cast<int>(EnvOr("NSEARCH_CRASH_ROUNDS", kDefaultRounds));
  const uint64_t seed = EnvOr("NSEARCH_CRASH_SEED", kDefaultSeed);
  std::mt19937_64 rng(seed);
  const std::vector<std::string> vocab = Vocabulary();
  // Batch k is used by round k, batch `rounds` by the final run without a kill.
  for (int k = 0; k <= rounds; ++k)
    tmp_.Write("batches/batch_" + std::to_string(k) + ".jsonl", BatchJsonl(k, vocab));

  // Calibrate on a scratch index: how long a run takes into a new index and into an existing
  // one. The index and the commit come last, so delays up to ~1.1x that reach all phases.
  const std::string scratch = (tmp_.path() / "scratch").string();
  int64_t run_us = std::max(RunBatchToEnd(scratch, 0), RunBatchToEnd(scratch, 1));
  ASSERT_FALSE(HasFailure()) << "calibration runs failed";

  const std::string context_prefix = "seed " + std::to_string(seed) +
                                     " (replay: NSEARCH_CRASH_SEED=" + std::to_string(seed) +
                                     " NSEARCH_CRASH_ROUNDS=" + std::to_string(rounds) + "), ";
  std::vector<bool> committed;
  int64_t committed_docs = 0;
  std::map<Landing, int> landings;
  int finished = 0;
  for (int k = 0; k < rounds; ++k) {
    // Half the delays spread over the whole run, half over its end (where the commit is), to
    // land some kills between the manifest's rename and the exit.
    const bool near_end = rng() % 2 == 0;
    const int64_t lo = near_end ? run_us * 6 / 10 : 0;
    const int64_t hi = near_end ? run_us * 11 / 10 : run_us * 12 / 10;
    const int64_t delay_us = lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
    const std::string context = context_prefix + "round " + std::to_string(k) + ", kill after " +
                                std::to_string(delay_us) + " us of ~" + std::to_string(run_us) +
                                " us";
    SCOPED_TRACE(context);

    const Listing before = List(Index());
    const auto start = Clock::now();
    BackgroundProcess p = StartNsearch({"index", "-q", "-i", Index(), BatchPath(k)}, tmp_.path());
    ASSERT_GE(p.pid, 0);
    // Wait for the delay or the exit, whichever comes first, without reaping (WNOWAIT): until
    // WaitProcess reaps it the pid cannot be reused, so the kill reaches no other process.
    const auto deadline = start + std::chrono::microseconds(delay_us);
    Clock::time_point exited = deadline;
    for (;;) {
      siginfo_t info{};
      if (::waitid(P_PID, static_cast<id_t>(p.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
          info.si_pid == p.pid) {
        exited = Clock::now();
        break;
      }
      if (Clock::now() >= deadline)
        break;
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    ::kill(p.pid, SIGKILL);
    const ProcessEnd end = WaitProcess(p);
    const int64_t took_us =
        std::chrono::duration_cast<std::chrono::microseconds>(exited - start).count();

    const bool killed = end.signal == SIGKILL;
    ASSERT_TRUE(killed || end.result.exit_code == 0)
        << "exit " << end.result.exit_code << " signal " << end.signal << ": " << end.result.err;
    std::string err;
    const int64_t docs = Documents(&err);
    if (!killed) {
      ++finished;
      run_us = (run_us * 7 + took_us * 3) / 10;  // follow the index's growth and the load
      ASSERT_EQ(docs, committed_docs + kDocsPerBatch) << err;
      committed.push_back(true);
    } else if (docs < 0) {
      // Only an index that never committed may fail to open, and then it must hold no manifest.
      ASSERT_EQ(committed_docs, 0) << "the index no longer opens after a kill: " << err;
      ASSERT_FALSE(fs::exists(fs::path(Index()) / "MANIFEST")) << err;
      committed.push_back(false);
    } else {
      ASSERT_TRUE(docs == committed_docs || docs == committed_docs + kDocsPerBatch)
          << "documents " << docs << ", committed before " << committed_docs;
      committed.push_back(docs != committed_docs);
    }
    if (killed && delay_us * 10 >= run_us * 9) {
      // A late kill still found the run unfinished: runs got longer (the index grows, a commit
      // merges segments, the machine is busy). Only finished runs measure the length, so grow
      // the estimate here, or the kills drift towards the start of the run.
      run_us = run_us * 21 / 20;
    }
    if (killed) {
      const Listing after = List(Index());
      bool manifest_tmp = false;
      bool segments = false;
      for (const auto& [name, stat] : after) {
        const auto it = before.find(name);
        const bool changed = it == before.end() || it->second != stat;
        if (changed && name == "MANIFEST.tmp")
          manifest_tmp = true;
        if (changed && name.rfind("seg_", 0) == 0)
          segments = true;
      }
      const Landing landing = committed.back() ? Landing::kAfterRename
                              : manifest_tmp   ? Landing::kWritingManifest
                              : segments       ? Landing::kWritingSegments
                                               : Landing::kBeforeSegmentFiles;
      ++landings[landing];
    }
    if (committed.back())
      committed_docs += kDocsPerBatch;

    if ((k + 1) % 100 == 0) {
      std::printf("[crash] round %d: %lld documents committed, %d finished, %zu killed\n", k + 1,
                  static_cast<long long>(committed_docs), finished,
                  static_cast<size_t>(k + 1 - finished));
      std::fflush(stdout);
    }
    // No loss, no duplicates: each batch word matches its whole batch or nothing.
    if (committed_docs > 0) {
      const std::vector<int64_t> counts = BatchCounts(k, &err);
      ASSERT_EQ(counts.size(), static_cast<size_t>(k) + 1) << "search failed: " << err;
      for (int b = 0; b <= k; ++b) {
        EXPECT_EQ(counts[static_cast<size_t>(b)],
                  committed[static_cast<size_t>(b)] ? kDocsPerBatch : 0)
            << "batch " << b << " (" << BatchWord(b) << ")";
      }
      ASSERT_FALSE(HasFailure());
    }
  }

  // A writer after all those kills is not blocked by the LOCK file they left (flock dies with
  // its holder).
  SCOPED_TRACE(context_prefix + "final run without a kill");
  const CommandResult last =
      RunNsearch({"index", "-q", "-i", Index(), BatchPath(rounds)}, tmp_.path());
  ASSERT_EQ(last.exit_code, 0) << last.err;
  committed.push_back(true);
  committed_docs += kDocsPerBatch;
  std::string err;
  ASSERT_EQ(Documents(&err), committed_docs) << err;
  const std::vector<int64_t> counts = BatchCounts(rounds, &err);
  ASSERT_EQ(counts.size(), static_cast<size_t>(rounds) + 1) << err;
  for (int b = 0; b <= rounds; ++b) {
    EXPECT_EQ(counts[static_cast<size_t>(b)], committed[static_cast<size_t>(b)] ? kDocsPerBatch : 0)
        << "batch " << b;
  }

  // A writer that opens the index and then gives up (--strict and a bad line) commits nothing,
  // but its Open has removed every file no manifest lists: what the dead writers left (and
  // segments a merge replaced). Only the live segments' files remain.
  const std::string bad = tmp_.Write("batches/bad.jsonl", "this line is not JSON\n");
  const CommandResult refused =
      RunNsearch({"index", "-q", "--strict", "-i", Index(), bad}, tmp_.path());
  ASSERT_NE(refused.exit_code, 0) << refused.out;
  ASSERT_EQ(Documents(&err), committed_docs) << err;
  const CommandResult stats = RunNsearch({"stats", "-i", Index(), "--json"}, tmp_.path());
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const size_t live_segments = nlohmann::json::parse(stats.out)["segments"].get<size_t>();
  std::set<std::string> segment_names;
  for (const auto& [name, stat] : List(Index())) {
    EXPECT_NE(name, "MANIFEST.tmp");
    if (name.rfind("seg_", 0) == 0) {
      // "seg_" and its number name the segment; any suffix names one of its files.
      const size_t end = name.find_first_not_of("0123456789", 4);
      segment_names.insert(name.substr(0, end));
    }
  }
  EXPECT_EQ(segment_names.size(), live_segments) << "files of dead writers were left behind";

  std::printf(
      "[crash] seed %llu, %d rounds: %d finished before the kill; killed before any segment "
      "file %d, while writing segments %d, while writing the manifest %d, after its rename %d "
      "(committed, not exited); "
      "%lld documents committed\n",
      static_cast<unsigned long long>(seed), rounds, finished,
      landings[Landing::kBeforeSegmentFiles], landings[Landing::kWritingSegments],
      landings[Landing::kWritingManifest], landings[Landing::kAfterRename],
      static_cast<long long>(committed_docs));
}

}  // namespace
}  // namespace nsearch::testing
