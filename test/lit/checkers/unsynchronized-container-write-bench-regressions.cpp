// RUN: %check_iterguard %s iterguard-unsynchronized-container-write -- -std=c++17 -pthread
// RUN: %check_iterguard %s iterguard-unsynchronized-container-write --config=%S/Inputs/threads/guards.yaml --check-suffix=CONFIGURED -- -std=c++17 -pthread

// Correct code from the real-world benchmark (bench/triage.md) that earlier
// versions reported; each must stay silent, with the real bug it resembles
// reported beside it.

#include <list>
#include <map>
#include <pthread.h>
#include <thread>
#include <vector>

//===----------------------------------------------------------------------===//
// A project's own mutex and guard classes (rocksdb's port::Mutex, MutexLock)
//===----------------------------------------------------------------------===//

namespace port {
// Wraps a pthread mutex; Lock() and Unlock() are defined in another file.
class Mutex {
public:
  Mutex();
  ~Mutex();
  void Lock();
  void Unlock();
  bool TryLock();
  void AssertHeld();

private:
  pthread_mutex_t mu_;
};

// A reader-writer lock the same way.
class RWMutex {
public:
  void ReadLock();
  void WriteLock();
  void ReadUnlock();
  void WriteUnlock();

private:
  pthread_rwlock_t mu_;
};
} // namespace port

// Locks the mutex it is given for its own lifetime.
class MutexLock {
public:
  explicit MutexLock(port::Mutex *mu) : mu_(mu) { this->mu_->Lock(); }
  MutexLock(const MutexLock &) = delete;
  ~MutexLock() { this->mu_->Unlock(); }

private:
  port::Mutex *const mu_;
};

class ReadLock {
public:
  explicit ReadLock(port::RWMutex *mu) : mu_(mu) { mu_->ReadLock(); }
  ~ReadLock() { mu_->ReadUnlock(); }

private:
  port::RWMutex *const mu_;
};

class WriteLock {
public:
  explicit WriteLock(port::RWMutex &mu) : mu_(mu) { mu_.WriteLock(); }
  ~WriteLock() { mu_.WriteUnlock(); }

private:
  port::RWMutex &mu_;
};

// Wrong: forgets to lock in its constructor, so it guards nothing.
class ForgetfulLock {
public:
  explicit ForgetfulLock(port::Mutex *mu) : mu_(mu) {}
  ~ForgetfulLock() { mu_->Unlock(); }

private:
  port::Mutex *mu_;
};

// Takes a lock on a file, not a mutex: it has Lock() and Unlock() but no
// mutex inside, so it synchronizes nothing between threads.
class FileLock {
public:
  void Lock();
  void Unlock();

private:
  int fd_ = -1;
};

struct ErrorHandler {
  bool recover();
};

// Fine: reduced from rocksdb 7.8.3, file/sst_file_manager_impl.cc. Every
// access holds mu_, through MutexLock or through mu_.Lock() again after
// mu_.Unlock().
class SstFileManager {
public:
  void startRecovery(ErrorHandler *handler) {
    MutexLock l(&mu_);
    if (handlers_.empty()) {
      handlers_.push_back(handler);
      mu_.Unlock();
      if (thread_.joinable())
        thread_.join();
      thread_ = std::thread(&SstFileManager::clearError, this);
      mu_.Lock();
      return;
    }
    handlers_.push_back(handler);
  }

  bool cancelRecovery(ErrorHandler *handler) {
    MutexLock l(&mu_);
    for (auto it = handlers_.begin(); it != handlers_.end(); ++it)
      if (*it == handler) {
        handlers_.erase(it);
        return true;
      }
    return false;
  }

  // Wrong: the handler is added without mu_.
  void addHandler(ErrorHandler *handler) { handlers_.push_back(handler); }
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: 'push_back' modifies 'handlers_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-25]]:19: note: 'handlers_' is accessed here while holding 'mu_'

  // Wrong: the guard forgets to lock.
  void addHandlerForgetfully(ErrorHandler *handler) {
    ForgetfulLock l(&mu_);
    handlers_.push_back(handler);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'push_back' modifies 'handlers_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-32]]:19: note: 'handlers_' is accessed here while holding 'mu_'
  }

  // Wrong: locks a different mutex.
  void addHandlerUnderOtherMutex(ErrorHandler *handler) {
    MutexLock l(&otherMu_);
    handlers_.push_back(handler);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'push_back' modifies 'handlers_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-40]]:19: note: 'handlers_' is accessed here while holding 'mu_'
  }

  // Wrong: mu_ is released before the write.
  void dropFirstAfterUnlock() {
    mu_.Lock();
    bool empty = handlers_.empty();
    mu_.Unlock();
    if (!empty)
      handlers_.pop_front();
      // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'pop_front' modifies 'handlers_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
      // CHECK-MESSAGES: :[[@LINE-51]]:19: note: 'handlers_' is accessed here while holding 'mu_'
  }

private:
  void clearError() {
    while (true) {
      MutexLock l(&mu_);
      if (handlers_.empty())
        return;
      ErrorHandler *handler = handlers_.front();
      mu_.Unlock();
      bool recovered = handler->recover();
      mu_.Lock();
      if (recovered)
        handlers_.pop_front();
    }
  }

  port::Mutex mu_;
  port::Mutex otherMu_;
  std::thread thread_;
  std::list<ErrorHandler *> handlers_;
};

// Fine: direct Lock() and Unlock() on the wrapper.
class Registry {
public:
  int count() {
    mu_.Lock();
    int n = static_cast<int>(names_.size());
    mu_.Unlock();
    return n;
  }
  void add(int id, int name) {
    mu_.Lock();
    names_[id] = name;
    mu_.Unlock();
  }
  // Wrong: AssertHeld() checks, it does not lock.
  void addAsserted(int id, int name) {
    mu_.AssertHeld();
    names_[id] = name;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'operator[]' modifies 'names_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-14]]:37: note: 'names_' is accessed here while holding 'mu_'
  }

private:
  port::Mutex mu_;
  std::map<int, int> names_;
};

// Reader and writer guards on a reader-writer lock.
class Catalog {
public:
  int size() {
    ReadLock l(&rw_);
    return static_cast<int>(entries_.size());
  }
  // Fine: the writer guard holds rw_ exclusively.
  void add(int entry) {
    WriteLock l(rw_);
    entries_.push_back(entry);
  }
  // Wrong: a reader guard does not allow writing.
  void addUnderReadLock(int entry) {
    ReadLock l(&rw_);
    entries_.push_back(entry);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'push_back' modifies 'entries_' while holding 'rw_' only for reading [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-12]]:38: note: 'entries_' is accessed here while holding 'rw_'
  }

private:
  port::RWMutex rw_;
  std::vector<int> entries_;
};

// Wrong: the file lock does not keep the threads apart.
class Spool {
public:
  void start() { worker_ = std::thread(&Spool::drain, this); }
  void submit(int job) {
    lock_.Lock();
    jobs_.push_back(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'push_back' modifies 'jobs_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE+8]]:11: note: 'jobs_' is modified here, possibly at the same time
    // CHECK-MESSAGES: :[[@LINE-6]]:28: note: 'drain' runs on a thread started here
    lock_.Unlock();
  }

private:
  void drain() {
    lock_.Lock();
    jobs_.clear();
    lock_.Unlock();
  }
  FileLock lock_;
  std::thread worker_;
  std::vector<int> jobs_;
};

//===----------------------------------------------------------------------===//
// Guard classes and lock functions named in the configuration
//===----------------------------------------------------------------------===//

namespace util {
// A spin lock with its own names for locking; defined in another file.
class SpinLock {
public:
  void Acquire();
  void Release();
};

// A guard whose constructor and destructor are defined in another file.
class SpinGuard {
public:
  explicit SpinGuard(SpinLock &lock);
  ~SpinGuard();

private:
  SpinLock &lock_;
};
} // namespace util

// Fine with the configuration (guards: [util::SpinGuard], lock-functions:
// [Acquire], unlock-functions: [Release], locks: [util::SpinLock]).
class Counters {
public:
  int total() {
    util::SpinGuard guard(lock_);
    return static_cast<int>(counts_.size());
  }
  void bump(int k) {
    lock_.Acquire();
    counts_[k] += 1;
    lock_.Release();
  }
  // Wrong: Release() comes before the write.
  void reset() {
    lock_.Acquire();
    lock_.Release();
    counts_.clear();
    // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:13: warning: 'clear' modifies 'counts_' without holding 'lock_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES-CONFIGURED: :[[@LINE-13]]:37: note: 'counts_' is accessed here while holding 'lock_'
    // False negative without the configuration: util::SpinLock wraps no
    // mutex the check knows, so nothing guards counts_.
  }

private:
  util::SpinLock lock_;
  std::map<int, int> counts_;
};

//===----------------------------------------------------------------------===//
// A recursive helper called only with the lock held inherits it
//===----------------------------------------------------------------------===//

// Fine: reduced from rocksdb 7.8.3, env/mock_env.cc. renameLocked() calls
// itself, and every other call holds mu_, so it always runs under mu_.
class MockFileSystem {
public:
  bool exists(int name) {
    MutexLock l(&mu_);
    return files_.count(name) != 0;
  }
  void rename(int from, int to) {
    MutexLock l(&mu_);
    renameLocked(from, to, 2);
  }
  void remove(int name) {
    MutexLock l(&mu_);
    removeLocked(name);
  }

private:
  void renameLocked(int from, int to, int depth) {
    if (depth > 0)
      renameLocked(from + 1, to + 1, depth - 1);
    removeLocked(to);
    files_[to] = files_[from];
    files_.erase(from);
  }
  void removeLocked(int name) { files_.erase(name); }

  port::Mutex mu_;
  std::map<int, int> files_;
};

// Wrong: the recursion is entered once without the lock.
class MockDirectory {
public:
  bool exists(int name) {
    MutexLock l(&mu_);
    return entries_.count(name) != 0;
  }
  void rename(int from, int to) {
    MutexLock l(&mu_);
    renameLocked(from, to, 2);
  }
  void renameUnlocked(int from, int to) { renameLocked(from, to, 2); }

private:
  void renameLocked(int from, int to, int depth) {
    if (depth > 0)
      renameLocked(from + 1, to + 1, depth - 1);
    entries_.erase(from);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'erase' modifies 'entries_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-14]]:21: note: 'entries_' is accessed here while holding 'mu_'
  }

  port::Mutex mu_;
  std::map<int, int> entries_;
};
