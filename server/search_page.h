#ifndef NSEARCH_SERVER_SEARCH_PAGE_H_
#define NSEARCH_SERVER_SEARCH_PAGE_H_

#include <span>

#include "seeds/embedded_seeds.h"

namespace nsearch::server {

// The files of server/page/ compiled into the binary (index.html: the search page).
std::span<const seeds::EmbeddedFile> EmbeddedPageFiles();

}  // namespace nsearch::server

#endif  // NSEARCH_SERVER_SEARCH_PAGE_H_
