#include "index/base/task_thread.h"

namespace nsearch {

TaskThread::TaskThread(size_t max_queued) : max_queued_(max_queued), thread_([this] { Run(); }) {}

TaskThread::~TaskThread() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void TaskThread::Push(std::function<void()> task) {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [this] { return queue_.size() < max_queued_; });
  queue_.push_back(std::move(task));
  changed_.notify_all();
}

void TaskThread::Wait() {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [this] { return queue_.empty() && !running_task_; });
}

void TaskThread::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    changed_.wait(lock, [this] { return !queue_.empty() || stopping_; });
    if (queue_.empty()) {
      return;  // stopping, and nothing left to run
    }
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    running_task_ = true;
    changed_.notify_all();  // room in the queue
    lock.unlock();
    task();
    lock.lock();
    running_task_ = false;
    changed_.notify_all();
  }
}

}  // namespace nsearch
