// RUN: %check_iterguard %s iterguard-unsynchronized-container-write -- -std=c++20 -pthread

// The correct lookalikes of SPEC section 4, each written the way real code
// has them: all accesses under the same mutex; the container filled before
// the threads start and only read afterwards; accesses after join();
// thread_local containers; containers local to one thread entry;
// std::atomic members; constructors and destructors; const access only.
// Each scenario sits beside the racy version it resembles.

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

//===----------------------------------------------------------------------===//
// Every access under the same mutex
//===----------------------------------------------------------------------===//

// Fine: the refresher thread and the public methods all take mu_.
class DnsCache {
public:
  void start() { refresher_ = std::thread(&DnsCache::refresh, this); }
  std::string resolve(const std::string &host) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = addresses_.find(host);
    return it == addresses_.end() ? "" : it->second;
  }
  void pin(const std::string &host, const std::string &address) {
    std::lock_guard<std::mutex> lock(mu_);
    addresses_[host] = address;
  }
  ~DnsCache() { refresher_.join(); }

private:
  void refresh() {
    std::lock_guard<std::mutex> lock(mu_);
    addresses_.clear();
  }

  std::mutex mu_;
  std::thread refresher_;
  std::map<std::string, std::string> addresses_;
};

// The same cache with one method that forgets the lock.
class LeakyDnsCache {
public:
  void start() { refresher_ = std::thread(&LeakyDnsCache::refresh, this); }
  void pin(const std::string &host, const std::string &address) {
    addresses_[host] = address;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'operator[]' modifies 'addresses_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE+7]]:16: note: 'addresses_' is accessed here while holding 'mu_'
  }
  ~LeakyDnsCache() { refresher_.join(); }

private:
  void refresh() {
    std::lock_guard<std::mutex> lock(mu_);
    addresses_.clear();
  }

  std::mutex mu_;
  std::thread refresher_;
  std::map<std::string, std::string> addresses_;
};

// Fine: a global registry whose threads and callers all lock it.
std::unordered_map<int, std::string> handlers;
std::mutex handlersMu;

void registerHandler(int id, std::string name) {
  std::lock_guard<std::mutex> lock(handlersMu);
  handlers[id] = std::move(name);
}

void serveRequests() {
  std::thread server([] {
    std::lock_guard<std::mutex> lock(handlersMu);
    handlers.erase(0);
  });
  registerHandler(1, "index");
  server.join();
}

//===----------------------------------------------------------------------===//
// Filled before the threads start, only read afterwards
//===----------------------------------------------------------------------===//

std::vector<std::string> mirrors;

void pingMirrors() {
  for (const std::string &mirror : mirrors)
    (void)mirror;
}

// Fine: the writes come before the spawns, the threads only read.
void checkMirrors() {
  mirrors.push_back("eu.example.org");
  mirrors.push_back("us.example.org");
  std::thread first(pingMirrors);
  std::thread second(pingMirrors);
  first.join();
  second.join();
}

std::map<std::string, int> limits;

void loadLimits() {
  limits["connections"] = 100;
  limits["requests"] = 1000;
}

void enforceLimits() {
  auto it = limits.find("connections");
  (void)it;
}

// Fine: loadLimits() runs before the thread starts.
void startEnforcer() {
  loadLimits();
  std::thread enforcer(enforceLimits);
  enforcer.join();
}

// The same with a reload while the thread runs.
std::map<std::string, int> quotas;

void loadQuotas() { quotas["disk"] = 10; }
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'operator[]' modifies 'quotas', which another thread may access at the same time [iterguard-unsynchronized-container-write]
// CHECK-MESSAGES: :[[@LINE+3]]:20: note: 'quotas' is read here, possibly at the same time
// CHECK-MESSAGES: :[[@LINE+8]]:15: note: 'enforceQuotas' runs on a thread started here
void enforceQuotas() {
  auto it = quotas.find("disk");
  (void)it;
}

void startQuotaEnforcer() {
  loadQuotas();
  std::thread enforcer(enforceQuotas);
  loadQuotas();
  enforcer.join();
}

//===----------------------------------------------------------------------===//
// Accesses after join(), get(), or the end of a jthread
//===----------------------------------------------------------------------===//

std::vector<int> primes;

void sieve() { primes.push_back(2); }

// Fine: every touch of primes in the spawner follows the join.
std::size_t countPrimes() {
  std::thread worker(sieve);
  worker.join();
  primes.push_back(3);
  return primes.size();
}

// Fine: the future's get() waits for the task.
std::size_t indexFiles() {
  std::vector<std::string> index;
  auto task = std::async(std::launch::async, [&index] { index.push_back("a.txt"); });
  task.get();
  index.push_back("b.txt");
  return index.size();
}

// Fine: the jthread joins when its scope ends.
std::size_t compressChunks() {
  std::vector<int> sizes;
  {
    std::jthread compressor([&sizes] { sizes.push_back(512); });
  }
  sizes.push_back(1024);
  return sizes.size();
}

//===----------------------------------------------------------------------===//
// thread_local containers
//===----------------------------------------------------------------------===//

thread_local std::vector<char> scratch;

void formatRow() {
  scratch.clear();
  scratch.push_back('|');
}

// Fine: every thread has its own scratch buffer.
void formatTable() {
  std::thread a(formatRow);
  std::thread b(formatRow);
  scratch.push_back('+');
  a.join();
  b.join();
}

//===----------------------------------------------------------------------===//
// Containers local to one thread entry
//===----------------------------------------------------------------------===//

// Fine: each worker builds its own set.
void dedupeShards(int shards) {
  std::vector<std::thread> workers;
  for (int i = 0; i < shards; ++i)
    workers.emplace_back([i] {
      std::set<int> seen;
      seen.insert(i);
      seen.erase(0);
    });
  for (auto &worker : workers)
    worker.join();
}

// Fine: a global only one thread ever touches.
std::vector<std::string> flushQueue;

void flusher() {
  flushQueue.push_back("segment");
  flushQueue.clear();
}

void startFlusher() {
  std::thread thread(flusher);
  thread.join();
}

//===----------------------------------------------------------------------===//
// std::atomic members
//===----------------------------------------------------------------------===//

// Fine: counters are atomics, not containers.
class RequestStats {
public:
  void start() { thread_ = std::thread([this] { served_++; }); }
  void reset() {
    served_ = 0;
    failed_.store(0);
  }
  ~RequestStats() { thread_.join(); }

private:
  std::thread thread_;
  std::atomic<int> served_{0};
  std::atomic<long> failed_{0};
};

//===----------------------------------------------------------------------===//
// Constructors and destructors
//===----------------------------------------------------------------------===//

// Fine: the constructor fills the table before starting the thread, and the
// destructor clears it after the join.
class Scheduler {
public:
  Scheduler() {
    tasks_["gc"] = 60;
    tasks_["sync"] = 5;
    thread_ = std::thread(&Scheduler::loop, this);
  }
  ~Scheduler() {
    thread_.join();
    tasks_.clear();
  }

private:
  void loop() {
    for (const auto &[name, period] : tasks_)
      (void)period;
  }

  std::thread thread_;
  std::map<std::string, int> tasks_;
};

//===----------------------------------------------------------------------===//
// const access only
//===----------------------------------------------------------------------===//

const std::map<int, std::string> statusText = {{200, "OK"}, {404, "Not Found"}};
std::vector<int> retryDelays = {1, 2, 4, 8};

std::size_t describe(int status) {
  auto it = statusText.find(status);
  return (it == statusText.end() ? 0 : it->second.size()) + retryDelays.size();
}

// Fine: all threads only read.
void describeConcurrently() {
  std::thread a([] { describe(200); });
  std::thread b([] { describe(404); });
  for (int delay : retryDelays)
    (void)delay;
  a.join();
  b.join();
}
