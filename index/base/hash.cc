#include "index/base/hash.h"

#include <xxhash.h>

namespace nsearch {

uint64_t Hash64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace nsearch
