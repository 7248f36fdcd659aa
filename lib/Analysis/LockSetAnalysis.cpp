//===--- LockSetAnalysis.cpp - Which locks are certainly held ---*- C++ -*-===//

#include "Analysis/LockSetAnalysis.h"
#include "Analysis/ForwardDataflow.h"
#include "Analysis/FunctionCFG.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSwitch.h"
#include <map>

using namespace clang;

namespace iterguard {

namespace {

enum class GuardKind { None, LockGuard, UniqueLock, ScopedLock, SharedLock };

GuardKind guardKindOf(QualType T) {
  return llvm::StringSwitch<GuardKind>(lockClassName(T))
      .Case("std::lock_guard", GuardKind::LockGuard)
      .Case("std::unique_lock", GuardKind::UniqueLock)
      .Case("std::scoped_lock", GuardKind::ScopedLock)
      .Case("std::shared_lock", GuardKind::SharedLock)
      .Default(GuardKind::None);
}

/// The lock-acquisition tag a guard was constructed with, if any.
enum class Tag { None, Defer, TryTo, Adopt };

Tag tagOf(const Expr *Arg) {
  return llvm::StringSwitch<Tag>(lockClassName(Arg->getType()))
      .Case("std::defer_lock_t", Tag::Defer)
      .Case("std::try_to_lock_t", Tag::TryTo)
      .Case("std::adopt_lock_t", Tag::Adopt)
      .Default(Tag::None);
}

struct GuardInfo {
  std::vector<ContainerKey> Mutexes;
  bool Shared = false;
  /// A guard class of the project rather than a standard one: its member
  /// functions lock and unlock by the spellings of LockModel.
  bool Project = false;
  bool operator==(const GuardInfo &O) const {
    return Mutexes == O.Mutexes && Shared == O.Shared && Project == O.Project;
  }
};

struct LockState {
  LockSet Held;
  /// The mutexes each RAII guard variable manages, held or not.
  std::map<const VarDecl *, GuardInfo> Guards;
  /// Which guard acquired each held lock (nullptr: a direct lock()).
  std::vector<const VarDecl *> HeldBy;
  /// Mutexes acquired (or held at entry) on every path since the entry,
  /// released since or not: an unlock of any other was entered holding it.
  std::vector<ContainerKey> Acquired;

  bool operator==(const LockState &O) const {
    return Held == O.Held && Guards == O.Guards && HeldBy == O.HeldBy &&
           Acquired == O.Acquired;
  }
};

void acquire(LockState &State, const ContainerKey &Mutex, bool Shared,
             const VarDecl *Guard) {
  for (const HeldLock &Lock : State.Held)
    if (Lock.Mutex == Mutex && Lock.Shared == Shared)
      return;
  State.Held.push_back({Mutex, Shared});
  State.HeldBy.push_back(Guard);
  if (!llvm::is_contained(State.Acquired, Mutex))
    State.Acquired.push_back(Mutex);
}

void release(LockState &State, const ContainerKey &Mutex) {
  for (size_t I = 0; I < State.Held.size();) {
    if (State.Held[I].Mutex == Mutex) {
      State.Held.erase(State.Held.begin() + I);
      State.HeldBy.erase(State.HeldBy.begin() + I);
    } else {
      ++I;
    }
  }
}

/// The holder to keep for a lock held on two paths, if it can be kept: a
/// guard's lock also ends when the guard is reassigned, a direct lock only by
/// unlock(), so where one path locked directly the guard is kept, which
/// releases the lock in every case either path would.
std::optional<const VarDecl *> mergedHolder(const VarDecl *A,
                                            const VarDecl *B) {
  if (A == B || !B)
    return A;
  if (!A)
    return B;
  return std::nullopt;
}

/// Keeps the locks held on both paths.
bool intersect(LockState &Into, const LockState &From) {
  LockState Before = Into;
  for (size_t I = 0; I < Into.Held.size();) {
    std::optional<const VarDecl *> Holder;
    for (size_t J = 0; J < From.Held.size() && !Holder; ++J)
      if (From.Held[J] == Into.Held[I])
        Holder = mergedHolder(Into.HeldBy[I], From.HeldBy[J]);
    if (Holder) {
      Into.HeldBy[I] = *Holder;
      ++I;
    } else {
      Into.Held.erase(Into.Held.begin() + I);
      Into.HeldBy.erase(Into.HeldBy.begin() + I);
    }
  }
  for (const auto &[Guard, Info] : From.Guards)
    Into.Guards.try_emplace(Guard, Info);
  llvm::erase_if(Into.Acquired, [&](const ContainerKey &Mutex) {
    return !llvm::is_contained(From.Acquired, Mutex);
  });
  return !(Before == Into);
}

/// What a member function of a standard guard does to its mutexes.
LockOperation standardGuardOperation(llvm::StringRef Name) {
  if (Name == "lock")
    return LockOperation::Acquire;
  if (Name == "unlock" || Name == "release")
    return LockOperation::Release;
  return LockOperation::None;
}

} // namespace

struct LockSetAnalysis::Impl {
  Impl(const FunctionCFG &Function, const ContainerAccess &Access,
       const LockModel &Model)
      : Function(Function), Access(Access), Model(Model) {}

  const FunctionCFG &Function;
  const ContainerAccess &Access;
  const LockModel &Model;
  llvm::DenseMap<const Stmt *, LockSet> AtStmt;
  LockSet Empty;
  /// Set while the fixpoint's states are recorded.
  bool Recording = false;
  /// Mutexes unlocked directly on a path that did not lock them.
  LockSet UnlockedUnheld;

  std::optional<ContainerKey> mutexOf(const Expr *E) const {
    if (!E || !Model.isMutexType(E->getType()->isPointerType()
                                     ? E->getType()->getPointeeType()
                                     : E->getType()))
      return std::nullopt;
    if (std::optional<ContainerKey> Named = Access.objectKey(E))
      return Named;
    // `handle->mu->Lock()`: a mutex held through another object's pointer.
    return Access.pointeeOfMember(E);
  }

  void onGuardDeclaration(const VarDecl *Guard, LockState &State) {
    const auto *Construct =
        dyn_cast_or_null<CXXConstructExpr>(Guard->getInit()
                                               ? ignoreTransparent(Guard->getInit())
                                               : nullptr);
    if (!Construct)
      return;
    GuardKind Kind = guardKindOf(Guard->getType());
    if (Kind == GuardKind::None) {
      onProjectGuardDeclaration(Guard, Construct, State);
      return;
    }
    // std::unique_lock b(std::move(a)): b takes over a's lock.
    if (Construct->getNumArgs() == 1)
      if (const VarDecl *From = movedGuard(Construct->getArg(0), State)) {
        transfer(From, Guard, State);
        return;
      }
    GuardInfo Info;
    Info.Shared = Kind == GuardKind::SharedLock;
    Tag How = Tag::None;
    for (const Expr *Arg : Construct->arguments()) {
      if (Tag T = tagOf(Arg); T != Tag::None)
        How = T;
      else if (std::optional<ContainerKey> Mutex = mutexOf(Arg))
        Info.Mutexes.push_back(*Mutex);
    }
    State.Guards[Guard] = Info;
    if (How == Tag::Defer || How == Tag::TryTo)
      return;
    for (const ContainerKey &Mutex : Info.Mutexes)
      acquire(State, Mutex, Info.Shared, Guard);
  }

  /// A guard class of the project, configured or recognised from its
  /// constructor and destructor, locks its mutex arguments.
  void onProjectGuardDeclaration(const VarDecl *Guard,
                                 const CXXConstructExpr *Construct,
                                 LockState &State) {
    GuardInfo Info;
    Info.Project = true;
    if (Model.isConfiguredGuard(Guard->getType())) {
      for (const Expr *Arg : Construct->arguments())
        if (std::optional<ContainerKey> Mutex = mutexOf(Arg))
          Info.Mutexes.push_back(*Mutex);
    } else {
      for (const GuardedArgument &Guarded :
           Model.guardedArguments(Construct->getConstructor())) {
        if (Guarded.Param >= Construct->getNumArgs())
          continue;
        if (std::optional<ContainerKey> Mutex =
                mutexOf(Construct->getArg(Guarded.Param))) {
          Info.Mutexes.push_back(*Mutex);
          // One guard holding a mutex for reading holds nothing exclusively.
          Info.Shared |= Guarded.Shared;
        }
      }
    }
    if (Info.Mutexes.empty())
      return;
    State.Guards[Guard] = Info;
    for (const ContainerKey &Mutex : Info.Mutexes)
      acquire(State, Mutex, Info.Shared, Guard);
  }

  /// The guard variable E moves from (std::move(guard)), if any.
  static const VarDecl *movedGuard(const Expr *E, const LockState &State) {
    const auto *Call =
        dyn_cast<CallExpr>(ignoreTransparent(E)->IgnoreParenImpCasts());
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier() ||
        Callee->getName() != "move" || Call->getNumArgs() != 1)
      return nullptr;
    const VarDecl *From = referencedVar(Call->getArg(0));
    return From && State.Guards.count(From) ? From : nullptr;
  }

  /// Moves what guard From manages, held or not, to guard To.
  static void transfer(const VarDecl *From, const VarDecl *To,
                       LockState &State) {
    State.Guards[To] = State.Guards[From];
    State.Guards.erase(From);
    for (const VarDecl *&Holder : State.HeldBy)
      if (Holder == From)
        Holder = To;
  }

  /// `b = std::move(a)` between guards: b releases what it held and takes
  /// over a's lock.
  void onGuardAssignment(const CXXOperatorCallExpr *Assign, LockState &State) {
    if (Assign->getOperator() != OO_Equal || Assign->getNumArgs() != 2)
      return;
    const VarDecl *To = referencedVar(Assign->getArg(0));
    const VarDecl *From = movedGuard(Assign->getArg(1), State);
    if (!To || !From || guardKindOf(To->getType()) == GuardKind::None)
      return;
    auto Old = State.Guards.find(To);
    if (Old != State.Guards.end()) {
      for (size_t I = 0; I < State.Held.size();) {
        if (State.HeldBy[I] == To) {
          State.Held.erase(State.Held.begin() + I);
          State.HeldBy.erase(State.HeldBy.begin() + I);
        } else {
          ++I;
        }
      }
    }
    transfer(From, To, State);
  }

  void onMemberCall(const CXXMemberCallExpr *Call, LockState &State) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    const Expr *Object = Call->getImplicitObjectArgument();
    if (!Method || !Object || !Method->getIdentifier())
      return;
    // guard.lock() / guard.unlock()
    if (const VarDecl *Guard = referencedVar(Object)) {
      auto It = State.Guards.find(Guard);
      if (It != State.Guards.end()) {
        const GuardInfo &Info = It->second;
        LockOperation Op = Info.Project ? Model.memberOperation(Method)
                                        : standardGuardOperation(Method->getName());
        for (const ContainerKey &Mutex : Info.Mutexes)
          apply(Op == LockOperation::Acquire && Info.Shared
                    ? LockOperation::AcquireShared
                    : Op,
                Mutex, Guard, State);
        return;
      }
    }
    if (applyAttributed(Call, State))
      return;
    if (std::optional<ContainerKey> Mutex = mutexOf(Object))
      apply(Model.memberOperation(Method), *Mutex, nullptr, State);
  }

  /// Applies what Clang's thread-safety attributes on Call's callee say it
  /// does; false when it carries none.
  bool applyAttributed(const CallExpr *Call, LockState &State) {
    std::optional<llvm::SmallVector<LockEffect, 1>> Effects =
        Model.attributedEffects(Call);
    if (!Effects)
      return false;
    for (const LockEffect &Effect : *Effects) {
      std::optional<ContainerKey> Mutex = Access.objectKey(Effect.Mutex);
      if (!Mutex)
        continue;
      if (Effect.Member)
        Mutex->Fields.push_back(Effect.Member);
      apply(Effect.Op, *Mutex, nullptr, State);
    }
    return true;
  }

  void onCall(const CallExpr *Call, LockState &State) {
    if (applyAttributed(Call, State) || Call->getNumArgs() == 0)
      return;
    LockOperation Op = Model.freeOperation(Call->getDirectCallee());
    if (Op == LockOperation::None)
      return;
    if (std::optional<ContainerKey> Mutex = mutexOf(Call->getArg(0)))
      apply(Op, *Mutex, nullptr, State);
  }

  void apply(LockOperation Op, const ContainerKey &Mutex, const VarDecl *Guard,
             LockState &State) {
    switch (Op) {
    case LockOperation::Acquire:
    case LockOperation::Assert:
      acquire(State, Mutex, false, Guard);
      break;
    case LockOperation::AcquireShared:
    case LockOperation::AssertShared:
      acquire(State, Mutex, true, Guard);
      break;
    case LockOperation::TryAcquire:
      // Not held, but an unlock after it may pair with it.
      if (!llvm::is_contained(State.Acquired, Mutex))
        State.Acquired.push_back(Mutex);
      break;
    case LockOperation::Release:
      if (!Guard)
        noteUnlock(Mutex, State);
      release(State, Mutex);
      break;
    case LockOperation::None:
      break;
    }
  }

  /// A direct unlock of a mutex this path never locked: unlocking a mutex
  /// not held is undefined, so the function was entered holding it. A local
  /// mutex cannot have been.
  void noteUnlock(const ContainerKey &Mutex, const LockState &State) {
    if (!Recording || llvm::is_contained(State.Acquired, Mutex))
      return;
    const auto *Var = dyn_cast_or_null<VarDecl>(Mutex.Root);
    if (Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var))
      return;
    if (!llvm::is_contained(UnlockedUnheld, HeldLock{Mutex, false}))
      UnlockedUnheld.push_back({Mutex, false});
  }

  /// The mutexes the function's requires_capability attributes name.
  LockSet requiredAtEntry() const {
    const FunctionDecl *F = Function.function();
    LockSet Required;
    for (const RequiredLock &Lock : Model.requiredLocks(F)) {
      std::optional<ContainerKey> Mutex = Access.objectKey(Lock.Mutex);
      if (!Mutex)
        continue;
      // An attribute on another declaration names that one's parameter.
      if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Mutex->Root))
        if (Param->getDeclContext() != F &&
            Param->getFunctionScopeIndex() < F->getNumParams())
          Mutex->Root = F->getParamDecl(Param->getFunctionScopeIndex());
      Required.push_back({*Mutex, Lock.Shared});
    }
    return Required;
  }

  void transferBlock(const CFGBlock &Block, LockState &State, bool Record) {
    for (const CFGElement &Element : Block) {
      if (std::optional<CFGAutomaticObjDtor> Dtor =
              Element.getAs<CFGAutomaticObjDtor>()) {
        auto It = State.Guards.find(Dtor->getVarDecl());
        if (It != State.Guards.end()) {
          for (const ContainerKey &Mutex : It->second.Mutexes)
            release(State, Mutex);
          State.Guards.erase(It);
        }
        continue;
      }
      std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
      if (!S)
        continue;
      const Stmt *Statement = S->getStmt();
      if (Record && (isa<CallExpr>(Statement) || isa<BinaryOperator>(Statement)))
        AtStmt[Statement] = State.Held;
      if (const auto *Decls = dyn_cast<DeclStmt>(Statement)) {
        for (const Decl *D : Decls->decls())
          if (const auto *Var = dyn_cast<VarDecl>(D))
            onGuardDeclaration(Var, State);
      } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Statement)) {
        onMemberCall(Member, State);
      } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Statement)) {
        onGuardAssignment(Operator, State);
      } else if (const auto *Call = dyn_cast<CallExpr>(Statement)) {
        onCall(Call, State);
      }
    }
  }

  /// Runs the analysis with Held at entry, then once more with the locks
  /// inferred from unlocks of mutexes the function never locked.
  void solve() {
    LockSet AtEntry = requiredAtEntry();
    solveFrom(AtEntry);
    if (UnlockedUnheld.empty())
      return;
    for (const HeldLock &Lock : UnlockedUnheld)
      if (!llvm::any_of(AtEntry, [&](const HeldLock &Held) {
            return Held.Mutex == Lock.Mutex;
          }))
        AtEntry.push_back(Lock);
    AtStmt.clear();
    solveFrom(AtEntry);
  }

  void solveFrom(const LockSet &AtEntry) {
    LockState Start;
    for (const HeldLock &Lock : AtEntry)
      acquire(Start, Lock.Mutex, Lock.Shared, nullptr);
    std::vector<std::optional<LockState>> Entry = solveForward(
        Function, Start,
        [&](const CFGBlock &Block, LockState &State) {
          transferBlock(Block, State, false);
        },
        [](LockState &Into, const LockState &From) {
          return intersect(Into, From);
        },
        [](const CFGBlock &, unsigned, LockState &) {});
    Recording = true;
    for (const CFGBlock *Block : Function.reversePostOrder())
      if (Entry[Block->getBlockID()]) {
        LockState State = *Entry[Block->getBlockID()];
        transferBlock(*Block, State, true);
      }
    Recording = false;
  }
};

LockSetAnalysis::LockSetAnalysis(const FunctionCFG &Function,
                                 const ContainerAccess &Access,
                                 const LockModel &Model)
    : State(std::make_unique<Impl>(Function, Access, Model)) {}

LockSetAnalysis::~LockSetAnalysis() = default;

void LockSetAnalysis::run() { State->solve(); }

const LockSet &LockSetAnalysis::locksHeldAt(const Stmt *S) const {
  auto It = State->AtStmt.find(S);
  return It == State->AtStmt.end() ? State->Empty : It->second;
}

} // namespace iterguard
