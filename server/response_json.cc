#include "server/response_json.h"

#include <nlohmann/json.hpp>

namespace nsearch::server {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Json ExplanationToJson(const query::Explanation& e) {
  Json details = Json::array();
  for (const query::Explanation& d : e.details) details.push_back(ExplanationToJson(d));
  return {{"value", e.value}, {"description", e.description}, {"details", std::move(details)}};
}

}  // namespace

std::string ResponseToJson(const query::SearchResponse& response,
                           const std::set<std::string>& fields) {
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
      out["explanation"] = ExplanationToJson(*hit.explanation);
    hits.push_back(std::move(out));
  }
  const Json doc = {{"query", response.query},
                    {"total", response.total},
                    {"total_exact", response.total_is_exact},
                    {"took_ms", response.took_ms},
                    {"hits", std::move(hits)}};
  return Dump(doc);
}

std::string DocumentToJson(const store::StoredDocument& doc) {
  Json out = {{"id", doc.id},
              {"title", doc.title},
              {"body", doc.body},
              {"date", doc.date},
              {"path", doc.path}};
  if (!doc.fields.empty()) {
    Json fields = Json::object();
    for (const auto& [name, text] : doc.fields) {
      fields[name] = text;
    }
    out["fields"] = std::move(fields);
  }
  return Dump(out);
}

}  // namespace nsearch::server
