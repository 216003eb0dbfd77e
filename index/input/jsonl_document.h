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
std::string ParseJsonLine(std::string& line, const InputOptions& options,
                          store::StoredDocument* doc, bool* repaired);

}  // namespace nsearch::input

#endif  // NSEARCH_INDEX_INPUT_JSONL_DOCUMENT_H_
