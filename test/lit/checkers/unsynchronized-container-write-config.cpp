// RUN: %check_iterguard %s iterguard-unsynchronized-container-write -- -std=c++17 -pthread
// RUN: %check_iterguard %s iterguard-unsynchronized-container-write --config=%S/Inputs/threads/config.yaml --check-suffix=CONFIGURED -- -std=c++17 -pthread
// RUN: %clang_tidy --load=%tidy_module --checks='-*,iterguard-unsynchronized-container-write' --config="{CheckOptions: {iterguard-unsynchronized-container-write.ExecutorFunctions: 'runInBackground', iterguard-unsynchronized-container-write.LockTypes: 'util::SpinLock', iterguard-unsynchronized-container-write.ExtraContainers: 'std::queue=std::deque'}}" --quiet %s -- -std=c++17 -pthread | FileCheck %s --check-prefix=OPTIONS --implicit-check-not="{{warning|note|error}}:"

// Executor functions, lock types and containers from .iterguard.yaml
// ('executors', 'locks' and 'containers', which add to the defaults), and
// from the clang-tidy options ExecutorFunctions, LockTypes and
// ExtraContainers. Without configuration a function without a body is
// assumed not to start a thread, a class that is not a standard mutex guards
// nothing, and std::queue is not a container.

#include <functional>
#include <map>
#include <mutex>
#include <queue>
#include <string>
#include <vector>

namespace util {
// A user mutex with lock() and unlock(), usable with std::lock_guard.
class SpinLock {
public:
  void lock();
  void unlock();
  bool try_lock();
};
} // namespace util

// Runs the task on a background thread; defined in another file.
void runInBackground(std::function<void()> task);

//===----------------------------------------------------------------------===//
// A configured executor function
//===----------------------------------------------------------------------===//

std::vector<std::string> uploads;

void queueUpload(const std::string &file) {
  runInBackground([] { uploads.push_back("manifest"); });
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:32: warning: 'push_back' modifies 'uploads', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE+7]]:11: note: 'uploads' is modified here, possibly at the same time
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-3]]:3: note: 'lambda' runs on a thread started here
  // OPTIONS: :[[@LINE-4]]:32: warning: 'push_back' modifies 'uploads', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // OPTIONS: :[[@LINE+4]]:11: note: 'uploads' is modified here, possibly at the same time
  // OPTIONS: :[[@LINE-6]]:3: note: 'lambda' runs on a thread started here
  // False negative without configuration: runInBackground() has no body, so
  // it is assumed not to start a thread.
  uploads.push_back(file);
  //
  //
  //
  //
  //
  //
}

// Fine: the task works on its own data.
void queueCleanup() {
  runInBackground([] {
    std::vector<std::string> stale;
    stale.push_back("tmp");
  });
}

//===----------------------------------------------------------------------===//
// A default executor function (submit): the configuration file keeps it, the
// ExecutorFunctions option replaces the list without it
//===----------------------------------------------------------------------===//

struct ThreadPool {
  void submit(std::function<void()> task);
};

std::map<std::string, int> thumbnails;

void renderThumbnails(ThreadPool &pool) {
  pool.submit([] { thumbnails["cover.png"] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'operator[]' modifies 'thumbnails', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+2]]:33: note: 'thumbnails' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'lambda' runs on a thread started here
  for (const auto &[name, done] : thumbnails)
    (void)done;
}

//===----------------------------------------------------------------------===//
// A configured lock type
//===----------------------------------------------------------------------===//

class PeerTable {
public:
  int portOf(const std::string &peer) {
    std::lock_guard<util::SpinLock> guard(lock_);
    auto it = ports_.find(peer);
    return it == ports_.end() ? 0 : it->second;
  }

  // Fine: locked directly.
  void add(const std::string &peer, int port) {
    lock_.lock();
    ports_[peer] = port;
    lock_.unlock();
  }

  // False negative without configuration: util::SpinLock is not a mutex, so
  // nothing guards ports_.
  void forget(const std::string &peer) { ports_.erase(peer); }
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:49: warning: 'erase' modifies 'ports_' without holding 'lock_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-15]]:22: note: 'ports_' is accessed here while holding 'lock_'
  // OPTIONS: :[[@LINE-3]]:49: warning: 'erase' modifies 'ports_' without holding 'lock_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // OPTIONS: :[[@LINE-17]]:22: note: 'ports_' is accessed here while holding 'lock_'

private:
  util::SpinLock lock_;
  std::map<std::string, int> ports_;
};

//===----------------------------------------------------------------------===//
// A container adapter configured like the container it wraps
//===----------------------------------------------------------------------===//

class OrderQueue {
public:
  void push(int order) {
    std::lock_guard<std::mutex> lock(mu_);
    orders_.push(order);
  }

  // Fine: takes the lock.
  int popLocked() {
    std::lock_guard<std::mutex> lock(mu_);
    int order = orders_.front();
    orders_.pop();
    return order;
  }

  // False negative without configuration: std::queue is not in the container
  // model.
  int popUnlocked() {
    int order = orders_.front();
    orders_.pop();
    // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:13: warning: 'pop' modifies 'orders_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES-CONFIGURED: :[[@LINE-17]]:13: note: 'orders_' is accessed here while holding 'mu_'
    // OPTIONS: :[[@LINE-3]]:13: warning: 'pop' modifies 'orders_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // OPTIONS: :[[@LINE-19]]:13: note: 'orders_' is accessed here while holding 'mu_'
    return order;
  }

private:
  std::mutex mu_;
  std::queue<int> orders_;
};
