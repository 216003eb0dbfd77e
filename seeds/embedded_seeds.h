#ifndef NSEARCH_SEEDS_EMBEDDED_SEEDS_H_
#define NSEARCH_SEEDS_EMBEDDED_SEEDS_H_

#include <span>
#include <string_view>

namespace nsearch::seeds {

// One file compiled into the binary.
struct EmbeddedFile {
  std::string_view name;     // file name, e.g. "004_7550fd385f871b0d.txt"
  std::string_view content;  // its bytes, exactly as in seeds/
};

// The seed articles of seeds/*.txt, sorted by name; the storage lives for the whole program.
std::span<const EmbeddedFile> EmbeddedSeedFiles();

}  // namespace nsearch::seeds

#endif  // NSEARCH_SEEDS_EMBEDDED_SEEDS_H_
