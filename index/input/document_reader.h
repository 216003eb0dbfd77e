#ifndef NSEARCH_INDEX_INPUT_DOCUMENT_READER_H_
#define NSEARCH_INDEX_INPUT_DOCUMENT_READER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "index/base/status.h"
#include "index/store/stored_document.h"

namespace nsearch::input {

// How input files become documents (the rules are in docs/INPUT.md).
struct InputOptions {
  // JSONL field names. The id may be a string or an integer; the others must be strings.
  std::string id_field = "id";
  std::string title_field = "title";
  std::string body_field = "body";
  std::string date_field = "date";
  // A text file or JSONL line longer than this is skipped with a warning.
  uint64_t max_doc_bytes = uint64_t{64} << 20;
};

// What a ReadDocuments call saw.
struct InputReport {
  uint64_t files = 0;      // files opened
  uint64_t documents = 0;  // documents handed to the sink
  uint64_t bytes = 0;      // bytes read from all files
  uint64_t skipped = 0;    // inputs skipped (binary, empty, malformed, too large)
  uint64_t repaired = 0;   // documents whose invalid UTF-8 was replaced by U+FFFD
};

// Receives each document; a non-OK status stops reading and is returned.
using DocumentSink = std::function<Status(store::StoredDocument&& doc)>;
// Receives one line per problem that did not stop reading, "file[:line]: what happened".
using WarningSink = std::function<void(const std::string& warning)>;

// Reads every document in `paths`, in order: a folder is walked recursively in sorted order
// (hidden entries skipped); a file ending in .jsonl or .ndjson is read as one JSON object per
// line; any other file is one plain-text document whose id is its name without the extension.
// Binary files (a NUL byte in the first 8 KiB), empty documents, malformed JSON lines and
// over-long inputs are skipped with a warning; invalid UTF-8 is replaced with U+FFFD with a
// warning. A path that does not exist or cannot be read is an IOError naming it.
Status ReadDocuments(const std::vector<std::string>& paths, const InputOptions& options,
                     const DocumentSink& sink, const WarningSink& warn, InputReport* report);

// Reads JSONL held in memory (an HTTP request body, say) by the same rules as a .jsonl file;
// warnings and paths name it `name` ("request:3: malformed JSON ...").
Status ReadJsonlText(std::string_view data, const std::string& name, const InputOptions& options,
                     const DocumentSink& sink, const WarningSink& warn, InputReport* report);

}  // namespace nsearch::input

#endif  // NSEARCH_INDEX_INPUT_DOCUMENT_READER_H_
