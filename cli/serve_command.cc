#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "cli/cli_status.h"
#include "cli/opened_index.h"
#include "server/search_service.h"

namespace nsearch::cli {

CLI::App* AddServeCommand(CLI::App& app, ServeArgs& args) {
  server::ServerOptions& o = args.server;
  CLI::App* cmd =
      app.add_subcommand("serve", "Answer searches over HTTP (JSON API and a search page)");
  cmd->add_option("-i,--index", args.index, "Index directory (default: the embedded seeds)");
  cmd->add_option("--host", o.host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", o.port, "Port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--threads", o.threads,
                  "Worker threads, one per open connection (default: 8 per core, at least 64)")
      ->check(CLI::Range(size_t{1}, size_t{1024}));
  cmd->add_option("--max-searches", args.max_searches,
                  "Searches that run at once; more wait their turn (default: 2 per core)")
      ->check(CLI::Range(size_t{1}, size_t{1024}));
  cmd->add_flag("--access-log", o.access_log, "Log one line per request on stderr");
  cmd->add_option("--api-key", o.api_key,
                  "Enable POST /documents for requests with \"Authorization: Bearer KEY\" "
                  "(or set NSEARCH_API_KEY)");
  cmd->add_option("--max-body", o.max_body_bytes, "Largest request body (e.g. 8MB)")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  cmd->add_option("--max-query-bytes", o.max_query_bytes, "Longest query")
      ->check(CLI::Range(size_t{1}, size_t{16384}))
      ->capture_default_str();
  cmd->add_option("--max-limit", o.max_limit, "Largest limit a request may ask for")
      ->check(CLI::Range(size_t{1}, size_t{10000}))
      ->capture_default_str();
  cmd->add_option("--max-offset", o.max_offset, "Largest offset a request may ask for")
      ->check(CLI::Range(size_t{0}, size_t{990000}))
      ->capture_default_str();
  cmd->add_option("--timeout", o.timeout_seconds, "Seconds a client may take to send or read")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  cmd->add_option("--max-request-time", o.max_request_seconds,
                  "Seconds a client may take to send a whole request (408 above)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  cmd->add_option("--max-header-bytes", o.max_header_bytes,
                  "Largest request line plus headers (431 above)")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  cmd->add_option("--max-headers", o.max_headers, "Most header lines in a request (431 above)")
      ->check(CLI::Range(size_t{1}, size_t{10000}))
      ->capture_default_str();
  return cmd;
}

int RunServe(const ServeArgs& args) {
  server::ServerOptions options = args.server;
  if (options.api_key.empty()) {
    if (const char* key = std::getenv("NSEARCH_API_KEY"))
      options.api_key = key;
  }
  auto index = OpenIndexOrSeeds(args.index);
  if (!index.ok())
    return ReportError(index.status());
  auto service =
      server::SearchService::Create(std::move(index->dir), std::move(index->reader), index->name,
                                    /*writable=*/!args.index.empty(), args.max_searches);
  if (!service.ok())
    return ReportError(service.status());

  // Block the stop signals in every thread; one thread waits for them and stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  server::HttpServer http(service->get(), options);
  auto port = http.Bind();
  if (!port.ok())
    return ReportError(port.status());
  std::printf("nsearch: listening on http://%s:%d (index: %s)\n", options.host.c_str(), *port,
              index->name.c_str());
  std::fflush(stdout);

  std::thread waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    if (signal_number != 0) {
      std::fprintf(stderr, "nsearch: stopping (signal %d); finishing in-flight requests\n",
                   signal_number);
    }
    http.Stop();
  });
  const Status status = http.Run();
  // If Run ended on its own, wake the waiter.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!status.ok())
    return ReportError(status);
  return kExitOk;
}

}  // namespace nsearch::cli
