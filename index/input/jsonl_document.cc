#include "index/input/jsonl_document.h"

#include <simdjson.h>

#include <array>
#include <nlohmann/json.hpp>
#include <optional>

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

// Lines up to this size take simdjson (its parser's buffers stay a small multiple of it); longer
// ones take nlohmann's parser.
constexpr size_t kFastParseMaxBytes = size_t{1} << 20;

// As GetStringField, for a simdjson value (`value` unset when the field is absent).
std::string GetStringField(const std::optional<simdjson::dom::element>& value,
                           const std::string& name, std::string* out) {
  if (!value || value->is_null())
    return {};
  std::string_view text;
  if (value->get(text) != simdjson::SUCCESS)
    return "field \"" + name + "\" is not a string";
  out->assign(text);
  return {};
}

// ParseJsonLine with simdjson, for speed (several times nlohmann's). Returns nullopt, leaving
// *doc untouched, where the reference parser must decide: a line simdjson refuses (so that
// messages are nlohmann's), a line too long, an id that simdjson reads as a floating-point number
// (nlohmann reads "-0" as an integer). Otherwise returns what ParseJsonLineReference would.
// REQUIRES: `line` is valid UTF-8.
std::optional<std::string> FastParseJsonLine(std::string& line, const InputOptions& options,
                                             store::StoredDocument* doc) {
  if (line.size() > kFastParseMaxBytes)
    return std::nullopt;
  // simdjson reads up to SIMDJSON_PADDING bytes past the end: give it the room in place.
  line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  thread_local simdjson::dom::parser parser(kFastParseMaxBytes);
  simdjson::dom::element root;
  if (parser.parse(line.data(), line.size(), /*realloc_if_needed=*/false).get(root) !=
      simdjson::SUCCESS)
    return std::nullopt;
  simdjson::dom::object obj;
  if (root.get(obj) != simdjson::SUCCESS)
    return "line is not a JSON object";
  // The fields wanted: id, title, body, date, then options.extra_fields. The last occurrence of
  // a repeated key counts, as with nlohmann.
  constexpr size_t kFixed = 4;
  const std::array<const std::string*, kFixed> fixed = {&options.id_field, &options.title_field,
                                                        &options.body_field, &options.date_field};
  std::array<std::optional<simdjson::dom::element>, kFixed> found;
  std::vector<std::optional<simdjson::dom::element>> extra(options.extra_fields.size());
  for (const simdjson::dom::key_value_pair field : obj) {
    for (size_t i = 0; i < kFixed; ++i) {
      if (field.key == *fixed[i])
        found[i] = field.value;
    }
    for (size_t i = 0; i < extra.size(); ++i) {
      if (field.key == options.extra_fields[i])
        extra[i] = field.value;
    }
  }
  const std::string& id_field = options.id_field;
  const std::optional<simdjson::dom::element>& id = found[0];
  if (!id || id->is_null())
    return "no \"" + id_field + "\" field";
  std::string_view id_text;
  int64_t id_signed;
  uint64_t id_unsigned;
  if (id->get(id_text) == simdjson::SUCCESS) {
    doc->id.assign(id_text);
  } else if (id->get(id_signed) == simdjson::SUCCESS) {
    doc->id = std::to_string(id_signed);
  } else if (id->get(id_unsigned) == simdjson::SUCCESS) {
    doc->id = std::to_string(id_unsigned);
  } else if (id->is_double()) {
    return std::nullopt;  // no fields of *doc set yet
  } else {
    return "field \"" + id_field + "\" is neither a string nor an integer";
  }
  if (doc->id.empty())
    return "field \"" + id_field + "\" is empty";
  for (const auto& [value, name, out] : {std::tuple{&found[1], &options.title_field, &doc->title},
                                         {&found[2], &options.body_field, &doc->body},
                                         {&found[3], &options.date_field, &doc->date}}) {
    std::string problem = GetStringField(*value, *name, out);
    if (!problem.empty())
      return problem;
  }
  bool any_extra = false;
  for (size_t i = 0; i < extra.size(); ++i) {
    const std::string& name = options.extra_fields[i];
    std::string text;
    std::string problem = GetStringField(extra[i], name, &text);
    if (!problem.empty())
      return problem;
    if (extra[i] && !extra[i]->is_null()) {
      any_extra = any_extra || !IsBlank(text);
      doc->fields.emplace_back(name, std::move(text));
    }
  }
  if (IsBlank(doc->title) && IsBlank(doc->body) && !any_extra)
    return "empty document \"" + doc->id + "\"";
  return std::string();
}

}  // namespace

std::string ParseJsonLine(std::string& line, const InputOptions& options,
                          store::StoredDocument* doc, bool* repaired) {
  *repaired = false;
  if (!analysis::IsValidUtf8(line)) {
    line = analysis::SanitizeUtf8(line);
    *repaired = true;
  }
  if (std::optional<std::string> problem = FastParseJsonLine(line, options, doc))
    return std::move(*problem);
  return ParseJsonLineReference(line, options, doc);
}

std::string ParseJsonLineReference(const std::string& line, const InputOptions& options,
                                   store::StoredDocument* doc) {
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
