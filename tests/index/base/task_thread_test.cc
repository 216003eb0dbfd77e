#include "index/base/task_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace nsearch {
namespace {

TEST(TaskThreadTest, RunsTasksInOrderAndWaitSeesThemAll) {
  std::vector<int> ran;  // touched only by the task thread until Wait returns
  TaskThread thread(2);
  for (int i = 0; i < 1000; ++i) {
    thread.Push([&ran, i] { ran.push_back(i); });
  }
  thread.Wait();
  ASSERT_EQ(ran.size(), 1000u);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(ran[static_cast<size_t>(i)], i);
  }
}

TEST(TaskThreadTest, DestructorRunsWhatIsQueued) {
  std::atomic<int> count{0};
  {
    TaskThread thread(8);
    for (int i = 0; i < 100; ++i) {
      thread.Push([&count] { ++count; });
    }
  }
  EXPECT_EQ(count.load(), 100);
}

}  // namespace
}  // namespace nsearch
