#include "index/segment/fields.h"

#include <cmath>
#include <cstdlib>
#include <set>

namespace nsearch::segment {

std::vector<FieldSpec> DefaultFields() {
  return {{"title", FieldSource::kTitle, kDefaultTitleWeight}, {"body", FieldSource::kBody, 1}};
}

std::vector<FieldSpec> CombinedFields() { return {{"text", FieldSource::kTitleAndBody, 1}}; }

Status ValidateFields(const std::vector<FieldSpec>& fields) {
  if (fields.empty() || fields.size() > kMaxFields) {
    return Status::InvalidArgument("fields: an index has 1 to " + std::to_string(kMaxFields) +
                                   " text fields, not " + std::to_string(fields.size()));
  }
  std::set<std::string> seen;
  for (const FieldSpec& f : fields) {
    // As the query parser reads a field name (query/parser/query_parser.cc, FieldPrefixLength).
    auto letter = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    bool valid_name =
        !f.name.empty() && f.name.size() <= 64 && f.name != "date" && letter(f.name[0]);
    for (char c : f.name) {
      valid_name = valid_name && (letter(c) || (c >= '0' && c <= '9') || c == '-');
    }
    if (!valid_name) {
      return Status::InvalidArgument("fields: '" + f.name +
                                     "' is no field name (1 to 64 letters, digits, '_' or '-', "
                                     "starting with a letter or '_'; not 'date')");
    }
    if (!seen.insert(f.name).second) {
      return Status::InvalidArgument("fields: '" + f.name + "' is named twice");
    }
    if (!std::isfinite(f.weight) || f.weight <= 0) {
      return Status::InvalidArgument("fields: the weight of '" + f.name + "' must be > 0");
    }
  }
  return Status::Ok();
}

Result<NamedWeight> ParseNamedWeight(std::string_view item) {
  const std::string text(item);
  const size_t eq = text.find('=');
  char* end = nullptr;
  const double weight = eq == std::string::npos ? 0 : std::strtod(text.c_str() + eq + 1, &end);
  if (eq == std::string::npos || end == text.c_str() + eq + 1 || *end != '\0' || !(weight > 0) ||
      weight > 1e6) {
    return Status::InvalidArgument("'" + text + "' is not NAME=W with W a number > 0");
  }
  return NamedWeight{text.substr(0, eq), weight};
}

std::string FieldKey(uint32_t field, std::string_view term) {
  std::string key;
  key.reserve(term.size() + 1);
  key.push_back(static_cast<char>(kFieldKeyBase + field));
  key.append(term);
  return key;
}

int KeyField(std::string_view key) {
  if (key.size() < 2) {
    return -1;
  }
  const auto b = static_cast<uint8_t>(key[0]);
  return b >= kFieldKeyBase && b < kFieldKeyBase + kMaxFields ? b - kFieldKeyBase : -1;
}

std::string_view FieldText(const FieldSpec& field, const store::StoredDocument& doc) {
  switch (field.source) {
    case FieldSource::kTitle:
    case FieldSource::kTitleAndBody:
      return doc.title;
    case FieldSource::kBody:
      return doc.body;
    case FieldSource::kJson:
      for (const auto& [name, text] : doc.fields) {
        if (name == field.name) {
          return text;
        }
      }
      return {};
  }
  return {};
}

}  // namespace nsearch::segment
