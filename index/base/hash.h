#ifndef NSEARCH_INDEX_BASE_HASH_H_
#define NSEARCH_INDEX_BASE_HASH_H_

#include <cstdint>
#include <string_view>

namespace nsearch {

// XXH3-64 of `bytes` (seed 0). Stable across builds and machines: index files store it.
uint64_t Hash64(std::string_view bytes);

}  // namespace nsearch

#endif  // NSEARCH_INDEX_BASE_HASH_H_
