// RUN: %check_iterguard %s iterguard-unsynchronized-container-write -- -std=c++17

// First scenarios of the thread check; the per-topic files hold the rest.

#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

// Seed case: one thread iterates a map while another inserts.
std::map<int, std::string> names;
void reader() {
  for (auto &[id, name] : names)
    (void)name;
}
void seed() {
  std::thread t(reader);
  names[3] = "three";
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'operator[]' modifies 'names', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-7]]:25: note: 'names' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'reader' runs on a thread started here
  t.join();
  names[4] = "four";  // after join: fine
}

// Filled before threads start, only read afterwards.
std::vector<int> config;
void useConfig() { int s = 0; for (int c : config) s += c; (void)s; }
void startup() {
  config.push_back(1);
  std::thread t(useConfig);
  t.join();
}

// Guard inferred from locked accesses elsewhere.
class Cache {
public:
  std::string get(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(k);
    return it == entries_.end() ? "" : it->second;
  }
  void put(int k, std::string v) { entries_[k] = std::move(v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'operator[]' modifies 'entries_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-5]]:24: note: 'entries_' is accessed here while holding 'mu_'
  void putLocked(int k, std::string v) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_[k] = std::move(v);
  }
  void putReader(int k) {
    std::shared_lock<std::shared_mutex> lock(rw_);
    other_.erase(k);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'erase' modifies 'other_' while holding 'rw_' only for reading [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE+4]]:19: note: 'other_' is accessed here while holding 'rw_'
  }
  int size() {
    std::unique_lock<std::shared_mutex> lock(rw_);
    return other_.size();
  }
private:
  std::mutex mu_;
  std::shared_mutex rw_;
  std::map<int, std::string> entries_;
  std::map<int, int> other_;
};

// Worker pool: each worker appends without a lock.
std::vector<int> results;
void pool() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([i] { results.push_back(i); });
    // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'push_back' modifies 'results', which another thread may access at the same time [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'lambda' runs on a thread started here
  for (auto &w : workers) w.join();
}

// Member thread.
class Worker {
public:
  void start() { thread_ = std::thread(&Worker::run, this); }
  void submit(int job) { jobs_.push_back(job); }
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'push_back' modifies 'jobs_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+3]]:27: note: 'jobs_' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-4]]:28: note: 'run' runs on a thread started here
private:
  void run() { for (int j : jobs_) (void)j; }
  std::thread thread_;
  std::vector<int> jobs_;
};

thread_local std::vector<int> scratch;
void tls() { std::thread t([] { scratch.push_back(1); }); scratch.push_back(2); t.join(); }
