// Starts the real `nsearch serve` on a free loopback port and talks HTTP to it.

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "tests/e2e/run_command.h"
#include "tests/support/temp_dir.h"

namespace nsearch::testing {
namespace {

using Json = nlohmann::json;

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
    ASSERT_TRUE(res);
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

}  // namespace
}  // namespace nsearch::testing
