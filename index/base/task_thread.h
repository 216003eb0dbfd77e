#ifndef NSEARCH_INDEX_BASE_TASK_THREAD_H_
#define NSEARCH_INDEX_BASE_TASK_THREAD_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace nsearch {

// One thread that runs tasks in the order they are pushed. The queue is bounded, so a producer
// faster than the thread blocks in Push instead of piling work (and memory) up. Push and Wait
// are for one producer thread.
class TaskThread {
 public:
  // REQUIRES: max_queued >= 1.
  explicit TaskThread(size_t max_queued);
  // Runs the tasks still queued, then joins.
  ~TaskThread();
  TaskThread(const TaskThread&) = delete;
  TaskThread& operator=(const TaskThread&) = delete;

  // Queues `task`, first waiting while max_queued tasks are waiting.
  void Push(std::function<void()> task);
  // Returns once every task pushed so far has run.
  void Wait();

 private:
  void Run();

  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> queue_;  // guarded by mu_
  bool running_task_ = false;                // guarded by mu_
  bool stopping_ = false;                    // guarded by mu_
  std::thread thread_;                       // last: started once the rest is ready
};

}  // namespace nsearch

#endif  // NSEARCH_INDEX_BASE_TASK_THREAD_H_
