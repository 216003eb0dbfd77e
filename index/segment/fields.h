#ifndef NSEARCH_INDEX_SEGMENT_FIELDS_H_
#define NSEARCH_INDEX_SEGMENT_FIELDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "index/base/result.h"
#include "index/store/stored_document.h"

namespace nsearch::segment {

// Where a text field's words come from.
enum class FieldSource : uint8_t {
  kTitle = 0,         // StoredDocument::title
  kBody = 1,          // StoredDocument::body
  kTitleAndBody = 2,  // the title, then the body, as one text (Lucene's single "contents")
  kJson = 3,          // the StoredDocument::fields entry of the field's name
};

// A text field of an index: its name in queries (title:word), its source, and its default
// BM25F weight (a search may set others). See docs/FORMAT.md#manifest.
struct FieldSpec {
  std::string name;
  FieldSource source = FieldSource::kBody;
  double weight = 1;

  friend bool operator==(const FieldSpec&, const FieldSpec&) = default;
};

// At most this many text fields per index: each takes one key byte and a column of lengths.
inline constexpr size_t kMaxFields = 16;

// The default BM25F weight of the title, measured on SciFact (docs/QUERY.md#fields).
inline constexpr double kDefaultTitleWeight = 2.0;

// nsearch's fields: title (weight kDefaultTitleWeight) and body (1), numbered as below.
std::vector<FieldSpec> DefaultFields();
inline constexpr uint32_t kDefaultTitleField = 0;
inline constexpr uint32_t kDefaultBodyField = 1;
// One field "text" holding the title and the body (--preset lucene).
std::vector<FieldSpec> CombinedFields();

// Checks a field list for an index: 1 to kMaxFields fields, names of letters, digits, '_' or
// '-' starting with a letter or '_' (1 to 64 bytes, not "date", each once), weights finite and > 0.
// InvalidArgument naming the problem otherwise.
Status ValidateFields(const std::vector<FieldSpec>& fields);

// A field weight as written on the command line or over HTTP: "NAME=W", W a decimal number in
// (0, 1e6]. InvalidArgument quoting `item` otherwise. The name is not checked against any index.
struct NamedWeight {
  std::string name;
  double weight;
};
Result<NamedWeight> ParseNamedWeight(std::string_view item);

// The index keys of a field's words: one byte, kFieldKeyBase + the field's number, then the
// word. Terms of other kinds (date terms, 0x01...) start below kFieldKeyBase.
// See docs/FORMAT.md#term-dictionary.
inline constexpr uint8_t kFieldKeyBase = 0x02;

// The key of `term` in field `field`. REQUIRES: field < kMaxFields.
std::string FieldKey(uint32_t field, std::string_view term);
// The field of an index key, or -1 if it is no field's (a date term, or malformed).
int KeyField(std::string_view key);
// The word of a field's key (the key without its first byte). REQUIRES: KeyField(key) >= 0.
inline std::string_view KeyWord(std::string_view key) { return key.substr(1); }

// The text of `field` in `doc` (the empty view if a kJson field is absent). For kTitleAndBody,
// only the title; SegmentWriter analyzes the body after it in the same position space.
std::string_view FieldText(const FieldSpec& field, const store::StoredDocument& doc);

}  // namespace nsearch::segment

#endif  // NSEARCH_INDEX_SEGMENT_FIELDS_H_
