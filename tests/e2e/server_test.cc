// Starts the real `nsearch serve` on a free loopback port and talks HTTP to it.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "tests/e2e/run_command.h"
#include "tests/support/temp_dir.h"

namespace nsearch::testing {
namespace {

using Json = nlohmann::json;
using std::chrono::milliseconds;

// Opens a TCP connection to `address`:`port`; -1 if it cannot.
int Connect(in_addr_t address, int port) {
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = address;
  if (::connect(sock, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(sock);
    return -1;
  }
  return sock;
}

// Sends `parts` on one loopback connection, `pause` apart, stopping early once the server
// answers; then returns all it sends until it closes the connection (at most 10 s).
std::string Exchange(int port, const std::vector<std::string>& parts,
                     milliseconds pause = milliseconds(0)) {
  const int sock = Connect(htonl(INADDR_LOOPBACK), port);
  if (sock < 0)
    return "";
  pollfd fd{sock, POLLIN, 0};
  for (const std::string& part : parts) {
    if (::poll(&fd, 1, 0) > 0)
      break;  // answered (or closed) already
    if (::send(sock, part.data(), part.size(), MSG_NOSIGNAL) < 0)
      break;
    std::this_thread::sleep_for(pause);
  }
  std::string response;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  char buffer[4096];
  while (std::chrono::steady_clock::now() < until && ::poll(&fd, 1, 10000) > 0) {
    const ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
    if (n <= 0)
      break;
    response.append(buffer, static_cast<size_t>(n));
  }
  ::close(sock);
  return response;
}

// The status and body of a raw response, "" and 0 if malformed.
std::pair<int, Json> ParseRaw(const std::string& response) {
  const size_t end = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos)
    return {0, Json()};
  return {std::stoi(response.substr(9, 3)),
          Json::parse(response.substr(end + 4), nullptr, /*allow_exceptions=*/false)};
}

class ServerTest : public ::testing::Test {
 protected:
  void Start(const std::vector<std::string>& args) {
    server_ = std::make_unique<ServerProcess>(args, tmp_.path().string());
    ASSERT_TRUE(server_->started()) << server_->Stderr();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(30, 0);
  }

  // Builds an index directory of two JSONL documents and returns its path.
  std::string BuildIndex() {
    const std::string corpus = tmp_.Write(
        "c.jsonl",
        "{\"id\":\"a\",\"title\":\"Alpha\",\"body\":\"mutual defense treaty\"}\n"
        "{\"id\":\"b\",\"title\":\"Beta\",\"body\":\"grain trade\",\"date\":\"2024-06-01\"}\n");
    const std::string index = (tmp_.path() / "idx").string();
    const CommandResult r = RunNsearch({"index", "-i", index, corpus}, tmp_.path().string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return index;
  }

  static Json Body(const httplib::Result& res) {
    return res ? Json::parse(res->body, nullptr, false) : Json();
  }

  static void ExpectError(const httplib::Result& res, int status, const std::string& part = "") {
    ASSERT_TRUE(res) << "no response";
    EXPECT_EQ(res->status, status) << res->body;
    const Json body = Json::parse(res->body, nullptr, false);
    ASSERT_TRUE(body.contains("error")) << res->body;
    EXPECT_TRUE(body["error"].contains("code"));
    EXPECT_NE(body["error"]["message"].get<std::string>().find(part), std::string::npos)
        << res->body;
  }

  TempDir tmp_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, SearchAnswersLikeTheCliJson) {
  Start({});
  const auto res = client_->Get("/search?q=mutual%20defense");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  const Json body = Body(res);
  EXPECT_EQ(body["query"], "mutual defense");
  EXPECT_EQ(body["total"], 5);
  EXPECT_EQ(body["total_exact"], true);
  EXPECT_EQ(body["hits"][0]["id"], "004_7550fd385f871b0d");
  for (const char* field : {"id", "score", "title", "date", "snippet", "highlights"}) {
    EXPECT_TRUE(body["hits"][0].contains(field)) << field;
  }
  const CommandResult cli = RunNsearch({"mutual defense", "--json"}, tmp_.path().string());
  const Json cli_body = Json::parse(cli.out);
  ASSERT_EQ(cli_body["hits"].size(), body["hits"].size());
  for (size_t i = 0; i < body["hits"].size(); ++i) {
    EXPECT_EQ(cli_body["hits"][i]["id"], body["hits"][i]["id"]);
    EXPECT_EQ(cli_body["hits"][i]["snippet"], body["hits"][i]["snippet"]);
  }
}

TEST_F(ServerTest, PostSearchPagingAndFields) {
  Start({});
  const auto all = Body(client_->Get("/search?q=korea"));
  const auto page = client_->Post(
      "/search", R"({"q":"korea","limit":2,"offset":1,"fields":["id"]})", "application/json");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  const Json body = Body(page);
  ASSERT_EQ(body["hits"].size(), 2u);
  EXPECT_EQ(body["hits"][0]["id"], all["hits"][1]["id"]);
  EXPECT_EQ(body["hits"][0].size(), 1u);  // only "id"
  const Json some = Body(client_->Get("/search?q=korea&fields=id,score&limit=1"));
  EXPECT_EQ(some["hits"][0].size(), 2u);
  // Snippet length, in GET and POST; the passage plus an ellipsis (3 bytes) at each cut end.
  const Json short_get = Body(client_->Get("/search?q=korea&snippet_bytes=40"));
  const auto short_post =
      client_->Post("/search", R"({"q":"korea","snippet_bytes":40})", "application/json");
  ASSERT_TRUE(short_post);
  const Json short_posted = Body(short_post);
  for (const Json* response : {&short_get, &short_posted}) {
    ASSERT_FALSE((*response)["hits"].empty());
    for (const auto& hit : (*response)["hits"]) {
      EXPECT_LE(hit["snippet"].get<std::string>().size(), 40u + 6u) << hit.dump();
    }
  }
  ExpectError(client_->Get("/search?q=korea&snippet_bytes=5"), 400, "snippet_bytes");
  ExpectError(client_->Get("/search?q=korea&snippet_bytes=20000"), 400, "snippet_bytes");
}

TEST_F(ServerTest, FieldWeightsAndFieldQueries) {
  Start({});
  // Two seeds have "mutual" in their titles, all five in their bodies.
  const Json only_title = Body(client_->Get("/search?q=title%3A%22mutual+defense%22"));
  ASSERT_EQ(only_title["hits"].size(), 1u) << only_title.dump();
  EXPECT_EQ(only_title["hits"][0]["id"], "004_7550fd385f871b0d");
  const Json heavy = Body(client_->Get("/search?q=mutual&weights=title%3D10"));
  ASSERT_EQ(heavy["hits"].size(), 5u) << heavy.dump();
  EXPECT_NE(heavy["hits"][1]["title"].get<std::string>().find("mutual"), std::string::npos);
  const Json light = Body(client_->Get("/search?q=mutual&weights=title%3D0.01"));
  ASSERT_EQ(light["hits"].size(), 5u) << light.dump();
  EXPECT_NE(light["hits"][1]["id"], heavy["hits"][1]["id"]);
  const Json posted =
      Body(client_->Post("/search", R"({"q":"mutual","weights":"title=10"})", "application/json"));
  EXPECT_EQ(posted["hits"], heavy["hits"]);
  ExpectError(client_->Get("/search?q=mutual&weights=summary%3D2"), 400, "summary");
  ExpectError(client_->Get("/search?q=mutual&weights=title%3D-1"), 400, "title=-1");
  ExpectError(client_->Get("/search?q=summary%3Amutual"), 400, "unknown field");
}

TEST_F(ServerTest, DocsStatsHealthAndPage) {
  Start({});
  const Json doc = Body(client_->Get("/docs/004_7550fd385f871b0d"));
  EXPECT_EQ(doc["title"], "Kim Jong Un and Putin sign mutual defense pact in North Korea");
  EXPECT_NE(doc["body"].get<std::string>().find("mutual defense"), std::string::npos);
  ExpectError(client_->Get("/docs/no-such-id"), 404, "no-such-id");
  const Json stats = Body(client_->Get("/stats"));
  EXPECT_EQ(stats["documents"], 5);
  for (const char* field : {"segments", "terms", "index_bytes", "uptime_s", "queries_served"}) {
    EXPECT_TRUE(stats.contains(field)) << field;
  }
  EXPECT_EQ(Body(client_->Get("/health"))["status"], "ok");
  const auto page = client_->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<input id=\"q\""), std::string::npos);
  EXPECT_EQ(page->body.find("http://"), std::string::npos) << "no external assets";
}

TEST_F(ServerTest, ErrorsHaveTheRightStatusAndJson) {
  Start({"--max-body", "1KB", "--max-query-bytes", "100"});
  ExpectError(client_->Get("/search?q=%22mutual%20defense"), 400, "column 1");
  ExpectError(client_->Get("/search"), 400, "\"q\"");
  ExpectError(client_->Get("/search?q=x&limit=abc"), 400, "limit");
  ExpectError(client_->Get("/search?q=x&limit=100000"), 400, "limit");
  ExpectError(client_->Get("/search?q=x&offset=-1"), 400, "offset");
  ExpectError(client_->Get("/search?q=x&mode=fuzzy"), 400, "mode");
  ExpectError(client_->Get("/search?q=x&fields=secret"), 400, "secret");
  ExpectError(client_->Get("/search?q=x&bogus=1"), 400, "bogus");
  ExpectError(client_->Get("/search?q=" + std::string(200, 'a')), 414);
  ExpectError(client_->Get("/search?q=" + std::string(9000, 'a')), 414);
  ExpectError(client_->Post("/search", "not json", "application/json"), 400, "JSON object");
  ExpectError(client_->Post("/search", R"({"q":"x","limit":true})", "application/json"), 400);
  ExpectError(client_->Post("/search", std::string(5000, ' '), "application/json"), 413);
  ExpectError(client_->Get("/no/such/thing"), 404);
  const auto put = client_->Put("/search", "", "text/plain");
  ExpectError(put, 405);
  EXPECT_NE(put->get_header_value("Allow").find("GET"), std::string::npos);
  ExpectError(client_->Delete("/stats"), 405);
  EXPECT_EQ(Body(client_->Get("/health"))["status"], "ok") << "still alive";
}

TEST_F(ServerTest, WritesNeedTheKeyAndBecomeSearchable) {
  const std::string index = BuildIndex();
  Start({"-i", index, "--api-key", "sekret"});
  const std::string jsonl = "{\"id\":\"c\",\"title\":\"Gamma\",\"body\":\"zebra crossing\"}\n";
  ExpectError(client_->Post("/documents", jsonl, "application/x-ndjson"), 401);
  httplib::Headers wrong = {{"Authorization", "Bearer nope"}};
  ExpectError(client_->Post("/documents", wrong, jsonl, "application/x-ndjson"), 403);
  httplib::Headers right = {{"Authorization", "Bearer sekret"}};
  const auto added =
      client_->Post("/documents", right, jsonl + "{broken\n", "application/x-ndjson");
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 200) << added->body;
  EXPECT_EQ(Body(added)["added"], 1);
  EXPECT_EQ(Body(added)["skipped"], 1);
  EXPECT_EQ(Body(client_->Get("/search?q=zebra"))["hits"][0]["id"], "c");
  EXPECT_EQ(Body(client_->Get("/stats"))["documents"], 3);
  ExpectError(client_->Post("/documents", right, "{broken\n", "application/x-ndjson"), 400);
  // The commit is durable: a fresh CLI process sees it.
  const CommandResult cli = RunNsearch({"-i", index, "zebra", "--json"}, tmp_.path().string());
  EXPECT_EQ(Json::parse(cli.out)["total"], 1);
}

TEST_F(ServerTest, DeletesAndReplacementsAreCommitted) {
  const std::string index = BuildIndex();
  Start({"-i", index, "--api-key", "sekret"});
  httplib::Headers right = {{"Authorization", "Bearer sekret"}};
  ExpectError(client_->Delete("/documents/c"), 401);
  ExpectError(client_->Delete("/documents/c", httplib::Headers{{"Authorization", "Bearer x"}}),
              403);
  const std::string jsonl = "{\"id\":\"c\",\"title\":\"Gamma\",\"body\":\"zebra crossing\"}\n";
  ASSERT_EQ(client_->Post("/documents", right, jsonl, "application/x-ndjson")->status, 200);
  // The same id again replaces the document.
  const std::string again = "{\"id\":\"c\",\"title\":\"Gamma 2\",\"body\":\"okapi crossing\"}\n";
  ASSERT_EQ(client_->Post("/documents", right, again, "application/x-ndjson")->status, 200);
  EXPECT_EQ(Body(client_->Get("/search?q=zebra"))["total"], 0);
  EXPECT_EQ(Body(client_->Get("/search?q=okapi"))["hits"][0]["id"], "c");
  EXPECT_EQ(Body(client_->Get("/docs/c"))["title"], "Gamma 2");
  EXPECT_EQ(Body(client_->Get("/stats"))["documents"], 3);

  const auto deleted = client_->Delete("/documents/c", right);
  ASSERT_TRUE(deleted);
  ASSERT_EQ(deleted->status, 200) << deleted->body;
  EXPECT_EQ(Body(deleted)["deleted"], 1);
  EXPECT_EQ(Body(client_->Get("/search?q=okapi"))["total"], 0);
  ExpectError(client_->Get("/docs/c"), 404);
  ExpectError(client_->Delete("/documents/c", right), 404, "no document");
  EXPECT_EQ(Body(client_->Get("/stats"))["documents"], 2);
  // Durable: a fresh CLI process agrees.
  const CommandResult cli = RunNsearch({"-i", index, "crossing", "--json"}, tmp_.path().string());
  EXPECT_EQ(Json::parse(cli.out)["total"], 0);
}

TEST_F(ServerTest, SeedServerRefusesWrites) {
  Start({"--api-key", "k"});
  httplib::Headers right = {{"Authorization", "Bearer k"}};
  ExpectError(
      client_->Post("/documents", right, "{\"id\":\"x\",\"body\":\"y\"}\n", "application/x-ndjson"),
      400, "not writable");
}

TEST_F(ServerTest, ConcurrentSearchesWhileDocumentsAreAdded) {
  const std::string index = BuildIndex();
  Start({"-i", index, "--api-key", "k", "--threads", "4"});
  // cpp-httplib's client builds a static std::regex on its first response. Do that here: TSan
  // cannot see the (uninstrumented) guard ordering it before the reader threads use it.
  ASSERT_TRUE(client_->Get("/health"));
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::atomic<int> searches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      httplib::Client client("127.0.0.1", server_->port());
      while (!stop.load()) {
        const auto res = client.Get("/search?q=treaty%20zebra&limit=5");
        if (!res || res->status != 200 ||
            !Json::parse(res->body, nullptr, false).contains("hits")) {
          ++failures;
        }
        ++searches;
      }
    });
  }
  httplib::Headers key = {{"Authorization", "Bearer k"}};
  for (int i = 0; i < 10; ++i) {
    const std::string doc =
        "{\"id\":\"z" + std::to_string(i) + "\",\"body\":\"zebra " + std::to_string(i) + "\"}\n";
    const auto res = client_->Post("/documents", key, doc, "application/x-ndjson");
    if (!res) {  // not ASSERT: the readers must be joined first
      ADD_FAILURE() << "no response; the server said:\n" << server_->Stderr();
      break;
    }
    EXPECT_EQ(res->status, 200) << res->body;
  }
  stop = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(searches.load(), 0);
  EXPECT_EQ(Body(client_->Get("/search?q=zebra&limit=20"))["total"], 10);
}

TEST_F(ServerTest, StopsCleanlyOnSigterm) {
  Start({});
  EXPECT_EQ(Body(client_->Get("/health"))["status"], "ok");
  EXPECT_EQ(server_->Stop(), 0) << server_->Stderr();
  EXPECT_NE(server_->Stderr().find("stopping"), std::string::npos);
  EXPECT_FALSE(client_->Get("/health"));
}

TEST_F(ServerTest, MissingIndexFailsToStart) {
  ServerProcess server({"-i", (tmp_.path() / "nothing").string()}, tmp_.path().string());
  EXPECT_FALSE(server.started());
}

TEST_F(ServerTest, SearchExplainsScores) {
  Start({});
  const Json get = Body(client_->Get("/search?q=%22mutual%20defense%22%20korea&explain=true"));
  ASSERT_TRUE(get.contains("hits")) << get;
  ASSERT_FALSE(get["hits"].empty());
  for (const auto& hit : get["hits"]) {
    ASSERT_TRUE(hit.contains("explanation")) << hit;
    const double score = hit["score"].get<double>();
    EXPECT_LE(std::abs(hit["explanation"]["value"].get<double>() - score), 1e-9 * score) << hit;
  }
  EXPECT_NE(get.dump().find("phrase \\\"mutual defens\\\""), std::string::npos) << get;
  EXPECT_FALSE(
      Body(client_->Get("/search?q=korea&explain=false"))["hits"][0].contains("explanation"));
  const Json post =
      Body(client_->Post("/search", R"({"q":"korea","explain":true})", "application/json"));
  ASSERT_FALSE(post["hits"].empty()) << post;
  EXPECT_EQ(post["hits"][0]["explanation"]["value"], post["hits"][0]["score"]);
  ExpectError(client_->Get("/search?q=korea&explain=maybe"), 400, "explain");
}

// Security (issue 7): the server listens on loopback unless told otherwise.
TEST_F(ServerTest, BindsToLoopbackByDefault) {
  Start({});
  EXPECT_NE(server_->Stdout().find("http://127.0.0.1:"), std::string::npos) << server_->Stdout();
  // No other address of this machine accepts connections on the port.
  ifaddrs* addresses = nullptr;
  ASSERT_EQ(::getifaddrs(&addresses), 0);
  int tried = 0;
  for (const ifaddrs* a = addresses; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET)
      continue;
    const in_addr_t address = reinterpret_cast<const sockaddr_in*>(a->ifa_addr)->sin_addr.s_addr;
    if ((ntohl(address) >> 24) == 127)
      continue;
    ++tried;
    const int sock = Connect(address, server_->port());
    EXPECT_LT(sock, 0) << "reachable on " << a->ifa_name;
    if (sock >= 0)
      ::close(sock);
  }
  ::freeifaddrs(addresses);
  EXPECT_EQ(Body(client_->Get("/health"))["status"], "ok");
  std::printf("checked %d non-loopback addresses\n", tried);
}

// Keys that share a prefix with the real one, extend it or differ in case are all refused
// (SameKey compares every byte of the key whatever the input, in constant time).
TEST_F(ServerTest, RefusesEveryKeyButTheExactOne) {
  const std::string index = BuildIndex();
  Start({"-i", index, "--api-key", "sekret"});
  const std::string jsonl = "{\"id\":\"c\",\"body\":\"zebra\"}\n";
  for (const char* key : {"", "s", "sekre", "sekret2", "SEKRET", " sekret", "sekreu"}) {
    const httplib::Headers auth = {{"Authorization", std::string("Bearer ") + key}};
    const auto res = client_->Post("/documents", auth, jsonl, "application/x-ndjson");
    ASSERT_TRUE(res) << key;
    EXPECT_TRUE(res->status == 401 || res->status == 403) << key << ": " << res->status;
  }
  ExpectError(client_->Post("/documents", {{"Authorization", "Basic c2VrcmV0"}}, jsonl,
                            "application/x-ndjson"),
              401);
  ExpectError(client_->Delete("/documents/a", {{"Authorization", "bearer sekret"}}), 401);
  EXPECT_EQ(Body(client_->Get("/stats"))["documents"], 2) << "nothing was written";
}

// No path reaches a file: documents come from the index by id, and nothing is served from disk.
TEST_F(ServerTest, NoRequestReadsAFileOutsideTheIndex) {
  const std::string index = BuildIndex();
  Start({"-i", index, "--api-key", "k"});
  const httplib::Headers key = {{"Authorization", "Bearer k"}};
  for (const std::string path :
       {"/docs/../../etc/passwd", "/docs/..%2F..%2F..%2Fetc%2Fpasswd",
        "/docs/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/docs/MANIFEST", "/docs/..%2FMANIFEST", "/MANIFEST", "/index.html", "/page/index.html",
        "/server/page/index.html", "/docs/%2Fetc%2Fpasswd", "//etc/passwd"}) {
    const auto res = client_->Get(path.c_str());
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path << ": " << res->body;
    EXPECT_EQ(res->body.find("root:"), std::string::npos) << path;
    EXPECT_TRUE(Json::parse(res->body, nullptr, false).contains("error")) << path;
  }
  // Nor does a raw request line that the client library would have normalized.
  const auto [status, body] =
      ParseRaw(Exchange(server_->port(), {"GET /docs/../../../../etc/passwd HTTP/1.1\r\n"
                                          "Connection: close\r\n\r\n"}));
  EXPECT_EQ(status, 404);
  EXPECT_TRUE(body.contains("error"));
  // Deleting by a path-like id deletes no file.
  ExpectError(client_->Delete("/documents/..%2FMANIFEST", key), 404, "no document");
  ExpectError(client_->Delete("/documents/MANIFEST", key), 404, "no document");
  const CommandResult cli = RunNsearch({"-i", index, "treaty", "--json"}, tmp_.path().string());
  EXPECT_EQ(Json::parse(cli.out)["total"], 1) << cli.err;
}

// Headers, bodies (however framed or encoded), the result window and the time to send a
// request are all bounded.
TEST_F(ServerTest, BoundsRequestSizesAndTime) {
  Start({"--max-body", "1KB", "--max-request-time", "1", "--timeout", "5"});
  const int port = server_->port();
  httplib::Headers many;
  for (int i = 0; i < 101; ++i) many.emplace("X-H" + std::to_string(i), "v");
  ExpectError(client_->Get("/health", many), 431, "over 100 headers");
  httplib::Headers big;
  for (int i = 0; i < 5; ++i) big.emplace("X-B" + std::to_string(i), std::string(7000, 'b'));
  ExpectError(client_->Get("/health", big), 431, "over 32768 bytes");
  // A chunked body is counted on the wire, where cpp-httplib's payload limit does not look.
  std::string chunked = "POST /search HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 40; ++i) chunked += "40\r\n" + std::string(64, ' ') + "\r\n";
  chunked += "0\r\n\r\n";
  auto [status, body] = ParseRaw(Exchange(port, {chunked}));
  EXPECT_EQ(status, 413);
  EXPECT_NE(body.dump().find("over 1024 bytes"), std::string::npos) << body;
  // A compressed body is refused, never inflated.
  std::tie(status, body) =
      ParseRaw(Exchange(port, {"POST /search HTTP/1.1\r\nContent-Encoding: gzip\r\n"
                               "Content-Length: 4\r\n\r\nabcd"}));
  EXPECT_EQ(status, 415);
  EXPECT_TRUE(body.contains("error")) << body;
  // A request sent a header at a time is cut off at --max-request-time.
  std::vector<std::string> slow = {"GET /health HTTP/1.1\r\n"};
  for (int i = 0; i < 30; ++i) slow.push_back("X-Slow: " + std::to_string(i) + "\r\n");
  const auto started = std::chrono::steady_clock::now();
  std::tie(status, body) = ParseRaw(Exchange(port, slow, milliseconds(200)));
  EXPECT_EQ(status, 408);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
  // The result window and the query length.
  ExpectError(client_->Get("/search?q=x&offset=10001"), 400, "offset");
  ExpectError(client_->Get("/search?q=x&limit=0"), 400, "limit");
  ExpectError(client_->Get("/search?q=x&limit=101"), 400, "limit");
  ExpectError(client_->Get("/search?q=" + std::string(5000, 'a')), 414);
  // A line too long for cpp-httplib's compiled-in 8 KiB request line limit.
  ExpectError(client_->Get("/search?q=a&" + std::string(9000, 'a') + "=1"), 414);
  EXPECT_EQ(Body(client_->Get("/health"))["status"], "ok") << "still alive";
}

// The server buffers a response and sends it whole (server/bounded_server.cc): a response over
// the 64 KiB buffer arrives intact and in order, pipelined requests are answered in turn, and
// "100 Continue" is sent before the server waits for the body.
TEST_F(ServerTest, ResponsesGoOutWholeOverTheSocket) {
  std::string big;
  for (int i = 0; big.size() < 300 * 1024; ++i) big += " word" + std::to_string(i);
  big.erase(0, 1);
  const std::string corpus =
      tmp_.Write("big.jsonl", "{\"id\":\"big\",\"title\":\"Big\",\"body\":\"" + big + "\"}\n");
  const std::string index = (tmp_.path() / "idx").string();
  const CommandResult built = RunNsearch({"index", "-i", index, corpus}, tmp_.path().string());
  ASSERT_EQ(built.exit_code, 0) << built.err;
  Start({"-i", index});
  for (int i = 0; i < 3; ++i) {
    const Json doc = Body(client_->Get("/docs/big"));
    ASSERT_TRUE(doc.contains("body")) << "response cut short";
    const std::string got = doc["body"].get<std::string>();
    EXPECT_TRUE(got == big) << got.size() << " bytes, " << big.size() << " sent";
  }
  const std::string get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string two = Exchange(
      server_->port(), {get + "GET /docs/big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"});
  const size_t second = two.find("HTTP/1.1 200", 1);
  ASSERT_EQ(two.rfind("HTTP/1.1 200", 0), 0u) << two.substr(0, 200);
  ASSERT_NE(second, std::string::npos);
  EXPECT_NE(two.substr(0, second).find("\"ok\""), std::string::npos);
  EXPECT_NE(two.find(big.substr(big.size() - 20)), std::string::npos) << two.size() << " bytes";

  const int sock = Connect(htonl(INADDR_LOOPBACK), server_->port());
  ASSERT_GE(sock, 0);
  const std::string body = R"({"q":"word7"})";
  const std::string head =
      "POST /search HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
      "Content-Type: application/json\r\nConnection: close\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  ASSERT_GT(::send(sock, head.data(), head.size(), MSG_NOSIGNAL), 0);
  pollfd fd{sock, POLLIN, 0};
  char buffer[4096];
  ASSERT_GT(::poll(&fd, 1, 5000), 0) << "no 100 Continue before the body";
  const ssize_t got = ::recv(sock, buffer, sizeof buffer, 0);
  ASSERT_GT(got, 0);
  EXPECT_EQ(std::string(buffer, static_cast<size_t>(got)).rfind("HTTP/1.1 100", 0), 0u);
  ASSERT_GT(::send(sock, body.data(), body.size(), MSG_NOSIGNAL), 0);
  std::string answer;
  while (::poll(&fd, 1, 5000) > 0) {
    const ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
    if (n <= 0)
      break;
    answer.append(buffer, static_cast<size_t>(n));
  }
  ::close(sock);
  const auto [status, json] = ParseRaw(answer);
  EXPECT_EQ(status, 200) << answer;
  EXPECT_EQ(json["hits"][0]["id"], "big");
}

}  // namespace
}  // namespace nsearch::testing
