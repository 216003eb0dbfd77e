#include "seeds/seed_index.h"

#include <string>

#include "index/input/text_document.h"
#include "index/segment/index_writer.h"
#include "seeds/embedded_seeds.h"

namespace nsearch::seeds {

Result<std::unique_ptr<Directory>> BuildSeedIndex() {
  std::unique_ptr<Directory> dir = NewMemoryDirectory();
  NSEARCH_ASSIGN_OR_RETURN(auto writer,
                           segment::IndexWriter::Open(*dir, segment::IndexWriterOptions{}));
  for (const EmbeddedFile& file : EmbeddedSeedFiles()) {
    const std::string name(file.name);
    const std::string id = name.substr(0, name.rfind('.'));
    NSEARCH_RETURN_IF_ERROR(
        writer->Add(input::ParseTextDocument(id, file.content, "seeds/" + name)));
  }
  NSEARCH_RETURN_IF_ERROR(writer->Commit());
  writer.reset();
  return dir;
}

}  // namespace nsearch::seeds
