// ReadDocumentStream: standard input as JSONL or as one text document, tested on memory
// streams and pipes instead of the real stdin.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <thread>

#include "index/input/document_reader.h"
#include "tests/index/input/document_collector.h"

namespace nsearch::input {
namespace {

using ::nsearch::testing::DocumentCollector;

class StdinInputTest : public ::testing::Test {
 protected:
  // Reads `data` through a FILE* as ReadDocuments reads stdin.
  Status ReadString(const std::string& data, const InputOptions& options) {
    std::FILE* f = ::fmemopen(const_cast<char*>(data.data()), data.size(), "r");
    EXPECT_NE(f, nullptr);
    const Status s =
        ReadDocumentStream(f, "stdin", options, got_.Sink(), got_.Warn(), &got_.report);
    std::fclose(f);
    return s;
  }

  DocumentCollector got_;
};

TEST_F(StdinInputTest, JsonlIsTheDefault) {
  const std::string data =
      "{\"id\":\"a\",\"body\":\"one\"}\n\n{\"id\":2,\"title\":\"T\",\"body\":\"two\"}";
  ASSERT_TRUE(ReadString(data, {}).ok());
  ASSERT_EQ(got_.docs.size(), 2u);
  EXPECT_EQ(got_.docs[0].id, "a");
  EXPECT_EQ(got_.docs[0].path, "stdin:1");
  EXPECT_EQ(got_.docs[1].id, "2");
  EXPECT_EQ(got_.docs[1].path, "stdin:3");
  EXPECT_EQ(got_.report.files, 1u);
  EXPECT_EQ(got_.report.bytes, data.size());
}

TEST_F(StdinInputTest, BadLinesAreWarnedAsStdinLine) {
  ASSERT_TRUE(ReadString("{\"id\":\"a\",\"body\":\"x\"}\n{oops\n", {}).ok());
  EXPECT_EQ(got_.docs.size(), 1u);
  ASSERT_EQ(got_.warnings.size(), 1u);
  EXPECT_EQ(got_.warnings[0].rfind("stdin:2: malformed JSON", 0), 0u) << got_.warnings[0];
}

TEST_F(StdinInputTest, TextFormatIsOneDocumentNamedStdin) {
  InputOptions options;
  options.stdin_format = "text";
  ASSERT_TRUE(ReadString("Headline here\n\nThe body text.\n", options).ok());
  ASSERT_EQ(got_.docs.size(), 1u);
  EXPECT_EQ(got_.docs[0].id, "stdin");
  EXPECT_EQ(got_.docs[0].path, "stdin");
  EXPECT_EQ(got_.docs[0].title, "Headline here");
  EXPECT_EQ(got_.docs[0].body, "The body text.");
}

TEST_F(StdinInputTest, OverlongTextIsSkipped) {
  InputOptions options;
  options.stdin_format = "text";
  options.max_doc_bytes = 10;
  ASSERT_TRUE(ReadString("more than ten bytes", options).ok());
  EXPECT_TRUE(got_.docs.empty());
  EXPECT_EQ(got_.report.skipped, 1u);
  EXPECT_TRUE(got_.Warned("stdin: document is over the limit of 10 bytes"));
}

TEST_F(StdinInputTest, UnknownFormatIsInvalidArgument) {
  InputOptions options;
  options.stdin_format = "xml";
  EXPECT_TRUE(ReadString("<doc/>", options).IsInvalidArgument());
}

TEST_F(StdinInputTest, OverlongLineFromAPipeIsSkippedAndTheNextLineRead) {
  // 64 MiB of one line through a pipe with a 1 MiB limit: the reader must stream it, not hold it.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::thread writer([fd = fds[1]] {
    const std::string start = "{\"id\":\"long\",\"body\":\"";
    const std::string chunk(1 << 20, 'x');
    const std::string rest = "\"}\n{\"id\":\"next\",\"body\":\"short\"}\n";
    auto write_all = [fd](const std::string& s) {
      for (size_t done = 0; done < s.size();) {
        const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n <= 0)
          return;
        done += static_cast<size_t>(n);
      }
    };
    write_all(start);
    for (int i = 0; i < 64; ++i) write_all(chunk);
    write_all(rest);
    ::close(fd);
  });
  std::FILE* in = ::fdopen(fds[0], "r");
  ASSERT_NE(in, nullptr);
  InputOptions options;
  options.max_doc_bytes = 1 << 20;
  const Status s = ReadDocumentStream(in, "stdin", options, got_.Sink(), got_.Warn(), &got_.report);
  writer.join();
  std::fclose(in);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(got_.docs.size(), 1u);
  EXPECT_EQ(got_.docs[0].id, "next");
  EXPECT_EQ(got_.docs[0].path, "stdin:2");
  ASSERT_EQ(got_.warnings.size(), 1u);
  EXPECT_EQ(got_.warnings[0], "stdin:1: line is over the limit of 1048576 bytes; skipped");
}

}  // namespace
}  // namespace nsearch::input
