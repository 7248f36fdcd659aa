// RUN: %check_iterguard %s iterguard-unsynchronized-container-write -- -std=c++20 -pthread

// Rule (b): a write races with an access that can run at the same time on
// another thread, at least one of them writing: a thread entry against the
// code of its spawner between the spawn and the join, two thread entries, or
// an entry started repeatedly (a worker pool) against itself. Threads are
// std::thread, std::jthread, std::async, pthread_create and the default
// executor functions; with member functions of an object started on a thread
// (std::thread(&C::run, this), or a lambda capturing this), the object's
// other methods may run at any time. The real standard library (the mocks
// have no <thread>).

#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <pthread.h>
#include <queue>
#include <string>
#include <thread>
#include <vector>

//===----------------------------------------------------------------------===//
// The seed case: one thread iterates a map while another inserts
//===----------------------------------------------------------------------===//

std::map<std::string, double> quotes;

void printQuotes() {
  for (const auto &[symbol, price] : quotes)
    (void)price;
}

void updateQuotes() {
  std::thread printer(printQuotes);
  quotes["ACME"] = 42.0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'operator[]' modifies 'quotes', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-8]]:36: note: 'quotes' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'printQuotes' runs on a thread started here
  printer.join();
  // Fine: the printer has finished.
  quotes["INIT"] = 7.5;
}

//===----------------------------------------------------------------------===//
// std::thread with a lambda capturing a local by reference
//===----------------------------------------------------------------------===//

double averageWhileSampling() {
  std::vector<double> samples;
  std::thread averager([&] {
    double sum = 0;
    for (double s : samples)
      sum += s;
    (void)sum;
  });
  samples.push_back(1.5);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'push_back' modifies 'samples', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-6]]:19: note: 'samples' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-9]]:15: note: 'lambda' runs on a thread started here
  averager.join();
  // Fine: after the join.
  samples.push_back(2.5);
  return samples.back();
}

// The thread writes; the spawner reads before the join.
std::size_t downloadInBackground() {
  std::vector<std::string> chunks;
  std::thread downloader([&] { chunks.push_back("chunk"); });
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'push_back' modifies 'chunks', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+2]]:33: note: 'chunks' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'lambda' runs on a thread started here
  std::size_t progress = chunks.size();
  downloader.join();
  return progress + chunks.size();
}

// Fine: the spawner touches the container only after the join.
std::size_t downloadThenCount() {
  std::vector<std::string> chunks;
  std::thread downloader([&] { chunks.push_back("chunk"); });
  downloader.join();
  chunks.push_back("trailer");
  return chunks.size();
}

// Fine: the lambda works on its own copy.
std::size_t downloadIntoCopy() {
  std::vector<std::string> chunks{"header"};
  std::thread downloader([chunks]() mutable { chunks.push_back("chunk"); });
  chunks.push_back("trailer");
  downloader.join();
  return chunks.size();
}

// A member of a local object captured by reference.
struct Batch {
  std::vector<int> ids;
};

void fillBatch() {
  Batch batch;
  std::thread filler([&batch] { batch.ids.push_back(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'push_back' modifies 'batch.ids', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+2]]:15: note: 'batch.ids' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'lambda' runs on a thread started here
  for (int id : batch.ids)
    (void)id;
  filler.join();
}

//===----------------------------------------------------------------------===//
// std::jthread: joined at the end of its scope
//===----------------------------------------------------------------------===//

std::size_t histogramWhileCounting(const std::vector<int> &values) {
  std::map<int, int> histogram;
  {
    std::jthread counter([&] {
      for (int v : values)
        histogram[v / 10]++;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'operator[]' modifies 'histogram', which another thread may access at the same time [iterguard-unsynchronized-container-write]
        // CHECK-MESSAGES: :[[@LINE+3]]:34: note: 'histogram' is read here, possibly at the same time
        // CHECK-MESSAGES: :[[@LINE-5]]:18: note: 'lambda' runs on a thread started here
    });
    std::size_t seen = histogram.size();
    (void)seen;
  }
  // Fine: the jthread joined when its scope ended.
  histogram.erase(0);
  return histogram.size();
}

//===----------------------------------------------------------------------===//
// std::async: joined by get() or wait() on its future
//===----------------------------------------------------------------------===//

std::vector<std::string> auditLog;

// The task and the spawner both write before get(): each write is reported.
int auditAndCount() {
  auto audit = std::async(std::launch::async, [] {
    auditLog.push_back("audit started");
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'push_back' modifies 'auditLog', which another thread may access at the same time [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE+4]]:12: note: 'auditLog' is modified here, possibly at the same time
    // CHECK-MESSAGES: :[[@LINE-4]]:16: note: 'lambda' runs on a thread started here
    return 1;
  });
  auditLog.push_back("request handled");
  //
  //
  //
  int result = audit.get();
  // Fine: get() waited for the task.
  auditLog.push_back("audit finished");
  return result;
}

std::map<int, std::string> prefetched;

void prefetchAndWait() {
  auto done = std::async(std::launch::async, [] { prefetched[1] = "page"; });
  done.wait();
  // Fine: wait() waited for the task.
  prefetched.erase(1);
}

//===----------------------------------------------------------------------===//
// Worker pools
//===----------------------------------------------------------------------===//

std::vector<int> checksums;

void checksumWorker() { checksums.push_back(42); }
// CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'push_back' modifies 'checksums', which another thread may access at the same time [iterguard-unsynchronized-container-write]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'checksumWorker' runs on a thread started here

void checksumAll() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(checksumWorker);
  for (auto &worker : workers)
    worker.join();
}

std::vector<int> sizes;
std::mutex sizesMu;

// Fine: every worker takes the lock.
void sizeWorker() {
  std::lock_guard<std::mutex> lock(sizesMu);
  sizes.push_back(42);
}

void sizeAll() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(sizeWorker);
  for (auto &worker : workers)
    worker.join();
}

// Lambdas started in a loop run concurrently with each other.
std::vector<std::string> crawled;

void crawl(const std::vector<std::string> &urls) {
  std::vector<std::thread> crawlers;
  for (const std::string &url : urls)
    crawlers.emplace_back([url] { crawled.push_back(url); });
    // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'push_back' modifies 'crawled', which another thread may access at the same time [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'lambda' runs on a thread started here
  for (auto &crawler : crawlers)
    crawler.join();
}

// Two different entries: one writes, the other reads.
std::vector<std::string> alerts;

void raiseAlerts() { alerts.push_back("disk full"); }
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'push_back' modifies 'alerts', which another thread may access at the same time [iterguard-unsynchronized-container-write]
// CHECK-MESSAGES: :[[@LINE+3]]:33: note: 'alerts' is read here, possibly at the same time
// CHECK-MESSAGES: :[[@LINE+7]]:15: note: 'raiseAlerts' runs on a thread started here
void showAlerts() {
  for (const std::string &alert : alerts)
    (void)alert;
}

void monitor() {
  std::thread raiser(raiseAlerts);
  std::thread viewer(showAlerts);
  raiser.join();
  viewer.join();
}

//===----------------------------------------------------------------------===//
// Producer and consumer
//===----------------------------------------------------------------------===//

std::deque<std::string> events;
std::mutex eventsMu;

// Fine: both sides take the lock.
void consumeEvents() {
  for (int i = 0; i < 100; ++i) {
    std::lock_guard<std::mutex> lock(eventsMu);
    if (!events.empty())
      events.pop_front();
  }
}

void produceEvents() {
  std::thread consumer(consumeEvents);
  for (int i = 0; i < 100; ++i) {
    std::lock_guard<std::mutex> lock(eventsMu);
    events.push_back("tick");
  }
  consumer.join();
}

// The consumer forgets the lock.
std::deque<std::string> commands;
std::mutex commandsMu;

void consumeCommands() {
  for (int i = 0; i < 100; ++i) {
    if (!commands.empty())
      commands.pop_front();
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'pop_front' modifies 'commands' without holding 'commandsMu', which guards it elsewhere [iterguard-unsynchronized-container-write]
      // CHECK-MESSAGES: :[[@LINE+8]]:14: note: 'commands' is accessed here while holding 'commandsMu'
  }
}

void produceCommands() {
  std::thread consumer(consumeCommands);
  for (int i = 0; i < 100; ++i) {
    std::lock_guard<std::mutex> lock(commandsMu);
    commands.push_back("step");
  }
  consumer.join();
}

// False negative: the container adapters std::queue, std::stack and
// std::priority_queue (and std::array) are not in the container model, so
// the consumer's unlocked pop() is not seen. Configuring std::queue like
// std::deque finds it (unsynchronized-container-write-config.cpp).
std::queue<int> orders;
std::mutex ordersMu;

void consumeOrders() {
  for (int i = 0; i < 100; ++i)
    if (!orders.empty())
      orders.pop();
}

void produceOrders() {
  std::thread consumer(consumeOrders);
  for (int i = 0; i < 100; ++i) {
    std::lock_guard<std::mutex> lock(ordersMu);
    orders.push(i);
  }
  consumer.join();
}

//===----------------------------------------------------------------------===//
// Objects whose methods run on a thread
//===----------------------------------------------------------------------===//

class AsyncLogger {
public:
  void start() { thread_ = std::thread(&AsyncLogger::run, this); }
  void log(std::string line) { pending_.push_back(std::move(line)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: 'push_back' modifies 'pending_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+10]]:34: note: 'pending_' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-4]]:28: note: 'run' runs on a thread started here
  // Fine: the destructor runs when no other thread uses the object.
  ~AsyncLogger() {
    thread_.join();
    pending_.clear();
  }

private:
  void run() {
    for (const std::string &line : pending_)
      (void)line;
  }

  std::thread thread_;
  std::vector<std::string> pending_;
};

// Fine: the writer and the thread share a lock.
class SafeLogger {
public:
  void start() { thread_ = std::thread(&SafeLogger::run, this); }
  void log(std::string line) {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.push_back(std::move(line));
  }
  ~SafeLogger() { thread_.join(); }

private:
  void run() {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.clear();
  }

  std::mutex mu_;
  std::thread thread_;
  std::vector<std::string> pending_;
};

// A lambda capturing this runs dispatch(), which reads handlers_.
class EventLoop {
public:
  // Fine: a constructor runs before the thread exists.
  EventLoop() {
    handlers_[0] = "idle";
    thread_ = std::thread([this] { dispatch(); });
  }
  void on(int event, std::string handler) { handlers_[event] = std::move(handler); }
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 'operator[]' modifies 'handlers_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+6]]:39: note: 'handlers_' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: 'lambda' runs on a thread started here
  ~EventLoop() { thread_.join(); }

private:
  void dispatch() {
    for (const auto &[event, handler] : handlers_)
      (void)handler;
  }

  std::thread thread_;
  std::map<int, std::string> handlers_;
};

//===----------------------------------------------------------------------===//
// Functions reached from a thread, and from the spawner while it runs
//===----------------------------------------------------------------------===//

std::map<int, std::string> sessions;

void expireSession(int id) { sessions.erase(id); }
// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'erase' modifies 'sessions', which another thread may access at the same time [iterguard-unsynchronized-container-write]
// CHECK-MESSAGES: :[[@LINE+5]]:31: note: 'sessions' is read here, possibly at the same time
// CHECK-MESSAGES: :[[@LINE+3]]:15: note: 'lambda' runs on a thread started here

void reapSessions() {
  std::thread reaper([] { expireSession(1); });
  for (const auto &[id, user] : sessions)
    (void)user;
  reaper.join();
}

std::vector<int> readings;

void printReadings() {
  for (int r : readings)
    (void)r;
}

void sampleAndPrint() {
  std::thread sampler([] { readings.push_back(7); });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'push_back' modifies 'readings', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-7]]:14: note: 'readings' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'lambda' runs on a thread started here
  printReadings();
  sampler.join();
  // Fine: called after the join.
  printReadings();
}

//===----------------------------------------------------------------------===//
// pthread_create, executors, detached threads
//===----------------------------------------------------------------------===//

std::vector<int> heartbeats;

void *heartbeat(void *) {
  heartbeats.push_back(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'push_back' modifies 'heartbeats', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+8]]:17: note: 'heartbeats' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: 'heartbeat' runs on a thread started here
  return nullptr;
}

void startHeartbeat() {
  pthread_t thread;
  pthread_create(&thread, nullptr, heartbeat, nullptr);
  for (int beat : heartbeats)
    (void)beat;
  pthread_join(thread, nullptr);
}

// submit() is one of the default executor functions.
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

// Both writes race; each is reported.
std::vector<std::string> uploads;

void uploadDetached() {
  std::thread([] { uploads.push_back("report.pdf"); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'push_back' modifies 'uploads', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+2]]:11: note: 'uploads' is modified here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'lambda' runs on a thread started here
  uploads.push_back("photo.jpg");
  //
  //
  //
}

//===----------------------------------------------------------------------===//
// Known misses
//===----------------------------------------------------------------------===//

// A container handed to the thread by std::ref is shared: the thread's
// parameter stands for the spawner's local.
void appendResults(std::vector<int> &out) { out.push_back(1); }
// CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'push_back' modifies 'results', which another thread may access at the same time [iterguard-unsynchronized-container-write]
// CHECK-MESSAGES: :[[@LINE+6]]:11: note: 'results' is modified here, possibly at the same time
// CHECK-MESSAGES: :[[@LINE+4]]:15: note: 'appendResults' runs on a thread started here

void collectByRef() {
  std::vector<int> results;
  std::thread worker(appendResults, std::ref(results));
  results.push_back(2);
  //
  //
  //
  worker.join();
}

// False negative: a lambda kept in a variable before it is handed to the
// thread runs on it, but its by-reference captures are not shared; only
// those of a lambda written in the spawning call are.
std::size_t countHitsInBackground() {
  std::vector<int> hits;
  auto count = [&hits] { hits.push_back(1); };
  std::thread counter(count);
  std::size_t seen = hits.size();
  counter.join();
  return seen;
}

// False negative: a thread entry that reaches the object through its argument
// (self->queue_) names another object than this->queue_.
class Spooler {
public:
  void start() { pthread_create(&thread_, nullptr, &Spooler::entry, this); }
  void enqueue(int job) { queue_.push_back(job); }

private:
  static void *entry(void *arg) {
    auto *self = static_cast<Spooler *>(arg);
    self->queue_.clear();
    return nullptr;
  }

  pthread_t thread_;
  std::vector<int> queue_;
};

// False negative: a thread started inside another function and returned is
// not seen running in the caller.
std::vector<int> telemetry;

void sendTelemetry() { telemetry.push_back(1); }
std::thread startTelemetry() { return std::thread(sendTelemetry); }

void runWithTelemetry() {
  std::thread sender = startTelemetry();
  telemetry.clear();
  sender.join();
}

// False negative: only writes are reported. The thread's unlocked read races
// with the locked write, but the write holds the lock.
class Ticker {
public:
  void start() { thread_ = std::thread(&Ticker::run, this); }
  void add(int tick) {
    std::lock_guard<std::mutex> lock(mu_);
    ticks_.push_back(tick);
  }
  ~Ticker() { thread_.join(); }

private:
  void run() {
    for (int tick : ticks_)
      (void)tick;
  }

  std::mutex mu_;
  std::thread thread_;
  std::vector<int> ticks_;
};

// False negative: a static data member named inside its class (before its
// out-of-class definition) and outside it (after) are two different
// containers to the analysis.
struct Counters {
  static std::map<std::string, int> byName;
  static void bump() { byName["requests"]++; }
};
std::map<std::string, int> Counters::byName;

void countRequests() {
  std::thread bumper(&Counters::bump);
  Counters::byName.clear();
  bumper.join();
}
