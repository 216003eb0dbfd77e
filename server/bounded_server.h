#ifndef NSEARCH_SERVER_BOUNDED_SERVER_H_
#define NSEARCH_SERVER_BOUNDED_SERVER_H_

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace nsearch::server {

// What one request may send before a handler sees it.
//
// cpp-httplib's own limits are compiled into Debian's libcpp-httplib.so (0.11.4), so defining
// CPPHTTPLIB_* macros in our build changes nothing. Those built-in limits are: request line
// 8 KiB (CPPHTTPLIB_REQUEST_URI_MAX_LENGTH, 414), each header line 8 KiB
// (CPPHTTPLIB_HEADER_MAX_LENGTH), Content-Length bodies up to set_payload_max_length (413). It
// does not bound the number of headers, a chunked body, a body sent without Content-Length, a
// gzip or brotli body once inflated, nor the total time a slow client takes; these limits close
// those gaps. See docs/openapi.yaml for the full list.
struct RequestLimits {
  size_t max_header_bytes = 32u << 10;  // request line plus headers; 431 above
  size_t max_headers = 100;             // header lines; 431 above
  size_t max_body_bytes = 8u << 20;     // on the wire, chunk framing included; 413 above
  // The whole request (line, headers, body) must arrive within this, from its first byte;
  // 408 otherwise. Slow clients otherwise hold a worker as long as each read beats the
  // per-read timeout.
  std::chrono::milliseconds max_receive_time{60000};
};

// The limit a request ran into while being read.
enum class RequestLimitHit {
  kNone,
  kHeaderBytes,   // over max_header_bytes
  kHeaderCount,   // over max_headers
  kBodyBytes,     // over max_body_bytes
  kBodyEncoding,  // a Content-Encoding other than identity: bodies are never inflated
  kReceiveTime,   // over max_receive_time
};

// An httplib::Server whose connections read each request through a metered stream that enforces
// RequestLimits: once a limit is hit, the request's input ends there, so cpp-httplib answers
// with an error (which the error handler turns into the matching status with
// CurrentLimitHit()) and the connection closes. It can also answer a request held in memory,
// for fuzzing and tests. Thread-safe as httplib::Server is.
class BoundedServer : public httplib::Server {
 public:
  explicit BoundedServer(RequestLimits limits) : limits_(limits) {}

  // Answers the raw HTTP request `request` (request line, headers, body) as if it came on a
  // connection that ends after it, and returns the raw response (empty if there was no request
  // line). Same parser, limits and handlers as a socket, but no receive time limit; needs no
  // Bind. Thread-safe.
  std::string ServeBytes(std::string_view request);

  // The limit hit by the request being answered on this thread; kNone outside a request.
  // For the error handler.
  static RequestLimitHit CurrentLimitHit();

 private:
  // Serves one accepted connection: up to keep-alive-max-count requests, each through a fresh
  // RequestMeter. Overrides cpp-httplib's (private virtual) connection loop.
  bool process_and_close_socket(socket_t sock) override;

  const RequestLimits limits_;
};

}  // namespace nsearch::server

#endif  // NSEARCH_SERVER_BOUNDED_SERVER_H_
