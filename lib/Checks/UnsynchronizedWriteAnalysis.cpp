//===--- UnsynchronizedWriteAnalysis.cpp - Racing container writes --------===//

#include "Checks/UnsynchronizedWriteAnalysis.h"
#include "Analysis/ContainerAccess.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/KeyPresence.h"
#include "Analysis/LockSetAnalysis.h"
#include "Analysis/MutexVisibility.h"
#include "Analysis/ThreadModel.h"
#include "Analysis/ThreadPrivateObjects.h"
#include "Report/DisplayNames.h"
#include "Report/Messages.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include <map>
#include <optional>
#include <set>

using namespace clang;

namespace iterguard {

namespace {

// Mutex parameters passed on through more calls than this are left as
// they are; it only ends cycles of calls that pass each other's parameters.
static constexpr unsigned MaxParameterChain = 8;

// Inherited lock sets only shrink, so inheritance ends after at most one
// round per lock per function; this only guards against a modelling mistake.
static constexpr unsigned MaxInheritanceRounds = 1000;

struct AccessRecord {
  const FunctionDecl *Function = nullptr;
  const Expr *At = nullptr;
  ContainerKey Container;
  bool IsWrite = false;
  std::string Method;
  LockSet Locks;
};

struct CallRecord {
  const FunctionDecl *Caller = nullptr;
  const FunctionDecl *Callee = nullptr;
  LockSet Locks;
  /// Called on the caller's own object, so its member mutexes are the same.
  bool OnSameObject = false;
  /// The callee's mutex parameters, with the mutex the call passes for each.
  std::vector<std::pair<const ParmVarDecl *, ContainerKey>> MutexArguments;
};

/// Non-const member functions that only look at the container.
bool isAccessorOnly(llvm::StringRef Method, const ContainerSpec *Spec) {
  bool Accessor = llvm::is_contained(
      {"begin",       "end",         "cbegin",      "cend",         "rbegin",
       "rend",        "crbegin",     "crend",       "before_begin", "find",
       "lower_bound", "upper_bound", "equal_range", "at",           "front",
       "back",        "data",        "size",        "empty",        "count",
       "contains",    "capacity",    "max_size",    "bucket_count"},
      Method);
  // operator[] on a map inserts a missing key; on a sequence it only reads.
  if (Method == "operator[]")
    return Spec && (Spec->Family == ContainerFamily::Contiguous ||
                    Spec->Family == ContainerFamily::Deque);
  return Accessor;
}

bool holdsExclusively(const LockSet &Locks, const ContainerKey &Mutex) {
  for (const HeldLock &Lock : Locks)
    if (Lock.Mutex == Mutex && !Lock.Shared)
      return true;
  return false;
}

bool holds(const LockSet &Locks, const ContainerKey &Mutex) {
  for (const HeldLock &Lock : Locks)
    if (Lock.Mutex == Mutex)
      return true;
  return false;
}

LockSet unite(LockSet A, const LockSet &B) {
  for (const HeldLock &Lock : B)
    if (!llvm::is_contained(A, Lock))
      A.push_back(Lock);
  return A;
}

} // namespace

struct UnsynchronizedWriteAnalysis::Impl {
  Impl(const ThreadModel &Threads, const AnalysisOptions &Options)
      : Threads(Threads), Mutexes(Options) {}

  const ThreadModel &Threads;
  /// Mutex and guard types, cached for the translation unit.
  LockModel Mutexes;
  const SourceManager *SM = nullptr;
  std::vector<AccessRecord> Accesses;
  std::vector<CallRecord> Calls;
  /// Locks a function inherits from all of its callers.
  std::map<const FunctionDecl *, LockSet> Inherited;
  /// The calls to each function with a body in the translation unit.
  std::map<const FunctionDecl *, std::vector<const CallRecord *>> CallsTo;
  /// The functions threads start in.
  llvm::DenseSet<const FunctionDecl *> Entries;
  /// Every function collected, in order.
  std::vector<const FunctionDecl *> Functions;
  /// Per spawn, the functions working on its entry's object.
  mutable std::map<unsigned, llvm::SetVector<const FunctionDecl *>>
      EntryObjectFunctions;
  /// Which member functions work on an object one thread owns; built on
  /// first use, since a translation unit without threads never asks.
  mutable std::optional<ThreadPrivateObjects> PrivateObjects;

  bool isShared(const ContainerKey &Key, const FunctionDecl *Function) const {
    if (!Key.Root) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      return !Key.Fields.empty() && Method && !Method->isStatic();
    }
    const auto *Var = dyn_cast<VarDecl>(Key.Root);
    if (!Var || Var->getTLSKind() != VarDecl::TLS_None)
      return false;
    return Var->hasGlobalStorage() || Threads.isSharedWithThread(Var);
  }

  void collect(const FunctionCFG &Function, const ContainerAccess &Access) {
    const FunctionDecl *F = Function.function();
    SM = &Function.context().getSourceManager();
    Functions.push_back(F);
    if (isa<CXXConstructorDecl>(F) || isa<CXXDestructorDecl>(F)) {
      // The object is not shared yet, or any more; what they call is part of
      // construction when nothing else calls it.
      recordConstructionCalls(F, F->getBody());
      return;
    }
    LockSetAnalysis Locks(Function, Access, Mutexes);
    Locks.run();
    llvm::DenseMap<const Expr *, size_t> AccessOfCall;
    KeyPresence Presence(Function, Access);
    // Local iterators and references into shared containers: assigning
    // through them writes the container.
    llvm::DenseMap<const VarDecl *, ContainerKey> ElementHandles;
    for (const CFGBlock *Block : Function.reversePostOrder())
      for (const CFGElement &Element : *Block) {
        std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
        if (!S)
          continue;
        const Stmt *Statement = S->getStmt();
        if (const auto *Decls = dyn_cast<DeclStmt>(Statement)) {
          for (const Decl *D : Decls->decls())
            if (const auto *Var = dyn_cast<VarDecl>(D))
              rememberElementHandle(Var, Access, F, ElementHandles);
          continue;
        }
        if (const Expr *Through = writtenThrough(Statement))
          if (const VarDecl *Handle = handleBehind(Through, ElementHandles)) {
            AccessRecord Record;
            Record.Function = F;
            Record.At = cast<Expr>(Statement);
            Record.Container = ElementHandles.find(Handle)->second;
            Record.IsWrite = true;
            Record.Method = Handle->getNameAsString();
            Record.Locks = Locks.locksHeldAt(Statement);
            Accesses.push_back(std::move(Record));
          }
        if (const auto *Call = dyn_cast<CallExpr>(Statement)) {
          if (std::optional<ContainerCall> OnContainer =
                  Access.asContainerCall(Call)) {
            // A thread entry's parameter that stands for the spawner's local.
            if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(
                    OnContainer->Container.Root))
              if (const VarDecl *Local = Threads.sharedArgument(Param))
                OnContainer->Container.Root = Local;
            if (!isShared(OnContainer->Container, F))
              continue;
            const auto *Method = Call->getDirectCallee();
            bool Const = isa_and_nonnull<CXXMethodDecl>(Method) &&
                         cast<CXXMethodDecl>(Method)->isConst();
            AccessRecord Record;
            Record.Function = F;
            Record.At = Call;
            Record.Container = OnContainer->Container;
            Record.Method = OnContainer->Method;
            Record.IsWrite =
                OnContainer->Invalidation != Effect::None ||
                (!Const && !isAccessorOnly(OnContainer->Method, OnContainer->Spec));
            // m[k] where k is known to be a key of m inserts nothing. Asked
            // in the function's own terms, before the rewrite above.
            if (Record.IsWrite && OnContainer->Method == "operator[]" &&
                Presence.insertsPresentKey(*Access.asContainerCall(Call)))
              Record.IsWrite = false;
            Record.Locks = Locks.locksHeldAt(Call);
            AccessOfCall[Call] = Accesses.size();
            Accesses.push_back(std::move(Record));
            continue;
          }
          if (std::optional<CallRecord> Record = callRecordOf(F, Call)) {
            Record->Locks = Locks.locksHeldAt(Call);
            if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
              Record->OnSameObject = isa_and_nonnull<CXXThisExpr>(
                  Member->getImplicitObjectArgument()
                      ? Member->getImplicitObjectArgument()->IgnoreParenImpCasts()
                      : nullptr);
            Record->MutexArguments = mutexArguments(*Record, Call, Access);
            Calls.push_back(std::move(*Record));
          }
          continue;
        }
        // c[i] = v writes the container, though operator[] alone reads it.
        const Expr *Target = nullptr;
        if (const auto *Assign = dyn_cast<BinaryOperator>(Statement))
          if (Assign->isAssignmentOp())
            Target = Assign->getLHS();
        if (Target) {
          auto It = AccessOfCall.find(ignoreTransparent(Target)->IgnoreImpCasts());
          if (It != AccessOfCall.end())
            Accesses[It->second].IsWrite = true;
        }
      }
    // Assignments through class-type element operators (m[k] = v).
    for (AccessRecord &Record : Accesses) {
      if (Record.Function != F || Record.IsWrite)
        continue;
      const Stmt *Parent = Function.semanticParent(Record.At);
      if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(Parent))
        if (Assign->isAssignmentOp() && Assign->getNumArgs() > 0 &&
            ignoreTransparent(Assign->getArg(0))->IgnoreImpCasts() == Record.At)
          Record.IsWrite = true;
    }
  }

  /// The mutex Call passes for each mutex parameter of its callee, when it
  /// can be named the same way everywhere in the translation unit: a global,
  /// a parameter, or a member of the caller's object on a call on it.
  std::vector<std::pair<const ParmVarDecl *, ContainerKey>>
  mutexArguments(const CallRecord &Site, const CallExpr *Call,
                 const ContainerAccess &Access) const {
    std::vector<std::pair<const ParmVarDecl *, ContainerKey>> Passed;
    if (isa<CXXOperatorCallExpr>(Call))
      return Passed;
    unsigned Count = std::min(Call->getNumArgs(), Site.Callee->getNumParams());
    for (unsigned I = 0; I < Count; ++I) {
      const ParmVarDecl *Param = Site.Callee->getParamDecl(I);
      QualType T = Param->getType().getNonReferenceType();
      if (!Mutexes.isMutexType(T->isPointerType() ? T->getPointeeType() : T))
        continue;
      std::optional<ContainerKey> Mutex = Access.objectKey(Call->getArg(I));
      if (!Mutex)
        continue;
      const auto *Var = dyn_cast_or_null<VarDecl>(Mutex->Root);
      bool Nameable = Mutex->Root ? Var && (Var->hasGlobalStorage() ||
                                            isa<ParmVarDecl>(Var))
                                  : Site.OnSameObject;
      if (Nameable)
        Passed.push_back({Param, *Mutex});
    }
    return Passed;
  }

  /// Mutex parameters that every call in the translation unit passes the
  /// same mutex for: `ProcessManifestWrites(..., mu)` called only from
  /// `LogAndApply`, which passes its own `mu`, locks the same mutex.
  std::map<const ParmVarDecl *, ContainerKey> parameterMutexes() const {
    std::map<const ParmVarDecl *, std::optional<ContainerKey>> Seen;
    for (const CallRecord &Call : Calls)
      for (const auto &[Param, Mutex] : Call.MutexArguments) {
        auto [It, New] = Seen.try_emplace(Param, Mutex);
        if (!New && It->second && *It->second != Mutex)
          It->second = std::nullopt;
      }
    // A call that passes something unnameable for the parameter.
    for (const CallRecord &Call : Calls)
      for (const ParmVarDecl *Param : Call.Callee->parameters())
        if (Seen.count(Param) &&
            !llvm::any_of(Call.MutexArguments,
                          [&](const auto &Arg) { return Arg.first == Param; }))
          Seen[Param] = std::nullopt;
    std::map<const ParmVarDecl *, ContainerKey> Same;
    for (const auto &[Param, Mutex] : Seen)
      if (Mutex && !Threads.sharedArgument(Param))
        Same[Param] = *Mutex;
    return Same;
  }

  /// Names every mutex parameter by the mutex its callers pass.
  void nameParameterMutexesByTheirCallers() {
    std::map<const ParmVarDecl *, ContainerKey> Same = parameterMutexes();
    if (Same.empty())
      return;
    auto Rename = [&](LockSet &Locks) {
      for (HeldLock &Lock : Locks)
        for (unsigned Depth = 0; Depth < MaxParameterChain; ++Depth) {
          const auto *Param = dyn_cast_or_null<ParmVarDecl>(Lock.Mutex.Root);
          auto It = Param ? Same.find(Param) : Same.end();
          if (It == Same.end())
            break;
          ContainerKey Renamed = It->second;
          Renamed.Fields.append(Lock.Mutex.Fields.begin(),
                                Lock.Mutex.Fields.end());
          Lock.Mutex = Renamed;
        }
    };
    for (AccessRecord &Access : Accesses)
      Rename(Access.Locks);
    for (CallRecord &Call : Calls)
      Rename(Call.Locks);
  }

  void rememberElementHandle(
      const VarDecl *Var, const ContainerAccess &Access, const FunctionDecl *F,
      llvm::DenseMap<const VarDecl *, ContainerKey> &Handles) const {
    Handles.erase(Var);
    if (!Var->getInit() || !Var->hasLocalStorage())
      return;
    std::optional<ContainerCall> Source =
        Access.asContainerCall(ignoreTransparent(Var->getInit()));
    if (!Source || !isShared(Source->Container, F))
      return;
    bool Element = Source->Result == Produces::Iterator ||
                   (Source->Result == Produces::Reference &&
                    Var->getType()->isReferenceType());
    if (Element)
      Handles.try_emplace(Var, Source->Container);
  }

  /// The target of an assignment statement, when S is one.
  static const Expr *writtenThrough(const Stmt *S) {
    if (const auto *Assign = dyn_cast<BinaryOperator>(S))
      return Assign->isAssignmentOp() ? Assign->getLHS() : nullptr;
    if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(S))
      return Assign->isAssignmentOp() && Assign->getNumArgs() > 0
                 ? Assign->getArg(0)
                 : nullptr;
    return nullptr;
  }

  /// The element handle an assignment target goes through: `it->second.x`,
  /// `*it`, or `ref.x` and `ref` for a reference.
  static const VarDecl *
  handleBehind(const Expr *Target,
               const llvm::DenseMap<const VarDecl *, ContainerKey> &Handles) {
    bool Dereferenced = false;
    for (unsigned Depth = 0; Target && Depth < 16; ++Depth) {
      Target = Target->IgnoreParenImpCasts();
      if (const auto *Member = dyn_cast<MemberExpr>(Target)) {
        Dereferenced |= Member->isArrow();
        Target = Member->getBase();
      } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Target)) {
        if ((Operator->getOperator() != OO_Arrow &&
             Operator->getOperator() != OO_Star) ||
            Operator->getNumArgs() == 0)
          return nullptr;
        Dereferenced = true;
        Target = Operator->getArg(0);
      } else if (const auto *Unary = dyn_cast<UnaryOperator>(Target)) {
        if (Unary->getOpcode() != UO_Deref)
          return nullptr;
        Dereferenced = true;
        Target = Unary->getSubExpr();
      } else if (const auto *Ref = dyn_cast<DeclRefExpr>(Target)) {
        const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        if (!Var || !Handles.count(Var))
          return nullptr;
        // Assigning the iterator itself moves it; only through it writes.
        return Dereferenced || Var->getType()->isReferenceType() ? Var
                                                                  : nullptr;
      } else {
        return nullptr;
      }
    }
    return nullptr;
  }

  void recordConstructionCalls(const FunctionDecl *F, const Stmt *S) {
    if (!S)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (std::optional<CallRecord> Record = callRecordOf(F, Call))
        Calls.push_back(std::move(*Record));
    for (const Stmt *Child : S->children())
      recordConstructionCalls(F, Child);
  }

  /// A call from Caller to a function with a body in the translation unit.
  static std::optional<CallRecord> callRecordOf(const FunctionDecl *Caller,
                                                const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = nullptr;
    if (!Callee || !Callee->hasBody(Definition))
      return std::nullopt;
    CallRecord Record;
    Record.Caller = Caller;
    Record.Callee = Definition;
    return Record;
  }

  /// Functions called only while an object is constructed or destroyed.
  llvm::DenseSet<const FunctionDecl *> constructionOnly() const {
    std::map<const FunctionDecl *, std::vector<const FunctionDecl *>> Callers;
    for (const CallRecord &Call : Calls)
      Callers[Call.Callee].push_back(Call.Caller);
    llvm::DenseSet<const FunctionDecl *> Only;
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const auto &[Callee, From] : Callers) {
        if (Only.contains(Callee) || !Threads.threadsRunning(Callee).empty())
          continue;
        bool All = llvm::all_of(From, [&](const FunctionDecl *Caller) {
          return isa<CXXConstructorDecl>(Caller) ||
                 isa<CXXDestructorDecl>(Caller) || Only.contains(Caller);
        });
        if (All) {
          Only.insert(Callee);
          Changed = true;
        }
      }
    }
    return Only;
  }

  /// True for a write in a function that starts threads, made while none of
  /// them runs (before the first spawn or after the last join).
  bool outsideEveryThread(const AccessRecord &Write) const {
    if (!Threads.threadsRunning(Write.Function).empty())
      return false;
    bool Spawns = false;
    for (unsigned S = 0; S < Threads.spawns().size(); ++S) {
      if (Threads.calledDuring(S, Write.Function))
        return false;
      if (Threads.spawns()[S].Spawner != Write.Function)
        continue;
      Spawns = true;
      if (Threads.overlaps(S, Write.At))
        return false;
    }
    return Spawns;
  }

  /// The locks a call passes on to its callee: those held at the call or
  /// inherited by the caller, named the same way in the callee (a global
  /// mutex, or a member mutex when the call is on the same object).
  static LockSet passedOn(const CallRecord &Site, const LockSet &CallerLocks) {
    LockSet Passed;
    for (const HeldLock &Lock : unite(Site.Locks, CallerLocks)) {
      const auto *Global = dyn_cast_or_null<VarDecl>(Lock.Mutex.Root);
      bool SameName = Lock.Mutex.Root ? Global && Global->hasGlobalStorage()
                                      : Site.OnSameObject;
      if (SameName)
        Passed.push_back(Lock);
    }
    return Passed;
  }

  static LockSet common(const LockSet &A, const LockSet &B) {
    LockSet Both;
    for (const HeldLock &Lock : A)
      if (llvm::is_contained(B, Lock))
        Both.push_back(Lock);
    return Both;
  }

  /// Indexes the calls by callee and the thread entries, once all are seen.
  void indexCalls() {
    for (const CallRecord &Call : Calls)
      CallsTo[Call.Callee].push_back(&Call);
    for (const ThreadSpawn &Spawn : Threads.spawns())
      Entries.insert(Spawn.Entry);
  }

  /// True when some chain of calls that certainly lacks Guard reaches the
  /// function of Write: from a thread entry, from a function with no caller
  /// in the translation unit whose outside callers cannot hold Guard, or
  /// because the function locks Guard itself (so its callers do not hold
  /// it). Chains through a call made holding another lock that may be Guard
  /// under another name (`sv->mu` for `mutex_`, which `mutex()` hands out)
  /// are not certain.
  bool certainlyEnteredWithout(const AccessRecord &Write,
                               const ContainerKey &Guard) const {
    auto LocksItself = [&](const FunctionDecl *F) {
      return llvm::any_of(Accesses, [&](const AccessRecord &A) {
               return A.Function == F && holds(A.Locks, Guard);
             }) ||
             llvm::any_of(Calls, [&](const CallRecord &C) {
               return C.Caller == F && holds(C.Locks, Guard);
             });
    };
    if (LocksItself(Write.Function))
      return true;
    llvm::SmallVector<const FunctionDecl *, 8> Work{Write.Function};
    llvm::DenseSet<const FunctionDecl *> Seen{Write.Function};
    while (!Work.empty()) {
      const FunctionDecl *F = Work.pop_back_val();
      if (Entries.contains(F))
        return true;
      auto Sites = CallsTo.find(F);
      if (Sites == CallsTo.end()) {
        if (!outsideCallersMayHold(*F, Guard, *SM))
          return true;
        continue;
      }
      for (const CallRecord *Site : Sites->second) {
        if (isa<CXXConstructorDecl>(Site->Caller) ||
            isa<CXXDestructorDecl>(Site->Caller) ||
            holdsExclusively(passedOn(*Site, {}), Guard))
          continue;
        bool MayBeGuard = llvm::any_of(Site->Locks, [](const HeldLock &L) {
          return !L.Shared;
        });
        if (!Guard.Root && !Site->OnSameObject && MayBeGuard &&
            canReachMutex(*Site->Caller, Guard))
          continue;
        if (Seen.insert(Site->Caller).second)
          Work.push_back(Site->Caller);
      }
    }
    return false;
  }

  /// Locks inherited by functions whose every call in the translation unit
  /// holds them (`insertLocked()` called under the caller's lock), through
  /// any chain of calls. It is the greatest fixed point: a function not yet
  /// narrowed counts as holding every lock, so a recursive helper entered
  /// only under the lock (`deleteLocked()` calling itself) keeps it. The sets
  /// only shrink, so the rounds end.
  void inheritLocks() {
    // nullopt: not narrowed yet. Thread entries and uncalled functions
    // inherit nothing and have no entry.
    std::map<const FunctionDecl *, std::optional<LockSet>> Narrowed;
    for (const auto &Entry : CallsTo)
      if (!Entries.contains(Entry.first))
        Narrowed[Entry.first] = std::nullopt;
    bool Changed = true;
    for (unsigned Round = 0; Changed; ++Round) {
      if (Round == MaxInheritanceRounds)
        return; // a modelling mistake; inherit nothing rather than too much
      Changed = false;
      for (auto &[Callee, Locks] : Narrowed) {
        std::optional<LockSet> Common;
        for (const CallRecord *Site : CallsTo[Callee]) {
          auto Caller = Narrowed.find(Site->Caller);
          bool CallerKnown = Caller == Narrowed.end() || Caller->second;
          if (!CallerKnown)
            continue;
          LockSet Passed = passedOn(
              *Site, Caller == Narrowed.end() ? LockSet() : *Caller->second);
          Common = Common ? common(*Common, Passed) : Passed;
        }
        if (Common && (!Locks || *Locks != *Common)) {
          Locks = Common;
          Changed = true;
        }
      }
    }
    for (const auto &[Function, Locks] : Narrowed)
      if (Locks)
        Inherited[Function] = *Locks;
  }

  LockSet effectiveLocks(const AccessRecord &Access) {
    return unite(Access.Locks, Inherited[Access.Function]);
  }

  /// True when every call of Method is on an object one thread owns.
  bool ownedByOneThread(const FunctionDecl *Method) const {
    if (Threads.spawns().empty())
      return false;
    if (!PrivateObjects)
      PrivateObjects.emplace(Functions, Threads);
    return PrivateObjects->hasPrivateObject(Method);
  }

  /// True when Function is the entry of Spawn or a member function it
  /// reaches through calls on its own object: a function working on the
  /// object whose method runs on the thread (`std::thread(&C::run, this)`).
  bool worksOnEntryObject(unsigned Spawn, const FunctionDecl *Function) const {
    auto [It, New] = EntryObjectFunctions.try_emplace(Spawn);
    llvm::SetVector<const FunctionDecl *> &Reached = It->second;
    if (New) {
      Reached.insert(Threads.spawns()[Spawn].Entry);
      for (size_t I = 0; I < Reached.size(); ++I)
        for (const CallRecord &Call : Calls)
          if (Call.Caller == Reached[I] && Call.OnSameObject)
            Reached.insert(Call.Callee);
    }
    return Reached.contains(Function);
  }

  /// A spawn whose thread lets A and B run at the same time, if any.
  std::optional<unsigned> concurrency(const AccessRecord &A,
                                      const AccessRecord &B,
                                      bool SameSpawnerOnly) const {
    llvm::ArrayRef<unsigned> OnA = Threads.threadsRunning(A.Function);
    llvm::ArrayRef<unsigned> OnB = Threads.threadsRunning(B.Function);
    // Prefer two threads started by the same function, whose overlap is
    // known, over threads of different functions, which are assumed to.
    for (unsigned S : OnA)
      for (unsigned T : OnB)
        if ((!SameSpawnerOnly ||
             Threads.spawns()[S].Spawner == Threads.spawns()[T].Spawner) &&
            Threads.runTogether(S, T))
          return S;
    auto Overlapping = [&](llvm::ArrayRef<unsigned> On,
                           const AccessRecord &OnThread,
                           const AccessRecord &Other) -> std::optional<unsigned> {
      for (unsigned S : On) {
        const ThreadSpawn &Spawn = Threads.spawns()[S];
        if ((Other.Function == Spawn.Spawner && Threads.overlaps(S, Other.At)) ||
            Threads.calledDuring(S, Other.Function))
          return S;
        // Another method of the object whose method runs on the thread may be
        // called while it runs, unless each thread has an object of its own;
        // the spawner itself overlaps only after it.
        if (!A.Container.Root && Threads.threadsRunning(Other.Function).empty() &&
            worksOnEntryObject(S, OnThread.Function) &&
            !ownedByOneThread(OnThread.Function) &&
            Other.Function != Spawn.Spawner &&
            isa<CXXMethodDecl>(Other.Function) &&
            !cast<CXXMethodDecl>(Other.Function)->getParent()->isLambda() &&
            !Threads.joinedBefore(S, Other.Function, Other.At))
          return S;
      }
      return std::nullopt;
    };
    if (std::optional<unsigned> S = Overlapping(OnA, A, B))
      return S;
    return Overlapping(OnB, B, A);
  }

  bool before(const Expr *A, const Expr *B) const {
    return SM->isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  }

  void report(std::vector<Finding> &Out) {
    if (Accesses.empty())
      return;
    nameParameterMutexesByTheirCallers();
    indexCalls();
    inheritLocks();
    std::vector<size_t> Order(Accesses.size());
    for (size_t I = 0; I < Order.size(); ++I)
      Order[I] = I;
    llvm::stable_sort(Order, [&](size_t A, size_t B) {
      return before(Accesses[A].At, Accesses[B].At);
    });
    llvm::DenseSet<const FunctionDecl *> Construction = constructionOnly();
    llvm::erase_if(Order, [&](size_t I) {
      return Construction.contains(Accesses[I].Function);
    });
    std::set<const Expr *> Reported;
    for (size_t W : Order) {
      const AccessRecord &Write = Accesses[W];
      if (!Write.IsWrite || Reported.count(Write.At) || outsideEveryThread(Write))
        continue;
      LockSet WriteLocks = effectiveLocks(Write);
      bool Exclusive = llvm::any_of(
          WriteLocks, [](const HeldLock &Lock) { return !Lock.Shared; });
      std::optional<Finding> F = guardedElsewhere(W, WriteLocks, Order);
      const Expr *PairedWrite = nullptr;
      if (!F && !Exclusive)
        F = concurrentElsewhere(W, Order, PairedWrite);
      // The other write of a racing pair is told by this finding's note.
      if (F && PairedWrite)
        Reported.insert(PairedWrite);
      if (F) {
        Reported.insert(Write.At);
        Out.push_back(std::move(*F));
      }
    }
  }

  Finding startFinding(const AccessRecord &Write, unsigned Variant,
                       const std::string &Guard) const {
    Finding F;
    F.Check = CheckId::UnsynchronizedContainerWrite;
    F.Loc = Write.At->getExprLoc();
    F.Message = renderMessage(MessageId::UnsynchronizedWrite,
                              {Write.Container.displayName(), Write.Method,
                               Guard, Variant});
    return F;
  }

  /// The lock most accesses to Container hold: its guard.
  std::optional<ContainerKey> guardOf(const ContainerKey &Container,
                                      llvm::ArrayRef<size_t> Order) {
    std::vector<std::pair<ContainerKey, unsigned>> Counts;
    for (size_t I : Order) {
      if (Accesses[I].Container != Container)
        continue;
      for (const HeldLock &Lock : effectiveLocks(Accesses[I])) {
        auto It = llvm::find_if(Counts, [&](const auto &Entry) {
          return Entry.first == Lock.Mutex;
        });
        if (It == Counts.end())
          Counts.push_back({Lock.Mutex, 1});
        else
          ++It->second;
      }
    }
    std::optional<ContainerKey> Best;
    unsigned BestCount = 0;
    for (const auto &[Mutex, Count] : Counts)
      if (Count > BestCount) {
        Best = Mutex;
        BestCount = Count;
      }
    return Best;
  }

  /// Rule (a): the container's guard, held at other accesses, is not held
  /// exclusively by the write.
  std::optional<Finding> guardedElsewhere(size_t W, const LockSet &WriteLocks,
                                          llvm::ArrayRef<size_t> Order) {
    const AccessRecord &Write = Accesses[W];
    std::optional<ContainerKey> Guard = guardOf(Write.Container, Order);
    if (!Guard || holdsExclusively(WriteLocks, *Guard))
      return std::nullopt;
    bool ReadOnly = holds(WriteLocks, *Guard);
    // Entered only from callers that may hold the guard, unseen here.
    if (!ReadOnly && !certainlyEnteredWithout(Write, *Guard))
      return std::nullopt;
    for (size_t I : Order) {
      const AccessRecord &Other = Accesses[I];
      if (I == W || Other.Container != Write.Container ||
          !holds(effectiveLocks(Other), *Guard))
        continue;
      Finding F = startFinding(Write, ReadOnly ? 1 : 0, Guard->displayName());
      F.Notes.push_back({Other.At->getExprLoc(),
                         renderMessage(MessageId::NoteGuardedAccess,
                                       {Write.Container.displayName(),
                                        Guard->displayName()})});
      return F;
    }
    return std::nullopt;
  }

  /// Rule (b): an access that can run at the same time, unguarded.
  std::optional<Finding> concurrentElsewhere(size_t W,
                                             llvm::ArrayRef<size_t> Order,
                                             const Expr *&PairedWrite) {
    const AccessRecord &Write = Accesses[W];
    // A member of an object one thread owns (`&parts_[i]` handed to the
    // i-th thread) is not touched by another at the same time.
    if (!Write.Container.Root &&
        ownedByOneThread(Write.Function))
      return std::nullopt;
    // Threads of one function are known to overlap; threads of different
    // functions only may, so an overlap within one function tells it best.
    for (bool SameSpawnerOnly : {true, false})
    for (size_t I : Order) {
      const AccessRecord &Other = Accesses[I];
      if (Other.Container != Write.Container ||
          (I == W && Threads.threadsRunning(Write.Function).empty()))
        continue;
      std::optional<unsigned> Spawn =
          concurrency(Write, Other, SameSpawnerOnly);
      if (!Spawn)
        continue;
      const ThreadSpawn &Thread = Threads.spawns()[*Spawn];
      Finding F = startFinding(Write, 2, "");
      if (I != W && Other.IsWrite)
        PairedWrite = Other.At;
      if (I != W)
        F.Notes.push_back(
            {Other.At->getExprLoc(),
             renderMessage(MessageId::NoteConcurrentAccess,
                           {Write.Container.displayName(),
                            Other.IsWrite ? 1u : 0u})});
      F.Notes.push_back(
          {Thread.Site->getBeginLoc(),
           renderMessage(MessageId::NoteThreadStart,
                         {functionDisplayName(Thread.Entry)})});
      return F;
    }
    return std::nullopt;
  }
};

UnsynchronizedWriteAnalysis::UnsynchronizedWriteAnalysis(
    const ThreadModel &Threads, const AnalysisOptions &Options)
    : Data(std::make_unique<Impl>(Threads, Options)) {}

UnsynchronizedWriteAnalysis::~UnsynchronizedWriteAnalysis() = default;

void UnsynchronizedWriteAnalysis::collect(const FunctionCFG &Function,
                                          const ContainerAccess &Access) {
  Data->collect(Function, Access);
}

void UnsynchronizedWriteAnalysis::report(std::vector<Finding> &Out) {
  Data->report(Out);
}

} // namespace iterguard
