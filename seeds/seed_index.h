#ifndef NSEARCH_SEEDS_SEED_INDEX_H_
#define NSEARCH_SEEDS_SEED_INDEX_H_

#include <memory>

#include "index/base/directory.h"
#include "index/base/result.h"

namespace nsearch::seeds {

// Indexes the embedded seed articles into a new in-memory directory with the default analysis,
// through the same IndexWriter and on-disk format as any corpus (each file becomes a document by
// the text-file rules of `nsearch index`; the seeds are known to be clean UTF-8 text), and returns
// the committed directory.
Result<std::unique_ptr<Directory>> BuildSeedIndex();

}  // namespace nsearch::seeds

#endif  // NSEARCH_SEEDS_SEED_INDEX_H_
