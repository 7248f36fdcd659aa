//===--- ThreadPrivateObjects.cpp - Objects one thread owns ---------------===//

#include "Analysis/ThreadPrivateObjects.h"
#include "Analysis/ContainerAccess.h"
#include "Analysis/ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/STLExtras.h"
#include <functional>
#include <optional>

using namespace clang;

namespace iterguard {

namespace {

// Chains of parts, parameters and accessors longer than this are not
// followed; it only ends pathological nesting.
constexpr unsigned MaxDepth = 16;

struct CallSite {
  const FunctionDecl *Caller = nullptr;
  const CallExpr *Call = nullptr;
};

const Expr *stripped(const Expr *E) {
  return E ? ignoreTransparent(E)->IgnoreParenImpCasts() : nullptr;
}

/// std::ref(x) and std::cref(x) stand for x.
const Expr *unwrapReference(const Expr *E) {
  E = stripped(E);
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E))
    if (Construct->getNumArgs() == 1)
      E = stripped(Construct->getArg(0));
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Callee->isInStdNamespace() && Callee->getIdentifier() &&
          (Callee->getName() == "ref" || Callee->getName() == "cref") &&
          Call->getNumArgs() == 1)
        return stripped(Call->getArg(0));
  return E;
}

bool isStdMethod(const FunctionDecl *Callee,
                 std::initializer_list<llvm::StringRef> Names) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!Method || !Method->getParent()->isInStdNamespace())
    return false;
  if (Method->isOverloadedOperator())
    return llvm::is_contained(
        Names, getOperatorSpelling(Method->getOverloadedOperator()));
  return Method->getIdentifier() &&
         llvm::is_contained(Names, Method->getName());
}

/// The object a call is made on, for member functions and member operators.
const Expr *objectOf(const CallExpr *Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return Member->getImplicitObjectArgument();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call))
    if (isa_and_nonnull<CXXMethodDecl>(Operator->getDirectCallee()) &&
        Operator->getNumArgs() > 0)
      return Operator->getArg(0);
  return nullptr;
}

/// The argument a call passes for parameter Index of its callee.
const Expr *argumentFor(const CallExpr *Call, unsigned Index) {
  if (isa<CXXOperatorCallExpr>(Call) &&
      isa_and_nonnull<CXXMethodDecl>(Call->getDirectCallee()))
    ++Index;
  return Index < Call->getNumArgs() ? Call->getArg(Index) : nullptr;
}

/// The function whose `this` a `this` in Function means: a lambda's is the
/// one of the function it is written in.
const FunctionDecl *ownerOfThis(const FunctionDecl *Function) {
  for (unsigned Depth = 0; Function && Depth < MaxDepth; ++Depth) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Function);
    if (!Method || !Method->getParent()->isLambda())
      return Function;
    Function = dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext());
  }
  return nullptr;
}

/// A lambda no code here calls: it is handed to a std::function or an
/// algorithm, and what its parameters get is not known to be shared.
bool isUncalledLambda(const FunctionDecl *Function) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Function);
  return Method && Method->getParent()->isLambda();
}

/// Copying the object copies its pointer members, which then point into
/// the original: true when every copy and move is written by hand or
/// deleted.
bool copiesAreWrittenOrDeleted(const CXXRecordDecl &Record) {
  // A declared move makes the implicit copies deleted.
  bool CopiesDeleted = Record.hasUserDeclaredMoveConstructor() ||
                       Record.hasUserDeclaredMoveAssignment();
  if ((Record.needsImplicitCopyConstructor() && !CopiesDeleted &&
       !Record.defaultedCopyConstructorIsDeleted()) ||
      (Record.needsImplicitMoveConstructor() &&
       !Record.defaultedMoveConstructorIsDeleted()) ||
      (Record.needsImplicitCopyAssignment() && !CopiesDeleted) ||
      Record.needsImplicitMoveAssignment())
    return false;
  auto WrittenOrDeleted = [](const CXXMethodDecl *Method) {
    return Method->isDeleted() || Method->isUserProvided();
  };
  for (const CXXConstructorDecl *Constructor : Record.ctors())
    if (Constructor->isCopyOrMoveConstructor() && !WrittenOrDeleted(Constructor))
      return false;
  for (const CXXMethodDecl *Method : Record.methods())
    if ((Method->isCopyAssignmentOperator() ||
         Method->isMoveAssignmentOperator()) &&
        !WrittenOrDeleted(Method))
      return false;
  return true;
}

/// One thread entry parameter that each thread gets its own object for.
struct Partition {
  /// The container indexed by the loop's counter (`parts_` in
  /// `&parts_[i]`), or nullptr for a range-for's reference variable.
  const Expr *Container = nullptr;
  /// The counter's first value, when it is a constant.
  std::optional<llvm::APSInt> First;
};

} // namespace

struct ThreadPrivateObjects::Impl {
  explicit Impl(const ThreadModel &Threads) : Threads(Threads) {}

  const ThreadModel &Threads;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<CallSite, 4>> CallsTo;
  /// What each pointer member is assigned through `this`.
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Expr *, 2>>
      MemberStores;
  /// Pointer members assigned through another object.
  llvm::DenseSet<const FieldDecl *> ForeignStores;
  /// The expressions that change each variable after its initialization.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Stmt *, 2>> Changes;
  llvm::DenseSet<const FunctionDecl *> Entries;
  llvm::DenseSet<const ParmVarDecl *> PartitionedParams;
  /// Member function entries started on a different object per thread.
  llvm::DenseSet<const FunctionDecl *> PartitionedEntryObjects;

  // nullopt while being decided: a cycle decides "not private".
  mutable llvm::DenseMap<const FunctionDecl *, std::optional<bool>> PrivateThis;
  mutable llvm::DenseMap<const ParmVarDecl *, std::optional<bool>> PrivateParam;
  mutable llvm::DenseMap<const FunctionDecl *, std::optional<bool>> OwnAccessor;
  mutable llvm::DenseMap<const FieldDecl *, std::optional<bool>> OwnPointer;

  void index(const FunctionDecl *Function) {
    if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Function))
      for (const CXXCtorInitializer *Init : Constructor->inits()) {
        // The in-class initializer, which pointsIntoOwner reads itself.
        if (isa<CXXDefaultInitExpr>(Init->getInit()))
          continue;
        if (const FieldDecl *Field = Init->getMember())
          if (Field->getType()->isPointerType())
            MemberStores[Field].push_back(Init->getInit());
        walk(Function, Init->getInit());
      }
    walk(Function, Function->getBody());
  }

  void noteChange(const Expr *Target, const Stmt *By) {
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(Target)))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        Changes[Var].push_back(By);
  }

  void noteMemberStore(const Expr *Target, const Expr *Value) {
    const auto *Member = dyn_cast_or_null<MemberExpr>(stripped(Target));
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (!Field || !Field->getType()->isPointerType())
      return;
    if (isa<CXXThisExpr>(stripped(Member->getBase())))
      MemberStores[Field].push_back(Value);
    else
      ForeignStores.insert(Field);
  }

  void walk(const FunctionDecl *Function, const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return; // a lambda's body is a function of its own
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = definitionOf(Call->getDirectCallee()))
        CallsTo[Callee].push_back({Function, Call});
    if (const auto *Binary = dyn_cast<BinaryOperator>(S))
      if (Binary->isAssignmentOp()) {
        noteChange(Binary->getLHS(), S);
        noteMemberStore(Binary->getLHS(), Binary->getRHS());
      }
    if (const auto *Unary = dyn_cast<UnaryOperator>(S))
      if (Unary->isIncrementDecrementOp() || Unary->getOpcode() == UO_AddrOf)
        noteChange(Unary->getSubExpr(), S);
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S))
      if ((Operator->isAssignmentOp() ||
           Operator->getOperator() == OO_PlusPlus ||
           Operator->getOperator() == OO_MinusMinus) &&
          Operator->getNumArgs() > 0)
        noteChange(Operator->getArg(0), S);
    for (const Stmt *Child : S->children())
      walk(Function, Child);
  }

  /// The innermost loop around Target in Body, found by a walk of Body alone
  /// (the translation unit's parent map would cost more than all else).
  static const Stmt *enclosingLoop(const Stmt *Body, const Stmt *Target) {
    const Stmt *Found = nullptr;
    std::function<bool(const Stmt *, const Stmt *)> Walk =
        [&](const Stmt *S, const Stmt *Loop) {
          if (!S)
            return false;
          if (S == Target) {
            Found = Loop;
            return true;
          }
          if (isa<ForStmt>(S) || isa<CXXForRangeStmt>(S) ||
              isa<WhileStmt>(S) || isa<DoStmt>(S))
            Loop = S;
          for (const Stmt *Child : S->children())
            if (Walk(Child, Loop))
              return true;
          return false;
        };
    Walk(Body, nullptr);
    return Found;
  }

  static bool contains(const Stmt *Outer, const Stmt *Inner) {
    if (Outer == Inner)
      return true;
    return Outer && llvm::any_of(Outer->children(), [&](const Stmt *Child) {
             return contains(Child, Inner);
           });
  }

  /// The (container, index) of `c[i]` or `c.at(i)`.
  static std::optional<std::pair<const Expr *, const Expr *>>
  indexing(const Expr *E) {
    E = stripped(E);
    if (const auto *Subscript = dyn_cast_or_null<ArraySubscriptExpr>(E))
      return std::make_pair(stripped(Subscript->getBase()),
                            stripped(Subscript->getIdx()));
    if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(E))
      if (Operator->getOperator() == OO_Subscript && Operator->getNumArgs() == 2)
        return std::make_pair(stripped(Operator->getArg(0)),
                              stripped(Operator->getArg(1)));
    if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(E))
      if (isStdMethod(Member->getDirectCallee(), {"at"}) &&
          Member->getNumArgs() == 1)
        return std::make_pair(stripped(Member->getImplicitObjectArgument()),
                              stripped(Member->getArg(0)));
    return std::nullopt;
  }

  /// The element an argument for a pointer or reference parameter refers to.
  static const Expr *referredElement(const Expr *Arg, QualType Param) {
    Arg = unwrapReference(Arg);
    if (Param->isPointerType()) {
      const auto *AddrOf = dyn_cast_or_null<UnaryOperator>(Arg);
      if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
        return nullptr;
      return stripped(AddrOf->getSubExpr());
    }
    return Param->isReferenceType() ? Arg : nullptr;
  }

  /// The counter a for loop steps in its increment and changes nowhere else.
  std::optional<Partition> countedElement(const ForStmt &Loop,
                                          const Expr *Element,
                                          ASTContext &Context) const {
    std::optional<std::pair<const Expr *, const Expr *>> Indexed =
        indexing(Element);
    const auto *Ref =
        Indexed ? dyn_cast<DeclRefExpr>(Indexed->second) : nullptr;
    const auto *Counter = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Counter || !Loop.getInc())
      return std::nullopt;
    auto It = Changes.find(Counter);
    if (It == Changes.end() ||
        !llvm::all_of(It->second, [&](const Stmt *Change) {
          return contains(Loop.getInc(), Change);
        }))
      return std::nullopt;
    Partition Result;
    Result.Container = Indexed->first;
    const Expr *Start = nullptr;
    if (const auto *Decls = dyn_cast_or_null<DeclStmt>(Loop.getInit()))
      if (Decls->isSingleDecl() && Decls->getSingleDecl() == Counter)
        Start = Counter->getInit();
    Expr::EvalResult Value;
    if (Start && stripped(Start)->EvaluateAsInt(Value, Context))
      Result.First = Value.Val.getInt();
    return Result;
  }

  std::optional<Partition> partitionOf(const ThreadSpawn &Spawn,
                                       const Expr *Arg, QualType Param) const {
    ASTContext &Context = Spawn.Spawner->getASTContext();
    const Expr *Element = referredElement(Arg, Param);
    const Stmt *Loop =
        Element ? enclosingLoop(Spawn.Spawner->getBody(), Spawn.Site) : nullptr;
    if (const auto *For = dyn_cast_or_null<ForStmt>(Loop))
      return countedElement(*For, Element, Context);
    if (const auto *RangeFor = dyn_cast_or_null<CXXForRangeStmt>(Loop)) {
      const auto *Ref = dyn_cast<DeclRefExpr>(Element);
      const VarDecl *Var = RangeFor->getLoopVariable();
      if (Ref && Ref->getDecl() == Var && Var->getType()->isReferenceType())
        return Partition();
    }
    return std::nullopt;
  }

  static bool sameExpr(const Expr *A, const Expr *B, ASTContext &Context) {
    llvm::FoldingSetNodeID First, Second;
    A->Profile(First, Context, /*Canonical=*/true);
    B->Profile(Second, Context, /*Canonical=*/true);
    return First == Second;
  }

  /// Direct calls of the entry take elements the threads do not:
  /// `process(&parts_[0])` beside threads started from i = 1.
  bool directCallsStayOutside(const FunctionDecl *Entry, unsigned Index,
                              const Partition &Threads) const {
    auto Sites = CallsTo.find(Entry);
    if (Sites == CallsTo.end())
      return true;
    if (!Threads.Container || !Threads.First)
      return false;
    QualType Param = Entry->getParamDecl(Index)->getType();
    llvm::SmallVector<llvm::APSInt, 2> Taken;
    for (const CallSite &Site : Sites->second) {
      ASTContext &Context = Site.Caller->getASTContext();
      const Expr *Arg = argumentFor(Site.Call, Index);
      std::optional<std::pair<const Expr *, const Expr *>> Indexed =
          Arg ? indexing(referredElement(Arg, Param)) : std::nullopt;
      Expr::EvalResult Value;
      if (!Indexed || !sameExpr(Indexed->first, Threads.Container, Context) ||
          !Indexed->second->EvaluateAsInt(Value, Context))
        return false;
      llvm::APSInt Constant = Value.Val.getInt();
      if (!llvm::APSInt::isSameValue(Constant, *Threads.First) &&
          llvm::APSInt::compareValues(Constant, *Threads.First) > 0)
        return false;
      if (llvm::APSInt::isSameValue(Constant, *Threads.First) ||
          llvm::any_of(Taken, [&](const llvm::APSInt &Other) {
            return llvm::APSInt::isSameValue(Other, Constant);
          }))
        return false;
      Taken.push_back(Constant);
    }
    return true;
  }

  void findPartitions() {
    llvm::DenseMap<const FunctionDecl *, unsigned> Starts;
    for (const ThreadSpawn &Spawn : Threads.spawns()) {
      Entries.insert(Spawn.Entry);
      ++Starts[Spawn.Entry];
    }
    for (const ThreadSpawn &Spawn : Threads.spawns()) {
      if (Starts[Spawn.Entry] != 1)
        continue;
      // `std::thread(&Worker::run, &workers[i])`: the entry's own object.
      if (Spawn.Object && !CallsTo.count(Spawn.Entry) &&
          partitionOf(Spawn, Spawn.Object,
                      Spawn.Object->getType()->isPointerType()
                          ? Spawn.Object->getType()
                          : Spawn.Entry->getASTContext().getLValueReferenceType(
                                Spawn.Object->getType())))
        PartitionedEntryObjects.insert(Spawn.Entry);
      unsigned Count = std::min<unsigned>(Spawn.EntryArguments.size(),
                                          Spawn.Entry->getNumParams());
      for (unsigned I = 0; I < Count; ++I) {
        const ParmVarDecl *Param = Spawn.Entry->getParamDecl(I);
        std::optional<Partition> Each =
            partitionOf(Spawn, Spawn.EntryArguments[I], Param->getType());
        if (Each && !Changes.count(Param) &&
            directCallsStayOutside(Spawn.Entry, I, *Each))
          PartitionedParams.insert(Param);
      }
    }
  }

  /// Table[K], computed by Decide the first time; while it is being decided
  /// (a cycle) it counts as false.
  template <typename Key, typename Decider>
  static bool decideOnce(llvm::DenseMap<Key, std::optional<bool>> &Table,
                         Key K, Decider Decide) {
    auto [It, Inserted] = Table.try_emplace(K, std::nullopt);
    if (!Inserted)
      return It->second.value_or(false);
    bool Result = Decide();
    Table[K] = Result; // the table may have grown while deciding
    return Result;
  }

  bool privateThis(const FunctionDecl *Function, unsigned Depth) const {
    if (PartitionedEntryObjects.contains(Function))
      return true;
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Function);
    if (!Method || Method->isStatic() || Entries.contains(Function) ||
        Depth > MaxDepth)
      return false;
    return decideOnce(PrivateThis, Function, [&] {
      auto Sites = CallsTo.find(Function);
      return Sites != CallsTo.end() &&
             llvm::all_of(Sites->second, [&](const CallSite &Site) {
               const Expr *Object = objectOf(Site.Call);
               return Object && privatePart(Object, Site.Caller, Depth + 1);
             });
    });
  }

  bool privateParam(const ParmVarDecl *Param, unsigned Depth) const {
    if (PartitionedParams.contains(Param))
      return true;
    const auto *Function = dyn_cast<FunctionDecl>(Param->getDeclContext());
    if (!Function || Entries.contains(Function) || Changes.count(Param) ||
        Depth > MaxDepth)
      return false;
    return decideOnce(PrivateParam, Param, [&] {
      auto Sites = CallsTo.find(definitionOf(Function));
      if (Sites == CallsTo.end())
        return isUncalledLambda(Function);
      return llvm::all_of(Sites->second, [&](const CallSite &Site) {
        const Expr *Arg =
            argumentFor(Site.Call, Param->getFunctionScopeIndex());
        return Arg && privatePart(Arg, Site.Caller, Depth + 1);
      });
    });
  }

  bool privateVariable(const VarDecl *Var, unsigned Depth) const {
    if (const auto *Param = dyn_cast<ParmVarDecl>(Var)) {
      // A parameter taken by value is a copy of the caller's.
      if (Param->getType()->isRecordType())
        return !Threads.isSharedWithThread(Param);
      return privateParam(Param, Depth);
    }
    if (!Var->hasLocalStorage())
      return false;
    QualType T = Var->getType();
    if (T->isReferenceType() || T->isPointerType()) {
      const auto *Function =
          dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
      return Var->getInit() && (T->isReferenceType() || !Changes.count(Var)) &&
             privatePart(Var->getInit(), Function, Depth + 1);
    }
    return !Threads.isSharedWithThread(Var);
  }

  /// True when E is (or points to) a part of an object one thread owns, as
  /// seen in Caller.
  bool privatePart(const Expr *E, const FunctionDecl *Caller,
                   unsigned Depth) const {
    E = stripped(E);
    if (!E || Depth > MaxDepth)
      return false;
    if (const auto *Unary = dyn_cast<UnaryOperator>(E))
      return (Unary->getOpcode() == UO_Deref ||
              Unary->getOpcode() == UO_AddrOf) &&
             privatePart(Unary->getSubExpr(), Caller, Depth + 1);
    if (isa<CXXThisExpr>(E))
      return Caller && privateThis(ownerOfThis(Caller), Depth + 1);
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      return Field && ownsThrough(Field, Depth) &&
             privatePart(Member->getBase(), Caller, Depth + 1);
    }
    if (const auto *Choice = dyn_cast<ConditionalOperator>(E))
      return privatePart(Choice->getTrueExpr(), Caller, Depth + 1) &&
             privatePart(Choice->getFalseExpr(), Caller, Depth + 1);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      return Var && privateVariable(Var, Depth + 1);
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const Expr *Object = objectOf(Call);
      return Object && returnsPartOfObject(Call->getDirectCallee(), Depth) &&
             privatePart(Object, Caller, Depth + 1);
    }
    return false;
  }

  /// A data member is part of its object; a pointer member is when it only
  /// ever points into the same object.
  bool ownsThrough(const FieldDecl *Field, unsigned Depth) const {
    QualType T = Field->getType();
    if (T->isReferenceType())
      return false;
    return !T->isPointerType() || pointsIntoOwner(Field, Depth);
  }

  bool pointsIntoOwner(const FieldDecl *Field, unsigned Depth) const {
    if (ForeignStores.contains(Field) || Depth > MaxDepth)
      return false;
    const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent());
    if (!Record || !copiesAreWrittenOrDeleted(*Record))
      return false;
    return decideOnce(OwnPointer, Field, [&] {
      llvm::SmallVector<const Expr *, 4> Stores;
      if (const Expr *Default = Field->getInClassInitializer())
        Stores.push_back(Default);
      auto It = MemberStores.find(Field);
      if (It != MemberStores.end())
        Stores.append(It->second.begin(), It->second.end());
      ASTContext &Context = Field->getASTContext();
      return !Stores.empty() && llvm::all_of(Stores, [&](const Expr *Store) {
        return Store->isNullPointerConstant(
                   Context, Expr::NPC_ValueDependentIsNotNull) ||
               partOfThis(Store, Depth + 1);
      });
    });
  }

  /// True when E is `this` or a part of it.
  bool partOfThis(const Expr *E, unsigned Depth) const {
    E = stripped(E);
    if (!E || Depth > MaxDepth)
      return false;
    if (isa<CXXThisExpr>(E))
      return true;
    if (const auto *Unary = dyn_cast<UnaryOperator>(E))
      return (Unary->getOpcode() == UO_Deref ||
              Unary->getOpcode() == UO_AddrOf) &&
             partOfThis(Unary->getSubExpr(), Depth + 1);
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      return Field && ownsThrough(Field, Depth) &&
             partOfThis(Member->getBase(), Depth + 1);
    }
    if (const auto *Choice = dyn_cast<ConditionalOperator>(E))
      return partOfThis(Choice->getTrueExpr(), Depth + 1) &&
             partOfThis(Choice->getFalseExpr(), Depth + 1);
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const Expr *Object = objectOf(Call);
      return Object && returnsPartOfObject(Call->getDirectCallee(), Depth) &&
             partOfThis(Object, Depth + 1);
    }
    return false;
  }

  /// An element of a standard container or the pointee of a unique_ptr
  /// belongs to the object that holds it; so does what an accessor returns
  /// when every return is a part of its `this`.
  bool returnsPartOfObject(const FunctionDecl *Callee, unsigned Depth) const {
    if (!Callee || Depth > MaxDepth)
      return false;
    // A pointer kept in the object: what it points to is not part of it.
    QualType Result = Callee->getReturnType();
    if (Result->isReferenceType() && Result->getPointeeType()->isPointerType())
      return false;
    if (isStdMethod(Callee, {"front", "back", "at", "[]"}))
      return true;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee))
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(
              Method->getParent()))
        if (Spec->isInStdNamespace() && Spec->getIdentifier() &&
            Spec->getName() == "unique_ptr")
          return isStdMethod(Callee, {"get", "*", "->"});
    const FunctionDecl *Definition = definitionOf(Callee);
    if (!Definition || !isa<CXXMethodDecl>(Definition) ||
        (!Result->isReferenceType() && !Result->isPointerType()))
      return false;
    return decideOnce(OwnAccessor, Definition, [&] {
      llvm::SmallVector<const ReturnStmt *, 2> Returns;
      collectReturns(Definition->getBody(), Returns);
      return !Returns.empty() &&
             llvm::all_of(Returns, [&](const ReturnStmt *Return) {
               return partOfThis(Return->getRetValue(), Depth + 1);
             });
    });
  }

  static void collectReturns(const Stmt *S,
                             llvm::SmallVectorImpl<const ReturnStmt *> &Out) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Return = dyn_cast<ReturnStmt>(S))
      Out.push_back(Return);
    for (const Stmt *Child : S->children())
      collectReturns(Child, Out);
  }
};

ThreadPrivateObjects::ThreadPrivateObjects(
    llvm::ArrayRef<const FunctionDecl *> Functions, const ThreadModel &Threads)
    : Data(std::make_unique<Impl>(Threads)) {
  for (const FunctionDecl *Function : Functions)
    Data->index(Function);
  Data->findPartitions();
}

ThreadPrivateObjects::~ThreadPrivateObjects() = default;

bool ThreadPrivateObjects::hasPrivateObject(const FunctionDecl *Method) const {
  return Data->privateThis(Method, 0);
}

} // namespace iterguard
