#ifndef NSEARCH_INDEX_INPUT_DOCUMENT_READER_H_
#define NSEARCH_INDEX_INPUT_DOCUMENT_READER_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
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
  // Further string fields read into StoredDocument::fields, each (name, text), in this order
  // (the text fields of `nsearch index --field NAME`); absent or null ones are left out.
  std::vector<std::string> extra_fields;
  // A text document or JSONL line longer than this (after decompression) is skipped with a
  // warning.
  uint64_t max_doc_bytes = uint64_t{64} << 20;
  // fnmatch(3) globs choosing the files read when walking a folder (docs/INPUT.md#folders): a
  // file is read if it matches an include pattern (or none is given) and no exclude pattern; a
  // folder matching an exclude pattern is not entered. Files named in `paths` are always read.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  // How the path "-" (standard input) is read: "jsonl" or "text" (one document, id "stdin").
  std::string stdin_format = "jsonl";
};

// What a ReadDocuments call saw.
struct InputReport {
  uint64_t files = 0;      // files opened
  uint64_t documents = 0;  // documents handed to the sink
  uint64_t bytes = 0;      // bytes read from files and stdin (compressed size for .gz/.zst)
  uint64_t uncompressed_bytes = 0;  // the same bytes after decompression
  uint64_t skipped = 0;             // inputs skipped (binary, empty, malformed, too large)
  uint64_t repaired = 0;            // documents whose invalid UTF-8 was replaced by U+FFFD
};

// Receives each document; a non-OK status stops reading and is returned.
using DocumentSink = std::function<Status(store::StoredDocument&& doc)>;
// Receives one line per problem that did not stop reading, "file[:line]: what happened".
using WarningSink = std::function<void(const std::string& warning)>;

// Reads every document in `paths`, in order: a folder is walked recursively in sorted order
// (hidden entries skipped, options.include/exclude applied); "-" is standard input, read as
// ReadDocumentStream does; a file ending in .gz or .zst is decompressed as it is read and then
// treated by the name without that suffix; a file ending in .jsonl or .ndjson is read as one
// JSON object per line; any other file is one plain-text document whose id is its name without
// the extension. Binary files (a NUL byte in the first 8 KiB), empty documents, malformed JSON
// lines and over-long inputs are skipped with a warning; invalid UTF-8 is replaced with U+FFFD
// with a warning; corrupt or truncated compressed data skips the rest of that file with a
// warning. Memory stays bounded by max_doc_bytes plus a few MiB whatever the input. A path that
// does not exist or cannot be read is an IOError naming it; an unknown stdin_format is
// InvalidArgument.
Status ReadDocuments(const std::vector<std::string>& paths, const InputOptions& options,
                     const DocumentSink& sink, const WarningSink& warn, InputReport* report);

// Reads documents from `in` (standard input for the path "-"; not closed) by
// options.stdin_format: "jsonl" reads it line by line in bounded memory, with paths and warnings
// naming it `name` ("stdin:3"); "text" reads one plain-text document with id and path `name`.
// Counts as one file in `report`. InvalidArgument for any other format.
Status ReadDocumentStream(std::FILE* in, const std::string& name, const InputOptions& options,
                          const DocumentSink& sink, const WarningSink& warn, InputReport* report);

// Reads JSONL held in memory (an HTTP request body, say) by the same rules as a .jsonl file;
// warnings and paths name it `name` ("request:3: malformed JSON ...").
Status ReadJsonlText(std::string_view data, const std::string& name, const InputOptions& options,
                     const DocumentSink& sink, const WarningSink& warn, InputReport* report);

// The bytes ReadDocuments would read from `paths` (file sizes as on disk, compressed or not),
// found by the same folder walk; nullopt when unknown (standard input, a path that cannot be
// listed). For progress estimates: it reads no file.
std::optional<uint64_t> InputSize(const std::vector<std::string>& paths,
                                  const InputOptions& options);

}  // namespace nsearch::input

#endif  // NSEARCH_INDEX_INPUT_DOCUMENT_READER_H_
