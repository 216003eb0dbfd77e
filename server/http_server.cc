#include "server/http_server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <vector>

#include "server/bounded_server.h"
#include "server/response_json.h"
#include "server/search_page.h"

namespace nsearch::server {
namespace {

using Json = nlohmann::json;

// A fixed pool of worker threads over an unbounded queue whose depth the handlers read, so an
// overloaded server answers 503 quickly instead of making clients wait. Shutdown drains the queue
// (in-flight and queued requests finish) and joins the workers.
class WorkerPool : public httplib::TaskQueue {
 public:
  explicit WorkerPool(size_t threads) {
    for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { Work(); });
  }
  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard lock(mu_);
      tasks_.push_back(std::move(fn));
      depth_.store(tasks_.size(), std::memory_order_relaxed);
    }
    cv_.notify_one();
  }
  void shutdown() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }
  // Requests waiting for a worker.
  size_t depth() const { return depth_.load(std::memory_order_relaxed); }

 private:
  void Work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty())
          return;  // stopping and drained
        fn = std::move(tasks_.front());
        tasks_.pop_front();
        depth_.store(tasks_.size(), std::memory_order_relaxed);
      }
      fn();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  std::atomic<size_t> depth_{0};
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

const char* ErrorCode(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "request_timeout";
    case 409:
      return "conflict";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 415:
      return "unsupported_media_type";
    case 429:
      return "too_many_requests";
    case 431:
      return "headers_too_large";
    case 500:
      return "internal_error";
    case 501:
      return "not_implemented";
    case 503:
      return "overloaded";
    default:
      return "error";
  }
}

// Messages for errors cpp-httplib raises itself, before a handler runs.
std::string DefaultMessage(int status) {
  switch (status) {
    case 404:
      return "no such endpoint; see GET / or docs/openapi.yaml";
    case 413:
      return "the request body is too large";
    case 414:
      return "the request line is too long";
    case 400:
      return "malformed HTTP request";
    default:
      return "HTTP error " + std::to_string(status);
  }
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  const Json body = {{"error", {{"code", ErrorCode(status)}, {"message", message}}}};
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

// The error response for a request that cpp-httplib could not read whole; when the reason was
// one of our RequestLimits, says which.
void SendReadError(httplib::Response& res, const ServerOptions& options) {
  switch (BoundedServer::CurrentLimitHit()) {
    case RequestLimitHit::kNone:
      break;
    case RequestLimitHit::kHeaderBytes:
      if (res.status == 414)
        break;  // the request line alone was too long
      return SendError(res, 431,
                       "the request line and headers are over " +
                           std::to_string(options.max_header_bytes) + " bytes");
    case RequestLimitHit::kHeaderCount:
      return SendError(res, 431,
                       "the request has over " + std::to_string(options.max_headers) + " headers");
    case RequestLimitHit::kBodyBytes:
      return SendError(
          res, 413,
          "the request body is over " + std::to_string(options.max_body_bytes) + " bytes");
    case RequestLimitHit::kBodyEncoding:
      return SendError(res, 415, "compressed request bodies (Content-Encoding) are not accepted");
    case RequestLimitHit::kReceiveTime:
      return SendError(
          res, 408,
          "the request took over " + std::to_string(options.max_request_seconds) + " s to arrive");
  }
  SendError(res, res.status, DefaultMessage(res.status));
}

RequestLimits LimitsOf(const ServerOptions& options) {
  RequestLimits limits;
  limits.max_header_bytes = options.max_header_bytes;
  limits.max_headers = options.max_headers;
  limits.max_body_bytes = options.max_body_bytes;
  limits.max_receive_time = std::chrono::seconds(options.max_request_seconds);
  return limits;
}

void SendJson(httplib::Response& res, std::string body) {
  res.status = 200;
  res.set_content(std::move(body), "application/json");
}

int HttpStatusFor(const Status& status) {
  if (status.IsInvalidArgument())
    return 400;
  // Another writer (an `nsearch index` run, say) holds the index: the client may retry later.
  if (status.message().find("locked by another writer") != std::string::npos)
    return 409;
  if (status.IsNotFound())
    return 404;
  return 500;
}

// Parses a non-negative integer parameter in [0, max]; false with a message otherwise.
bool ParseCount(const std::string& name, const std::string& text, size_t max, size_t* out,
                std::string* error) {
  size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    *error = "parameter \"" + name + "\" must be a whole number, not \"" + text + "\"";
    return false;
  }
  if (value > max) {
    *error = "parameter \"" + name + "\" must be at most " + std::to_string(max);
    return false;
  }
  *out = value;
  return true;
}

// Constant-time comparison so response times do not reveal how much of a key was right.
bool SameKey(const std::string& given, const std::string& expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < expected.size(); ++i) {
    diff |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  }
  return diff == 0;
}

// The search fields of a request, from query parameters or a JSON body.
struct SearchParams {
  std::string q;
  std::string limit = "10";
  std::string offset = "0";
  std::string mode = "query";
  std::string fields;
  std::string explain;                // "true" or "1" to explain each hit's score
  std::string exact_total;            // "false" or "0" to let pruning stop counting
  std::string snippet_bytes = "240";  // longest snippet passage
  std::string weights;                // BM25F field weights, "title=3,body=1"
};

// Sets the parameter `name` (other than the query) of *params to `value`; false if there is no
// such parameter.
bool SetSearchParam(const std::string& name, const std::string& value, SearchParams* params) {
  std::string SearchParams::*const field = name == "limit"           ? &SearchParams::limit
                                           : name == "offset"        ? &SearchParams::offset
                                           : name == "mode"          ? &SearchParams::mode
                                           : name == "fields"        ? &SearchParams::fields
                                           : name == "explain"       ? &SearchParams::explain
                                           : name == "exact_total"   ? &SearchParams::exact_total
                                           : name == "snippet_bytes" ? &SearchParams::snippet_bytes
                                           : name == "weights"       ? &SearchParams::weights
                                                                     : nullptr;
  if (field == nullptr)
    return false;
  params->*field = value;
  return true;
}

// Parses the boolean parameter `name` ("true", "1", "false", "0"; empty keeps *out).
bool ParseFlag(const char* name, const std::string& text, bool* out, std::string* error) {
  if (text == "true" || text == "1") {
    *out = true;
  } else if (text == "false" || text == "0") {
    *out = false;
  } else if (!text.empty()) {
    *error = std::string("parameter \"") + name + "\" must be true or false";
    return false;
  }
  return true;
}

constexpr size_t kMinSnippetBytes = 16;
constexpr size_t kMaxSnippetBytes = 10000;

}  // namespace

class HttpServer::Impl {
 public:
  Impl(SearchService* service, ServerOptions options)
      : service_(service), options_(std::move(options)), server_(LimitsOf(options_)) {
    if (options_.threads == 0) {
      // A worker serves one keep-alive connection at a time, so it takes more workers than
      // cores to keep many clients from queueing; idle workers cost only their stacks.
      options_.threads = std::max<size_t>(64, 8 * std::thread::hardware_concurrency());
    }
    if (options_.max_in_flight == 0)
      options_.max_in_flight = 8 * options_.threads;
    Setup();
  }

  Result<int> Bind() {
    int port = options_.port;
    if (port == 0) {
      port = server_.bind_to_any_port(options_.host);
      if (port < 0)
        return Status::IOError("cannot bind to " + options_.host + " on any port");
    } else if (!server_.bind_to_port(options_.host, port)) {
      return Status::IOError("cannot listen on " + options_.host + ":" + std::to_string(port) +
                             " (in use, or not an address of this machine?)");
    }
    return port;
  }

  Status Run() {
    if (!server_.listen_after_bind())
      return Status::IOError("the server stopped with an error");
    return Status::Ok();
  }
  void Stop() { server_.stop(); }
  std::string HandleRawRequest(std::string_view request) { return server_.ServeBytes(request); }

 private:
  void Setup() {
    const size_t threads = options_.threads;
    server_.new_task_queue = [this, threads] {
      pool_ = new WorkerPool(threads);
      return pool_;
    };
    server_.set_socket_options([](socket_t sock) {
      httplib::default_socket_options(sock);
      // Small JSON answers must not wait for Nagle's algorithm and the client's delayed ACK
      // (40 ms per request otherwise); accepted sockets inherit this from the listening one.
      const int one = 1;
      ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    });
    server_.set_payload_max_length(options_.max_body_bytes);
    server_.set_read_timeout(options_.timeout_seconds, 0);
    server_.set_write_timeout(options_.timeout_seconds, 0);
    // As nginx (keepalive_requests): a busy client reconnects once per thousand requests.
    server_.set_keep_alive_max_count(1000);
    server_.set_keep_alive_timeout(2);

    server_.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return PreRoute(req, res); });
    server_.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
      if (res.body.empty())
        SendReadError(res, options_);
    });
    server_.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "unexpected error";
          try {
            if (ep)
              std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          SendError(res, 500, what);
        });
    if (options_.access_log) {
      server_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        std::fprintf(stderr, "%s %s %s %d %zu\n", req.remote_addr.c_str(), req.method.c_str(),
                     req.target.c_str(), res.status, res.body.size());
      });
    }

    server_.Get("/health", [](const httplib::Request&, httplib::Response& res) {
      SendJson(res, R"({"status":"ok"})");
    });
    server_.Get("/stats", [this](const httplib::Request&, httplib::Response& res) {
      SendJson(res, service_->StatsJson());
    });
    server_.Get("/", [](const httplib::Request&, httplib::Response& res) {
      for (const seeds::EmbeddedFile& file : EmbeddedPageFiles()) {
        if (file.name == "index.html") {
          res.set_header("Content-Security-Policy",
                         "default-src 'self'; style-src 'unsafe-inline'; script-src "
                         "'unsafe-inline'");
          res.set_content(std::string(file.content), "text/html; charset=utf-8");
          return;
        }
      }
      SendError(res, 404, "no search page in this build");
    });
    server_.Get("/search", [this](const httplib::Request& req, httplib::Response& res) {
      SearchParams params;
      if (!req.has_param("q"))
        return SendError(res, 400, "parameter \"q\" (the query) is missing");
      params.q = req.get_param_value("q");
      if (params.q.size() > options_.max_query_bytes) {
        return SendError(res, 414,
                         "query is over " + std::to_string(options_.max_query_bytes) + " bytes");
      }
      for (const auto& [name, value] : req.params) {
        if (name != "q" && !SetSearchParam(name, value, &params))
          return SendError(res, 400, "unknown parameter \"" + name + "\"");
      }
      Search(params, res);
    });
    server_.Post("/search", [this](const httplib::Request& req, httplib::Response& res) {
      Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
      if (body.is_discarded() || !body.is_object()) {
        return SendError(res, 400,
                         "the body must be a JSON object like {\"q\": \"mutual defense\"}");
      }
      SearchParams params;
      for (const auto& [name, value] : body.items()) {
        std::string text;
        if (value.is_string()) {
          text = value.get<std::string>();
        } else if (value.is_number_unsigned()) {
          text = std::to_string(value.get<uint64_t>());
        } else if ((name == "explain" || name == "exact_total") && value.is_boolean()) {
          text = value.get<bool>() ? "true" : "false";
        } else if (name == "fields" && value.is_array()) {
          for (const auto& f : value) {
            if (!f.is_string())
              return SendError(res, 400, "\"fields\" must list field names");
            text.append(text.empty() ? "" : ",").append(f.get<std::string>());
          }
        } else {
          return SendError(res, 400, "field \"" + name + "\" has the wrong type");
        }
        if (name == "q" || name == "query")
          params.q = text;
        else if (!SetSearchParam(name, text, &params))
          return SendError(res, 400, "unknown field \"" + name + "\"");
      }
      if (params.q.empty())
        return SendError(res, 400, "field \"q\" (the query) is missing");
      if (params.q.size() > options_.max_query_bytes) {
        return SendError(res, 400,
                         "query is over " + std::to_string(options_.max_query_bytes) + " bytes");
      }
      Search(params, res);
    });
    server_.Get(R"(/docs/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      auto doc = service_->DocumentById(req.matches[1].str());
      if (!doc.ok())
        return SendError(res, HttpStatusFor(doc.status()), doc.status().message());
      SendJson(res, DocumentToJson(*doc));
    });
    server_.Post("/documents", [this](const httplib::Request& req, httplib::Response& res) {
      if (!Authorized(req, res))
        return;
      auto report = service_->AddJsonl(req.body, input::InputOptions{});
      if (!report.ok()) {
        return SendError(res, HttpStatusFor(report.status()), report.status().message());
      }
      const Json out = {{"added", report->input.documents},
                        {"skipped", report->input.skipped},
                        {"repaired", report->input.repaired},
                        {"warnings", report->warnings},
                        {"generation", report->generation}};
      SendJson(res, out.dump(-1, ' ', false, Json::error_handler_t::replace));
    });
    server_.Delete(R"(/documents/(.+))", [this](const httplib::Request& req,
                                                httplib::Response& res) {
      if (!Authorized(req, res))
        return;
      auto generation = service_->DeleteById(req.matches[1].str());
      if (!generation.ok()) {
        return SendError(res, HttpStatusFor(generation.status()), generation.status().message());
      }
      const Json out = {{"deleted", 1}, {"generation", *generation}};
      SendJson(res, out.dump());
    });
  }

  // Answers 405 for known paths with the wrong method and 503 when too many requests wait.
  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res) {
    static const std::vector<std::pair<std::string, std::set<std::string>>> kRoutes = {
        {"/", {"GET", "HEAD"}},
        {"/health", {"GET", "HEAD"}},
        {"/stats", {"GET", "HEAD"}},
        {"/search", {"GET", "HEAD", "POST"}},
        {"/documents", {"POST"}}};
    static const std::set<std::string> kDocMethods = {"GET", "HEAD"};
    static const std::set<std::string> kDocumentMethods = {"DELETE"};
    const std::set<std::string>* allowed = nullptr;
    for (const auto& [path, methods] : kRoutes) {
      if (req.path == path)
        allowed = &methods;
    }
    if (req.path.rfind("/docs/", 0) == 0)
      allowed = &kDocMethods;
    if (req.path.rfind("/documents/", 0) == 0)
      allowed = &kDocumentMethods;
    if (allowed != nullptr && allowed->count(req.method) == 0) {
      std::string allow;
      for (const std::string& m : *allowed) allow.append(allow.empty() ? "" : ", ").append(m);
      res.set_header("Allow", allow);
      SendError(res, 405,
                req.method + " is not allowed on " + req.path + " (allowed: " + allow + ")");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (pool_ != nullptr && pool_->depth() > options_.max_in_flight) {
      res.set_header("Retry-After", "1");
      SendError(res, 503, "the server is overloaded; retry shortly");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  bool Authorized(const httplib::Request& req, httplib::Response& res) {
    if (options_.api_key.empty()) {
      SendError(res, 403, "writes are disabled; start the server with --api-key to enable them");
      return false;
    }
    const std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (header.rfind(prefix, 0) != 0) {
      res.set_header("WWW-Authenticate", "Bearer");
      SendError(res, 401, "this endpoint needs \"Authorization: Bearer KEY\"");
      return false;
    }
    if (!SameKey(header.substr(prefix.size()), options_.api_key)) {
      SendError(res, 403, "wrong API key");
      return false;
    }
    return true;
  }

  void Search(const SearchParams& params, httplib::Response& res) {
    query::SearchRequest request;
    request.query = params.q;
    std::string error;
    if (!ParseCount("limit", params.limit, options_.max_limit, &request.limit, &error) ||
        !ParseCount("offset", params.offset, options_.max_offset, &request.offset, &error)) {
      return SendError(res, 400, error);
    }
    if (request.limit == 0)
      return SendError(res, 400, "parameter \"limit\" must be at least 1");
    if (!ParseCount("snippet_bytes", params.snippet_bytes, kMaxSnippetBytes,
                    &request.snippet.max_bytes, &error)) {
      return SendError(res, 400, error);
    }
    if (request.snippet.max_bytes < kMinSnippetBytes) {
      return SendError(
          res, 400,
          "parameter \"snippet_bytes\" must be at least " + std::to_string(kMinSnippetBytes));
    }
    if (params.mode == "query")
      request.mode = query::QueryMode::kQuery;
    else if (params.mode == "or")
      request.mode = query::QueryMode::kOr;
    else if (params.mode == "and")
      request.mode = query::QueryMode::kAnd;
    else if (params.mode == "phrase")
      request.mode = query::QueryMode::kPhrase;
    else
      return SendError(res, 400, "parameter \"mode\" must be query, or, and or phrase");
    std::set<std::string> fields;
    size_t start = 0;
    while (start < params.fields.size()) {
      size_t comma = params.fields.find(',', start);
      if (comma == std::string::npos)
        comma = params.fields.size();
      const std::string name = params.fields.substr(start, comma - start);
      if (std::find(std::begin(kHitFields), std::end(kHitFields), name) == std::end(kHitFields)) {
        return SendError(res, 400, "unknown field \"" + name + "\" in \"fields\"");
      }
      fields.insert(name);
      start = comma + 1;
    }
    request.fetch_documents = fields.empty() || fields.count("title") || fields.count("date") ||
                              fields.count("snippet") || fields.count("highlights");
    if (!ParseFlag("explain", params.explain, &request.explain, &error) ||
        !ParseFlag("exact_total", params.exact_total, &request.exact_total, &error)) {
      return SendError(res, 400, error);
    }
    if (params.weights.size() > 1024)
      return SendError(res, 400, "parameter \"weights\" is over 1024 bytes");
    request.field_weights = params.weights;
    auto response = service_->Search(request);
    if (!response.ok()) {
      return SendError(res, HttpStatusFor(response.status()), response.status().message());
    }
    SendJson(res, ResponseToJson(*response, fields));
  }

  SearchService* service_;
  ServerOptions options_;
  BoundedServer server_;
  WorkerPool* pool_ = nullptr;  // owned by server_
};

HttpServer::HttpServer(SearchService* service, ServerOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {}
HttpServer::~HttpServer() = default;
Result<int> HttpServer::Bind() { return impl_->Bind(); }
Status HttpServer::Run() { return impl_->Run(); }
void HttpServer::Stop() { impl_->Stop(); }
std::string HttpServer::HandleRawRequest(std::string_view request) {
  return impl_->HandleRawRequest(request);
}

}  // namespace nsearch::server
