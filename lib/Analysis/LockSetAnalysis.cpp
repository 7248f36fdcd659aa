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

/// The qualified name of T's class (template), without template arguments.
std::string className(QualType T) {
  const CXXRecordDecl *Record =
      T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  if (!Record)
    return "";
  const NamedDecl *Named = Record;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    Named = Spec->getSpecializedTemplate();
  return ContainerModel::normalizeName(Named->getQualifiedNameAsString());
}

enum class GuardKind { None, LockGuard, UniqueLock, ScopedLock, SharedLock };

GuardKind guardKindOf(QualType T) {
  return llvm::StringSwitch<GuardKind>(className(T))
      .Case("std::lock_guard", GuardKind::LockGuard)
      .Case("std::unique_lock", GuardKind::UniqueLock)
      .Case("std::scoped_lock", GuardKind::ScopedLock)
      .Case("std::shared_lock", GuardKind::SharedLock)
      .Default(GuardKind::None);
}

/// The lock-acquisition tag a guard was constructed with, if any.
enum class Tag { None, Defer, TryTo, Adopt };

Tag tagOf(const Expr *Arg) {
  return llvm::StringSwitch<Tag>(className(Arg->getType()))
      .Case("std::defer_lock_t", Tag::Defer)
      .Case("std::try_to_lock_t", Tag::TryTo)
      .Case("std::adopt_lock_t", Tag::Adopt)
      .Default(Tag::None);
}

struct GuardInfo {
  std::vector<ContainerKey> Mutexes;
  bool Shared = false;
  bool operator==(const GuardInfo &O) const {
    return Mutexes == O.Mutexes && Shared == O.Shared;
  }
};

struct LockState {
  LockSet Held;
  /// The mutexes each RAII guard variable manages, held or not.
  std::map<const VarDecl *, GuardInfo> Guards;
  /// Which guard acquired each held lock (nullptr: a direct lock()).
  std::vector<const VarDecl *> HeldBy;

  bool operator==(const LockState &O) const {
    return Held == O.Held && Guards == O.Guards && HeldBy == O.HeldBy;
  }
};

void acquire(LockState &State, const ContainerKey &Mutex, bool Shared,
             const VarDecl *Guard) {
  for (const HeldLock &Lock : State.Held)
    if (Lock.Mutex == Mutex && Lock.Shared == Shared)
      return;
  State.Held.push_back({Mutex, Shared});
  State.HeldBy.push_back(Guard);
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

/// Keeps the locks held on both paths (acquired the same way).
bool intersect(LockState &Into, const LockState &From) {
  LockState Before = Into;
  for (size_t I = 0; I < Into.Held.size();) {
    bool Both = false;
    for (size_t J = 0; J < From.Held.size(); ++J)
      if (From.Held[J] == Into.Held[I] && From.HeldBy[J] == Into.HeldBy[I])
        Both = true;
    if (Both) {
      ++I;
    } else {
      Into.Held.erase(Into.Held.begin() + I);
      Into.HeldBy.erase(Into.HeldBy.begin() + I);
    }
  }
  for (const auto &[Guard, Info] : From.Guards)
    Into.Guards.try_emplace(Guard, Info);
  return !(Before == Into);
}

} // namespace

bool isMutexType(QualType T, const AnalysisOptions &Options) {
  // pthread_mutex_t is a typedef of an unnamed C union.
  if (const auto *Typedef = T.getNonReferenceType()->getAs<TypedefType>()) {
    llvm::StringRef Name = Typedef->getDecl()->getName();
    if (Name == "pthread_mutex_t" || Name == "pthread_rwlock_t")
      return true;
  }
  std::string Name = className(T);
  if (Name.empty())
    return false;
  static const char *const Standard[] = {
      "std::mutex",        "std::recursive_mutex",       "std::timed_mutex",
      "std::shared_mutex", "std::recursive_timed_mutex", "std::shared_timed_mutex"};
  for (const char *Known : Standard)
    if (Name == Known)
      return true;
  for (const std::string &Configured : Options.LockTypes)
    if (ContainerModel::normalizeName(Configured) == Name)
      return true;
  return false;
}

struct LockSetAnalysis::Impl {
  Impl(const FunctionCFG &Function, const ContainerAccess &Access,
       const AnalysisOptions &Options)
      : Function(Function), Access(Access), Options(Options) {}

  const FunctionCFG &Function;
  const ContainerAccess &Access;
  const AnalysisOptions &Options;
  llvm::DenseMap<const Stmt *, LockSet> AtStmt;
  LockSet Empty;

  std::optional<ContainerKey> mutexOf(const Expr *E) const {
    if (!E || !isMutexType(E->getType()->isPointerType()
                               ? E->getType()->getPointeeType()
                               : E->getType(),
                           Options))
      return std::nullopt;
    return Access.objectKey(E);
  }

  void onGuardDeclaration(const VarDecl *Guard, LockState &State) {
    GuardKind Kind = guardKindOf(Guard->getType());
    const auto *Construct =
        dyn_cast_or_null<CXXConstructExpr>(Guard->getInit()
                                               ? ignoreTransparent(Guard->getInit())
                                               : nullptr);
    if (Kind == GuardKind::None || !Construct)
      return;
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
    llvm::StringRef Name = Method->getName();
    // guard.lock() / guard.unlock()
    if (const VarDecl *Guard = referencedVar(Object)) {
      auto It = State.Guards.find(Guard);
      if (It != State.Guards.end()) {
        if (Name == "lock")
          for (const ContainerKey &Mutex : It->second.Mutexes)
            acquire(State, Mutex, It->second.Shared, Guard);
        else if (Name == "unlock" || Name == "release")
          for (const ContainerKey &Mutex : It->second.Mutexes)
            release(State, Mutex);
        return;
      }
    }
    std::optional<ContainerKey> Mutex = mutexOf(Object);
    if (!Mutex)
      return;
    if (Name == "lock")
      acquire(State, *Mutex, false, nullptr);
    else if (Name == "lock_shared")
      acquire(State, *Mutex, true, nullptr);
    else if (Name == "unlock" || Name == "unlock_shared")
      release(State, *Mutex);
  }

  void onCall(const CallExpr *Call, LockState &State) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->getIdentifier() || Call->getNumArgs() == 0)
      return;
    llvm::StringRef Name = Callee->getName();
    std::optional<ContainerKey> Mutex = mutexOf(Call->getArg(0));
    if (!Mutex)
      return;
    if (Name == "pthread_mutex_lock" || Name == "pthread_rwlock_wrlock")
      acquire(State, *Mutex, false, nullptr);
    else if (Name == "pthread_rwlock_rdlock")
      acquire(State, *Mutex, true, nullptr);
    else if (Name == "pthread_mutex_unlock" || Name == "pthread_rwlock_unlock")
      release(State, *Mutex);
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

  void solve() {
    std::vector<std::optional<LockState>> Entry = solveForward(
        Function, LockState(),
        [&](const CFGBlock &Block, LockState &State) {
          transferBlock(Block, State, false);
        },
        [](LockState &Into, const LockState &From) {
          return intersect(Into, From);
        },
        [](const CFGBlock &, unsigned, LockState &) {});
    for (const CFGBlock *Block : Function.reversePostOrder())
      if (Entry[Block->getBlockID()]) {
        LockState State = *Entry[Block->getBlockID()];
        transferBlock(*Block, State, true);
      }
  }
};

LockSetAnalysis::LockSetAnalysis(const FunctionCFG &Function,
                                 const ContainerAccess &Access,
                                 const AnalysisOptions &Options)
    : State(std::make_unique<Impl>(Function, Access, Options)) {}

LockSetAnalysis::~LockSetAnalysis() = default;

void LockSetAnalysis::run() { State->solve(); }

const LockSet &LockSetAnalysis::locksHeldAt(const Stmt *S) const {
  auto It = State->AtStmt.find(S);
  return It == State->AtStmt.end() ? State->Empty : It->second;
}

} // namespace iterguard
