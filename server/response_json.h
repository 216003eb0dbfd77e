#ifndef NSEARCH_SERVER_RESPONSE_JSON_H_
#define NSEARCH_SERVER_RESPONSE_JSON_H_

#include <set>
#include <string>

#include "index/store/stored_document.h"
#include "query/searcher.h"

namespace nsearch::server {

// The hit fields of the search JSON, in output order.
inline const char* const kHitFields[] = {"id", "score", "title", "date", "snippet", "highlights"};

// The search result document shared by `nsearch --json` and GET/POST /search:
// {"query","total","total_exact","took_ms","hits":[{"id","score","title","date","snippet",
// "highlights":[[begin,end],...]}]}, highlight offsets in bytes of "snippet". With `fields`
// non-empty, hits carry only those fields (names from kHitFields). Invalid UTF-8 in stored
// fields is replaced, so the output is always valid JSON. A hit with an explanation (the request
// asked to explain) also carries "explanation": {"value","description","details":[...]}, its
// details being explanations of the same shape.
std::string ResponseToJson(const query::SearchResponse& response,
                           const std::set<std::string>& fields = {});

// A stored document as JSON: {"id","title","body","date","path"}.
std::string DocumentToJson(const store::StoredDocument& doc);

}  // namespace nsearch::server

#endif  // NSEARCH_SERVER_RESPONSE_JSON_H_
