// RUN: %check_iterguard %s iterguard-range-loop-address-escape -- -std=c++20
// RUN: %check_iterguard %s iterguard-range-loop-address-escape --config=%S/Inputs/range-loop/executors.yaml --check-suffix=CONFIGURED -- -std=c++20

// Lambdas that capture a per-iteration variable by reference, and
// std::ref/std::cref of it, handed to something that runs them after the
// iteration: a container or member, the caller, a thread, std::async, or an
// executor function. The mocks have no <thread> or <future>.

#include <algorithm>
#include <functional>
#include <future>
#include <map>
#include <queue>
#include <string>
#include <thread>
#include <vector>

struct Message {
  std::string topic;
  std::string body;
};

void upload(const std::string &file);
void route(const std::string &topic, const Message &message);
std::size_t checksum(const std::string &file);

//===----------------------------------------------------------------------===//
// Closures stored outside the loop or returned
//===----------------------------------------------------------------------===//

std::vector<std::function<void()>> cleanupActions(const std::vector<std::string> &tempFiles) {
  std::vector<std::function<void()>> actions;
  for (auto file : tempFiles)
    actions.push_back([&] { upload(file); });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'actions' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& file : tempFiles)
  return actions;
}

// Fine: each closure holds its own copy of the name.
std::vector<std::function<void()>> cleanupActionsByValue(const std::vector<std::string> &tempFiles) {
  std::vector<std::function<void()>> actions;
  for (auto file : tempFiles) {
    actions.push_back([file] { upload(file); });
    actions.push_back([=] { upload(file); });
  }
  return actions;
}

class Router {
public:
  void subscribeAll(const std::vector<std::string> &topics) {
    for (std::string topic : topics)
      handlers_[topic] = [&topic](const Message &message) { route(topic, message); };
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: by-reference capture of per-iteration variable 'topic' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'topic' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'handlers_' here, which outlives the iteration
    // CHECK-FIXES: for (const std::string& topic : topics)
  }

  // Fine: the topic is captured by value.
  void subscribeAllByValue(const std::vector<std::string> &topics) {
    for (std::string topic : topics)
      handlers_[topic] = [topic](const Message &message) { route(topic, message); };
  }

private:
  std::map<std::string, std::function<void(const Message &)>> handlers_;
};

// The closure is returned from inside the loop, and the copy it refers to
// dies with the iteration.
std::function<void()> firstPendingUpload(const std::vector<std::string> &files,
                                         const std::vector<bool> &pending) {
  std::size_t index = 0;
  for (auto file : files)
    if (pending[index++])
      return [&file] { upload(file); };
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: returned here
  // CHECK-FIXES: for (const auto& file : files)
  return nullptr;
}

// A closure kept in a local first, then stored.
std::vector<std::function<void()>> deferredUploads(const std::vector<std::string> &files) {
  std::vector<std::function<void()>> later;
  for (auto file : files) {
    auto task = [&] { upload(file); };
    later.push_back(task);
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:17: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: stored in 'later' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& file : files)
  return later;
}

// Fine: the closure kept in a local runs within the iteration.
void uploadEachTwice(const std::vector<std::string> &files) {
  for (auto file : files) {
    auto task = [&] { upload(file); };
    task();
    task();
  }
}

//===----------------------------------------------------------------------===//
// Threads
//===----------------------------------------------------------------------===//

void uploadInParallel(const std::vector<std::string> &files) {
  std::vector<std::thread> workers;
  for (auto file : files)
    workers.emplace_back([&] { upload(file); });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'workers' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& file : files)
  for (auto &worker : workers)
    worker.join();
}

// Fine: each thread is joined before its iteration ends.
void uploadOneByOne(const std::vector<std::string> &files) {
  for (auto file : files) {
    std::thread worker([&] { upload(file); });
    worker.join();
  }
}

void uploadDetached(const std::vector<std::string> &files) {
  for (auto file : files) {
    std::thread worker([&file] { upload(file); });
    worker.detach();
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:24: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: run on a thread here that the iteration does not join
  // CHECK-FIXES: for (const auto& file : files)
}

void uploadFireAndForget(const std::vector<std::string> &files) {
  for (auto file : files)
    std::thread([&file] { upload(file); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: run on a thread here that the iteration does not join
  // CHECK-FIXES: for (const auto& file : files)
}

// Fine: a detached thread with its own copy.
void uploadDetachedByValue(const std::vector<std::string> &files) {
  for (auto file : files)
    std::thread([file] { upload(file); }).detach();
}

// An early exit detaches instead of joining.
void uploadUnlessUrgent(const std::vector<std::string> &files, bool urgent) {
  for (auto file : files) {
    std::thread worker([&file] { upload(file); });
    if (urgent) {
      worker.detach();
      continue;
    }
    worker.join();
  }
  // CHECK-MESSAGES: :[[@LINE-7]]:24: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-9]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-9]]:5: note: run on a thread here that the iteration does not join
  // CHECK-FIXES: for (const auto& file : files)
}

// std::ref of the copy handed to a thread. std::ref takes a non-const
// reference, so no fix-it.
void uploadByRef(const std::vector<std::string> &files) {
  for (auto file : files) {
    std::thread worker(upload, std::ref(file));
    worker.detach();
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:32: warning: reference to per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: run on a thread here that the iteration does not join
  // CHECK-FIXES: for (auto file : files) {
}

void uploadAllByCref(const std::vector<std::string> &files) {
  std::vector<std::thread> workers;
  for (auto file : files)
    workers.emplace_back(upload, std::cref(file));
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: reference to per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'workers' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& file : files)
  for (auto &worker : workers)
    worker.join();
}

// Fine: std::thread copies its arguments.
void uploadAllByCopy(const std::vector<std::string> &files) {
  std::vector<std::thread> workers;
  for (auto file : files)
    workers.emplace_back(upload, file);
  for (auto &worker : workers)
    worker.join();
}

// Fine: a std::jthread local to the iteration joins when it is destroyed.
void uploadScoped(const std::vector<std::string> &files) {
  for (auto file : files) {
    std::jthread worker([&] { upload(file); });
  }
}

void uploadScopedInParallel(const std::vector<std::string> &files) {
  std::vector<std::jthread> workers;
  for (auto file : files)
    workers.emplace_back([&file] { upload(file); });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'workers' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& file : files)
}

class Downloader {
public:
  void startAll(const std::vector<std::string> &urls) {
    for (auto url : urls)
      workers_.emplace_back([&url, this] { fetch(url); });
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: by-reference capture of per-iteration variable 'url' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'url' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'workers_' here, which outlives the iteration
    // CHECK-FIXES: for (const auto& url : urls)
  }

  void startLast(const std::vector<std::string> &urls) {
    for (auto url : urls) {
      if (current_.joinable())
        current_.join();
      current_ = std::thread([&] { fetch(url); });
    }
    // CHECK-MESSAGES: :[[@LINE-2]]:30: warning: by-reference capture of per-iteration variable 'url' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-6]]:15: note: 'url' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: stored in 'current_' here, which outlives the iteration
    // CHECK-FIXES: for (const auto& url : urls) {
  }

private:
  void fetch(const std::string &url);
  std::vector<std::thread> workers_;
  std::thread current_;
};

//===----------------------------------------------------------------------===//
// std::async
//===----------------------------------------------------------------------===//

std::size_t totalChecksum(const std::vector<std::string> &files) {
  std::vector<std::future<std::size_t>> sums;
  for (auto file : files)
    sums.push_back(std::async(std::launch::async, [&] { return checksum(file); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'sums' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& file : files)
  std::size_t total = 0;
  for (auto &sum : sums)
    total += sum.get();
  return total;
}

// A deferred task runs when its future is waited on, after the loop.
std::size_t totalChecksumDeferred(const std::vector<std::string> &files) {
  std::vector<std::future<std::size_t>> sums;
  for (auto file : files)
    sums.push_back(std::async(std::launch::deferred, [&file] { return checksum(file); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'sums' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& file : files)
  std::size_t total = 0;
  for (auto &sum : sums)
    total += sum.get();
  return total;
}

// Fine: the future is waited on in the same iteration.
std::size_t totalChecksumSequential(const std::vector<std::string> &files) {
  std::size_t total = 0;
  for (auto file : files) {
    auto sum = std::async(std::launch::async, [&] { return checksum(file); });
    total += sum.get();
  }
  return total;
}

// Fine: the future is waited on in the iteration; leaving early destroys it,
// which waits too.
std::size_t checksumUntilCancelled(const std::vector<std::string> &files,
                                   const bool &cancelled) {
  std::size_t total = 0;
  for (auto file : files) {
    auto sum = std::async(std::launch::async, [&file] { return checksum(file); });
    if (cancelled)
      continue;
    sum.wait();
    total += sum.get();
  }
  return total;
}

// Fine: the discarded future waits for the task in its destructor.
void uploadSerially(const std::vector<std::string> &files) {
  for (auto file : files)
    std::async(std::launch::async, [&] { upload(file); });
}

//===----------------------------------------------------------------------===//
// Executor functions (ExecutorFunctions, or 'executors' in .iterguard.yaml)
//===----------------------------------------------------------------------===//

class ThreadPool {
public:
  void post(std::function<void()> task);
  std::future<void> submit(std::function<void()> task);
  void enqueue(std::function<void()> task, int priority);
  // Runs the task on the calling thread before returning.
  void runInline(std::function<void()> task);
};

class EventLoop {
public:
  void dispatch(std::function<void()> handler);
  void runLater(std::function<void()> handler);
};

void uploadOnPool(ThreadPool &pool, const std::vector<std::string> &files) {
  for (auto file : files)
    pool.post([&] { upload(file); });
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: handed to 'pool.post' here, which may run it after the iteration
  // CHECK-FIXES: for (const auto& file : files)
}

void uploadOnPoolAndWaitLater(ThreadPool &pool, const std::vector<std::string> &files) {
  std::vector<std::future<void>> done;
  for (auto file : files)
    done.push_back(pool.submit([&file] { upload(file); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: handed to 'pool.submit' here, which may run it after the iteration
  // CHECK-FIXES: for (const auto& file : files)
  for (auto &task : done)
    task.wait();
}

void uploadWithPriority(ThreadPool &pool, const std::vector<std::string> &files) {
  int priority = 0;
  for (auto file : files)
    pool.enqueue([&] { upload(file); }, priority++);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: by-reference capture of per-iteration variable 'file' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'file' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: handed to 'pool.enqueue' here, which may run it after the iteration
  // CHECK-FIXES: for (const auto& file : files)
}

void deliverAll(EventLoop &loop, const std::vector<Message> &inbox) {
  for (auto message : inbox)
    loop.dispatch([&] { route(message.topic, message); });
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: by-reference capture of per-iteration variable 'message' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'message' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: handed to 'loop.dispatch' here, which may run it after the iteration
  // CHECK-FIXES: for (const auto& message : inbox)
}

// A pointer loop variable captured by reference: the closure refers to the
// per-iteration pointer, not to the widget.
struct Widget {
  void refresh();
};
void refreshAll(ThreadPool &pool, const std::vector<Widget *> &widgets) {
  for (auto widget : widgets)
    pool.post([&] { widget->refresh(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: by-reference capture of per-iteration variable 'widget' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'widget' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: handed to 'pool.post' here, which may run it after the iteration
  // CHECK-FIXES: for (const auto& widget : widgets)
}

// Fine: the closure copies the pointer.
void refreshAllByValue(ThreadPool &pool, const std::vector<Widget *> &widgets) {
  for (auto widget : widgets)
    pool.post([widget] { widget->refresh(); });
}

// Fine: the pool gets closures holding copies.
void uploadOnPoolByValue(ThreadPool &pool, const std::vector<std::string> &files) {
  for (auto file : files) {
    pool.post([file] { upload(file); });
    pool.submit([=] { upload(file); });
  }
}

// Fine: runInline is not an executor function; calls are assumed to run what
// they are given before they return.
void uploadInline(ThreadPool &pool, const std::vector<std::string> &files) {
  for (auto file : files)
    pool.runInline([&] { upload(file); });
}

// runLater is an executor only where the configuration names it. (The fix-it
// exists only in the configured run, so it is not asserted.)
void deliverLater(EventLoop &loop, const std::vector<Message> &inbox) {
  for (auto message : inbox)
    loop.runLater([&message] { route(message.topic, message); });
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:19: warning: by-reference capture of per-iteration variable 'message' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-3]]:13: note: 'message' is a copy of the element, made for one iteration
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-3]]:5: note: handed to 'loop.runLater' here, which may run it after the iteration
}

//===----------------------------------------------------------------------===//
// Closures run within the iteration
//===----------------------------------------------------------------------===//

// Fine: called in place.
void uploadEach(const std::vector<std::string> &files) {
  for (auto file : files)
    [&] { upload(file); }();
}

// Fine: the standard algorithms run the closure before they return.
void rankByTopic(std::vector<Message> &messages, const std::vector<std::string> &topics) {
  for (auto topic : topics) {
    std::for_each(messages.begin(), messages.end(),
                  [&](Message &message) { if (message.topic == topic) message.body += "!"; });
    std::sort(messages.begin(), messages.end(), [&](const Message &a, const Message &b) {
      return (a.topic == topic) > (b.topic == topic);
    });
    auto first = std::find_if(messages.begin(), messages.end(),
                              [&topic](const Message &message) { return message.topic == topic; });
    if (first != messages.end())
      route(topic, *first);
  }
}

//===----------------------------------------------------------------------===//
// Known misses
//===----------------------------------------------------------------------===//

class MessageBus {
public:
  void subscribe(std::function<void(const Message &)> handler) {
    handlers_.push_back(std::move(handler));
  }

private:
  std::vector<std::function<void(const Message &)>> handlers_;
};

// False negative: subscribe stores the closure, but calls are assumed not to
// store what they are given unless they are executor functions.
void subscribeTopics(MessageBus &bus, const std::vector<std::string> &topics) {
  for (auto topic : topics)
    bus.subscribe([&](const Message &message) { route(topic, message); });
}

// False negative: an init-capture by reference is not followed.
std::vector<std::function<void()>> renamedCaptures(const std::vector<std::string> &files) {
  std::vector<std::function<void()>> actions;
  for (auto file : files)
    actions.push_back([&name = file] { upload(name); });
  return actions;
}

// False negative: std::bind is not followed.
std::vector<std::function<void()>> boundUploads(const std::vector<std::string> &files) {
  std::vector<std::function<void()>> actions;
  for (auto file : files)
    actions.push_back(std::bind(upload, std::cref(file)));
  return actions;
}

// False negative: std::queue (a container adaptor) is not in the container
// model, so pushing into it is not seen as a store.
void queueUploads(std::queue<std::function<void()>> &eventQueue,
                  const std::vector<std::string> &files) {
  for (auto file : files)
    eventQueue.push([&] { upload(file); });
}

// False negative: a closure inside an aggregate initialized with braces is not
// followed.
struct ScheduledTask {
  std::function<void()> run;
  int priority;
};
std::vector<ScheduledTask> scheduledUploads(const std::vector<std::string> &files) {
  std::vector<ScheduledTask> tasks;
  for (auto file : files)
    tasks.push_back(ScheduledTask{[&] { upload(file); }, 0});
  return tasks;
}

// False negative: a join anywhere in the iteration counts as joining the
// thread, even when another path moves it out of the loop.
void uploadQuickOnesNow(const std::vector<std::string> &files,
                        std::vector<std::thread> &background, bool quick) {
  for (auto file : files) {
    std::thread worker([&] { upload(file); });
    if (quick)
      worker.join();
    else
      background.push_back(std::move(worker));
  }
}

// False negative: the same for a future waited on one path and moved out on
// the other.
void checksumNowOrLater(const std::vector<std::string> &files,
                        std::vector<std::future<std::size_t>> &later, bool now) {
  for (auto file : files) {
    auto sum = std::async(std::launch::async, [&] { return checksum(file); });
    if (now)
      sum.get();
    else
      later.push_back(std::move(sum));
  }
}
