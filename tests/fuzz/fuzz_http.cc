// Fuzz target: the HTTP server (cpp-httplib's request parser, our request limits, routing and
// every handler) on arbitrary requests, answered in memory by HttpServer::HandleRawRequest over
// the seed index. Reads go to one shared server; writes (POST /documents, DELETE /documents/ID)
// to a fresh writable copy of the index, so each input is answered the same way every time.
//
// Input: byte 0 picks the kind of request, the rest fills it (see BuildRequest). Checks that
// every request gets one well-formed response with an expected status, that error bodies are
// {"error":{"code","message"}} and that other JSON answers parse.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "index/base/directory.h"
#include "index/segment/index_reader.h"
#include "seeds/seed_index.h"
#include "server/http_server.h"
#include "server/search_service.h"
#include "tests/fuzz/fuzz_input.h"

namespace nsearch::fuzz {
namespace {

constexpr std::string_view kKey = "fuzz-key";

[[noreturn]] void Fail(const std::string& what, std::string_view request,
                       std::string_view response) {
  std::fprintf(stderr, "fuzz_http: %s\n--- request\n%.*s\n--- response\n%.*s\n", what.c_str(),
               static_cast<int>(request.size()), request.data(), static_cast<int>(response.size()),
               response.data());
  std::abort();
}

template <typename T>
T Must(Result<T> result) {
  if (!result.ok()) {
    std::fprintf(stderr, "fuzz_http: setup failed: %s\n", result.status().ToString().c_str());
    std::abort();
  }
  return std::move(result).value();
}

// A server over its own search service.
struct Server {
  std::unique_ptr<server::SearchService> service;
  std::unique_ptr<server::HttpServer> http;
};

// Small limits so that inputs reach them.
server::ServerOptions FuzzOptions() {
  server::ServerOptions options;
  options.api_key = kKey;
  options.max_body_bytes = 4096;
  options.max_query_bytes = 256;
  options.max_header_bytes = 2048;
  options.max_headers = 16;
  return options;
}

// The seed index, built once; each server gets a copy of its files.
Directory& SeedIndex() {
  static const std::unique_ptr<Directory> dir = Must(seeds::BuildSeedIndex());
  return *dir;
}

Server NewServer(bool writable) {
  std::unique_ptr<Directory> dir = NewMemoryDirectory();
  for (const std::string& name : Must(SeedIndex().List())) {
    const auto file = Must(SeedIndex().OpenRead(name));
    auto out = Must(dir->Create(name));
    if (!out->Append(file->data()).ok() || !out->Close().ok())
      std::abort();
  }
  auto reader = Must(segment::IndexReader::Open(*dir));
  Server server;
  server.service =
      Must(server::SearchService::Create(std::move(dir), std::move(reader), "fuzz", writable));
  server.http = std::make_unique<server::HttpServer>(server.service.get(), FuzzOptions());
  return server;
}

// Turns fuzz bytes into a request target: URL syntax characters pass as they are (so inputs can
// spell "q=a&limit=3" or a broken %-escape), every other byte is %-escaped (so any byte reaches
// the handler decoded).
std::string Target(std::string_view prefix, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string target(prefix);
  for (const unsigned char c : bytes) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        std::string_view("-._~%&=/?+,:").find(static_cast<char>(c)) != std::string_view::npos) {
      target.push_back(static_cast<char>(c));
    } else {
      target.append({'%', kHex[c >> 4], kHex[c & 15]});
    }
  }
  return target;
}

std::string Request(std::string_view method, const std::string& target, std::string_view headers,
                    std::string_view body) {
  std::string request(method);
  request.append(" ").append(target).append(" HTTP/1.1\r\nHost: fuzz\r\n").append(headers);
  if (!body.empty() || method == "POST")
    request.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  return request.append("\r\n").append(body);
}

struct Built {
  std::string request;
  bool writes = false;  // may change the index
};

Built BuildRequest(uint8_t kind, std::string_view rest) {
  const std::string auth = "Authorization: Bearer " + std::string(kKey) + "\r\n";
  switch (kind % 8) {
    case 0:  // raw bytes, straight to the parser (pipelined extras are ignored)
      return {std::string(rest), rest.find("/documents") != std::string_view::npos};
    case 1:
      return {Request("GET", Target("/search?", rest), "", "")};
    case 2:
      return {Request("POST", "/search", "Content-Type: application/json\r\n", rest)};
    case 3:
      return {Request("POST", "/documents", auth, rest), true};
    case 4:
      return {Request("DELETE", Target("/documents/", rest), auth, ""), true};
    case 5:
      return {Request("GET", Target("/docs/", rest), "", "")};
    default: {  // method, target, header lines, body, each a part
      static constexpr std::string_view kMethods[] = {"GET",    "HEAD",  "POST",   "PUT",
                                                      "DELETE", "PATCH", "OPTIONS"};
      const std::vector<std::string_view> parts = SplitParts(rest, 3);
      const std::string_view method = kMethods[(kind / 8) % std::size(kMethods)];
      std::string headers(parts[1]);
      if (!headers.empty() && headers.back() != '\n')
        headers.append("\r\n");
      if (kind & 0x80)
        headers.append(auth);
      return {Request(method, Target("/", parts[0]), headers, parts[2]), true};
    }
  }
}

// Checks the raw response to `request`.
void CheckResponse(std::string_view request, std::string_view response) {
  if (response.empty()) {
    // cpp-httplib answers nothing only when no request line arrived at all.
    if (!request.empty())
      Fail("no response", request, response);
    return;
  }
  // An "Expect: 100-continue" request first gets an interim response.
  constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  if (response.substr(0, kContinue.size()) == kContinue)
    response.remove_prefix(kContinue.size());
  const size_t head_end = response.find("\r\n\r\n");
  if (response.substr(0, 9) != "HTTP/1.1 " || head_end == std::string_view::npos ||
      response.size() < 12) {
    Fail("malformed response", request, response);
  }
  const int status = std::atoi(std::string(response.substr(9, 3)).c_str());
  static const std::set<int> kExpected = {200, 400, 401, 403, 404, 405, 408,
                                          409, 413, 414, 415, 416, 431};
  if (kExpected.count(status) == 0)
    Fail("unexpected status " + std::to_string(status), request, response);
  const std::string_view head = response.substr(0, head_end);
  const std::string_view body = response.substr(head_end + 4);
  // cpp-httplib takes the method from the first word of even a malformed request line, and
  // answers HEAD without a body.
  const bool head_request = request.substr(0, request.find_first_of(" \r\n")) == "HEAD";
  if (head_request || (status == 200 && head.find("Content-Type: text/html") != head.npos))
    return;
  if (head.find("\r\nContent-Length: " + std::to_string(body.size()) + "\r\n") == head.npos)
    Fail("Content-Length does not match the body", request, response);
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded())
    Fail("the body is not JSON", request, response);
  if (status != 200) {
    if (!json.contains("error") || !json["error"].is_object() || !json["error"].contains("code") ||
        !json["error"]["code"].is_string() || !json["error"].contains("message") ||
        !json["error"]["message"].is_string()) {
      Fail("an error without error.code and error.message", request, response);
    }
  }
}

}  // namespace
}  // namespace nsearch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsearch::fuzz;
  if (size == 0)
    return 0;
  static Server reader = NewServer(/*writable=*/false);
  const Built built =
      BuildRequest(data[0], std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  std::string response;
  if (built.writes) {
    Server writer = NewServer(/*writable=*/true);
    response = writer.http->HandleRawRequest(built.request);
  } else {
    response = reader.http->HandleRawRequest(built.request);
  }
  CheckResponse(built.request, response);
  return 0;
}
