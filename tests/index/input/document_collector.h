#ifndef NSEARCH_TESTS_INDEX_INPUT_DOCUMENT_COLLECTOR_H_
#define NSEARCH_TESTS_INDEX_INPUT_DOCUMENT_COLLECTOR_H_

#include <string>
#include <vector>

#include "index/input/document_reader.h"

namespace nsearch::testing {

// Keeps every document and warning a read hands over, for tests to inspect. Not thread-safe.
struct DocumentCollector {
  input::DocumentSink Sink() {
    return [this](store::StoredDocument&& d) {
      docs.push_back(std::move(d));
      return Status::Ok();
    };
  }
  input::WarningSink Warn() {
    return [this](const std::string& w) { warnings.push_back(w); };
  }
  // True if some warning contains `text`.
  bool Warned(const std::string& text) const {
    for (const std::string& w : warnings) {
      if (w.find(text) != std::string::npos)
        return true;
    }
    return false;
  }

  std::vector<store::StoredDocument> docs;
  std::vector<std::string> warnings;
  input::InputReport report;
};

}  // namespace nsearch::testing

#endif  // NSEARCH_TESTS_INDEX_INPUT_DOCUMENT_COLLECTOR_H_
