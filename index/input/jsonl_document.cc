#include "index/input/jsonl_document.h"

#include <simdjson.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "index/analysis/utf8.h"

namespace nsearch::input {
namespace {

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n\f\v") == s.npos; }

// A wanted field of a line as a parser read it. Views point into the parser's result.
struct FieldValue {
  enum Kind : uint8_t { kAbsent, kString, kInteger, kOther } kind = kAbsent;  // kAbsent: or null
  std::string_view text;  // kString: the string; kInteger: its decimal digits
};

// The names of the wanted fields, in the order BuildDocument takes their values: id, title,
// body, date, then options.extra_fields.
std::vector<const std::string*> WantedFields(const InputOptions& options) {
  std::vector<const std::string*> names = {&options.id_field, &options.title_field,
                                           &options.body_field, &options.date_field};
  for (const std::string& name : options.extra_fields) names.push_back(&name);
  return names;
}
constexpr size_t kFirstExtraField = 4;

// Fills *doc from the values of the wanted fields (WantedFields order), by the rules of
// docs/INPUT.md#jsonl; returns why the line is skipped, or "".
std::string BuildDocument(const std::vector<FieldValue>& values, const InputOptions& options,
                          store::StoredDocument* doc) {
  const std::vector<const std::string*> names = WantedFields(options);
  const FieldValue& id = values[0];
  const std::string& id_field = options.id_field;
  if (id.kind == FieldValue::kAbsent)
    return "no \"" + id_field + "\" field";
  if (id.kind == FieldValue::kOther)
    return "field \"" + id_field + "\" is neither a string nor an integer";
  if (id.text.empty())
    return "field \"" + id_field + "\" is empty";
  doc->id.assign(id.text);
  bool any_extra = false;
  std::string* const fixed[] = {&doc->title, &doc->body, &doc->date};
  for (size_t i = 1; i < values.size(); ++i) {
    const FieldValue& value = values[i];
    if (value.kind == FieldValue::kAbsent)
      continue;
    if (value.kind != FieldValue::kString)
      return "field \"" + *names[i] + "\" is not a string";
    if (i < kFirstExtraField) {
      fixed[i - 1]->assign(value.text);
    } else {
      any_extra = any_extra || !IsBlank(value.text);
      doc->fields.emplace_back(*names[i], std::string(value.text));
    }
  }
  if (IsBlank(doc->title) && IsBlank(doc->body) && !any_extra)
    return "empty document \"" + doc->id + "\"";
  return {};
}

// Lines up to this size take simdjson (its parser's buffers stay a small multiple of it); longer
// ones take nlohmann's parser.
constexpr size_t kFastParseMaxBytes = size_t{1} << 20;

// The value of `element`; an integer counts as one only if `digits` is given (for the id), and
// its decimal digits go there.
FieldValue ValueOf(simdjson::dom::element element, std::string* digits) {
  std::string_view text;
  int64_t signed_integer;
  uint64_t unsigned_integer;
  if (element.is_null())
    return {};
  if (element.get(text) == simdjson::SUCCESS)
    return {FieldValue::kString, text};
  if (digits != nullptr && element.get(signed_integer) == simdjson::SUCCESS) {
    *digits = std::to_string(signed_integer);
  } else if (digits != nullptr && element.get(unsigned_integer) == simdjson::SUCCESS) {
    *digits = std::to_string(unsigned_integer);
  } else {
    return {FieldValue::kOther, {}};
  }
  return {FieldValue::kInteger, *digits};
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
  const std::vector<const std::string*> names = WantedFields(options);
  // The last occurrence of a repeated key counts, as with nlohmann.
  std::vector<std::optional<simdjson::dom::element>> found(names.size());
  for (const simdjson::dom::key_value_pair field : obj) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (field.key == *names[i])
        found[i] = field.value;
    }
  }
  if (found[0] && found[0]->is_double())
    return std::nullopt;
  std::vector<FieldValue> values(names.size());
  std::string id_digits;
  for (size_t i = 0; i < names.size(); ++i) {
    if (found[i])
      values[i] = ValueOf(*found[i], i == 0 ? &id_digits : nullptr);
  }
  return BuildDocument(values, options, doc);
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
  const std::vector<const std::string*> names = WantedFields(options);
  std::vector<FieldValue> values(names.size());
  std::string id_digits;
  for (size_t i = 0; i < names.size(); ++i) {
    const auto it = obj.find(*names[i]);
    if (it == obj.end() || it->is_null())
      continue;
    if (it->is_string()) {
      values[i] = {FieldValue::kString, it->get_ref<const std::string&>()};
    } else if (i == 0 && it->is_number_integer()) {
      id_digits = it->dump();
      values[i] = {FieldValue::kInteger, id_digits};
    } else {
      values[i] = {FieldValue::kOther, {}};
    }
  }
  return BuildDocument(values, options, doc);
}

}  // namespace nsearch::input
