//===--- LockSetAnalysis.h - Which locks are certainly held -------*- C++ -*-===//
//
// Problem: deciding whether a container access is synchronized needs the set
// of mutexes that are held on every path reaching it.
//
// Semantics: a must-hold forward dataflow over the function's CFG. Mutexes
// are the objects of the mutex types of LockModel (standard, pthread,
// configured, and the project's classes that wrap one), named like
// containers (ContainerKey: `mu_`, `cache.mu`, a global). They are acquired
// by
//   - RAII guards std::lock_guard, std::scoped_lock (all its mutexes),
//     std::unique_lock (not with defer_lock or try_to_lock; adopt_lock
//     counts as held), std::shared_lock (shared mode only), released when
//     the guard is destroyed, and by guard.lock() / guard.unlock();
//   - the project's guard classes, configured or recognised by LockModel
//     (rocksdb's `MutexLock l(&mu_)`), released when the guard is destroyed;
//   - the member functions LockModel names (m.lock() / m.unlock(),
//     m.Lock() / m.Unlock(), m.lock_shared(), m.ReadLock() ...);
//   - pthread_mutex_lock(&m) / pthread_mutex_unlock(&m) and configured free
//     lock functions.
//   - an assertion that a mutex is held (AssertHeld(), Clang's
//     assert_capability), from there on;
//   - Clang's thread-safety attributes on the function called (LockModel).
// A function is entered holding
//   - the mutexes its requires_capability attributes name;
//   - held-at-entry inference: each mutex it unlocks directly (not through a
//     guard) on a path from its entry that did not lock, try to lock or
//     assert it. Unlocking a mutex not held is undefined, so the caller
//     holds it; the function is then analysed again with it held from the
//     entry. Not for a local mutex; always exclusively held.
// try_lock never counts as acquiring (it may fail). Where paths meet, only
// locks held on all of them remain, whether taken by a guard or directly
// (`MutexLock l(&mu_); ... mu_.Unlock(); ... mu_.Lock();` holds mu_ after).
//
// A std::unique_lock moved into another guard (construction or assignment
// from std::move) hands its lock over; the moved-from guard releases nothing.
//
// Simplifications: guards moved into containers or returned from functions
// are not followed; std::lock(a, b) without adopting guards is not modelled;
// the inference does not tell infeasible paths (`if (c) m.lock(); ...
// if (c) m.unlock();`) from feasible ones, and then takes m as held at entry.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_LOCKSETANALYSIS_H
#define ITERGUARD_ANALYSIS_LOCKSETANALYSIS_H

#include "AnalysisOptions.h"
#include "Analysis/ContainerAccess.h"
#include "Analysis/LockModel.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <vector>

namespace iterguard {

class FunctionCFG;

struct HeldLock {
  ContainerKey Mutex;
  /// Held through shared_lock / lock_shared: readers only.
  bool Shared = false;

  bool operator==(const HeldLock &O) const {
    return Mutex == O.Mutex && Shared == O.Shared;
  }
};

using LockSet = std::vector<HeldLock>;

class LockSetAnalysis {
public:
  LockSetAnalysis(const FunctionCFG &Function, const ContainerAccess &Access,
                  const LockModel &Model);
  ~LockSetAnalysis();

  /// Computes the fixpoint; call once.
  void run();

  /// The locks certainly held just before S (a call or an assignment of the
  /// function) is evaluated. Empty when S is not one of those.
  const LockSet &locksHeldAt(const clang::Stmt *S) const;

private:
  struct Impl;
  std::unique_ptr<Impl> State;
};

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_LOCKSETANALYSIS_H
