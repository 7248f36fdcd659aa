//===--- LockModel.cpp - Which types are mutexes and guards -----*- C++ -*-===//

#include "Analysis/LockModel.h"
#include "Analysis/ContainerAccess.h"
#include "Support/Compat.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringRef.h"
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

/// A function name the lock model knows without attributes or configuration.
struct SpelledOperation {
  llvm::StringLiteral Name;
  LockOperation Op;
};

LockOperation operationSpelled(llvm::StringRef Name,
                               llvm::ArrayRef<SpelledOperation> Known) {
  for (const SpelledOperation &Entry : Known)
    if (Entry.Name == Name)
      return Entry.Op;
  return LockOperation::None;
}

/// One thread-safety attribute of a function: what it does, and what it
/// names (nothing: the object the function is called on).
struct AttributedOperation {
  LockOperation Op = LockOperation::None;
  llvm::ArrayRef<Expr *> Named;
};

template <typename AttrT> llvm::ArrayRef<Expr *> namedBy(const AttrT *A) {
  return llvm::ArrayRef<Expr *>(A->args_begin(), A->args_end());
}

/// Function's lock, unlock and assert attributes.
llvm::SmallVector<AttributedOperation, 1>
attributedOperations(const FunctionDecl *Function) {
  llvm::SmallVector<AttributedOperation, 1> Ops;
  for (const Attr *A : Function->attrs()) {
    if (const auto *Acquire = dyn_cast<AcquireCapabilityAttr>(A))
      Ops.push_back({Acquire->isShared() ? LockOperation::AcquireShared
                                         : LockOperation::Acquire,
                     namedBy(Acquire)});
    else if (const auto *Release = dyn_cast<ReleaseCapabilityAttr>(A))
      Ops.push_back({LockOperation::Release, namedBy(Release)});
    else if (const auto *Assert = dyn_cast<AssertCapabilityAttr>(A))
      Ops.push_back({Assert->isShared() ? LockOperation::AssertShared
                                        : LockOperation::Assert,
                     namedBy(Assert)});
    else if (auto Legacy = compat::legacyAssertLock(A))
      Ops.push_back({Legacy->Shared ? LockOperation::AssertShared
                                    : LockOperation::Assert,
                     Legacy->Named});
    else if (isa<TryAcquireCapabilityAttr>(A))
      Ops.push_back({LockOperation::TryAcquire,
                     namedBy(cast<TryAcquireCapabilityAttr>(A))});
  }
  return Ops;
}

/// Named without parentheses, casts, `*` and `&`.
const Expr *strippedName(const Expr *Named) {
  for (unsigned Depth = 0; Named && Depth < MaxInitializerChain; ++Depth) {
    Named = Named->IgnoreParenImpCasts();
    const auto *Unary = dyn_cast<UnaryOperator>(Named);
    if (!Unary ||
        (Unary->getOpcode() != UO_Deref && Unary->getOpcode() != UO_AddrOf))
      break;
    Named = Unary->getSubExpr();
  }
  return Named;
}

/// The parameter of Function (any of its declarations) that Named is.
const ParmVarDecl *parameterOf(const Expr *Named, const FunctionDecl *Function) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(strippedName(Named));
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  const auto *Owner =
      Param ? dyn_cast<FunctionDecl>(Param->getDeclContext()) : nullptr;
  if (!Owner || Owner->getCanonicalDecl() != Function->getCanonicalDecl())
    return nullptr;
  return Param;
}

/// What an attribute of Callee naming Named does at Call, in the caller's
/// terms.
std::optional<LockEffect> effectOn(const Expr *Named, LockOperation Op,
                                   const CallExpr *Call,
                                   const FunctionDecl *Callee) {
  if (const ParmVarDecl *Param = parameterOf(Named, Callee)) {
    unsigned Index = Param->getFunctionScopeIndex();
    // Operator calls count the object among their arguments.
    if (isa<CXXOperatorCallExpr>(Call) || Index >= Call->getNumArgs())
      return std::nullopt;
    return LockEffect{Op, Call->getArg(Index), nullptr};
  }
  const Expr *Stripped = strippedName(Named);
  const auto *OnObject = dyn_cast<CXXMemberCallExpr>(Call);
  const Expr *Object =
      OnObject ? OnObject->getImplicitObjectArgument() : nullptr;
  if (isa<CXXThisExpr>(Stripped))
    return Object ? std::optional<LockEffect>({Op, Object, nullptr})
                  : std::nullopt;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Stripped)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (Var && Var->hasGlobalStorage())
      return LockEffect{Op, Stripped, nullptr};
    return std::nullopt;
  }
  const auto *Member = dyn_cast<MemberExpr>(Stripped);
  const auto *Field =
      Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
  if (!Field || !isDirectlyThis(Member->getBase()) || !Object)
    return std::nullopt;
  return LockEffect{Op, Object, Field};
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
  // A class annotated as a capability is one, whatever its spelling.
  const CXXRecordDecl *Record = T.getCanonicalType()->getAsCXXRecordDecl();
  if (Record && Record->hasAttr<CapabilityAttr>())
    return true;
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
  static constexpr SpelledOperation Members[] = {
      {"AssertHeld", LockOperation::Assert},
      {"lock", LockOperation::Acquire},
      {"Lock", LockOperation::Acquire},
      {"WriteLock", LockOperation::Acquire},
      {"try_lock", LockOperation::TryAcquire},
      {"TryLock", LockOperation::TryAcquire},
      {"try_lock_for", LockOperation::TryAcquire},
      {"try_lock_until", LockOperation::TryAcquire},
      {"try_lock_shared", LockOperation::TryAcquire},
      {"try_lock_shared_for", LockOperation::TryAcquire},
      {"try_lock_shared_until", LockOperation::TryAcquire},
      {"lock_shared", LockOperation::AcquireShared},
      {"ReadLock", LockOperation::AcquireShared},
      {"unlock", LockOperation::Release},
      {"Unlock", LockOperation::Release},
      {"unlock_shared", LockOperation::Release},
      {"ReadUnlock", LockOperation::Release},
      {"WriteUnlock", LockOperation::Release},
  };
  return operationSpelled(Name, Members);
}

LockOperation LockModel::memberOperation(const CXXMethodDecl *Method) const {
  if (!Method || Method->isStatic())
    return LockOperation::None;
  llvm::SmallVector<AttributedOperation, 1> Ops = attributedOperations(Method);
  if (!Ops.empty()) {
    // Only an attribute that names nothing acts on the object itself.
    for (const AttributedOperation &Op : Ops)
      if (Op.Named.empty())
        return Op.Op;
    return LockOperation::None;
  }
  if (!Method->getIdentifier())
    return LockOperation::None;
  return spelledOperation(Method->getName());
}

std::optional<llvm::SmallVector<LockEffect, 1>>
LockModel::attributedEffects(const CallExpr *Call) const {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return std::nullopt;
  llvm::SmallVector<AttributedOperation, 1> Ops = attributedOperations(Callee);
  if (Ops.empty())
    return std::nullopt;
  const auto *OnObject = dyn_cast<CXXMemberCallExpr>(Call);
  const Expr *Object =
      OnObject ? OnObject->getImplicitObjectArgument() : nullptr;
  llvm::SmallVector<LockEffect, 1> Effects;
  for (const AttributedOperation &Op : Ops) {
    if (Op.Op == LockOperation::None)
      continue;
    if (Op.Named.empty() && Object)
      Effects.push_back({Op.Op, Object, nullptr});
    for (const Expr *Named : Op.Named)
      if (std::optional<LockEffect> Effect = effectOn(Named, Op.Op, Call, Callee))
        Effects.push_back(*Effect);
  }
  return Effects;
}

llvm::SmallVector<RequiredLock, 1>
LockModel::requiredLocks(const FunctionDecl *Function) const {
  llvm::SmallVector<RequiredLock, 1> Required;
  if (!Function)
    return Required;
  for (const auto *Requires : Function->specific_attrs<RequiresCapabilityAttr>())
    for (const Expr *Named : namedBy(Requires))
      Required.push_back({Named, Requires->isShared()});
  return Required;
}

LockOperation LockModel::freeOperation(const FunctionDecl *Callee) const {
  if (!Callee || !Callee->getIdentifier() || isa<CXXMethodDecl>(Callee))
    return LockOperation::None;
  llvm::StringRef Name = Callee->getName();
  if (llvm::is_contained(Options.LockFunctions, Name))
    return LockOperation::Acquire;
  if (llvm::is_contained(Options.UnlockFunctions, Name))
    return LockOperation::Release;
  static constexpr SpelledOperation Functions[] = {
      {"pthread_mutex_lock", LockOperation::Acquire},
      {"pthread_rwlock_wrlock", LockOperation::Acquire},
      {"pthread_rwlock_rdlock", LockOperation::AcquireShared},
      {"pthread_mutex_trylock", LockOperation::TryAcquire},
      {"pthread_rwlock_trywrlock", LockOperation::TryAcquire},
      {"pthread_rwlock_tryrdlock", LockOperation::TryAcquire},
      {"pthread_mutex_unlock", LockOperation::Release},
      {"pthread_rwlock_unlock", LockOperation::Release},
  };
  return operationSpelled(Name, Functions);
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
  if (Cached == GuardCache.end()) {
    std::optional<llvm::SmallVector<GuardedArgument, 1>> Attributed =
        attributedGuard(Constructor);
    Cached = GuardCache
                 .try_emplace(Key, Attributed ? *Attributed
                                              : summarizeGuard(Constructor))
                 .first;
  }
  return Cached->second;
}

std::optional<llvm::SmallVector<GuardedArgument, 1>>
LockModel::attributedGuard(const CXXConstructorDecl *Constructor) const {
  if (!Constructor->getParent()->hasAttr<ScopedLockableAttr>())
    return std::nullopt;
  llvm::SmallVector<AttributedOperation, 1> Ops =
      attributedOperations(Constructor);
  if (Ops.empty())
    return std::nullopt;
  llvm::SmallVector<GuardedArgument, 1> Guarded;
  for (const AttributedOperation &Op : Ops) {
    if (Op.Op != LockOperation::Acquire && Op.Op != LockOperation::AcquireShared)
      continue;
    for (const Expr *Named : Op.Named)
      if (const ParmVarDecl *Param = parameterOf(Named, Constructor))
        Guarded.push_back({Param->getFunctionScopeIndex(),
                           Op.Op == LockOperation::AcquireShared});
  }
  return Guarded;
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
