//===--- ThreadModel.h - What runs on which thread ----------------*- C++ -*-===//
//
// Problem: a container write races only with accesses that can run at the
// same time, so the analysis needs to know which functions run on threads and
// which part of the spawning function overlaps them.
//
// Semantics: a spawn is a callable handed to std::thread, std::jthread,
// std::async, pthread_create or a configured executor function: a lambda, a
// function, a member function with its object (std::thread(&C::run, this)), or
// a variable holding a lambda. The spawned entry and every function it reaches
// through calls within the translation unit run on that thread. In the
// spawning function, the statements reachable from the spawn before the
// thread is joined (join() on its std::thread, get() or wait() on its future,
// the end of its std::jthread's scope, or a range-for joining a container of
// threads) run concurrently with it, and so does every function they call. A
// spawn reached again in that region (a loop that does not join) runs
// alongside itself; two spawns of one function overlap when one starts in the
// other's region; spawns of different functions are assumed to overlap.
//
// A local handed to the thread by std::ref, std::cref or its address is
// shared, and the entry's parameter stands for it.
//
// Simplifications: threads are joined only through the local variable that
// holds them; a thread stored elsewhere (a member, a vector) overlaps the
// rest of its spawner. Calls through virtual functions or std::function are
// not followed.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_THREADMODEL_H
#define ITERGUARD_ANALYSIS_THREADMODEL_H

#include "AnalysisOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FieldDecl;
class ParmVarDecl;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace iterguard {

class FunctionCFG;

struct ThreadSpawn {
  const clang::FunctionDecl *Spawner = nullptr;
  /// The expression that starts the thread.
  const clang::Stmt *Site = nullptr;
  const clang::FunctionDecl *Entry = nullptr;
  /// The local std::thread, std::jthread or future holding it, or the local
  /// container of threads it was emplaced into, if any.
  const clang::VarDecl *Handle = nullptr;
  /// The member of the spawner's object holding the thread (`thread_ = ...`).
  const clang::FieldDecl *MemberHandle = nullptr;
  /// The object a member function entry runs on (`&w` in
  /// `std::thread(&Worker::run, &w)`), if it is one.
  const clang::Expr *Object = nullptr;
  /// The arguments the spawn passes to the entry's parameters, in order.
  llvm::SmallVector<const clang::Expr *, 4> EntryArguments;
};

class ThreadModel {
public:
  ThreadModel(llvm::ArrayRef<const clang::FunctionDecl *> Functions,
              const AnalysisOptions &Options);
  ~ThreadModel();

  llvm::ArrayRef<ThreadSpawn> spawns() const { return Spawns; }

  /// The spawns whose threads may run Function.
  llvm::ArrayRef<unsigned> threadsRunning(const clang::FunctionDecl *Function) const;

  /// True when a spawned lambda captures Var by reference, or Var is handed
  /// to a thread by std::ref, std::cref or its address.
  bool isSharedWithThread(const clang::VarDecl *Var) const {
    return CapturedByThreads.contains(Var);
  }

  /// The spawner's variable a thread entry's reference or pointer parameter
  /// stands for (std::thread(worker, std::ref(results))), if any.
  const clang::VarDecl *sharedArgument(const clang::ParmVarDecl *Param) const {
    return ParameterAliases.lookup(Param);
  }

  /// Computes, for the spawns made in Function, the statements of Function
  /// that run concurrently with the spawned thread; the functions those
  /// statements call run concurrently with it too.
  void computeRegions(const FunctionCFG &Function);

  /// True when S, in the spawner of Spawn, runs while that thread may.
  bool overlaps(unsigned Spawn, const clang::Stmt *S) const;
  /// True when the threads of two spawns (or of one spawn started again,
  /// as in a loop) can run at the same time.
  bool runTogether(unsigned A, unsigned B) const;
  /// True when Function joins the member thread of Spawn before At.
  bool joinedBefore(unsigned Spawn, const clang::FunctionDecl *Function,
                    const clang::Stmt *At) const;
  /// True when Function is called while the thread of Spawn may run.
  bool calledDuring(unsigned Spawn, const clang::FunctionDecl *Function) const;

private:
  struct Impl;
  std::unique_ptr<Impl> Data;
  std::vector<ThreadSpawn> Spawns;
  llvm::DenseSet<const clang::VarDecl *> CapturedByThreads;
  llvm::DenseMap<const clang::ParmVarDecl *, const clang::VarDecl *>
      ParameterAliases;
};

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_THREADMODEL_H
