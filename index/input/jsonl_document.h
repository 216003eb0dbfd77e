#ifndef NSEARCH_INDEX_INPUT_JSONL_DOCUMENT_H_
#define NSEARCH_INDEX_INPUT_JSONL_DOCUMENT_H_

#include <string>

#include "index/input/document_reader.h"
#include "index/store/stored_document.h"

namespace nsearch::input {

// Turns one JSONL line into a document with the field names of `options` (rules in
// docs/INPUT.md#jsonl). Returns "" and fills *doc (all but doc->path), or returns why the line
// is skipped ("malformed JSON: column 7: ...", "no \"id\" field"). Invalid UTF-8 in `line` is
// replaced with U+FFFD in place, and *repaired says so.
// Lines up to 1 MiB are parsed with simdjson, longer ones and any line simdjson refuses with
// nlohmann's parser (ParseJsonLineReference), whose messages and rules these are.
std::string ParseJsonLine(std::string& line, const InputOptions& options,
                          store::StoredDocument* doc, bool* repaired);

// As ParseJsonLine on a valid UTF-8 `line`, always with nlohmann's parser: the reference the
// simdjson path is tested against.
std::string ParseJsonLineReference(const std::string& line, const InputOptions& options,
                                   store::StoredDocument* doc);

}  // namespace nsearch::input

#endif  // NSEARCH_INDEX_INPUT_JSONL_DOCUMENT_H_
