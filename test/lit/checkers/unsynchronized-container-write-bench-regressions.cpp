// RUN: %check_iterguard %s iterguard-unsynchronized-container-write -- -std=c++17 -pthread
// RUN: %check_iterguard %s iterguard-unsynchronized-container-write --config=%S/Inputs/threads/guards.yaml --check-suffix=CONFIGURED -- -std=c++17 -pthread

// Correct code from the real-world benchmark (bench/triage.md) that earlier
// versions reported; each must stay silent, with the real bug it resembles
// reported beside it.

#include <functional>
#include <list>
#include <map>
#include <mutex>
#include <set>
#include <string>
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

private:
  port::Mutex mu_;
  std::map<int, int> names_;
};

//===----------------------------------------------------------------------===//
// An assertion that a mutex is held makes it held from there on
//===----------------------------------------------------------------------===//

// Fine: reduced from leveldb 1.23, db/db_impl.cc (DBImpl::WriteLevel0Table).
// The helper is entered with mu_ held, asserts so, and unlocks it only around
// the slow part.
class TableWriter {
public:
  void compact(int file) {
    MutexLock l(&mu_);
    writeLevel0Table(file);
  }
  bool pending(int file) {
    MutexLock l(&mu_);
    return pending_.count(file) != 0;
  }

  void writeLevel0Table(int file) {
    mu_.AssertHeld();
    pending_.insert(file);
    mu_.Unlock();
    build(file);
    mu_.Lock();
    pending_.erase(file);
  }

  // Wrong: asserts a mutex other than the one that guards pending_.
  void addAssertingOther(int file) {
    otherMu_.AssertHeld();
    pending_.insert(file);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'insert' modifies 'pending_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-17]]:21: note: 'pending_' is accessed here while holding 'mu_'
  }

  // Wrong: the write comes before the assertion, and nothing locks.
  void addBeforeAsserting(int file) {
    pending_.insert(file);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'insert' modifies 'pending_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-24]]:21: note: 'pending_' is accessed here while holding 'mu_'
    mu_.AssertHeld();
  }

  // Wrong: asserted on one path only.
  void addMaybeAsserted(bool locked, int file) {
    if (locked)
      mu_.AssertHeld();
    pending_.insert(file);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'insert' modifies 'pending_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-34]]:21: note: 'pending_' is accessed here while holding 'mu_'
  }

private:
  void build(int file);

  port::Mutex mu_;
  port::Mutex otherMu_;
  std::set<int> pending_;
};

//===----------------------------------------------------------------------===//
// Clang's thread-safety attributes, whatever the functions are called
//===----------------------------------------------------------------------===//

#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define ACQUIRE_SHARED(...) __attribute__((acquire_shared_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define TRY_ACQUIRE(...) __attribute__((try_acquire_capability(__VA_ARGS__)))
#define ASSERT_CAPABILITY(x) __attribute__((assert_capability(x)))
#define ASSERT_EXCLUSIVE_LOCK(...) __attribute__((assert_exclusive_lock(__VA_ARGS__)))
#define REQUIRES(...) __attribute__((requires_capability(__VA_ARGS__)))
#define EXCLUSIVE_LOCKS_REQUIRED(...) __attribute__((exclusive_locks_required(__VA_ARGS__)))
#define SHARED_LOCKS_REQUIRED(...) __attribute__((shared_locks_required(__VA_ARGS__)))

namespace annotated {
// A capability with names no spelling knows and no mutex inside: only its
// attributes make it a mutex. Defined in another file.
class CAPABILITY("mutex") Latch {
public:
  void Enter() ACQUIRE();
  void EnterShared() ACQUIRE_SHARED();
  void Leave() RELEASE();
  void Check() ASSERT_EXCLUSIVE_LOCK();
  void CheckThis() ASSERT_CAPABILITY(this);
  // Spelled like a lock function, but may fail: the attribute decides.
  bool Lock() TRY_ACQUIRE(true);
  void Unlock() RELEASE();
};

// Free lock functions that name their argument.
void enter(Latch *latch) ACQUIRE(latch);
void leave(Latch *latch) RELEASE(latch);

// A guard whose constructor and destructor are defined in another file.
class SCOPED_CAPABILITY Holder {
public:
  explicit Holder(Latch *latch) ACQUIRE(latch);
  ~Holder() RELEASE();
};
} // namespace annotated

// Fine: every write holds latch_, by whichever attributed function.
class Ledger {
public:
  int size() {
    annotated::Holder h(&latch_);
    return static_cast<int>(rows_.size());
  }
  void add(int row) {
    latch_.Enter();
    rows_.push_back(row);
    latch_.Leave();
  }
  void addThroughFreeFunctions(int row) {
    annotated::enter(&latch_);
    rows_.push_back(row);
    annotated::leave(&latch_);
  }
  void addLatched(int row) {
    enterAll();
    rows_.push_back(row);
    leaveAll();
  }
  void addChecked(int row) {
    latch_.CheckThis();
    rows_.push_back(row);
  }
  // The attribute of the declaration holds for the definition below.
  void addRequired(int row) EXCLUSIVE_LOCKS_REQUIRED(latch_);

  // Wrong: Lock() is a try-lock by its attribute, and its result is ignored.
  void addAfterTry(int row) {
    latch_.Lock();
    rows_.push_back(row);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'push_back' modifies 'rows_' without holding 'latch_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-29]]:35: note: 'rows_' is accessed here while holding 'latch_'
    latch_.Unlock();
  }
  // Wrong: the latch is held only for reading.
  void addShared(int row) {
    latch_.EnterShared();
    rows_.push_back(row);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'push_back' modifies 'rows_' while holding 'latch_' only for reading [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-37]]:35: note: 'rows_' is accessed here while holding 'latch_'
    latch_.Leave();
  }
  // Wrong: the write comes after Leave().
  void addAfterLeave(int row) {
    latch_.Enter();
    latch_.Leave();
    rows_.push_back(row);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'push_back' modifies 'rows_' without holding 'latch_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-46]]:35: note: 'rows_' is accessed here while holding 'latch_'
  }
  // Wrong: requires a latch other than the one that guards rows_.
  void addRequiringOther(int row) SHARED_LOCKS_REQUIRED(otherLatch_) {
    rows_.push_back(row);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'push_back' modifies 'rows_' without holding 'latch_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-52]]:35: note: 'rows_' is accessed here while holding 'latch_'
  }
  // Wrong: the check is on the other latch.
  void addCheckedOther(int row) {
    otherLatch_.Check();
    rows_.push_back(row);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'push_back' modifies 'rows_' without holding 'latch_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-59]]:35: note: 'rows_' is accessed here while holding 'latch_'
  }

private:
  void enterAll() ACQUIRE(latch_);
  void leaveAll() RELEASE(latch_);

  annotated::Latch latch_;
  annotated::Latch otherLatch_;
  std::vector<int> rows_;
};

void Ledger::addRequired(int row) { rows_.push_back(row); }

//===----------------------------------------------------------------------===//
// A function that unlocks a mutex it did not lock was entered holding it
//===----------------------------------------------------------------------===//

// Fine: reduced from rocksdb 7.8.3, db/version_set.cc (VersionSet::
// LogAndApply). Entered holding mu_, it unlocks mu_ around the slow write and
// locks it again.
class Manifest {
public:
  int size() {
    MutexLock l(&mu_);
    return static_cast<int>(edits_.size());
  }
  void logAndApply(int edit) {
    edits_.push_back(edit);
    mu_.Unlock();
    write(edit);
    mu_.Lock();
    edits_.pop_back();
  }
  // Fine: the first round of the loop unlocks what the caller locked.
  void drain() {
    while (!edits_.empty()) {
      edits_.pop_back();
      mu_.Unlock();
      write(0);
      mu_.Lock();
    }
  }

  // Wrong: locks mu_ itself before unlocking it, so the first write is
  // unguarded.
  void logAndApplyLocking(int edit) {
    edits_.push_back(edit);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'push_back' modifies 'edits_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-24]]:36: note: 'edits_' is accessed here while holding 'mu_'
    mu_.Lock();
    edits_.pop_back();
    mu_.Unlock();
  }
  // Wrong: entered holding mu_, but writes while it is unlocked.
  void logAndApplyLate(int edit) {
    mu_.Unlock();
    edits_.push_back(edit);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'push_back' modifies 'edits_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-34]]:36: note: 'edits_' is accessed here while holding 'mu_'
    mu_.Lock();
  }
  // Wrong: entered holding otherMu_, which does not guard edits_.
  void logAndApplyOther(int edit) {
    edits_.push_back(edit);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'push_back' modifies 'edits_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-41]]:36: note: 'edits_' is accessed here while holding 'mu_'
    otherMu_.Unlock();
    write(edit);
    otherMu_.Lock();
  }
  // False negative: the paths are told apart by their branches only, so the
  // path that skips Lock() and then takes Unlock() makes mu_ held at entry.
  void logAndApplyMaybeLocked(bool lock, int edit) {
    if (lock)
      mu_.Lock();
    edits_.push_back(edit);
    if (lock)
      mu_.Unlock();
  }

private:
  void write(int edit);

  port::Mutex mu_;
  port::Mutex otherMu_;
  std::vector<int> edits_;
};

// Fine: reduced from rocksdb 7.8.3, db/version_set.cc (VersionSet::
// LogAndApply and ProcessManifestWrites). The helper's mu is the caller's
// own mu, the one every call passes, so both hold the same mutex.
class VersionSet {
public:
  void logAndApply(port::Mutex *mu, int edit) {
    mu->AssertHeld();
    writers_.push_back(edit);
    processManifestWrites(mu);
    writers_.pop_back();
  }

  // Fine: reduced from VersionSet::Reset, called from another file with the
  // DB mutex held. Its callers are the ones that pass `mu`, so they may hold
  // it.
  void reset() { writers_.clear(); }

private:
  void processManifestWrites(port::Mutex *mu) {
    int first = writers_.front();
    mu->Unlock();
    write(first);
    mu->Lock();
    writers_.erase(writers_.begin());
    writers_.push_back(first);
  }
  void write(int edit);

  std::vector<int> writers_;
};

// Wrong: the same, but a thread started here resets, and a thread is
// certainly entered holding nothing.
class ManifestWriter {
public:
  void logAndApply(port::Mutex *mu, int edit) {
    mu->AssertHeld();
    writers_.push_back(edit);
  }
  void resetInBackground() {
    std::thread([this] { reset(); }).detach();
  }

private:
  void reset() { writers_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'clear' modifies 'writers_' without holding '*mu', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-9]]:14: note: 'writers_' is accessed here while holding '*mu'

  std::vector<int> writers_;
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

//===----------------------------------------------------------------------===//
// Functions no caller in this file calls: entered from other files
//===----------------------------------------------------------------------===//

// Fine: reduced from rocksdb 7.8.3, db/db_impl/db_impl_compaction_flush.cc.
// popFirst() is private and called from another file; its callers are
// members, which may hold mu_ (rocksdb's caller does).
class CompactionScheduler {
public:
  void schedule(int job) {
    MutexLock l(&mu_);
    queue_.push_back(job);
  }
  // Wrong: a public member is also called by code that cannot even name
  // the private mu_.
  void dropAll() { queue_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'clear' modifies 'queue_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-6]]:12: note: 'queue_' is accessed here while holding 'mu_'

private:
  int popFirst() {
    int job = queue_.front();
    queue_.erase(queue_.begin());
    return job;
  }

  port::Mutex mu_;
  std::vector<int> queue_;
};

// Fine: reduced from rocksdb 7.8.3, db/db_impl/db_impl.h. The class hands
// out its mutex (DBImpl::mutex()), so callers of the public helpers may hold
// it; rocksdb's do.
class AlignedMutex : public port::Mutex {};

class RecoveryState {
public:
  port::Mutex *mutex() const { return &mu_; }
  void insertRecovered(int txn) { recovered_.push_back(txn); }
  void deleteAllRecovered() { recovered_.clear(); }
  int count() {
    MutexLock l(&mu_);
    return static_cast<int>(recovered_.size());
  }

private:
  mutable AlignedMutex mu_;
  std::vector<int> recovered_;
};

// Fine: reduced from rocksdb 7.8.3, db/db_impl/db_impl.cc
// (CleanupSuperVersionHandle). The caller holds a mutex named through
// another object, which may be the callee's mu_, since the class hands it
// out; it is.
class SuperVersionQueue {
public:
  port::Mutex *mutex() { return &mu_; }
  void addToFreeQueue(int sv) { toFree_.push_back(sv); }
  void purge() {
    MutexLock l(&mu_);
    toFree_.clear();
  }

private:
  port::Mutex mu_;
  std::vector<int> toFree_;
};

struct SuperVersionHandle {
  SuperVersionQueue *db;
  port::Mutex *mu;
};

static void cleanupHandle(SuperVersionHandle *handle) {
  handle->mu->Lock();
  handle->db->addToFreeQueue(1);
  handle->mu->Unlock();
}

void registerCleanup(void (*cleanup)(SuperVersionHandle *));
void registerSuperVersionCleanup() { registerCleanup(&cleanupHandle); }

// Wrong: the caller holds its own mutex, which cannot be the queue's
// private one.
class PrivateQueue {
public:
  void add(int sv) { pending_.push_back(sv); }
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'push_back' modifies 'pending_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+3]]:14: note: 'pending_' is accessed here while holding 'mu_'
  void purge() {
    MutexLock l(&mu_);
    pending_.clear();
  }

private:
  port::Mutex mu_;
  std::vector<int> pending_;
};

class QueueOwner {
public:
  void flush() {
    MutexLock l(&mu_);
    queue_->add(1);
  }

private:
  port::Mutex mu_;
  PrivateQueue *queue_;
};

// Wrong: the same call with no lock at all, from a thread.
class PendingQueue {
public:
  void add(int sv) { pending_.push_back(sv); }
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'push_back' modifies 'pending_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+3]]:14: note: 'pending_' is accessed here while holding 'mu_'
  void purge() {
    MutexLock l(&mu_);
    pending_.clear();
  }

private:
  port::Mutex mu_;
  std::vector<int> pending_;
};

void addFromThread(PendingQueue *queue) {
  std::thread([queue] { queue->add(1); }).join();
}

//===----------------------------------------------------------------------===//
// operator[] on a key known to be in the map inserts nothing
//===----------------------------------------------------------------------===//

// A map written under `mu_`, so every other write needs it too.
class StatsSlice {
public:
  void reset(const std::map<std::string, long> &now) {
    std::lock_guard<std::mutex> l(mu_);
    slice_ = now;
  }

protected:
  std::mutex mu_;
  std::map<std::string, long> slice_;
};

// Fine: reduced from rocksdb 7.8.3, db/db_impl/db_impl.cc (PersistStats).
// operator[] follows a successful find of the same key, so it inserts
// nothing: it only reads `slice_`.
class StatsPersister : public StatsSlice {
public:
  long deltas(const std::map<std::string, long> &now) {
    long total = 0;
    for (const auto &stat : now)
      if (slice_.find(stat.first) != slice_.end())
        total += stat.second - slice_[stat.first];
    return total;
  }
  // Fine: the same through an iterator variable, and through count().
  long deltaOf(const std::string &name) {
    auto it = slice_.find(name);
    if (it == slice_.end())
      return 0;
    return slice_[name] + (slice_.count(name) ? slice_[name] : 0);
  }
};

// The real bugs beside it: each of these operator[] calls may insert.
class StatsPersisterBugs : public StatsSlice {
public:
  // The key looked up is not the one read.
  long otherKey(const std::string &name, const std::string &other) {
    if (slice_.find(name) != slice_.end())
      return slice_[other];
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'operator[]' modifies 'slice_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-37]]:12: note: 'slice_' is accessed here while holding 'mu_'
    return 0;
  }
  // The key may be erased between the lookup and the read.
  long afterErase(const std::string &name, const std::string &stale) {
    if (slice_.find(name) == slice_.end())
      return 0;
    slice_.erase(stale);
    return slice_[name];
    // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: 'erase' modifies 'slice_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-47]]:12: note: 'slice_' is accessed here while holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE-3]]:12: warning: 'operator[]' modifies 'slice_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-49]]:12: note: 'slice_' is accessed here while holding 'mu_'
  }
  // The key changes between the lookup and the read.
  long keyChanged(std::string name) {
    if (!slice_.count(name))
      return 0;
    name = "total";
    return slice_[name];
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'operator[]' modifies 'slice_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
    // CHECK-MESSAGES: :[[@LINE-58]]:12: note: 'slice_' is accessed here while holding 'mu_'
  }
};

//===----------------------------------------------------------------------===//
// An object of its own for each thread
//===----------------------------------------------------------------------===//

class Outputs {
public:
  void add(int file) { files_.push_back(file); }
  void dropLast() { files_.pop_back(); }

private:
  std::vector<int> files_;
};

struct Subcompaction {
  Outputs outputs;
  Outputs penultimate;
  Outputs *current = &outputs;

  Subcompaction() = default;
  Subcompaction(Subcompaction &&other) noexcept
      : outputs(std::move(other.outputs)),
        penultimate(std::move(other.penultimate)) {
    current = other.current == &other.outputs ? &outputs : &penultimate;
  }
  Subcompaction &operator=(Subcompaction &&) = delete;

  Outputs &Current() { return *current; }
  void switchToPenultimate() { current = &penultimate; }
};

// Fine: reduced from rocksdb 7.8.3, db/compaction/compaction_job.cc
// (CompactionJob::Run). Each thread gets its own element of subs_, and the
// spawner processes element 0, which no thread gets.
class CompactionJob {
public:
  void run() {
    std::vector<std::thread> pool;
    for (size_t i = 1; i < subs_.size(); i++)
      pool.emplace_back(&CompactionJob::process, this, &subs_[i]);
    process(&subs_[0]);
    for (auto &t : pool)
      t.join();
  }

private:
  void process(Subcompaction *sub) {
    sub->switchToPenultimate();
    finish(sub, sub->Current());
    sub->outputs.dropLast();
  }
  void finish(Subcompaction *sub, Outputs &outputs) { outputs.add(1); }

  std::vector<Subcompaction> subs_;
};

// Fine: reduced from rocksdb's ProcessKeyValueCompaction. A callback kept
// in a std::function writes the outputs that code in another file hands it
// (the subcompaction's own), which are not known to be shared.
using OpenOutputFunc = std::function<void(Outputs &)>;
void addToOutput(Subcompaction *sub, const OpenOutputFunc &open);

class CallbackCompactionJob {
public:
  void run() {
    std::vector<std::thread> pool;
    for (size_t i = 0; i < subs_.size(); i++)
      pool.emplace_back(&CallbackCompactionJob::process, this, &subs_[i]);
    for (auto &t : pool)
      t.join();
  }

private:
  void process(Subcompaction *sub) {
    const OpenOutputFunc open = [this, sub](Outputs &outputs) {
      openOutputFile(sub, outputs);
    };
    addToOutput(sub, open);
  }
  void openOutputFile(Subcompaction *sub, Outputs &outputs) {
    outputs.dropLast();
  }

  std::vector<Subcompaction> subs_;
};

// Fine: each worker runs on its own element, and keeps its batch local.
class Batch {
public:
  void add(int row) { rows_.push_back(row); }

private:
  std::vector<int> rows_;
};

class Worker {
public:
  void run() {
    Batch batch;
    for (int i = 0; i < 8; ++i)
      batch.add(i);
    results_.push_back(8);
  }

private:
  std::vector<int> results_;
};

void runWorkers(std::vector<Worker> &workers) {
  std::vector<std::thread> threads;
  for (Worker &worker : workers)
    threads.emplace_back(&Worker::run, &worker);
  for (auto &t : threads)
    t.join();
}

// Wrong: the spawner's own share is element 1, which a thread also gets.
class Log {
public:
  void append(int line) { lines_.push_back(line); }
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'push_back' modifies 'lines_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+13]]:7: note: 'process' runs on a thread started here

private:
  std::vector<int> lines_;
};

struct Shard { Log log; };

class OverlappingJob {
public:
  void run() {
    std::vector<std::thread> pool;
    for (size_t i = 1; i < shards_.size(); i++)
      pool.emplace_back(&OverlappingJob::process, this, &shards_[i]);
    process(&shards_[1]);
    for (auto &t : pool)
      t.join();
  }

private:
  void process(Shard *shard) { shard->log.append(1); }
  std::vector<Shard> shards_;
};

// Wrong: every thread gets the same object.
class Tally {
public:
  void count(int n) { counts_.push_back(n); }
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'push_back' modifies 'counts_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+11]]:7: note: 'process' runs on a thread started here

private:
  std::vector<int> counts_;
};

class SharedTallyJob {
public:
  void run() {
    std::vector<std::thread> pool;
    for (int i = 0; i < 4; i++)
      pool.emplace_back(&SharedTallyJob::process, this, &tally_);
    for (auto &t : pool)
      t.join();
  }

private:
  void process(Tally *tally) { tally->count(1); }
  Tally tally_;
};

// Wrong: the threads' own objects, but the method also runs on one they
// all share.
class Journal {
public:
  void post(int entry) { entries_.push_back(entry); }
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'push_back' modifies 'entries_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+13]]:7: note: 'process' runs on a thread started here

private:
  std::vector<int> entries_;
};

struct Account { Journal journal; };

class PostingJob {
public:
  void run() {
    std::vector<std::thread> pool;
    for (size_t i = 0; i < accounts_.size(); i++)
      pool.emplace_back(&PostingJob::process, this, &accounts_[i]);
    for (auto &t : pool)
      t.join();
  }

private:
  void process(Account *account) {
    account->journal.post(1);
    total_.post(1);
  }
  std::vector<Account> accounts_;
  Journal total_;
};

// Wrong: each thread has its own element, but the sink the element points
// to is the same for all of them.
class Sink {
public:
  void write(int line) { lines_.push_back(line); }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'push_back' modifies 'lines_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+13]]:7: note: 'process' runs on a thread started here

private:
  std::vector<int> lines_;
};

struct Stage { std::vector<Sink *> sinks; };

class PipelineJob {
public:
  void run() {
    std::vector<std::thread> pool;
    for (size_t i = 0; i < stages_.size(); i++)
      pool.emplace_back(&PipelineJob::process, this, &stages_[i]);
    for (auto &t : pool)
      t.join();
  }

private:
  void process(Stage *stage) { stage->sinks.front()->write(1); }
  std::vector<Stage> stages_;
};

// Wrong: the index is not the loop's counter, so every thread gets
// element 0.
class Part {
public:
  void add(int row) { rows_.push_back(row); }
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'push_back' modifies 'rows_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+11]]:7: note: 'process' runs on a thread started here

private:
  std::vector<int> rows_;
};

class FixedIndexJob {
public:
  void run() {
    std::vector<std::thread> pool;
    for (size_t i = 0; i < parts_.size(); i++)
      pool.emplace_back(&FixedIndexJob::process, this, &parts_[0]);
    for (auto &t : pool)
      t.join();
  }

private:
  void process(Part *part) { part->add(1); }
  std::vector<Part> parts_;
};

//===----------------------------------------------------------------------===//
// Methods of other objects than the one the thread runs on
//===----------------------------------------------------------------------===//

// Fine: reduced from rocksdb 7.8.3, db/dbformat.h (InternalKey). The threads
// read keys they look up; decodeFrom(), which nothing here calls, is called
// from other files on other keys, not on the object the thread runs on.
class Key {
public:
  void decodeFrom(const std::string &encoded) { rep_.assign(encoded); }
  std::size_t size() const { return rep_.size(); }

private:
  std::string rep_;
};

class KeyScanner {
public:
  void run() {
    std::vector<std::thread> pool;
    for (int i = 0; i < 4; i++)
      pool.emplace_back(&KeyScanner::scan, this, i);
    for (auto &t : pool)
      t.join();
  }

private:
  void scan(int shard) { sizes_[shard] = lookup(shard)->size(); }
  Key *lookup(int shard);
  std::size_t sizes_[4];
};

// Wrong: reset() is another method of the object whose method runs on the
// thread, so a caller may run it while the thread reads.
class KeyBuffer {
public:
  void start() { reader_ = std::thread(&KeyBuffer::read, this); }
  void reset() { rep_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'clear' modifies 'rep_', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE+5]]:32: note: 'rep_' is read here, possibly at the same time
  // CHECK-MESSAGES: :[[@LINE-4]]:28: note: 'read' runs on a thread started here
  ~KeyBuffer() { reader_.join(); }

private:
  void read() { length_ = rep_.size(); }
  std::string rep_;
  std::size_t length_ = 0;
  std::thread reader_;
};
