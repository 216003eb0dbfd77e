#ifndef NSEARCH_INDEX_INPUT_TEXT_DOCUMENT_H_
#define NSEARCH_INDEX_INPUT_TEXT_DOCUMENT_H_

#include <string>
#include <string_view>

#include "index/store/stored_document.h"

namespace nsearch::input {

// Turns a plain-text file into a document (rules in docs/INPUT.md):
// - the id is given (the file name without its extension);
// - a leading "date YYYY-MM-DD" gives the date, and the text after it starts the body;
// - otherwise a short first line that does not end like a sentence, followed by a blank line and
//   more text, is the title; a following line that starts with YYYY-MM-DD[ hh:mm:ss...]
//   gives the date (the line stays in the body);
// - the rest is the body. A UTF-8 byte-order mark is dropped.
// REQUIRES: `text` is valid UTF-8.
store::StoredDocument ParseTextDocument(std::string id, std::string_view text, std::string path);

// True if `s` starts with a calendar date YYYY-MM-DD (month 01-12, day 01-31); stores it.
bool ParseLeadingDate(std::string_view s, std::string* date);

}  // namespace nsearch::input

#endif  // NSEARCH_INDEX_INPUT_TEXT_DOCUMENT_H_
