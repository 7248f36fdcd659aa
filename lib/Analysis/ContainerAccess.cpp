//===--- ContainerAccess.cpp - Which container an expression names -*- C++ -*-===//

#include "Analysis/ContainerAccess.h"
#include "Analysis/ReassignedVariables.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/OperatorKinds.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace iterguard {

// Alias chains deeper than this are not followed; real code rarely has more
// than two, and the bound keeps self-referential initializers finite.
static constexpr unsigned MaxAliasDepth = 8;

const Expr *ignoreTransparent(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParens();
    if (const auto *Full = dyn_cast<FullExpr>(Next))
      Next = Full->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Next)) {
      switch (Cast->getCastKind()) {
      case CK_NoOp:
      case CK_DerivedToBase:
      case CK_UncheckedDerivedToBase:
        Next = Cast->getSubExpr();
        break;
      default:
        break;
      }
    }
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const FunctionDecl *definitionOf(const FunctionDecl *Function) {
  const FunctionDecl *Definition = nullptr;
  if (Function && Function->hasBody(Definition))
    return Definition;
  return nullptr;
}

const VarDecl *referencedVar(const Expr *E) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

static bool isPointerRoot(const ValueDecl *Root) {
  return Root && Root->getType()->isPointerType();
}

std::string ContainerKey::displayName() const {
  std::string Fields;
  for (const FieldDecl *Field : this->Fields) {
    if (!Fields.empty())
      Fields += '.';
    Fields += Field->getName();
  }
  if (!Root)
    return Fields.empty() ? "*this" : Fields;
  std::string Name = Root->getNameAsString();
  if (Fields.empty())
    return isPointerRoot(Root) ? "*" + Name : Name;
  return Name + (isPointerRoot(Root) ? "->" : ".") + Fields;
}

std::string ContainerKey::memberCallName(llvm::StringRef Method) const {
  if (Fields.empty()) {
    if (!Root)
      return Method.str();
    if (isPointerRoot(Root))
      return Root->getNameAsString() + "->" + Method.str();
  }
  return displayName() + "." + Method.str();
}

ContainerTypes::ContainerTypes(const AnalysisOptions &Options)
    : Options(Options) {}

static const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isDependentType())
    return nullptr;
  return T->getAsCXXRecordDecl();
}

const ContainerSpec *ContainerTypes::specOf(QualType T) const {
  const CXXRecordDecl *Record = recordOf(T);
  if (!Record)
    return nullptr;
  auto [It, Inserted] = SpecCache.try_emplace(Record, nullptr);
  if (Inserted)
    It->second = Options.Containers.lookup(Record);
  return It->second;
}

bool ContainerTypes::isView(QualType T) const {
  const CXXRecordDecl *Record = recordOf(T);
  if (!Record)
    return false;
  auto [It, Inserted] = ViewCache.try_emplace(Record, false);
  if (!Inserted)
    return It->second;
  const NamedDecl *Named = Record;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    Named = Spec->getSpecializedTemplate();
  std::string Name =
      ContainerModel::normalizeName(Named->getQualifiedNameAsString());
  for (const std::string &View : Options.ViewTypes)
    if (ContainerModel::normalizeName(View) == Name)
      It->second = true;
  return It->second;
}

/// The key of the object a pointer variable points to, when the variable is
/// initialized with the address of a container and never changes.
static const Expr *pointeeOfAliasPointer(const VarDecl *Pointer,
                                         const ReassignedVariables &Reassigned) {
  if (isa<ParmVarDecl>(Pointer) || !Pointer->hasLocalStorage() ||
      !Pointer->getInit() || !Reassigned.isNeverReassigned(Pointer))
    return nullptr;
  const auto *AddrOf =
      dyn_cast<UnaryOperator>(ignoreTransparent(Pointer->getInit()));
  if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
    return nullptr;
  return AddrOf->getSubExpr();
}

std::optional<ContainerKey>
ContainerAccess::keyOfPath(const Expr *E, unsigned Depth) const {
  if (Depth > MaxAliasDepth)
    return std::nullopt;
  E = ignoreTransparent(E);

  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return std::nullopt;
    // A local reference bound to a container is that container.
    if (Var->getType()->isReferenceType() && !isa<ParmVarDecl>(Var) &&
        Var->getInit())
      if (std::optional<ContainerKey> Target =
              keyOfPath(Var->getInit(), Depth + 1))
        return Target;
    ContainerKey Key;
    Key.Root = Var;
    return Key;
  }

  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return std::nullopt;
    std::optional<ContainerKey> Base;
    if (Member->isArrow())
      Base = keyOfPointee(Member->getBase(), Depth + 1);
    else
      Base = keyOfPath(Member->getBase(), Depth + 1);
    if (!Base)
      return std::nullopt;
    Base->Fields.push_back(Field);
    return Base;
  }

  if (const auto *Deref = dyn_cast<UnaryOperator>(E))
    if (Deref->getOpcode() == UO_Deref)
      return keyOfPointee(Deref->getSubExpr(), Depth + 1);

  return std::nullopt;
}

std::optional<ContainerKey>
ContainerAccess::keyOfPointee(const Expr *Pointer, unsigned Depth) const {
  if (Depth > MaxAliasDepth)
    return std::nullopt;
  Pointer = Pointer->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Pointer))
    return ContainerKey();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Pointer))
    if (AddrOf->getOpcode() == UO_AddrOf)
      return keyOfPath(AddrOf->getSubExpr(), Depth + 1);
  const auto *Ref = dyn_cast<DeclRefExpr>(Pointer);
  if (!Ref)
    return std::nullopt;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Var || !Var->getType()->isPointerType())
    return std::nullopt;
  if (const Expr *Pointee = pointeeOfAliasPointer(Var, Reassigned))
    if (std::optional<ContainerKey> Target = keyOfPath(Pointee, Depth + 1))
      return Target;
  ContainerKey Key;
  Key.Root = Var;
  return Key;
}

std::optional<ContainerKey> ContainerAccess::containerOf(const Expr *E) const {
  if (!E || !Types.specOf(E->getType()))
    return std::nullopt;
  return keyOfPath(E, 0);
}

std::optional<ContainerKey> ContainerAccess::objectKey(const Expr *Object) const {
  if (!Object)
    return std::nullopt;
  if (Object->getType()->isPointerType())
    return keyOfPointee(Object, 0);
  return keyOfPath(Object, 0);
}

std::optional<ContainerKey>
ContainerAccess::pointeeOfMember(const Expr *E) const {
  const auto *Member = dyn_cast_or_null<MemberExpr>(E->IgnoreParenImpCasts());
  if (!Member || !Member->getType()->isPointerType())
    return std::nullopt;
  return keyOfPath(Member, 0);
}

/// Standard free functions that act on their first argument the way the
/// member function of the same name does.
static bool isForwardingFreeFunction(llvm::StringRef Name) {
  return llvm::is_contained({"begin", "end", "cbegin", "cend", "rbegin", "rend",
                             "crbegin", "crend", "data", "erase", "erase_if"},
                            Name);
}

std::optional<ContainerCall>
ContainerAccess::asContainerCall(const Expr *E) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return std::nullopt;

  ContainerCall Result;
  Result.Call = Call;
  const Expr *Object = nullptr;
  bool ObjectIsPointer = false;
  bool IsConstMethod = false;

  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (!Method || Method->isStatic())
      return std::nullopt;
    Object = Member->getImplicitObjectArgument();
    ObjectIsPointer = Object && Object->getType()->isPointerType();
    IsConstMethod = Method->isConst();
    Result.Method = Method->getDeclName().getAsString();
    if (Call->getNumArgs() > 0)
      Result.FirstArg = Call->getArg(0);
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call)) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    if (!Method || Call->getNumArgs() == 0)
      return std::nullopt;
    Object = Call->getArg(0);
    IsConstMethod = Method->isConst();
    Result.Method =
        std::string("operator") + getOperatorSpelling(Operator->getOperator());
    if (Call->getNumArgs() > 1)
      Result.FirstArg = Call->getArg(1);
  } else {
    if (!Callee->isInStdNamespace() || !Callee->getIdentifier() ||
        !isForwardingFreeFunction(Callee->getName()) || Call->getNumArgs() == 0)
      return std::nullopt;
    Object = Call->getArg(0);
    Result.Method = Callee->getName().str();
    if (Call->getNumArgs() > 1)
      Result.FirstArg = Call->getArg(1);
  }
  if (!Object)
    return std::nullopt;

  // The object's own type, before its conversion to the base class that
  // declares the method (llvm::DenseMapBase, absl's raw_hash_set).
  const Expr *Derived = ignoreTransparent(Object);
  ObjectIsPointer = Derived->getType()->isPointerType();
  QualType ObjectType = Derived->getType();
  if (ObjectIsPointer)
    ObjectType = ObjectType->getPointeeType();
  Result.Spec = Types.specOf(ObjectType);
  if (!Result.Spec)
    return std::nullopt;
  std::optional<ContainerKey> Key =
      ObjectIsPointer ? keyOfPointee(Object, 0) : keyOfPath(Object, 0);
  if (!Key)
    return std::nullopt;
  Result.Container = std::move(*Key);

  llvm::StringRef ModelMethod = Result.Method;
  if (ModelMethod == "erase_if")
    ModelMethod = "erase";
  Result.Invalidation = IsConstMethod ? Effect::None : Result.Spec->effectOf(ModelMethod);
  Result.Result = Result.Spec->resultOf(ModelMethod);
  if (!isa<CXXMemberCallExpr>(Call) && !isa<CXXOperatorCallExpr>(Call) &&
      (Result.Method == "erase" || Result.Method == "erase_if")) {
    // std::erase(c, value) removes matching elements anywhere, so the
    // position-dependent effect of erase(pos) applies to every position.
    if (Result.Invalidation == Effect::InvalidatesAtOrAfter)
      Result.Invalidation = Effect::InvalidatesAll;
    Result.Result = Produces::Nothing;
    Result.FirstArg = nullptr;
  }
  return Result;
}

} // namespace iterguard
