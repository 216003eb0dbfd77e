#ifndef NSEARCH_INDEX_STORE_STORED_DOCUMENT_H_
#define NSEARCH_INDEX_STORE_STORED_DOCUMENT_H_

#include <string>
#include <utility>
#include <vector>

namespace nsearch::store {

// The stored (not indexed) fields of one document, as the document store keeps them and search
// results show them. Fields are arbitrary bytes (normally UTF-8); each fits in 4 GiB.
struct StoredDocument {
  std::string id;     // external id (file name stem or JSONL "id")
  std::string title;  // may be empty
  std::string body;
  std::string date;  // "YYYY-MM-DD" or empty
  std::string path;  // source path (file, or "file:line" for JSONL), may be empty
  // Further text fields (JSONL fields indexed with `nsearch index --field NAME`): (name, text)
  // pairs, in the order the index's field list names them.
  std::vector<std::pair<std::string, std::string>> fields = {};

  friend bool operator==(const StoredDocument&, const StoredDocument&) = default;
};

}  // namespace nsearch::store

#endif  // NSEARCH_INDEX_STORE_STORED_DOCUMENT_H_
