//===--- LockModel.h - Which types are mutexes and guards ---------*- C++ -*-===//
//
// Problem: projects wrap the standard and pthread mutexes in classes of their
// own (rocksdb's port::Mutex with Lock() / Unlock()) and lock them with RAII
// guards of their own (rocksdb's MutexLock). The lock-set analysis must know
// those types, or every access guarded by them looks unguarded.
//
// Semantics:
//   - A mutex type is std::mutex, recursive_mutex, timed_mutex,
//     recursive_timed_mutex, shared_mutex, shared_timed_mutex,
//     pthread_mutex_t, pthread_rwlock_t, a configured lock type, or a class
//     that wraps one: it has a data member of a mutex type (itself possibly
//     a wrapper) and declares both a member function that locks and one
//     that unlocks, by the spellings below.
//   - On an object of a mutex type, a member function locks it exclusively
//     when named lock, Lock or WriteLock (or a configured lock function), for
//     reading when named lock_shared or ReadLock, and unlocks it when named
//     unlock, Unlock, unlock_shared, ReadUnlock, WriteUnlock (or a configured
//     unlock function). Anything else (try_lock, AssertHeld) does nothing.
//   - The pthread functions, and configured lock and unlock functions that
//     are free functions, act on the mutex their first argument points to.
//   - A guard class is a class whose constructor, as its own statement
//     (not under a condition), locks a mutex that a constructor parameter
//     names (directly, or through the data member the parameter
//     initializes), and whose destructor unlocks that data member. An object
//     of it holds the mutex passed for that parameter until it is destroyed.
//     Configured guard classes hold every mutex argument exclusively.
//
// Simplifications: a wrapper must declare its lock and unlock functions in
// its own class, not inherit them; a guard's constructor that locks under a
// condition or through a helper is not a guard (it is then assumed to lock
// nothing, the direction that reports rather than hides).
//
// Rejected alternative: taking every class with Lock()/Unlock() for a mutex.
// Names alone also match classes that lock something else (a file, a page
// table), and the analysis would then take their calls for synchronization
// and hide real races; a mutex data member ties the name to a mutex.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_LOCKMODEL_H
#define ITERGUARD_ANALYSIS_LOCKMODEL_H

#include "AnalysisOptions.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace iterguard {

/// Assert and AssertShared make the mutex held from there on, as Clang's
/// -Wthread-safety takes an assertion; they do not make a class a wrapper.
/// TryAcquire holds nothing (it may fail), but a later unlock then does not
/// tell that the function was entered holding the mutex.
enum class LockOperation {
  None,
  Acquire,
  AcquireShared,
  TryAcquire,
  Release,
  Assert,
  AssertShared
};

/// What a call does to one mutex. Mutex is the expression naming it in the
/// caller (the object, an argument, or a global); when Member is set, the
/// mutex is that data member of the object Mutex names.
struct LockEffect {
  LockOperation Op = LockOperation::None;
  const clang::Expr *Mutex = nullptr;
  const clang::FieldDecl *Member = nullptr;
};

/// A mutex a function requires held on entry, named in the function's own
/// terms (a data member of `this`, a parameter, a global).
struct RequiredLock {
  const clang::Expr *Mutex = nullptr;
  bool Shared = false;
};

/// A constructor argument a guard class locks until the guard is destroyed.
struct GuardedArgument {
  unsigned Param = 0;
  bool Shared = false;
};

class LockModel {
public:
  explicit LockModel(const AnalysisOptions &Options) : Options(Options) {}

  /// True when T (references stripped, pointers not) is a mutex type.
  bool isMutexType(clang::QualType T) const;

  /// What calling Method on a mutex object does to it.
  LockOperation memberOperation(const clang::CXXMethodDecl *Method) const;

  /// What a call to the free function Callee does to the mutex its first
  /// argument points to.
  LockOperation freeOperation(const clang::FunctionDecl *Callee) const;

  /// What Call does to mutexes per Clang's thread-safety attributes on its
  /// callee; nullopt when the callee carries none, so the spellings decide.
  std::optional<llvm::SmallVector<LockEffect, 1>>
  attributedEffects(const clang::CallExpr *Call) const;

  /// The mutexes Function's requires_capability attributes name.
  llvm::SmallVector<RequiredLock, 1>
  requiredLocks(const clang::FunctionDecl *Function) const;

  /// True when T is a configured guard class.
  bool isConfiguredGuard(clang::QualType T) const;

  /// The arguments Constructor locks when it constructs a guard class; empty
  /// when its class is not one.
  llvm::ArrayRef<GuardedArgument>
  guardedArguments(const clang::CXXConstructorDecl *Constructor) const;

private:
  bool wrapsMutex(const clang::CXXRecordDecl *Record) const;
  LockOperation spelledOperation(llvm::StringRef Name) const;
  LockOperation operationOfCall(const clang::CallExpr *Call,
                                const clang::Expr *&Mutex) const;
  llvm::SmallVector<GuardedArgument, 1>
  summarizeGuard(const clang::CXXConstructorDecl *Constructor) const;
  std::optional<llvm::SmallVector<GuardedArgument, 1>>
  attributedGuard(const clang::CXXConstructorDecl *Constructor) const;

  const AnalysisOptions &Options;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, bool> WrapperCache;
  mutable llvm::DenseMap<const clang::CXXConstructorDecl *,
                         llvm::SmallVector<GuardedArgument, 1>>
      GuardCache;
};

/// The qualified name of T's class (template), without template arguments,
/// normalized like container names; empty when T is not a class.
std::string lockClassName(clang::QualType T);

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_LOCKMODEL_H
