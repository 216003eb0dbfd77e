#include "cli/verify_command.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli_status.h"
#include "cli/opened_index.h"
#include "index/segment/index_verifier.h"

namespace nsearch::cli {
namespace {

unsigned long long Ull(uint64_t n) { return static_cast<unsigned long long>(n); }

void PrintJson(const std::string& index, const segment::VerifyReport& report, double seconds) {
  const nlohmann::ordered_json out = {{"index", index},
                                      {"ok", report.problems.empty()},
                                      {"segments", report.segments},
                                      {"documents", report.documents},
                                      {"deleted", report.deleted},
                                      {"terms", report.terms},
                                      {"postings", report.postings},
                                      {"positions", report.positions},
                                      {"files_checked", report.files_checked},
                                      {"elapsed_seconds", seconds},
                                      {"unreferenced_files", report.unreferenced_files},
                                      {"problems", report.problems}};
  std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

void PrintSummary(const std::string& index, const segment::VerifyReport& report, double seconds) {
  std::printf("index:           %s\n", index.c_str());
  std::printf("segments:        %llu\n", Ull(report.segments));
  std::printf("documents:       %llu (%llu deleted)\n", Ull(report.documents), Ull(report.deleted));
  std::printf("terms:           %llu\n", Ull(report.terms));
  std::printf("postings:        %llu checked (%llu positions)\n", Ull(report.postings),
              Ull(report.positions));
  std::printf("files:           %llu checked\n", Ull(report.files_checked));
  for (const std::string& name : report.unreferenced_files) {
    std::printf("unreferenced:    %s (left by an interrupted writer; the next one removes it)\n",
                name.c_str());
  }
  std::printf("elapsed:         %.2f s\n", seconds);
  if (report.problems.empty()) {
    std::printf("result:          no problems found\n");
  } else {
    std::printf("result:          %zu problem%s\n", report.problems.size(),
                report.problems.size() == 1 ? "" : "s");
  }
}

}  // namespace

CLI::App* AddVerifyCommand(CLI::App& app, VerifyArgs& args) {
  CLI::App* cmd =
      app.add_subcommand("verify", "Check every checksum and invariant of an index, report damage");
  cmd->add_option("-i,--index", args.index, "Index directory")->required();
  cmd->add_flag("--json", args.json, "Print one JSON object");
  cmd->add_flag("-q,--quiet", args.quiet, "Print only the problems");
  return cmd;
}

int RunVerify(const VerifyArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  auto dir = OpenIndexDirectory(args.index, /*create=*/false);
  if (!dir.ok())
    return ReportError(dir.status());
  auto report = segment::VerifyIndex(**dir);
  if (!report.ok()) {
    if (report.status().IsNotFound()) {
      return ReportError(Status::IOError(args.index + ": not an nsearch index (no MANIFEST)"));
    }
    return ReportError(report.status());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (args.json) {
    PrintJson(args.index, *report, seconds);
  } else {
    if (!args.quiet)
      PrintSummary(args.index, *report, seconds);
    for (const std::string& problem : report->problems) {
      std::printf("%s\n", problem.c_str());
    }
  }
  if (report->problems.empty())
    return kExitOk;
  std::fprintf(stderr, "nsearch: %s: %zu problem%s found\n", args.index.c_str(),
               report->problems.size(), report->problems.size() == 1 ? "" : "s");
  return kExitFailure;
}

}  // namespace nsearch::cli
