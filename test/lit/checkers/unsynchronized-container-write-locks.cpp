// RUN: %check_iterguard %s iterguard-unsynchronized-container-write -- -std=c++17 -pthread

// Rule (a): a container that is accessed somewhere while a lock is held is
// guarded by that lock, and a write to it without the lock is a finding, with
// a note at the locked access. Every form of the lock model: std::lock_guard,
// std::unique_lock (defer_lock, try_to_lock, adopt_lock, .lock()/.unlock()),
// std::scoped_lock, std::shared_lock, direct lock()/unlock(),
// pthread_mutex_lock/unlock, pthread rwlocks, and locks inherited by helpers
// that are only ever called with the lock held. The real standard library; no
// threads needed.

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <pthread.h>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

//===----------------------------------------------------------------------===//
// std::lock_guard
//===----------------------------------------------------------------------===//

class SessionCache {
public:
  std::string lookup(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = sessions_.find(id);
    return it == sessions_.end() ? "" : it->second;
  }

  void store(int id, std::string token) { sessions_[id] = std::move(token); }
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'operator[]' modifies 'sessions_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-6]]:25: note: 'sessions_' is accessed here while holding 'mu_'

  // Fine: holds the guard that lookup() holds.
  void storeLocked(int id, std::string token) {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_[id] = std::move(token);
  }

  // Fine: the recursive mutex guards the container the same way.
  void touchAll() {
    std::lock_guard<std::recursive_mutex> lock(touchMu_);
    for (auto &[id, count] : touched_)
      ++count;
  }
  void touch(int id) {
    std::lock_guard<std::recursive_mutex> lock(touchMu_);
    touched_[id] += 1;
  }
  void forget(int id) { touched_.erase(id); }
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'erase' modifies 'touched_' without holding 'touchMu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-9]]:28: note: 'touched_' is accessed here while holding 'touchMu_'

private:
  std::mutex mu_;
  std::map<int, std::string> sessions_;
  std::recursive_mutex touchMu_;
  std::map<int, int> touched_;
};

// The guard ends with its block; the write after it is unguarded.
class MetricsBuffer {
public:
  void record(int sample) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      samples_.push_back(sample);
    }
    if (samples_.size() > 1000)
      samples_.erase(samples_.begin());
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'erase' modifies 'samples_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
      // CHECK-MESSAGES: :[[@LINE-5]]:16: note: 'samples_' is accessed here while holding 'mu_'
  }

  // Fine: trimmed inside the guarded block.
  void recordAndTrim(int sample) {
    std::lock_guard<std::mutex> lock(mu_);
    samples_.push_back(sample);
    if (samples_.size() > 1000)
      samples_.erase(samples_.begin());
  }

private:
  std::mutex mu_;
  std::vector<int> samples_;
};

// Locked on one path only: the lock must be held on every path.
class Journal {
public:
  void append(const std::string &line, bool durable) {
    if (durable) {
      std::lock_guard<std::mutex> lock(mu_);
      lines_.push_back(line);
      return;
    }
    lines_.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'push_back' modifies 'lines_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-5]]:14: note: 'lines_' is accessed here while holding 'mu_'
  }

private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};

// A mutex inside a global object guards its neighbour.
struct RouteTable {
  std::mutex mu;
  std::map<std::string, int> routes;
} routeTable;

int routeFor(const std::string &prefix) {
  std::lock_guard<std::mutex> lock(routeTable.mu);
  auto it = routeTable.routes.find(prefix);
  return it == routeTable.routes.end() ? -1 : it->second;
}

void addRoute(const std::string &prefix, int port) { routeTable.routes[prefix] = port; }
// CHECK-MESSAGES: :[[@LINE-1]]:54: warning: 'operator[]' modifies 'routeTable.routes' without holding 'routeTable.mu', which guards it elsewhere [iterguard-unsynchronized-container-write]
// CHECK-MESSAGES: :[[@LINE-6]]:31: note: 'routeTable.routes' is accessed here while holding 'routeTable.mu'

// Fine: takes the same member mutex.
void addRouteLocked(const std::string &prefix, int port) {
  std::lock_guard<std::mutex> lock(routeTable.mu);
  routeTable.routes[prefix] = port;
}

//===----------------------------------------------------------------------===//
// std::unique_lock: defer_lock, try_to_lock, adopt_lock, unlock()
//===----------------------------------------------------------------------===//

class RateLimiter {
public:
  bool allow(int client) {
    std::unique_lock<std::mutex> lock(mu_);
    return tokens_.count(client) != 0;
  }

  // defer_lock does not lock; lock() does.
  void refill(int client) {
    std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
    tokens_.erase(client);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'erase' modifies 'tokens_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-8]]:20: note: 'tokens_' is accessed here while holding 'mu_'
    lock.lock();
    tokens_[client] = 10;
  }

  // try_to_lock may fail: the write is not guarded when nothing checks it.
  void refillIfIdle(int client) {
    std::unique_lock<std::mutex> lock(mu_, std::try_to_lock);
    tokens_[client] = 10;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'operator[]' modifies 'tokens_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-18]]:20: note: 'tokens_' is accessed here while holding 'mu_'
  }

  // Fine: the mutex was locked before adopt_lock took it over.
  void reset(int client) {
    mu_.lock();
    std::unique_lock<std::mutex> lock(mu_, std::adopt_lock);
    tokens_.erase(client);
  }

  // Released early: the erase after unlock() is unguarded.
  void expire(int client) {
    std::unique_lock<std::mutex> lock(mu_);
    bool known = tokens_.count(client) != 0;
    lock.unlock();
    if (known)
      tokens_.erase(client);
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'erase' modifies 'tokens_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
      // CHECK-MESSAGES: :[[@LINE-36]]:20: note: 'tokens_' is accessed here while holding 'mu_'
  }

  // Fine: re-locked before the erase.
  void expireRelocked(int client) {
    std::unique_lock<std::mutex> lock(mu_);
    bool known = tokens_.count(client) != 0;
    lock.unlock();
    lock.lock();
    if (known)
      tokens_.erase(client);
  }

private:
  std::mutex mu_;
  std::map<int, int> tokens_;
};

// Fine: a condition variable releases the lock only while it waits.
class WorkQueue {
public:
  void push(int job) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(job);
    ready_.notify_one();
  }
  int pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [this] { return !jobs_.empty(); });
    int job = jobs_.back();
    jobs_.pop_back();
    return job;
  }

private:
  std::mutex mu_;
  std::condition_variable ready_;
  std::vector<int> jobs_;
};

//===----------------------------------------------------------------------===//
// std::scoped_lock, std::lock with adopt_lock
//===----------------------------------------------------------------------===//

class Ledger {
public:
  std::size_t entries() {
    std::scoped_lock lock(mu_);
    return debits_.size();
  }
  void rollback() { debits_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'clear' modifies 'debits_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: 'debits_' is accessed here while holding 'mu_'

  // Fine: scoped_lock holds both mutexes.
  void transferAll() {
    std::scoped_lock lock(mu_, archiveMu_);
    archive_.insert(archive_.end(), debits_.begin(), debits_.end());
    debits_.clear();
  }

  // Fine: std::lock locks both, and the guards adopt them.
  void archiveOne() {
    std::lock(mu_, archiveMu_);
    std::lock_guard<std::mutex> a(mu_, std::adopt_lock);
    std::lock_guard<std::mutex> b(archiveMu_, std::adopt_lock);
    archive_.push_back(debits_.back());
    debits_.pop_back();
  }

private:
  std::mutex mu_;
  std::mutex archiveMu_;
  std::vector<int> debits_;
  std::vector<int> archive_;
};

//===----------------------------------------------------------------------===//
// std::shared_lock grants read access only
//===----------------------------------------------------------------------===//

class UserDirectory {
public:
  // Fine: readers share the lock.
  int idOf(const std::string &name) const {
    std::shared_lock<std::shared_mutex> lock(rw_);
    auto it = ids_.find(name);
    return it == ids_.end() ? -1 : it->second;
  }

  // Fine: writers take it exclusively.
  void add(const std::string &name, int id) {
    std::unique_lock<std::shared_mutex> lock(rw_);
    ids_[name] = id;
  }

  // A write under the shared lock races with the other readers.
  int idOrAdd(const std::string &name, int next) {
    std::shared_lock<std::shared_mutex> lock(rw_);
    auto it = ids_.find(name);
    if (it != ids_.end())
      return it->second;
    ids_.emplace(name, next);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'emplace' modifies 'ids_' while holding 'rw_' only for reading [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-18]]:20: note: 'ids_' is accessed here while holding 'rw_'
    return next;
  }

  void addShared(const std::string &name, int id) {
    rw_.lock_shared();
    ids_.emplace(name, id);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'emplace' modifies 'ids_' while holding 'rw_' only for reading [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-26]]:20: note: 'ids_' is accessed here while holding 'rw_'
    rw_.unlock_shared();
  }

private:
  mutable std::shared_mutex rw_;
  std::unordered_map<std::string, int> ids_;
};

//===----------------------------------------------------------------------===//
// Direct lock() / unlock() and pthread mutexes
//===----------------------------------------------------------------------===//

class ConnectionSet {
public:
  void open(int fd) {
    mu_.lock();
    fds_.push_back(fd);
    mu_.unlock();
  }
  void closeAll() {
    mu_.lock();
    std::vector<int> closing = fds_;
    mu_.unlock();
    fds_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'clear' modifies 'fds_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-9]]:10: note: 'fds_' is accessed here while holding 'mu_'
  }

private:
  std::mutex mu_;
  std::vector<int> fds_;
};

pthread_mutex_t pluginsMu = PTHREAD_MUTEX_INITIALIZER;
std::vector<std::string> plugins;

// Fine: between pthread_mutex_lock and pthread_mutex_unlock.
void loadPlugin(const std::string &path) {
  pthread_mutex_lock(&pluginsMu);
  plugins.push_back(path);
  pthread_mutex_unlock(&pluginsMu);
}

void unloadPlugins() { plugins.clear(); }
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'clear' modifies 'plugins' without holding 'pluginsMu', which guards it elsewhere [iterguard-unsynchronized-container-write]
// CHECK-MESSAGES: :[[@LINE-6]]:11: note: 'plugins' is accessed here while holding 'pluginsMu'

pthread_rwlock_t aliasesLock = PTHREAD_RWLOCK_INITIALIZER;
std::map<std::string, std::string> aliases;

// Fine: readers share the read lock.
std::string resolveAlias(const std::string &name) {
  pthread_rwlock_rdlock(&aliasesLock);
  auto it = aliases.find(name);
  std::string target = it == aliases.end() ? name : it->second;
  pthread_rwlock_unlock(&aliasesLock);
  return target;
}

// Fine: the write lock is exclusive.
void setAlias(const std::string &name, const std::string &target) {
  pthread_rwlock_wrlock(&aliasesLock);
  aliases[name] = target;
  pthread_rwlock_unlock(&aliasesLock);
}

// A write under the read lock.
void setAliasWhileResolving(const std::string &name, const std::string &target) {
  pthread_rwlock_rdlock(&aliasesLock);
  aliases[name] = target;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'operator[]' modifies 'aliases' while holding 'aliasesLock' only for reading [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-18]]:21: note: 'aliases' is accessed here while holding 'aliasesLock'
  pthread_rwlock_unlock(&aliasesLock);
}

//===----------------------------------------------------------------------===//
// Helpers that inherit their callers' lock
//===----------------------------------------------------------------------===//

// insertLocked() is only ever called with mu_ held, so it inherits it.
class TagIndex {
public:
  void add(const std::string &tag) {
    std::lock_guard<std::mutex> lock(mu_);
    insertLocked(tag);
  }
  void addAll(const std::vector<std::string> &tags) {
    std::lock_guard<std::mutex> lock(mu_);
    for (const std::string &tag : tags)
      insertLocked(tag);
  }
  void rebuild() { tags_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'clear' modifies 'tags_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+4]]:53: note: 'tags_' is accessed here while holding 'mu_'

private:
  // Fine: every caller holds mu_.
  void insertLocked(const std::string &tag) { tags_.push_back(tag); }

  std::mutex mu_;
  std::vector<std::string> tags_;
};

// A helper called once without the lock inherits nothing.
class Catalog {
public:
  std::size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return items_.size();
  }
  void add(int item) {
    std::lock_guard<std::mutex> lock(mu_);
    insertLocked(item);
  }
  void addUnlocked(int item) { insertLocked(item); }

private:
  void insertLocked(int item) { items_.push_back(item); }
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'push_back' modifies 'items_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-11]]:19: note: 'items_' is accessed here while holding 'mu_'

  std::mutex mu_;
  std::vector<int> items_;
};

// False negative: the helper is the only place that touches the container, so
// no access holds a lock of its own and no guard is inferred, although one
// caller forgets the lock.
class Inbox {
public:
  void deliver(int message) {
    std::lock_guard<std::mutex> lock(mu_);
    storeLocked(message);
  }
  void deliverFast(int message) { storeLocked(message); }

private:
  void storeLocked(int message) { messages_.push_back(message); }

  std::mutex mu_;
  std::vector<int> messages_;
};

//===----------------------------------------------------------------------===//
// What counts as a write
//===----------------------------------------------------------------------===//

struct Item {
  int quantity;
  std::string name;
};

class Inventory {
public:
  int total() {
    std::lock_guard<std::mutex> lock(mu_);
    int sum = 0;
    for (const Item &item : items_)
      sum += item.quantity;
    return sum + static_cast<int>(stock_.size() + prices_.size());
  }

  void replaceFirst(Item item) { items_[0] = item; }
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'operator[]' modifies 'items_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-7]]:27: note: 'items_' is accessed here while holding 'mu_'
  void setFirstStock(int count) { stock_.at(0) = count; }
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'at' modifies 'stock_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-8]]:42: note: 'stock_' is accessed here while holding 'mu_'
  void addToFront(int count) { stock_.front() += count; }
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'front' modifies 'stock_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-11]]:42: note: 'stock_' is accessed here while holding 'mu_'
  void zeroFirst() {
    int &first = stock_[0];
    first = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'first' modifies 'stock_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-16]]:42: note: 'stock_' is accessed here while holding 'mu_'
  }
  void zeroBegin() {
    auto it = stock_.begin();
    *it = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'it' modifies 'stock_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-22]]:42: note: 'stock_' is accessed here while holding 'mu_'
  }
  void resizeStock(std::size_t n) { stock_.resize(n); }
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: 'resize' modifies 'stock_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-26]]:42: note: 'stock_' is accessed here while holding 'mu_'
  void takeStock(std::vector<int> &out) { stock_.swap(out); }
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 'swap' modifies 'stock_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-29]]:42: note: 'stock_' is accessed here while holding 'mu_'
  void resetStock() { stock_ = std::vector<int>(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'operator=' modifies 'stock_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-32]]:42: note: 'stock_' is accessed here while holding 'mu_'
  void setPrice(const std::string &name, int cents) { prices_[name] = cents; }
  // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: 'operator[]' modifies 'prices_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-35]]:59: note: 'prices_' is accessed here while holding 'mu_'
  void addPrice(const std::string &name, int cents) { prices_.try_emplace(name, cents); }
  // CHECK-MESSAGES: :[[@LINE-1]]:63: warning: 'try_emplace' modifies 'prices_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-38]]:59: note: 'prices_' is accessed here while holding 'mu_'
  void dropPrice(const std::string &name) { prices_.extract(name); }
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: 'extract' modifies 'prices_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-41]]:59: note: 'prices_' is accessed here while holding 'mu_'

  // Fine: lookups and a copy of an element are reads.
  int priceOf(const std::string &name) {
    auto it = prices_.find(name);
    return it == prices_.end() ? 0 : it->second;
  }
  int firstStock() { return stock_[0] + static_cast<int>(prices_.count("x")); }

  // False negative: increments and member assignments through an element
  // accessor (++v[i], v[i].field = x, v.back().field = x) are not seen as
  // writes.
  void bumpFirst() { ++stock_[0]; }
  void renameFirst(const std::string &name) { items_.back().name = name; }

  // False negative: writes through the loop variable of a range-for and
  // through iterators handed to an algorithm are not seen as writes.
  void clearStock() {
    for (int &count : stock_)
      count = 0;
  }
  void sortStock() { std::sort(stock_.begin(), stock_.end()); }

private:
  std::mutex mu_;
  std::vector<Item> items_;
  std::vector<int> stock_;
  std::map<std::string, int> prices_;
};

//===----------------------------------------------------------------------===//
// Known misses of the lock model
//===----------------------------------------------------------------------===//

class Scoreboard {
public:
  void add(int score) {
    std::lock_guard<std::mutex> lock(mu_);
    scores_.push_back(score);
  }

  // Holding some other mutex is not holding the guard.
  void addWithWrongLock(int score) {
    std::lock_guard<std::mutex> lock(logMu_);
    scores_.push_back(score);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'push_back' modifies 'scores_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-8]]:13: note: 'scores_' is accessed here while holding 'mu_'
  }

  // The moved-to guard's unlock releases the lock the first guard took.
  void addAfterHandOff(int score) {
    std::unique_lock<std::mutex> lock(mu_);
    std::unique_lock<std::mutex> handedOff = std::move(lock);
    handedOff.unlock();
    scores_.push_back(score);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'push_back' modifies 'scores_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-18]]:13: note: 'scores_' is accessed here while holding 'mu_'
  }

private:
  std::mutex mu_;
  std::mutex logMu_;
  std::vector<int> scores_;
};
