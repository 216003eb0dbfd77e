#ifndef NSEARCH_CLI_SERVE_COMMAND_H_
#define NSEARCH_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>

#include "server/http_server.h"

namespace nsearch::cli {

struct ServeArgs {
  std::string index;  // empty: the embedded seeds (read-only)
  server::ServerOptions server;
  size_t max_searches = 0;  // for SearchService::Create; 0: its default (2 per core)
};

// Declares `nsearch serve` on `app` and returns the subcommand.
CLI::App* AddServeCommand(CLI::App& app, ServeArgs& args);

// Serves the index over HTTP until SIGINT or SIGTERM, then lets in-flight requests finish and
// exits 0. Prints "nsearch: listening on http://HOST:PORT" on stdout once it accepts
// connections. The API key may also come from the NSEARCH_API_KEY environment variable.
int RunServe(const ServeArgs& args);

}  // namespace nsearch::cli

#endif  // NSEARCH_CLI_SERVE_COMMAND_H_
