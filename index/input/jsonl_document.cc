#include "index/input/jsonl_document.h"

#include <nlohmann/json.hpp>

#include "index/analysis/utf8.h"

namespace nsearch::input {
namespace {

bool IsBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

// Copies string field `name` of `obj` into `out` (absent and null leave it empty); returns why
// the line is skipped if the field is not a string.
std::string GetStringField(const nlohmann::json& obj, const std::string& name, std::string* out) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null())
    return {};
  if (!it->is_string())
    return "field \"" + name + "\" is not a string";
  *out = it->get<std::string>();
  return {};
}

}  // namespace

std::string ParseJsonLine(std::string& line, const InputOptions& options,
                          store::StoredDocument* doc, bool* repaired) {
  *repaired = false;
  if (!analysis::IsValidUtf8(line)) {
    line = analysis::SanitizeUtf8(line);
    *repaired = true;
  }
  nlohmann::json obj;
  try {
    obj = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 7: ...".
    std::string what = e.what();
    const size_t at = what.find("column ");
    if (at != std::string::npos)
      what = what.substr(at);
    return "malformed JSON: " + what;
  }
  if (!obj.is_object())
    return "line is not a JSON object";
  const std::string& id_field = options.id_field;
  auto id = obj.find(id_field);
  if (id == obj.end() || id->is_null())
    return "no \"" + id_field + "\" field";
  if (id->is_string()) {
    doc->id = id->get<std::string>();
  } else if (id->is_number_integer()) {
    doc->id = id->dump();
  } else {
    return "field \"" + id_field + "\" is neither a string nor an integer";
  }
  if (doc->id.empty())
    return "field \"" + id_field + "\" is empty";
  for (const auto& [name, out] : {std::pair{&options.title_field, &doc->title},
                                  {&options.body_field, &doc->body},
                                  {&options.date_field, &doc->date}}) {
    std::string problem = GetStringField(obj, *name, out);
    if (!problem.empty())
      return problem;
  }
  bool any_extra = false;
  for (const std::string& name : options.extra_fields) {
    std::string text;
    std::string problem = GetStringField(obj, name, &text);
    if (!problem.empty())
      return problem;
    if (obj.contains(name) && !obj[name].is_null()) {
      any_extra = any_extra || !IsBlank(text);
      doc->fields.emplace_back(name, std::move(text));
    }
  }
  if (IsBlank(doc->title) && IsBlank(doc->body) && !any_extra)
    return "empty document \"" + doc->id + "\"";
  return {};
}

}  // namespace nsearch::input
