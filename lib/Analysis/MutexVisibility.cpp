//===--- MutexVisibility.cpp - Who outside the TU can hold a mutex --------===//

#include "Analysis/MutexVisibility.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace iterguard {

namespace {

/// True when an object of type Mutex can be used as a Wanted: the same type
/// or one derived from it.
bool isUsableAs(QualType Mutex, QualType Wanted) {
  Mutex = Mutex.getCanonicalType().getUnqualifiedType();
  Wanted = Wanted.getCanonicalType().getUnqualifiedType();
  if (Mutex == Wanted)
    return true;
  const auto *Derived = Mutex->getAsCXXRecordDecl();
  const auto *Base = Wanted->getAsCXXRecordDecl();
  return Derived && Base && Derived->hasDefinition() &&
         Derived->isDerivedFrom(Base);
}

/// A member function of Class returns a pointer or reference to a Mutex
/// object, so callers outside the class can lock it (rocksdb's
/// `InstrumentedMutex *DBImpl::mutex()` for its `mutex_`).
bool handsOutMutex(const CXXRecordDecl &Class, QualType Mutex) {
  return llvm::any_of(Class.methods(), [&](const CXXMethodDecl *Method) {
    QualType Result = Method->getReturnType();
    if (!Result->isPointerType() && !Result->isReferenceType())
      return false;
    QualType Pointee = Result->getPointeeType();
    return !Pointee.isConstQualified() && isUsableAs(Mutex, Pointee);
  });
}

bool isMemberOf(const FunctionDecl &Function, const CXXRecordDecl &Class) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  if (!Method)
    return false;
  const CXXRecordDecl *Owner = Method->getParent();
  return Owner->getCanonicalDecl() == Class.getCanonicalDecl() ||
         (Owner->hasDefinition() && Owner->isDerivedFrom(&Class));
}

bool memberMutexMayBeHeld(const FunctionDecl &Function,
                          const ContainerKey &Mutex) {
  const FieldDecl *First = Mutex.Fields.front();
  const auto *Class = dyn_cast<CXXRecordDecl>(First->getParent());
  if (!Class || handsOutMutex(*Class, Mutex.Fields.back()->getType()))
    return true;
  // Members of the class may hold it; a public member is also called by
  // code that cannot, and so is any other function.
  return isMemberOf(Function, *Class) && Function.getAccess() != AS_public;
}

bool declaredOnlyInMainFile(const VarDecl &Var, const SourceManager &SM) {
  return llvm::all_of(Var.redecls(), [&](const VarDecl *Redecl) {
    return SM.isInMainFile(SM.getExpansionLoc(Redecl->getLocation()));
  });
}

} // namespace

bool canReachMutex(const FunctionDecl &Function, const ContainerKey &Mutex) {
  if (Mutex.Root || Mutex.Fields.empty())
    return true;
  const FieldDecl *First = Mutex.Fields.front();
  const auto *Class = dyn_cast<CXXRecordDecl>(First->getParent());
  return !Class || First->getAccess() == AS_public ||
         handsOutMutex(*Class, Mutex.Fields.back()->getType()) ||
         isMemberOf(Function, *Class);
}

bool outsideCallersMayHold(const FunctionDecl &Function,
                           const ContainerKey &Mutex,
                           const SourceManager &SM) {
  if (!Mutex.Root)
    return !Mutex.Fields.empty() && memberMutexMayBeHeld(Function, Mutex);
  if (isa<ParmVarDecl>(Mutex.Root))
    return true;
  const auto *Var = dyn_cast<VarDecl>(Mutex.Root);
  if (!Var || !Var->hasGlobalStorage())
    return false;
  return !declaredOnlyInMainFile(*Var, SM);
}

} // namespace iterguard
