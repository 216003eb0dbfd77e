// HttpServer answering raw requests in memory (HandleRawRequest): the request limits that
// cpp-httplib lacks, and concurrent requests while documents are written.

#include "server/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "index/segment/index_reader.h"
#include "index/segment/index_writer.h"
#include "seeds/seed_index.h"
#include "server/search_service.h"
#include "tests/support/temp_dir.h"

namespace nsearch::server {
namespace {

using Json = nlohmann::json;

// The status and JSON body of `http`'s answer to the raw `request`; 0 if there is none.
std::pair<int, Json> Answer(HttpServer& http, const std::string& request) {
  const std::string response = http.HandleRawRequest(request);
  const size_t end = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos)
    return {0, Json()};
  return {std::stoi(response.substr(9, 3)),
          Json::parse(response.substr(end + 4), nullptr, /*allow_exceptions=*/false)};
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = seeds::BuildSeedIndex();
    ASSERT_TRUE(dir.ok());
    auto reader = segment::IndexReader::Open(**dir);
    ASSERT_TRUE(reader.ok());
    auto service = SearchService::Create(std::move(*dir), std::move(*reader), "seeds", true);
    ASSERT_TRUE(service.ok());
    service_ = std::move(*service);
    ServerOptions options;
    options.api_key = "k";
    options.max_body_bytes = 1024;
    http_ = std::make_unique<HttpServer>(service_.get(), options);
  }

  std::pair<int, Json> Send(const std::string& request) { return Answer(*http_, request); }

  std::unique_ptr<SearchService> service_;
  std::unique_ptr<HttpServer> http_;
};

TEST_F(HttpServerTest, AnswersRawRequests) {
  const auto [status, body] = Send("GET /search?q=korea&limit=2 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body["hits"].size(), 2u) << body;
  EXPECT_EQ(Send("GET /nowhere HTTP/1.1\r\n\r\n").first, 404);
  EXPECT_TRUE(http_->HandleRawRequest("").empty());
}

TEST_F(HttpServerTest, TooManyOrTooLargeHeadersAre431) {
  std::string many = "GET /health HTTP/1.1\r\n";
  for (int i = 0; i < 101; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  auto [status, body] = Send(many + "\r\n");
  EXPECT_EQ(status, 431);
  EXPECT_EQ(body["error"]["code"], "headers_too_large");
  std::string large = "GET /health HTTP/1.1\r\n";
  for (int i = 0; i < 5; ++i)
    large += "X-" + std::to_string(i) + ": " + std::string(7000, 'v') + "\r\n";
  EXPECT_EQ(Send(large + "\r\n").first, 431);
  // At the limits exactly, the request is fine.
  std::string hundred = "GET /health HTTP/1.1\r\n";
  for (int i = 0; i < 100; ++i) hundred += "X-" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(Send(hundred + "\r\n").first, 200);
}

TEST_F(HttpServerTest, BodiesAreBoundedOnTheWireAndNeverInflated) {
  std::string chunked = "POST /search HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) chunked += "40\r\n" + std::string(64, ' ') + "\r\n";
  auto [status, body] = Send(chunked + "0\r\n\r\n");
  EXPECT_EQ(status, 413);
  EXPECT_EQ(body["error"]["code"], "payload_too_large");
  const std::string small = "9\r\n{\"q\":\"a\"}\r\n0\r\n\r\n";
  EXPECT_EQ(Send("POST /search HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + small).first, 200);
  std::tie(status, body) =
      Send("POST /search HTTP/1.1\r\ncontent-encoding: GZIP\r\nContent-Length: 4\r\n\r\nabcd");
  EXPECT_EQ(status, 415);
  EXPECT_EQ(body["error"]["code"], "unsupported_media_type");
  EXPECT_EQ(Send("POST /search HTTP/1.1\r\nContent-Encoding: identity\r\nContent-Length: 9\r\n\r\n"
                 "{\"q\":\"a\"}")
                .first,
            200);
}

// Searches and document fetches over raw requests while another thread adds documents.
TEST_F(HttpServerTest, ConcurrentRequestsWhileDocumentsAreAdded) {
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        const auto [status, body] = Send("GET /search?q=zebra+korea&limit=5 HTTP/1.1\r\n\r\n");
        if (status != 200 || !body.contains("hits"))
          ++failures;
        if (Send("GET /docs/004_7550fd385f871b0d HTTP/1.1\r\n\r\n").first != 200)
          ++failures;
      }
    });
  }
  for (int i = 0; i < 10; ++i) {
    const std::string doc =
        "{\"id\":\"z" + std::to_string(i) + "\",\"body\":\"zebra " + std::to_string(i) + "\"}\n";
    const auto [status, body] =
        Send("POST /documents HTTP/1.1\r\nAuthorization: Bearer k\r\nContent-Length: " +
             std::to_string(doc.size()) + "\r\n\r\n" + doc);
    EXPECT_EQ(status, 200) << body;
  }
  stop = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Send("GET /search?q=zebra&limit=20 HTTP/1.1\r\n\r\n").second["total"], 10);
}

// exact_total=false lets pruning skip matches without counting them: the hits are the same,
// the total is a lower bound and says so. Over 3,000 documents that all hold "common" and ten
// that also hold "rare", top-1 of "common rare" needs none of the documents without "rare".
TEST(HttpServerTotalsTest, ExactTotalFalseGivesTheSameHitsWithALowerBound) {
  nsearch::testing::TempDir tmp;
  auto dir = OpenFsDirectory(tmp.path().string(), /*create=*/true);
  ASSERT_TRUE(dir.ok());
  {
    auto writer = segment::IndexWriter::Open(**dir, segment::IndexWriterOptions{});
    ASSERT_TRUE(writer.ok());
    for (int i = 0; i < 3000; ++i) {
      store::StoredDocument doc;
      doc.id = std::to_string(i);
      doc.body = i % 300 == 0 ? "common rare rare" : "common words of document " + doc.id;
      ASSERT_TRUE((*writer)->Add(doc).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto reader = segment::IndexReader::Open(**dir);
  ASSERT_TRUE(reader.ok());
  auto service = SearchService::Create(std::move(*dir), std::move(*reader), "t", false);
  ASSERT_TRUE(service.ok());
  HttpServer http(service->get(), ServerOptions{});
  const auto get = [&http](const std::string& target) {
    return Answer(http, "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
  };
  const auto [exact_status, exact] = get("/search?q=common%20rare&limit=1&fields=id,score");
  ASSERT_EQ(exact_status, 200);
  EXPECT_EQ(exact["total"], 3000);
  EXPECT_EQ(exact["total_exact"], true);
  for (const char* off : {"false", "0"}) {
    const auto [status, bound] =
        get(std::string("/search?q=common%20rare&limit=1&fields=id,score&exact_total=") + off);
    ASSERT_EQ(status, 200);
    EXPECT_EQ(bound["hits"], exact["hits"]);
    EXPECT_EQ(bound["total_exact"], false) << bound;
    EXPECT_GE(bound["total"].get<uint64_t>(), 1u);
    EXPECT_LT(bound["total"].get<uint64_t>(), 3000u);
  }
  EXPECT_EQ(get("/search?q=common%20rare&exact_total=true").second["total"], 3000);
  const auto [bad_status, bad] = get("/search?q=common&exact_total=maybe");
  EXPECT_EQ(bad_status, 400);
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("exact_total"), std::string::npos);
  const std::string post_body = R"({"q":"common rare","limit":1,"exact_total":false})";
  const Json posted =
      Answer(http, "POST /search HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " +
                       std::to_string(post_body.size()) + "\r\n\r\n" + post_body)
          .second;
  EXPECT_EQ(posted["total_exact"], false) << posted;
  EXPECT_EQ(posted["hits"][0]["id"], exact["hits"][0]["id"]);
}

}  // namespace
}  // namespace nsearch::server
