// RUN: %check_iterguard %s iterguard-unsynchronized-container-write -- -std=c++17 -pthread

// Correct code that earlier versions reported, beside the races it resembles.

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

//===----------------------------------------------------------------------===//
// Writes after every thread is joined
//===----------------------------------------------------------------------===//

std::mutex resultsMu;
std::vector<int> results;

void collectOne() {
  std::lock_guard<std::mutex> lock(resultsMu);
  results.push_back(1);
}

// Fine: the workers lock, and the clear runs after the join.
void collectAndReset() {
  std::thread worker(collectOne);
  worker.join();
  results.clear();
}

// Fine: a pool joined through the vector that holds its threads.
void collectWithPool() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(collectOne);
  for (auto &worker : workers)
    worker.join();
  results.clear();
}

// The race beside them: clearing while the pool still runs.
void collectAndResetTooEarly() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(collectOne);
  results.clear();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'clear' modifies 'results' without holding 'resultsMu', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-27]]:11: note: 'results' is accessed here while holding 'resultsMu'
  for (auto &worker : workers)
    worker.join();
}

//===----------------------------------------------------------------------===//
// Threads that run one after the other
//===----------------------------------------------------------------------===//

std::vector<std::string> lines;
void produce() { lines.push_back("line"); }
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'push_back' modifies 'lines', which another thread may access at the same time [iterguard-unsynchronized-container-write]
// CHECK-MESSAGES: :[[@LINE+2]]:24: note: 'lines' is modified here, possibly at the same time
// CHECK-MESSAGES: :[[@LINE+24]]:15: note: 'produce' runs on a thread started here
void consume() { lines.clear(); }
//
//
//

// Fine: the consumer starts after the producer is joined.
void produceThenConsume() {
  std::thread producer(produce);
  producer.join();
  std::thread consumer(consume);
  consumer.join();
}

// Fine: each step is joined in the iteration that starts it.
void stepByStep() {
  for (int i = 0; i < 3; ++i) {
    std::thread step(produce);
    step.join();
  }
}

// The race beside them: both threads run at once.
void produceWhileConsuming() {
  std::thread producer(produce);
  std::thread consumer(consume);
  producer.join();
  consumer.join();
}

//===----------------------------------------------------------------------===//
// Member threads
//===----------------------------------------------------------------------===//

class Poller {
public:
  // Fine: addDefaults runs while the object is constructed, before the
  // thread starts.
  Poller() {
    addDefaults();
    thread_ = std::thread(&Poller::run, this);
  }
  ~Poller() { stop(); }

  // Fine: the thread is joined before the member is cleared.
  void stop() {
    if (thread_.joinable())
      thread_.join();
    fds_.clear();
  }

  // The race: the poller thread reads fds_ meanwhile.
  void add(int fd) { fds_.push_back(fd); }
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'push_back' modifies 'fds_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+6]]:17: note: 'fds_' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-15]]:15: note: 'run' runs on a thread started here

private:
  void addDefaults() { fds_.push_back(0); }
  void run() {
    for (int fd : fds_)
      (void)fd;
  }

  std::thread thread_;
  std::vector<int> fds_;
};

//===----------------------------------------------------------------------===//
// Races earlier versions missed
//===----------------------------------------------------------------------===//

// A local handed by std::ref to a member function started on a thread is
// shared: the object comes before the arguments, which go to the function's
// parameters in order. (In a C++20 file this std::thread construction makes
// Clang 19 itself leak memory while deducing, which the sanitizer stage of
// CI would report; this file is C++17.)
class ResultCollector {
public:
  void collect() {
    std::vector<int> results;
    std::thread worker(&ResultCollector::fill, this, std::ref(results));
    results.push_back(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'push_back' modifies 'results', which another thread may access at the same time [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE+6]]:42: note: 'results' is modified here, possibly at the same time
    // CHECK-MESSAGES: :[[@LINE-4]]:17: note: 'fill' runs on a thread started here
    worker.join();
  }

private:
  void fill(std::vector<int> &out) { out.push_back(1); }
};

// Fine: the same, with the spawner touching the local only after the join.
class JoinedResultCollector {
public:
  void collect() {
    std::vector<int> results;
    std::thread worker(&JoinedResultCollector::fill, this, std::ref(results));
    worker.join();
    results.push_back(0);
  }

private:
  void fill(std::vector<int> &out) { out.push_back(1); }
};
