#ifndef NSEARCH_SERVER_HTTP_SERVER_H_
#define NSEARCH_SERVER_HTTP_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "index/base/result.h"
#include "server/search_service.h"

namespace nsearch::server {

// Limits and settings of the HTTP front end (docs/openapi.yaml describes the API and lists the
// limits, with those cpp-httplib compiles in).
struct ServerOptions {
  std::string host = "127.0.0.1";       // loopback only unless asked otherwise
  int port = 7700;                      // 0: any free port
  size_t threads = 0;                   // 0: max(64, 8 per core)
  bool access_log = false;              // one line per request on stderr
  std::string api_key;                  // empty: write endpoints are off
  size_t max_body_bytes = 8u << 20;     // on the wire, however framed; 413 above
  size_t max_query_bytes = 4096;        // 414 (GET) or 400 (POST) above
  size_t max_limit = 100;               // largest `limit`
  size_t max_offset = 10000;            // largest `offset`
  size_t max_header_bytes = 32u << 10;  // request line + headers; 431 above
  size_t max_headers = 100;             // header lines; 431 above
  int timeout_seconds = 10;             // socket read/write timeout per request
  int max_request_seconds = 60;         // to receive a whole request; 408 above
  size_t max_in_flight = 0;             // 503 above; 0: 8 per thread
};

// The HTTP adapter over a SearchService: it parses requests, calls the service and writes JSON.
// Bind, then Run (blocking) on one thread; Stop from any thread ends Run after in-flight
// requests finish.
class HttpServer {
 public:
  HttpServer(SearchService* service, ServerOptions options);
  ~HttpServer();

  // Binds the listening socket; returns the port (useful with port 0). IOError if it cannot.
  Result<int> Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  Status Run();
  void Stop();

  // Answers one raw HTTP/1.1 request (request line, headers, body) without a socket and returns
  // the raw response: the same parser, limits (but the receive time) and handlers as a
  // connection. For fuzzing and tests; needs no Bind. Thread-safe.
  std::string HandleRawRequest(std::string_view request);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nsearch::server

#endif  // NSEARCH_SERVER_HTTP_SERVER_H_
