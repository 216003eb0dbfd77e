#include "cli/maintain_command.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/cli_status.h"
#include "cli/opened_index.h"
#include "index/segment/index_writer.h"

namespace nsearch::cli {
namespace {

constexpr size_t kMaxUnknownIdsShown = 20;

// Opens the writer of an existing index (never creates one). Errors are reported; nullptr then.
std::unique_ptr<segment::IndexWriter> OpenExistingWriter(const std::string& path,
                                                         std::unique_ptr<Directory>* dir) {
  auto opened = OpenIndexOrSeeds(path);  // checks that an intact index is there
  if (!opened.ok()) {
    ReportError(opened.status());
    return nullptr;
  }
  *dir = std::move(opened->dir);
  auto writer = segment::IndexWriter::Open(**dir, segment::IndexWriterOptions{});
  if (!writer.ok()) {
    ReportError(writer.status());
    return nullptr;
  }
  return std::move(writer).value();
}

Status ReadIds(const std::string& file, std::vector<std::string>* ids) {
  std::ifstream in;
  std::istream* stream = &std::cin;
  if (file != "-") {
    in.open(file);
    if (!in) {
      return Status::IOError(file + ": cannot open");
    }
    stream = &in;
  }
  for (std::string line; std::getline(*stream, line);) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (!line.empty()) {
      ids->push_back(std::move(line));
    }
  }
  if (stream->bad()) {
    return Status::IOError(file + ": read error");
  }
  return Status::Ok();
}

}  // namespace

CLI::App* AddDeleteCommand(CLI::App& app, DeleteArgs& args) {
  CLI::App* cmd = app.add_subcommand("delete", "Delete documents from an index by id");
  cmd->add_option("-i,--index", args.index, "Index directory")->required();
  cmd->add_option("ids", args.ids, "Ids of the documents to delete");
  cmd->add_option("--ids-from", args.ids_file,
                  "Also delete the ids in this file, one per line (- for stdin)");
  return cmd;
}

CLI::App* AddMergeCommand(CLI::App& app, MergeArgs& args) {
  CLI::App* cmd =
      app.add_subcommand("merge", "Merge an index's segments, dropping deleted documents");
  cmd->add_option("-i,--index", args.index, "Index directory")->required();
  cmd->add_option("--max-segments", args.max_segments, "Merge down to this many segments")
      ->check(CLI::Range(size_t{1}, size_t{1} << 20))
      ->capture_default_str();
  return cmd;
}

int RunDelete(const DeleteArgs& args) {
  std::vector<std::string> ids = args.ids;
  if (!args.ids_file.empty()) {
    if (Status s = ReadIds(args.ids_file, &ids); !s.ok())
      return ReportError(s);
  }
  if (ids.empty()) {
    return ReportError(Status::InvalidArgument("no ids given (as arguments or with --ids-from)"));
  }
  std::unique_ptr<Directory> dir;
  std::unique_ptr<segment::IndexWriter> writer = OpenExistingWriter(args.index, &dir);
  if (writer == nullptr)
    return kExitFailure;
  for (const std::string& id : ids) {
    if (Status s = writer->Delete(id); !s.ok())
      return ReportError(s);
  }
  if (Status s = writer->Commit(); !s.ok())
    return ReportError(s);
  const uint64_t deleted = writer->stats().docs_deleted;
  std::printf("deleted %llu of %zu ids from %s\n", static_cast<unsigned long long>(deleted),
              ids.size(), args.index.c_str());
  if (deleted < ids.size()) {
    PrintWarning(std::to_string(ids.size() - deleted) + " ids matched no document");
  }
  return kExitOk;
}

int RunMerge(const MergeArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<Directory> dir;
  std::unique_ptr<segment::IndexWriter> writer = OpenExistingWriter(args.index, &dir);
  if (writer == nullptr)
    return kExitFailure;
  const size_t before = writer->manifest().segments.size();
  if (Status s = writer->ForceMerge(args.max_segments); !s.ok())
    return ReportError(s);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("merged %s: %zu segments -> %zu, %llu documents rewritten in %.2f s\n",
              args.index.c_str(), before, writer->manifest().segments.size(),
              static_cast<unsigned long long>(writer->stats().docs_merged), seconds);
  return kExitOk;
}

}  // namespace nsearch::cli
