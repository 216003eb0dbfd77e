#include "server/response_json.h"

#include <nlohmann/json.hpp>
#include <string>

namespace nsearch::server {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AppendJson(std::string& out, const Json& json) { out.append(Dump(json)); }

Json ExplanationToJson(const query::Explanation& e) {
  Json details = Json::array();
  for (const query::Explanation& d : e.details) details.push_back(ExplanationToJson(d));
  return {{"value", e.value}, {"description", e.description}, {"details", std::move(details)}};
}

}  // namespace

std::string ResponseToJson(const query::SearchResponse& response,
                           const std::set<std::string>& fields) {
  // Written piece by piece in the documented order: building the whole document as a JSON tree
  // first took about 3% of a server's time on id-and-score searches. Every string and
  // floating-point value is still serialized by the JSON library, so escaping, the replacement of
  // invalid UTF-8 and number formatting are its own.
  const auto wanted = [&](const char* name) { return fields.empty() || fields.count(name) > 0; };
  const bool want_id = wanted("id"), want_score = wanted("score"), want_title = wanted("title"),
             want_date = wanted("date"), want_snippet = wanted("snippet"),
             want_highlights = wanted("highlights");
  std::string out = "{\"query\":";
  AppendJson(out, Json(response.query));
  out.append(",\"total\":").append(std::to_string(response.total));
  out.append(",\"total_exact\":").append(response.total_is_exact ? "true" : "false");
  out.append(",\"took_ms\":");
  AppendJson(out, Json(response.took_ms));
  out.append(",\"hits\":[");
  for (size_t i = 0; i < response.hits.size(); ++i) {
    const query::SearchHit& hit = response.hits[i];
    out.append(i == 0 ? "{" : ",{");
    const size_t object_start = out.size();
    // Appends `"name":` after a comma unless it is the object's first member.
    const auto key = [&](const char* name) {
      out.append(out.size() == object_start ? "\"" : ",\"").append(name).append("\":");
    };
    // Appends `"name":value` if `include`.
    const auto member = [&](bool include, const char* name, const auto& value) {
      if (include) {
        key(name);
        AppendJson(out, Json(value));
      }
    };
    member(want_id, "id", hit.id);
    member(want_score, "score", hit.score);
    member(want_title, "title", hit.title);
    member(want_date, "date", hit.date);
    member(want_snippet, "snippet", hit.snippet.text);
    if (want_highlights) {
      key("highlights");
      out.push_back('[');
      for (size_t h = 0; h < hit.snippet.highlights.size(); ++h) {
        const auto& [begin, end] = hit.snippet.highlights[h];
        out.append(h == 0 ? "[" : ",[").append(std::to_string(begin)).push_back(',');
        out.append(std::to_string(end)).push_back(']');
      }
      out.push_back(']');
    }
    if (hit.explanation) {
      key("explanation");
      AppendJson(out, ExplanationToJson(*hit.explanation));
    }
    out.push_back('}');
  }
  out.append("]}");
  return out;
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
