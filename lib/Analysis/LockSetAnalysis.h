//===--- LockSetAnalysis.h - Which locks are certainly held -------*- C++ -*-===//
//
// Problem: deciding whether a container access is synchronized needs the set
// of mutexes that are held on every path reaching it.
//
// Semantics: a must-hold forward dataflow over the function's CFG. Mutexes
// are objects of std::mutex, recursive_mutex, timed_mutex,
// recursive_timed_mutex, shared_mutex, shared_timed_mutex, pthread_mutex_t
// and the configured lock types, named like containers (ContainerKey:
// `mu_`, `cache.mu`, a global). They are acquired by
//   - RAII guards std::lock_guard, std::scoped_lock (all its mutexes),
//     std::unique_lock (not with defer_lock or try_to_lock; adopt_lock
//     counts as held), std::shared_lock (shared mode only), released when
//     the guard is destroyed, and by guard.lock() / guard.unlock();
//   - direct m.lock() / m.unlock(), m.lock_shared() / m.unlock_shared();
//   - pthread_mutex_lock(&m) / pthread_mutex_unlock(&m).
// try_lock never counts as acquiring (it may fail). Where paths meet, only
// locks held on all of them remain.
//
// A std::unique_lock moved into another guard (construction or assignment
// from std::move) hands its lock over; the moved-from guard releases nothing.
//
// Simplifications: guards moved into containers or returned from functions
// are not followed; std::lock(a, b) without adopting guards is not modelled.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_LOCKSETANALYSIS_H
#define ITERGUARD_ANALYSIS_LOCKSETANALYSIS_H

#include "AnalysisOptions.h"
#include "Analysis/ContainerAccess.h"
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

/// True when T is a mutex type (standard, pthread or configured).
bool isMutexType(clang::QualType T, const AnalysisOptions &Options);

class LockSetAnalysis {
public:
  LockSetAnalysis(const FunctionCFG &Function, const ContainerAccess &Access,
                  const AnalysisOptions &Options);
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
