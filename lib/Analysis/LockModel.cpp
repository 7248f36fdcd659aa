//===--- LockModel.cpp - Which types are mutexes and guards -----*- C++ -*-===//

#include "Analysis/LockModel.h"
#include "Analysis/ContainerAccess.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"
#include <functional>
#include <optional>

using namespace clang;

namespace iterguard {

namespace {

// Member initializers that name each other (`a_(b_)`) end here.
constexpr unsigned MaxInitializerChain = 4;

bool isDirectlyThis(const Expr *E) {
  return isa<CXXThisExpr>(E->IgnoreParenImpCasts());
}

/// The constructor parameter Mutex names in Constructor's terms: the
/// parameter itself (through `*` and `&`), or a data member of `this` that
/// the constructor initializes from one.
std::optional<unsigned> parameterBehind(const Expr *Mutex,
                                        const CXXConstructorDecl *Constructor,
                                        unsigned Depth = 0) {
  if (!Mutex || Depth > MaxInitializerChain)
    return std::nullopt;
  Mutex = ignoreTransparent(Mutex)->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(Mutex))
    if (Unary->getOpcode() == UO_Deref || Unary->getOpcode() == UO_AddrOf)
      return parameterBehind(Unary->getSubExpr(), Constructor, Depth + 1);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Mutex)) {
    const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
    if (Param && Param->getDeclContext() == Constructor)
      return Param->getFunctionScopeIndex();
    return std::nullopt;
  }
  const auto *Member = dyn_cast<MemberExpr>(Mutex);
  if (!Member || !isDirectlyThis(Member->getBase()))
    return std::nullopt;
  for (const CXXCtorInitializer *Init : Constructor->inits())
    if (Init->getMember() && Init->getMember() == Member->getMemberDecl())
      return parameterBehind(Init->getInit(), Constructor, Depth + 1);
  return std::nullopt;
}

/// Visits every call in S, nested ones included.
void forEachCall(const Stmt *S,
                 const std::function<void(const CallExpr *)> &Visit) {
  if (!S)
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    Visit(Call);
  for (const Stmt *Child : S->children())
    forEachCall(Child, Visit);
}

} // namespace

std::string lockClassName(QualType T) {
  const CXXRecordDecl *Record =
      T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  if (!Record)
    return "";
  const NamedDecl *Named = Record;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    Named = Spec->getSpecializedTemplate();
  return ContainerModel::normalizeName(Named->getQualifiedNameAsString());
}

bool LockModel::isMutexType(QualType T) const {
  T = T.getNonReferenceType();
  // pthread_mutex_t is a typedef of an unnamed C union.
  if (const auto *Typedef = T->getAs<TypedefType>()) {
    llvm::StringRef Name = Typedef->getDecl()->getName();
    if (Name == "pthread_mutex_t" || Name == "pthread_rwlock_t")
      return true;
  }
  std::string Name = lockClassName(T);
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
  return wrapsMutex(T.getCanonicalType()->getAsCXXRecordDecl());
}

bool LockModel::wrapsMutex(const CXXRecordDecl *Record) const {
  Record = Record ? Record->getDefinition() : nullptr;
  if (!Record || Record->isInStdNamespace())
    return false;
  auto Cached = WrapperCache.find(Record);
  if (Cached != WrapperCache.end())
    return Cached->second;
  // A class cannot contain itself by value, so the recursion through data
  // members ends; the entry only guards against malformed code.
  WrapperCache[Record] = false;
  bool Locks = false, Unlocks = false;
  for (const CXXMethodDecl *Method : Record->methods()) {
    LockOperation Op = memberOperation(Method);
    Locks |= Op == LockOperation::Acquire || Op == LockOperation::AcquireShared;
    Unlocks |= Op == LockOperation::Release;
  }
  bool Wraps = Locks && Unlocks &&
               llvm::any_of(Record->fields(), [&](const FieldDecl *Field) {
                 return isMutexType(Field->getType());
               });
  WrapperCache[Record] = Wraps;
  return Wraps;
}

LockOperation LockModel::spelledOperation(llvm::StringRef Name) const {
  if (llvm::is_contained(Options.LockFunctions, Name))
    return LockOperation::Acquire;
  if (llvm::is_contained(Options.UnlockFunctions, Name))
    return LockOperation::Release;
  return llvm::StringSwitch<LockOperation>(Name)
      .Cases("lock", "Lock", "WriteLock", LockOperation::Acquire)
      .Cases("lock_shared", "ReadLock", LockOperation::AcquireShared)
      .Cases("unlock", "Unlock", "unlock_shared", "ReadUnlock", "WriteUnlock",
             LockOperation::Release)
      .Default(LockOperation::None);
}

LockOperation LockModel::memberOperation(const CXXMethodDecl *Method) const {
  if (!Method || !Method->getIdentifier() || Method->isStatic())
    return LockOperation::None;
  return spelledOperation(Method->getName());
}

LockOperation LockModel::freeOperation(const FunctionDecl *Callee) const {
  if (!Callee || !Callee->getIdentifier() || isa<CXXMethodDecl>(Callee))
    return LockOperation::None;
  llvm::StringRef Name = Callee->getName();
  if (llvm::is_contained(Options.LockFunctions, Name))
    return LockOperation::Acquire;
  if (llvm::is_contained(Options.UnlockFunctions, Name))
    return LockOperation::Release;
  return llvm::StringSwitch<LockOperation>(Name)
      .Cases("pthread_mutex_lock", "pthread_rwlock_wrlock",
             LockOperation::Acquire)
      .Case("pthread_rwlock_rdlock", LockOperation::AcquireShared)
      .Cases("pthread_mutex_unlock", "pthread_rwlock_unlock",
             LockOperation::Release)
      .Default(LockOperation::None);
}

LockOperation LockModel::operationOfCall(const CallExpr *Call,
                                         const Expr *&Mutex) const {
  Mutex = nullptr;
  if (!Call)
    return LockOperation::None;
  auto PointsToMutex = [&](const Expr *E) {
    QualType T = E->getType();
    return isMutexType(T->isPointerType() ? T->getPointeeType() : T);
  };
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    if (!Object || !PointsToMutex(Object))
      return LockOperation::None;
    Mutex = Object;
    return memberOperation(Member->getMethodDecl());
  }
  if (Call->getNumArgs() == 0 || !PointsToMutex(Call->getArg(0)))
    return LockOperation::None;
  Mutex = Call->getArg(0);
  return freeOperation(Call->getDirectCallee());
}

bool LockModel::isConfiguredGuard(QualType T) const {
  std::string Name = lockClassName(T);
  return !Name.empty() &&
         llvm::any_of(Options.GuardTypes, [&](const std::string &Guard) {
           return ContainerModel::normalizeName(Guard) == Name;
         });
}

llvm::ArrayRef<GuardedArgument>
LockModel::guardedArguments(const CXXConstructorDecl *Constructor) const {
  if (!Constructor)
    return {};
  const auto *Key = Constructor->getCanonicalDecl();
  auto Cached = GuardCache.find(Key);
  if (Cached == GuardCache.end())
    Cached = GuardCache.try_emplace(Key, summarizeGuard(Constructor)).first;
  return Cached->second;
}

llvm::SmallVector<GuardedArgument, 1>
LockModel::summarizeGuard(const CXXConstructorDecl *Constructor) const {
  const CXXRecordDecl *Record = Constructor->getParent();
  const CXXDestructorDecl *Destructor = Record->getDestructor();
  const FunctionDecl *ConstructorBody = nullptr, *DestructorBody = nullptr;
  if (Record->isInStdNamespace() || !Destructor ||
      !Constructor->hasBody(ConstructorBody) ||
      !Destructor->hasBody(DestructorBody))
    return {};
  const auto *Definition = cast<CXXConstructorDecl>(ConstructorBody);
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  if (!Body)
    return {};
  // What the destructor unlocks, and what the constructor unlocks again.
  llvm::SmallVector<unsigned, 2> Released, ReleasedEarly;
  auto CollectReleases = [&](const Stmt *S,
                             llvm::SmallVectorImpl<unsigned> &Into) {
    forEachCall(S, [&](const CallExpr *Call) {
      const Expr *Mutex = nullptr;
      if (operationOfCall(Call, Mutex) == LockOperation::Release)
        if (std::optional<unsigned> Param = parameterBehind(Mutex, Definition))
          Into.push_back(*Param);
    });
  };
  CollectReleases(DestructorBody->getBody(), Released);
  CollectReleases(Body, ReleasedEarly);
  llvm::SmallVector<GuardedArgument, 1> Guarded;
  // Only the constructor's own statements lock on every path.
  for (const Stmt *S : Body->body()) {
    const auto *E = dyn_cast<Expr>(S);
    const auto *Call =
        E ? dyn_cast<CallExpr>(ignoreTransparent(E)->IgnoreParenImpCasts())
          : nullptr;
    const Expr *Mutex = nullptr;
    LockOperation Op = operationOfCall(Call, Mutex);
    if (Op != LockOperation::Acquire && Op != LockOperation::AcquireShared)
      continue;
    std::optional<unsigned> Param = parameterBehind(Mutex, Definition);
    if (Param && llvm::is_contained(Released, *Param) &&
        !llvm::is_contained(ReleasedEarly, *Param))
      Guarded.push_back({*Param, Op == LockOperation::AcquireShared});
  }
  return Guarded;
}

} // namespace iterguard
