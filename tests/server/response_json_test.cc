// ResponseToJson against a reference that builds the whole document as an nlohmann ordered_json
// tree and dumps it (the implementation before 0df6055): the same bytes for every choice of
// fields, with and without hits, highlights and explanations, and for awkward strings and scores.
#include "server/response_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace nsearch::server {
namespace {

using Json = nlohmann::ordered_json;

Json ReferenceExplanation(const query::Explanation& e) {
  Json details = Json::array();
  for (const query::Explanation& d : e.details) details.push_back(ReferenceExplanation(d));
  return {{"value", e.value}, {"description", e.description}, {"details", std::move(details)}};
}

std::string Reference(const query::SearchResponse& response, const std::set<std::string>& fields) {
  const auto wanted = [&](const char* name) { return fields.empty() || fields.count(name) > 0; };
  Json hits = Json::array();
  for (const query::SearchHit& hit : response.hits) {
    Json out = Json::object();
    if (wanted("id"))
      out["id"] = hit.id;
    if (wanted("score"))
      out["score"] = hit.score;
    if (wanted("title"))
      out["title"] = hit.title;
    if (wanted("date"))
      out["date"] = hit.date;
    if (wanted("snippet"))
      out["snippet"] = hit.snippet.text;
    if (wanted("highlights")) {
      Json highlights = Json::array();
      for (const auto& [begin, end] : hit.snippet.highlights) highlights.push_back({begin, end});
      out["highlights"] = std::move(highlights);
    }
    if (hit.explanation)
      out["explanation"] = ReferenceExplanation(*hit.explanation);
    hits.push_back(std::move(out));
  }
  const Json doc = {{"query", response.query},
                    {"total", response.total},
                    {"total_exact", response.total_is_exact},
                    {"took_ms", response.took_ms},
                    {"hits", std::move(hits)}};
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Strings a stored field may hold: quotes, escapes, control bytes, multi-byte and invalid UTF-8.
const char* const kTexts[] = {"",
                              "plain",
                              "quote \" and backslash \\",
                              "tab\tnew line\ncontrol \x01\x1f",
                              "K\xC3\xB6nig \xE2\x80\xA6 \xF0\x9F\x98\x80",
                              "invalid \xFF\xFE and cut \xE2\x80",
                              "\xC0\xAF overlong"};

const double kScores[] = {0.0,
                          2.0,
                          4.486047537921767,
                          1e-300,
                          -0.5,
                          std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::infinity()};

template <typename T, size_t N>
const T& Pick(const T (&items)[N], std::mt19937& rng) {
  return items[rng() % N];
}

query::Explanation RandomExplanation(std::mt19937& rng, int depth) {
  query::Explanation e;
  e.value = Pick(kScores, rng);
  e.description = Pick(kTexts, rng);
  if (depth < 2) {
    for (uint32_t i = rng() % 3; i > 0; --i) e.details.push_back(RandomExplanation(rng, depth + 1));
  }
  return e;
}

query::SearchResponse RandomResponse(std::mt19937& rng) {
  query::SearchResponse response;
  response.query = Pick(kTexts, rng);
  response.total = rng() % 2 ? rng() : std::numeric_limits<uint64_t>::max();
  response.total_is_exact = rng() % 2;
  response.took_ms = Pick(kScores, rng);
  const bool explain = rng() % 4 == 0;
  for (uint32_t i = rng() % 4; i > 0; --i) {
    query::SearchHit& hit = response.hits.emplace_back();
    hit.id = Pick(kTexts, rng);
    hit.score = Pick(kScores, rng);
    hit.title = Pick(kTexts, rng);
    hit.date = rng() % 2 ? "2024-06-19" : "";
    hit.snippet.text = Pick(kTexts, rng);
    for (uint32_t h = rng() % 4; h > 0; --h)
      hit.snippet.highlights.push_back(
          {static_cast<uint32_t>(rng() % 100), static_cast<uint32_t>(rng())});
    if (explain)
      hit.explanation = RandomExplanation(rng, 0);
  }
  return response;
}

TEST(ResponseToJsonTest, SameBytesAsTheWholeTreeForEveryChoiceOfFields) {
  std::mt19937 rng(20261207);
  for (uint32_t mask = 0; mask < (1u << std::size(kHitFields)); ++mask) {
    std::set<std::string> fields;
    for (size_t f = 0; f < std::size(kHitFields); ++f) {
      if (mask & (1u << f))
        fields.insert(kHitFields[f]);
    }
    for (int round = 0; round < 40; ++round) {
      const query::SearchResponse response = RandomResponse(rng);
      ASSERT_EQ(ResponseToJson(response, fields), Reference(response, fields))
          << "fields mask " << mask << ", round " << round;
    }
  }
}

TEST(ResponseToJsonTest, NoHitsAndNoFieldsAreWellFormed) {
  query::SearchResponse response;
  response.query = "nothing";
  response.total = 0;
  response.took_ms = 0.5;
  EXPECT_EQ(ResponseToJson(response),
            R"({"query":"nothing","total":0,"total_exact":true,"took_ms":0.5,"hits":[]})");
  response.hits.emplace_back();
  // A field set that selects nothing the hit has (only an explanation would add a member).
  EXPECT_EQ(ResponseToJson(response, {"nothing-selected"}),
            R"({"query":"nothing","total":0,"total_exact":true,"took_ms":0.5,"hits":[{}]})");
}

}  // namespace
}  // namespace nsearch::server
