#ifndef NSEARCH_CLI_MAINTAIN_COMMAND_H_
#define NSEARCH_CLI_MAINTAIN_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace nsearch::cli {

struct DeleteArgs {
  std::string index;
  std::vector<std::string> ids;
  std::string ids_file;  // one id per line; "-" for stdin
};

struct MergeArgs {
  std::string index;
  size_t max_segments = 1;
};

// Declares `nsearch delete` and `nsearch merge` on `app`.
CLI::App* AddDeleteCommand(CLI::App& app, DeleteArgs& args);
CLI::App* AddMergeCommand(CLI::App& app, MergeArgs& args);

// Deletes the documents with the given ids and commits; ids with no document get a warning.
// Returns the exit code (1 if the index cannot be opened or the commit fails).
int RunDelete(const DeleteArgs& args);

// Merges the index down to at most --max-segments segments, dropping deleted documents from
// the segments merged, and commits. Returns the exit code.
int RunMerge(const MergeArgs& args);

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_MAINTAIN_COMMAND_H_
