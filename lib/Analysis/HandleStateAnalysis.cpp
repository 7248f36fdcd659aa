//===--- HandleStateAnalysis.cpp - Which handles may be stale ---*- C++ -*-===//

#include "Analysis/HandleStateAnalysis.h"
#include "Analysis/BooleanFacts.h"
#include "Analysis/BranchConditions.h"
#include "Analysis/ForwardDataflow.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/FunctionSummaries.h"
#include "Analysis/KeyPresence.h"
#include "Analysis/ReassignedVariables.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <map>
#include <tuple>

using namespace clang;

namespace iterguard {

namespace {

/// Where in its container a handle is known to point. Position-dependent
/// effects (erase, pop_back, pop_front) use it.
enum class Anchor { Unknown, Begin, End, Back };

/// Pushes counted past an anchored handle; more are not worth telling apart,
/// and the bound keeps the lattice finite.
constexpr unsigned MaxPushedPast = 16;

enum class Status { Valid, Reported, Invalid };

bool contradicts(const BooleanFacts &A, const BooleanFacts &B) {
  for (const auto &[Var, Value] : A)
    for (const auto &[OtherVar, OtherValue] : B)
      if (Var == OtherVar && Value != OtherValue)
        return true;
  return false;
}

/// A call that may have invalidated a handle, and what held when it did.
struct Cause {
  const CallExpr *Call = nullptr;
  BooleanFacts Facts;
  bool operator==(const Cause &O) const {
    return Call == O.Call && Facts == O.Facts;
  }
};

/// The abstract value of one handle variable.
struct Tracked {
  /// A handle whose incoming paths disagree on kind or container; it is kept
  /// (so the join stays monotone) but never reported or invalidated.
  bool Conflict = false;
  HandleKind Kind = HandleKind::Iterator;
  /// A std::pair whose first member is the iterator (insert, equal_range).
  bool IsPair = false;
  /// Not a handle: a copy of an element (or of part of one, like its key),
  /// remembered so that erase(copy) is known to erase that element.
  bool IsElementCopy = false;
  ContainerKey Container;
  const Expr *Origin = nullptr;
  /// Identity of the element pointed to, shared by copies; 0 when unknown.
  unsigned Position = 0;
  Anchor Where = Anchor::Unknown;
  /// Elements pushed onto the end the handle is anchored at (Begin or Back)
  /// since it was taken there: as many pops make it the end element again.
  unsigned PushedPast = 0;
  /// The variable holding the key the handle was looked up with
  /// (m.find(key)), so erase(key) can be matched to it.
  const VarDecl *Key = nullptr;
  Status State = Status::Valid;
  /// Invalidating calls, kept sorted by address so unions are cheap.
  llvm::SmallVector<Cause, 1> Causes;

  bool operator==(const Tracked &O) const {
    return Conflict == O.Conflict && Kind == O.Kind && IsPair == O.IsPair &&
           IsElementCopy == O.IsElementCopy &&
           Container == O.Container && Origin == O.Origin &&
           Position == O.Position && Where == O.Where &&
           PushedPast == O.PushedPast && Key == O.Key &&
           State == O.State && Causes == O.Causes;
  }
};

/// A handle lives in a variable, or in a field of a local object: a struct
/// member, or a lambda's by-copy capture.
struct HandleKey {
  const VarDecl *Var = nullptr;
  const FieldDecl *Field = nullptr;

  bool operator<(const HandleKey &O) const {
    return std::tie(Var, Field) < std::tie(O.Var, O.Field);
  }
  bool operator==(const HandleKey &O) const {
    return Var == O.Var && Field == O.Field;
  }
};

/// Everything known at a program point: the handles, and the branch facts.
struct HandleMap : std::map<HandleKey, Tracked> {
  BooleanFacts Facts;
};

/// What an expression evaluates to, when it is (or contains) a handle.
struct Value {
  enum class Shape { Handle, IteratorPair } Form = Shape::Handle;
  HandleKind Kind = HandleKind::Iterator;
  ContainerKey Container;
  unsigned Position = 0;
  Anchor Where = Anchor::Unknown;
  unsigned PushedPast = 0;
  const VarDecl *Key = nullptr;
  Status State = Status::Valid;
  llvm::SmallVector<Cause, 1> Causes;
  /// The handle variable the value was read from, if any.
  const VarDecl *Source = nullptr;
  /// The variable a postfix ++/-- moved past the value (`it++`).
  const VarDecl *Stepped = nullptr;
};

bool locationLess(const Expr *A, const Expr *B, const SourceManager &SM) {
  SourceLocation LA = A->getBeginLoc(), LB = B->getBeginLoc();
  if (LA == LB)
    return false;
  return SM.isBeforeInTranslationUnit(LA, LB);
}

/// Unites cause lists; a call reached under different facts keeps only the
/// facts common to both, since it may happen under either.
void mergeCauses(llvm::SmallVectorImpl<Cause> &Into,
                 llvm::ArrayRef<Cause> From) {
  for (const Cause &C : From) {
    auto It = std::lower_bound(
        Into.begin(), Into.end(), C.Call,
        [](const Cause &A, const CallExpr *B) { return A.Call < B; });
    if (It == Into.end() || It->Call != C.Call)
      Into.insert(It, C);
    else
      It->Facts = commonFacts(It->Facts, C.Facts);
  }
}

/// Joins Incoming into Into; returns true when Into changed.
bool joinInto(Tracked &Into, const Tracked &Incoming, const SourceManager &SM) {
  Tracked Before = Into;
  if (Into.Conflict)
    return false;
  if (Incoming.Conflict || Into.Kind != Incoming.Kind ||
      Into.IsPair != Incoming.IsPair ||
      Into.IsElementCopy != Incoming.IsElementCopy ||
      Into.Container != Incoming.Container) {
    Into = Tracked();
    Into.Conflict = true;
    return true;
  }
  if (Into.Origin != Incoming.Origin && Incoming.Origin &&
      (!Into.Origin || locationLess(Incoming.Origin, Into.Origin, SM)))
    Into.Origin = Incoming.Origin;
  if (Into.Position != Incoming.Position)
    Into.Position = 0;
  if (Into.Where != Incoming.Where)
    Into.Where = Anchor::Unknown;
  // The fewest pushes past it: a pop that may reach the element counts.
  Into.PushedPast = Into.Where == Anchor::Unknown
                        ? 0
                        : std::min(Into.PushedPast, Incoming.PushedPast);
  if (Into.Key != Incoming.Key)
    Into.Key = nullptr;
  Into.State = std::max(Into.State, Incoming.State);
  if (Into.State == Status::Valid)
    Into.Causes.clear();
  else
    mergeCauses(Into.Causes, Incoming.Causes);
  return !(Before == Into);
}

bool joinInto(HandleMap &Into, const HandleMap &Incoming,
              const SourceManager &SM) {
  bool Changed = false;
  BooleanFacts Common = commonFacts(Into.Facts, Incoming.Facts);
  if (Common != Into.Facts) {
    Into.Facts = std::move(Common);
    Changed = true;
  }
  for (const auto &[Var, Handle] : Incoming) {
    auto [It, Inserted] = Into.try_emplace(Var, Handle);
    if (Inserted)
      Changed = true;
    else
      Changed |= joinInto(It->second, Handle, SM);
  }
  return Changed;
}

Anchor anchorOfMethod(llvm::StringRef Method) {
  if (llvm::is_contained({"begin", "cbegin", "front", "data", "c_str"}, Method))
    return Anchor::Begin;
  if (llvm::is_contained({"end", "cend"}, Method))
    return Anchor::End;
  if (llvm::is_contained({"back", "rbegin", "crbegin"}, Method))
    return Anchor::Back;
  return Anchor::Unknown;
}

/// True when every argument after the first is a defaulted one, so the
/// constructor copies or converts its first argument.
bool isCopyLikeConstruction(const CXXConstructExpr *Construct) {
  if (Construct->getNumArgs() == 0)
    return false;
  for (unsigned I = 1, E = Construct->getNumArgs(); I < E; ++I)
    if (!isa<CXXDefaultArgExpr>(Construct->getArg(I)))
      return false;
  return true;
}

bool isStdFunctionNamed(const FunctionDecl *Callee,
                        std::initializer_list<llvm::StringRef> Names) {
  if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier())
    return false;
  return llvm::is_contained(Names, Callee->getName());
}

} // namespace

struct HandleStateAnalysis::Impl {
  Impl(const FunctionCFG &Function, const ContainerAccess &Access,
       const FunctionSummaries *Summaries)
      : Function(Function), Access(Access), Summaries(Summaries),
        Presence(Function, Access, Summaries),
        SM(Function.context().getSourceManager()) {}

  const FunctionCFG &Function;
  const ContainerAccess &Access;
  const FunctionSummaries *Summaries;
  /// Inserting a key that is already there changes nothing.
  KeyPresence Presence;
  /// The container operations a call performs, directly or through the
  /// called function's summary.
  struct CallEffectLists {
    /// Applied where the call is evaluated.
    std::vector<ContainerCall> Always;
    /// Operations the callee performs only when it returns true, deferred
    /// to the branch taken when it did, for a call that decides a branch.
    std::vector<ContainerCall> WhenTrue;
  };
  /// Computed once per call, used on every visit.
  llvm::DenseMap<const CallExpr *, CallEffectLists> CallEffects;
  const SourceManager &SM;
  /// Block ID -> state at block entry, after the fixpoint.
  std::vector<std::optional<HandleMap>> EntryStates;
  llvm::DenseMap<const Stmt *, unsigned> PositionIds;
  llvm::DenseMap<const VarDecl *, const CXXForRangeStmt *> RangeLoopIterators;
  /// Variables each closure variable captures by reference.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const VarDecl *, 2>>
      ClosureReferences;
  /// How handles kept in fields are named in messages.
  std::map<HandleKey, std::string> DisplayNames;

  unsigned positionOf(const Stmt *S) {
    auto [It, Inserted] = PositionIds.try_emplace(S, PositionIds.size() + 1);
    return It->second;
  }

  void collectRangeLoops(const Stmt *S) {
    if (!S)
      return;
    if (const auto *Loop = dyn_cast<CXXForRangeStmt>(S)) {
      for (const DeclStmt *Hidden : {Loop->getBeginStmt(), Loop->getEndStmt()})
        if (Hidden && Hidden->isSingleDecl())
          if (const auto *Var = dyn_cast<VarDecl>(Hidden->getSingleDecl()))
            RangeLoopIterators[Var] = Loop;
    }
    for (const Stmt *Child : S->children())
      collectRangeLoops(Child);
  }

  // --- Classification of expressions ------------------------------------

  std::optional<Value> fresh(HandleKind Kind, const ContainerKey &Container,
                             const Stmt *At, Anchor Where) {
    Value V;
    V.Kind = Kind;
    V.Container = Container;
    V.Position = positionOf(At);
    V.Where = Where;
    return V;
  }

  /// A value computed from From at expression At: same container, and the
  /// same element when SamePosition, otherwise a new position of its own
  /// (so copies of `it + 1` still share one).
  std::optional<Value> derived(std::optional<Value> From, HandleKind Kind,
                               bool SamePosition, const Stmt *At) {
    if (!From || From->Form != Value::Shape::Handle)
      return std::nullopt;
    From->Kind = Kind;
    From->Source = nullptr;
    From->Stepped = nullptr;
    if (!SamePosition) {
      From->Position = positionOf(At);
      From->Where = Anchor::Unknown;
      From->PushedPast = 0;
    }
    return From;
  }

  /// `++it` is `it` itself after the step; `it++` is a new value: the old
  /// position, which `it` has moved past.
  std::optional<Value> stepped(std::optional<Value> Inner, bool Prefix,
                               const Stmt *At) {
    if (!isIterOrPointer(Inner))
      return std::nullopt;
    if (Prefix)
      return Inner;
    const VarDecl *Moved = Inner->Source;
    std::optional<Value> Old = derived(Inner, Inner->Kind, false, At);
    Old->Stepped = Moved;
    return Old;
  }

  /// end() - n and std::prev(end()) point at the last elements.
  static std::optional<Value> backFromEnd(std::optional<Value> V,
                                          Anchor Before) {
    if (V && Before == Anchor::End)
      V->Where = Anchor::Back;
    return V;
  }

  static bool isIterOrPointer(const std::optional<Value> &V) {
    return V && V->Form == Value::Shape::Handle &&
           (V->Kind == HandleKind::Iterator || V->Kind == HandleKind::Pointer);
  }

  std::optional<Value> classify(const Expr *E, const HandleMap &State) {
    if (!E)
      return std::nullopt;
    E = ignoreTransparent(E);

    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      // A structured binding names part of the decomposed object, which is an
      // element when the decomposition is a reference to one.
      if (const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl())) {
        const ValueDecl *Decomposed = Binding->getDecomposedDecl();
        const auto *Whole = dyn_cast_or_null<VarDecl>(Decomposed);
        auto It = Whole ? State.find({Whole}) : State.end();
        if (It == State.end())
          return std::nullopt;
        std::optional<Value> V = valueOf(It, State, nullptr);
        if (V && It->second.IsPair) {
          // `auto [it, inserted] = m.insert(...)`: the iterator, not the bool.
          if (Binding->getType()->isBooleanType())
            return std::nullopt;
          V->Form = Value::Shape::Handle;
          return V;
        }
        return It->second.Kind == HandleKind::Reference ? V : std::nullopt;
      }
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      return valueOf(Var ? State.find({Var}) : State.end(), State, Var);
    }

    if (const auto *Member = dyn_cast<MemberExpr>(E))
      if (std::optional<HandleKey> Key = fieldHandleKey(Member))
        if (State.count(*Key))
          return valueOf(State.find(*Key), State, nullptr);
    return classifyExpr(E, State);
  }

  /// The value stored under a handle key; Source names the variable when the
  /// key is a plain variable.
  static std::optional<Value> valueOf(HandleMap::const_iterator It,
                                      const HandleMap &State,
                                      const VarDecl *Source) {
    if (It == State.end() || It->second.Conflict || It->second.IsElementCopy)
      return std::nullopt;
    Value V;
    if (It->second.IsPair)
      V.Form = Value::Shape::IteratorPair;
    V.Kind = It->second.Kind;
    V.Container = It->second.Container;
    V.Position = It->second.Position;
    V.Where = It->second.Where;
    V.PushedPast = It->second.PushedPast;
    V.Key = It->second.Key;
    V.State = It->second.State;
    V.Causes = It->second.Causes;
    V.Source = Source;
    return V;
  }

  /// The key of `local.field` when local is a variable of this function.
  static std::optional<HandleKey> fieldHandleKey(const MemberExpr *Member) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    const auto *Base =
        dyn_cast<DeclRefExpr>(Member->getBase()->IgnoreParenImpCasts());
    if (!Field || !Base || Member->isArrow())
      return std::nullopt;
    const auto *Var = dyn_cast<VarDecl>(Base->getDecl());
    if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
      return std::nullopt;
    return HandleKey{Var, Field};
  }

  std::optional<Value> classifyExpr(const Expr *E, const HandleMap &State) {
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue: {
        // Reading an element copies it; reading a handle copies the handle.
        std::optional<Value> Inner = classify(Cast->getSubExpr(), State);
        if (Inner && Inner->Kind == HandleKind::Reference)
          return std::nullopt;
        return Inner;
      }
      case CK_NoOp:
      case CK_ConstructorConversion:
      case CK_UserDefinedConversion:
      case CK_DerivedToBase:
      case CK_UncheckedDerivedToBase:
        return classify(Cast->getSubExpr(), State);
      default:
        return std::nullopt;
      }
    }

    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
      return classifyConstruction(Construct, State);

    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E))
      if (std::optional<Value> V = classifyOperatorCall(Operator, State))
        return V;

    if (const auto *Call = dyn_cast<CallExpr>(E))
      return classifyCall(Call, State);

    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      std::optional<Value> Inner = classify(Unary->getSubExpr(), State);
      switch (Unary->getOpcode()) {
      case UO_Deref:
        return isIterOrPointer(Inner)
                   ? derived(Inner, HandleKind::Reference, true, E)
                   : std::nullopt;
      case UO_AddrOf:
        return Inner && Inner->Kind == HandleKind::Reference
                   ? derived(Inner, HandleKind::Pointer, true, E)
                   : std::nullopt;
      case UO_PreInc:
      case UO_PreDec:
        return stepped(Inner, /*Prefix=*/true, E);
      case UO_PostInc:
      case UO_PostDec:
        return stepped(Inner, /*Prefix=*/false, E);
      default:
        return std::nullopt;
      }
    }

    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      if (Binary->getOpcode() == BO_Comma)
        return classify(Binary->getRHS(), State);
      if (!Binary->getType()->isPointerType() ||
          (Binary->getOpcode() != BO_Add && Binary->getOpcode() != BO_Sub))
        return std::nullopt;
      const Expr *PointerSide = Binary->getLHS()->getType()->isPointerType()
                                    ? Binary->getLHS()
                                    : Binary->getRHS();
      std::optional<Value> Inner = classify(PointerSide, State);
      if (!isIterOrPointer(Inner))
        return std::nullopt;
      Anchor Before = Inner->Where;
      std::optional<Value> Result = derived(Inner, Inner->Kind, false, E);
      return Binary->getOpcode() == BO_Sub ? backFromEnd(Result, Before)
                                           : Result;
    }

    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (!isa<FieldDecl>(Member->getMemberDecl()))
        return std::nullopt;
      std::optional<Value> Base = classify(Member->getBase(), State);
      if (!Base)
        return std::nullopt;
      if (Base->Form == Value::Shape::IteratorPair) {
        if (Member->getMemberDecl()->getName() != "first")
          return std::nullopt;
        Base->Form = Value::Shape::Handle;
        Base->Kind = HandleKind::Iterator;
        return Base;
      }
      if (Member->isArrow())
        return isIterOrPointer(Base)
                   ? derived(Base, HandleKind::Reference, true, E)
                   : std::nullopt;
      return Base->Kind == HandleKind::Reference ? Base : std::nullopt;
    }

    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      std::optional<Value> Base = classify(Subscript->getBase(), State);
      return isIterOrPointer(Base) ? derived(Base, HandleKind::Reference, false, E)
                                   : std::nullopt;
    }

    if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(E)) {
      std::optional<Value> True = classify(Conditional->getTrueExpr(), State);
      std::optional<Value> False = classify(Conditional->getFalseExpr(), State);
      if (!True || !False || True->Form != False->Form ||
          True->Kind != False->Kind || True->Container != False->Container)
        return std::nullopt;
      True->Position = True->Position == False->Position ? True->Position : 0;
      True->PushedPast = True->Where == False->Where
                             ? std::min(True->PushedPast, False->PushedPast)
                             : 0;
      True->Where = True->Where == False->Where ? True->Where : Anchor::Unknown;
      True->State = std::max(True->State, False->State);
      mergeCauses(True->Causes, False->Causes);
      True->Source = nullptr;
      return True;
    }
    return std::nullopt;
  }

  std::optional<Value> classifyConstruction(const CXXConstructExpr *Construct,
                                            const HandleMap &State) {
    if (Construct->getNumArgs() == 0)
      return std::nullopt;
    const Expr *First = Construct->getArg(0);
    if (Access.types().isView(Construct->getType())) {
      if (std::optional<ContainerKey> Container = Access.containerOf(First))
        return fresh(HandleKind::View, *Container, Construct, Anchor::Unknown);
      std::optional<Value> From = classify(First, State);
      if (From && From->Form == Value::Shape::Handle &&
          From->Kind != HandleKind::Reference)
        return derived(From, HandleKind::View, false, Construct);
      return std::nullopt;
    }
    if (!isCopyLikeConstruction(Construct))
      return std::nullopt;
    std::optional<Value> From = classify(First, State);
    // Copying an element is not a handle; copying an iterator is.
    if (From && From->Form == Value::Shape::Handle &&
        From->Kind == HandleKind::Reference)
      return std::nullopt;
    return From;
  }

  std::optional<Value> classifyOperatorCall(const CXXOperatorCallExpr *Call,
                                            const HandleMap &State) {
    if (Call->getNumArgs() == 0)
      return std::nullopt;
    std::optional<Value> Object = classify(Call->getArg(0), State);
    switch (Call->getOperator()) {
    case OO_Star:
      if (Call->getNumArgs() == 1 && isIterOrPointer(Object))
        return derived(Object, HandleKind::Reference, true, Call);
      return std::nullopt;
    case OO_Arrow:
      return isIterOrPointer(Object) ? derived(Object, HandleKind::Pointer, true, Call)
                                     : std::nullopt;
    case OO_Subscript:
      if (Object && Object->Form == Value::Shape::Handle &&
          Object->Kind != HandleKind::Reference)
        return derived(Object, HandleKind::Reference, false, Call);
      return std::nullopt;
    case OO_PlusPlus:
    case OO_MinusMinus:
      return stepped(Object, /*Prefix=*/Call->getNumArgs() == 1, Call);
    case OO_Plus:
    case OO_Minus:
      if (Call->getNumArgs() != 2 || Call->getType()->isArithmeticType())
        return std::nullopt;
      if (isIterOrPointer(Object)) {
        Anchor Before = Object->Where;
        std::optional<Value> Result = derived(Object, Object->Kind, false, Call);
        return Call->getOperator() == OO_Minus ? backFromEnd(Result, Before)
                                               : Result;
      }
      if (Call->getOperator() == OO_Plus) {
        std::optional<Value> Right = classify(Call->getArg(1), State);
        if (isIterOrPointer(Right))
          return derived(Right, Right->Kind, false, Call);
      }
      return std::nullopt;
    default:
      return std::nullopt;
    }
  }

  std::optional<Value> classifyCall(const CallExpr *Call,
                                    const HandleMap &State) {
    if (std::optional<ContainerCall> OnContainer =
            Access.asContainerCall(Call)) {
      if (std::optional<Value> Result = classifyContainerResult(*OnContainer)) {
        Result->Key = keyVariableOf(*OnContainer);
        return Result;
      }
    }
    return classifyOtherCall(Call, State);
  }

  /// The variable a lookup's key argument reads, when that variable keeps its
  /// value, so the same variable later means the same key.
  const VarDecl *keyVariableOf(const ContainerCall &Call) const {
    if (!Call.FirstArg)
      return nullptr;
    const VarDecl *Var = referencedVar(Call.FirstArg);
    if (!Var || !Access.reassigned().isNeverReassigned(Var))
      return nullptr;
    return Var;
  }

  std::optional<Value> classifyContainerResult(const ContainerCall &Call) {
    const CallExpr *Site = Call.Call;
    {
      const ContainerCall *OnContainer = &Call;
      Anchor Where = anchorOfMethod(OnContainer->Method);
      switch (OnContainer->Result) {
      case Produces::Iterator:
        return fresh(HandleKind::Iterator, OnContainer->Container, Site, Where);
      case Produces::Reference:
        return fresh(HandleKind::Reference, OnContainer->Container, Site,
                     Where);
      case Produces::Pointer:
        return fresh(HandleKind::Pointer, OnContainer->Container, Site, Where);
      case Produces::IteratorPair: {
        std::optional<Value> Pair = fresh(
            HandleKind::Iterator, OnContainer->Container, Site, Anchor::Unknown);
        Pair->Form = Value::Shape::IteratorPair;
        return Pair;
      }
      case Produces::Nothing:
        break;
      }
    }
    return std::nullopt;
  }

  std::optional<Value> classifyOtherCall(const CallExpr *Call,
                                         const HandleMap &State) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      const Expr *Object = Member->getImplicitObjectArgument();
      // std::string's conversion to std::string_view.
      if (isa_and_nonnull<CXXConversionDecl>(Callee) &&
          Access.types().isView(Call->getType()))
        if (std::optional<ContainerKey> Container = Access.containerOf(Object))
          return fresh(HandleKind::View, *Container, Call, Anchor::Unknown);
      // A view's own accessors point into the viewed container.
      std::optional<Value> View = classify(Object, State);
      if (View && View->Form == Value::Shape::Handle &&
          View->Kind == HandleKind::View) {
        if (Access.types().isView(Call->getType()))
          return derived(View, HandleKind::View, false, Call);
        if (Call->getType()->isPointerType())
          return derived(View, HandleKind::Pointer, false, Call);
      }
      return std::nullopt;
    }

    if (Call->getNumArgs() == 0 || !Callee || !Callee->isInStdNamespace())
      return std::nullopt;
    const Expr *First = Call->getArg(0);
    if (isStdFunctionNamed(Callee, {"move", "forward"}))
      return classify(First, State);
    std::optional<Value> Arg = classify(First, State);
    if (isStdFunctionNamed(Callee, {"addressof"}))
      return Arg && Arg->Kind == HandleKind::Reference
                 ? derived(Arg, HandleKind::Pointer, true, Call)
                 : std::nullopt;
    // std::next, std::prev and the algorithms that return a position in the
    // range they were given (find, lower_bound, remove_if, ...).
    if (Arg && Arg->Form == Value::Shape::Handle &&
        Arg->Kind == HandleKind::Iterator &&
        Call->getType().getCanonicalType().getUnqualifiedType() ==
            First->getType()
                .getNonReferenceType()
                .getCanonicalType()
                .getUnqualifiedType()) {
      Anchor Before = Arg->Where;
      std::optional<Value> Result =
          derived(Arg, HandleKind::Iterator, false, Call);
      return isStdFunctionNamed(Callee, {"prev"}) ? backFromEnd(Result, Before)
                                                  : Result;
    }
    return std::nullopt;
  }

  // --- Transfer -----------------------------------------------------------

  /// True when E (a variable or local.field) is being given a new value.
  bool isRebindTarget(const Expr *E, QualType StorageType) const {
    if (StorageType->isReferenceType())
      return false; // Assigning through a reference writes the element.
    const Stmt *Parent = Function.semanticParent(E);
    if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(Parent))
      return Assign->getOpcode() == BO_Assign &&
             Assign->getLHS()->IgnoreParenImpCasts() == E;
    if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(Parent))
      return Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
             Assign->getArg(0)->IgnoreParenImpCasts() == E;
    return false;
  }

  /// Stores the value of Init (if it is a handle) under Key, whose storage
  /// has type StorageType.
  void bindKey(HandleKey Key, QualType StorageType, const Expr *Init,
               HandleMap &State) {
    std::optional<Value> V = classify(Init, State);
    if (!V || (V->Kind == HandleKind::Reference &&
               V->Form == Value::Shape::Handle &&
               !StorageType->isReferenceType())) {
      rememberElementCopy(Key, Init, State);
      return;
    }
    State.erase(Key);
    bool IsPair = V->Form == Value::Shape::IteratorPair;
    if (IsPair && StorageType->isReferenceType())
      return;
    // A non-reference initialized from an element is a copy of it.
    if (V->Kind == HandleKind::Reference && !StorageType->isReferenceType())
      return;
    Tracked Handle;
    Handle.Kind = V->Kind;
    Handle.IsPair = IsPair;
    Handle.Container = V->Container;
    Handle.Origin = Init;
    Handle.Position = V->Position;
    Handle.Where = V->Where;
    Handle.PushedPast = V->PushedPast;
    Handle.Key = V->Key;
    // A copy of a stale handle was itself a use and has been reported.
    Handle.State = V->State == Status::Valid ? Status::Valid : Status::Reported;
    Handle.Causes = V->Causes;
    State[Key] = std::move(Handle);
  }

  /// Records Key as a copy of the element (or part of it) Init reads, if it
  /// reads one; otherwise forgets whatever Key held.
  void rememberElementCopy(HandleKey Key, const Expr *Init, HandleMap &State) {
    std::optional<Value> Element = copiedElementOf(Init, State);
    State.erase(Key);
    if (!Element)
      return;
    Tracked Copy;
    Copy.IsElementCopy = true;
    Copy.Kind = HandleKind::Reference;
    Copy.Container = Element->Container;
    Copy.Origin = Init;
    Copy.Position = Element->Position;
    Copy.Where = Element->Where;
    Copy.PushedPast = Element->PushedPast;
    State[Key] = std::move(Copy);
  }

  /// The element E is a copy of: an element reference read by value, a
  /// member of one, or a variable remembered as such a copy.
  std::optional<Value> copiedElementOf(const Expr *E, const HandleMap &State) {
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = ignoreTransparent(E);
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
        E = Cast->getSubExpr();
        continue;
      }
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
        if (!isCopyLikeConstruction(Construct))
          return std::nullopt;
        E = Construct->getArg(0);
        continue;
      }
      if (std::optional<Value> V = classify(E, State))
        return V->Kind == HandleKind::Reference ? V : std::nullopt;
      if (const auto *Member = dyn_cast<MemberExpr>(E)) {
        if (Member->isArrow())
          return std::nullopt;
        E = Member->getBase();
        continue;
      }
      const auto *Ref = dyn_cast<DeclRefExpr>(E);
      if (!Ref)
        return std::nullopt;
      const ValueDecl *D = Ref->getDecl();
      if (const auto *Binding = dyn_cast<BindingDecl>(D))
        D = Binding->getDecomposedDecl();
      const auto *Var = dyn_cast_or_null<VarDecl>(D);
      auto It = Var ? State.find({Var}) : State.end();
      if (It == State.end() || !It->second.IsElementCopy)
        return std::nullopt;
      Value V;
      V.Kind = HandleKind::Reference;
      V.Container = It->second.Container;
      V.Position = It->second.Position;
      V.Where = It->second.Where;
      V.PushedPast = It->second.PushedPast;
      return V;
    }
    return std::nullopt;
  }

  /// Forgets every field handle stored in the object Var.
  static void forgetFields(const VarDecl *Var, HandleMap &State) {
    auto It = State.lower_bound({Var, nullptr});
    while (It != State.end() && It->first.Var == Var)
      It = It->first.Field ? State.erase(It) : std::next(It);
  }

  void bind(const VarDecl *Var, const Expr *Init, HandleMap &State) {
    forgetFields(Var, State);
    const Expr *Value = Init ? ignoreTransparent(Init) : nullptr;
    if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(Value)) {
      State.erase({Var});
      bindClosure(Var, Lambda, State);
      return;
    }
    if (const auto *List = dyn_cast_or_null<InitListExpr>(Value)) {
      QualType T = Var->getType();
      if (!T->isReferenceType() && T->isAggregateType()) {
        State.erase({Var});
        bindAggregate(Var, List, State);
        return;
      }
      // `auto it{v.begin()}`, `int &r{v[0]}`: braces around one value.
      if (List->getNumInits() == 1)
        Init = List->getInit(0);
    }
    bindKey({Var}, Var->getType(), Init, State);
  }

  /// A lambda keeps copies of the handles it captures by value; those it
  /// captures by reference are read when it runs.
  void bindClosure(const VarDecl *Closure, const LambdaExpr *Lambda,
                   HandleMap &State) {
    auto Field = Lambda->getLambdaClass()->field_begin();
    auto Init = Lambda->capture_init_begin();
    llvm::SmallVector<const VarDecl *, 2> ByReference;
    for (const LambdaCapture &Capture : Lambda->captures()) {
      if (!Capture.capturesVariable()) {
        ++Field, ++Init;
        continue;
      }
      const auto *Captured = dyn_cast<VarDecl>(Capture.getCapturedVar());
      if (Capture.getCaptureKind() == LCK_ByRef) {
        if (Captured)
          ByReference.push_back(Captured);
      } else if (Captured && *Init) {
        bindKey({Closure, *Field}, Field->getType(), *Init, State);
        DisplayNames[{Closure, *Field}] = Captured->getNameAsString();
      }
      ++Field, ++Init;
    }
    ClosureReferences[Closure] = std::move(ByReference);
  }

  void bindAggregate(const VarDecl *Object, const InitListExpr *List,
                     HandleMap &State) {
    const auto *Record = Object->getType()->getAsRecordDecl();
    if (!Record || Object->getType()->isReferenceType())
      return;
    unsigned Index = 0;
    for (const FieldDecl *Field : Record->fields()) {
      if (Index >= List->getNumInits())
        break;
      bindKey({Object, Field}, Field->getType(), List->getInit(Index++),
              State);
      DisplayNames[{Object, Field}] =
          Object->getNameAsString() + "." + Field->getNameAsString();
    }
  }

  /// Records a use of the handle under Key by UseExpr; the first use of a
  /// stale handle along a path is reported.
  void use(HandleKey Key, const Expr *UseExpr, HandleMap &State,
           std::vector<StaleUse> *Sink, std::string Name = "") {
    auto It = State.find(Key);
    if (It == State.end() || It->second.Conflict)
      return;
    Tracked &Handle = It->second;
    if (Handle.State != Status::Invalid)
      return;
    // A cause that happened under facts this path contradicts is on a
    // mutually exclusive path: `if (grow) v.push_back(x); ... if (!grow) *it`.
    llvm::SmallVector<const CallExpr *, 2> Feasible;
    for (const Cause &C : Handle.Causes)
      if (!contradicts(C.Facts, State.Facts))
        Feasible.push_back(C.Call);
    if (Feasible.empty())
      return;
    if (Sink) {
      StaleUse Use;
      Use.Handle = Key.Var;
      Use.Name = Name.empty() ? displayName(Key) : std::move(Name);
      Use.Kind = Handle.Kind;
      Use.Container = Handle.Container;
      Use.Use = UseExpr;
      Use.Origin = Handle.Origin;
      Use.Causes.assign(Feasible.begin(), Feasible.end());
      llvm::sort(Use.Causes, [&](const CallExpr *A, const CallExpr *B) {
        return locationLess(A, B, SM);
      });
      if (!Key.Field)
        Use.RangeLoop = RangeLoopIterators.lookup(Key.Var);
      Sink->push_back(std::move(Use));
    }
    Handle.State = Status::Reported;
    // A range-for loop has two hidden iterators, compared with each other;
    // the loop is one finding, not two.
    if (const CXXForRangeStmt *Loop =
            Key.Field ? nullptr : RangeLoopIterators.lookup(Key.Var))
      for (auto &[Other, OtherHandle] : State)
        if (OtherHandle.State == Status::Invalid && !Other.Field &&
            RangeLoopIterators.lookup(Other.Var) == Loop)
          OtherHandle.State = Status::Reported;
  }

  std::string displayName(HandleKey Key) const {
    auto It = DisplayNames.find(Key);
    if (It != DisplayNames.end())
      return It->second;
    if (Key.Field)
      return Key.Var->getNameAsString() + "." + Key.Field->getNameAsString();
    return Key.Var->getNameAsString();
  }

  /// True inside noexcept(...), sizeof, alignof and typeid of a type-less
  /// operand: the CFG has these, but nothing there runs.
  bool isUnevaluated(const Stmt *S) const {
    for (const Stmt *Parent = Function.parents().getParent(S); Parent;
         Parent = Function.parents().getParent(Parent)) {
      if (isa<CXXNoexceptExpr>(Parent) || isa<UnaryExprOrTypeTraitExpr>(Parent))
        return true;
      if (const auto *Typeid = dyn_cast<CXXTypeidExpr>(Parent))
        return !Typeid->isPotentiallyEvaluated();
    }
    return false;
  }

  /// A handle passed to a non-const reference parameter of a function of
  /// the program may be given a new value there (`reposition(v, it)`).
  bool isPassedForUpdate(const DeclRefExpr *Ref) const {
    const Stmt *Parent = Function.semanticParent(Ref);
    const auto *Call = dyn_cast_or_null<CallExpr>(Parent);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || Callee->isInStdNamespace())
      return false;
    unsigned Shift =
        isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
    for (unsigned I = Shift; I < Call->getNumArgs(); ++I) {
      if (Call->getArg(I)->IgnoreParenImpCasts() != Ref ||
          I - Shift >= Callee->getNumParams())
        continue;
      QualType Param = Callee->getParamDecl(I - Shift)->getType();
      return Param->isLValueReferenceType() &&
             !Param.getNonReferenceType().isConstQualified();
    }
    return false;
  }

  void onDeclRef(const DeclRefExpr *Ref, HandleMap &State,
                 std::vector<StaleUse> *Sink) {
    if (const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl())) {
      if (const auto *Whole =
              dyn_cast_or_null<VarDecl>(Binding->getDecomposedDecl()))
        if (!isUnevaluated(Ref))
          use({Whole}, Ref, State, Sink, Binding->getNameAsString());
      return;
    }
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var || isRebindTarget(Ref, Var->getType()) || isUnevaluated(Ref))
      return;
    auto It = State.find({Var});
    if (It != State.end() && !Var->getType()->isReferenceType() &&
        isPassedForUpdate(Ref)) {
      State.erase(It);
      return;
    }
    use({Var}, Ref, State, Sink);
  }

  void onMemberRef(const MemberExpr *Member, HandleMap &State,
                   std::vector<StaleUse> *Sink) {
    std::optional<HandleKey> Key = fieldHandleKey(Member);
    if (!Key || isRebindTarget(Member, Key->Field->getType()))
      return;
    use(*Key, Member, State, Sink);
  }

  /// Running a closure (calling it, or handing it to a function that may)
  /// uses the handles it copied and those it captured by reference.
  void onClosureRun(const Expr *Closure, const Expr *At, HandleMap &State,
                    std::vector<StaleUse> *Sink) {
    Closure = ignoreTransparent(Closure);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Closure)) {
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() &&
            Capture.getCaptureKind() == LCK_ByRef)
          if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
            use({Var}, At, State, Sink);
      return;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Closure);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    auto Captures = Var ? ClosureReferences.find(Var) : ClosureReferences.end();
    if (Captures == ClosureReferences.end())
      return;
    llvm::SmallVector<HandleKey, 4> Copies;
    for (auto It = State.lower_bound({Var, nullptr});
         It != State.end() && It->first.Var == Var; ++It)
      if (It->first.Field)
        Copies.push_back(It->first);
    for (HandleKey Copy : Copies)
      use(Copy, At, State, Sink);
    for (const VarDecl *Captured : Captures->second)
      use({Captured}, At, State, Sink);
  }

  /// Handles the in-place update of an iterator (++it, it += n): it keeps its
  /// container and validity but no longer points where it did.
  void onInPlaceUpdate(const Expr *Update, const Expr *Operand,
                       HandleMap &State) {
    if (const VarDecl *Var = referencedVar(Operand)) {
      auto It = State.find({Var});
      if (It != State.end() && !It->second.Conflict &&
          !Var->getType()->isReferenceType()) {
        It->second.Position = positionOf(Operand->IgnoreParenImpCasts());
        It->second.Where = Anchor::Unknown;
        It->second.PushedPast = 0;
      }
    }
  }

  /// The element an erase-like argument designates: a handle, or a copy of
  /// an element's value (a map key passed by value is still that key).
  std::optional<Value> classifyPosition(const Expr *Arg,
                                        const HandleMap &State) {
    if (std::optional<Value> Handle = classify(Arg, State))
      return Handle;
    const Expr *Inner = ignoreTransparent(Arg);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Inner))
      if (isCopyLikeConstruction(Construct))
        Inner = ignoreTransparent(Construct->getArg(0));
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Inner))
      if (Cast->getCastKind() == CK_LValueToRValue)
        if (std::optional<Value> V = classify(Cast->getSubExpr(), State))
          return V;
    if (std::optional<Value> V = classify(Inner, State))
      return V;
    return copiedElementOf(Arg, State);
  }

  void applyEffect(const ContainerCall &Call, HandleMap &State) {
    invalidateHandles(Call, State);
    moveEndAnchors(Call, State);
  }

  /// Whether a pop at End removes the element of Handle: it does when
  /// Handle is the end element. A summarized call may pop any number of
  /// times, so elements pushed past Handle protect it only from a direct pop.
  static bool popRemoves(const Tracked &Handle, Anchor End, bool DirectPop) {
    return Handle.Where == End && (Handle.PushedPast == 0 || !DirectPop);
  }

  /// A direct push at an end moves that end past the handles anchored there;
  /// a direct pop there moves it back by one element. A summarized call may
  /// push or pop on some paths only, so it leaves the count alone.
  void moveEndAnchors(const ContainerCall &Call, HandleMap &State) {
    if (!Call.Spec)
      return;
    EndChange Change = endChangeOf(Call.Method);
    if (Change == EndChange::None)
      return;
    Anchor End = (Change == EndChange::PushBack || Change == EndChange::PopBack)
                     ? Anchor::Back
                     : Anchor::Begin;
    bool Push = Change == EndChange::PushBack || Change == EndChange::PushFront;
    for (auto &[Key, Handle] : State) {
      if (Handle.Conflict || Handle.Container != Call.Container ||
          Handle.Where != End)
        continue;
      if (Push)
        Handle.PushedPast = std::min(Handle.PushedPast + 1, MaxPushedPast);
      else if (Handle.PushedPast > 0)
        --Handle.PushedPast;
    }
  }

  void invalidateHandles(const ContainerCall &Call, HandleMap &State) {
    if (Call.Invalidation == Effect::None)
      return;
    // The position argument of erase() and friends.
    const VarDecl *PositionVar = nullptr;
    const VarDecl *ErasedKey = nullptr;
    std::optional<Value> Position;
    if (Call.FirstArg) {
      Position = classifyPosition(Call.FirstArg, State);
      if (Position && (Position->Form != Value::Shape::Handle ||
                       Position->Container != Call.Container))
        Position.reset();
      if (Position)
        PositionVar = Position->Source;
      else if (const VarDecl *Key = referencedVar(Call.FirstArg))
        if (Access.reassigned().isNeverReassigned(Key))
          ErasedKey = Key;
    }
    bool ErasesFirst = Position && Position->Where == Anchor::Begin;
    // Elements pushed in front of the erased one since it was the first.
    unsigned ErasedPushedPast = Position ? Position->PushedPast : 0;
    // erase(0, n) on a string erases from the first character.
    if (!Position && Call.FirstArg &&
        Call.Invalidation == Effect::InvalidatesAtOrAfter &&
        Call.FirstArg->getType()->isIntegerType()) {
      Expr::EvalResult Index;
      if (Call.FirstArg->EvaluateAsInt(Index, Function.context()) &&
          Index.Val.getInt() == 0)
        ErasesFirst = true;
    }
    // erase(it++): `it` has moved past the erased element.
    const VarDecl *SteppedPast = Position ? Position->Stepped : nullptr;
    // erase(first, last) on a node container stops before `last`, which
    // stays valid. Only a direct call: a summarized call's arguments are not
    // the container's.
    std::optional<Value> RangeEnd;
    if (Call.Invalidation == Effect::InvalidatesErased && Call.Spec &&
        Call.Call->getNumArgs() == 2 && Call.Call->getArg(0) == Call.FirstArg) {
      RangeEnd = classifyPosition(Call.Call->getArg(1), State);
      if (RangeEnd && (RangeEnd->Form != Value::Shape::Handle ||
                       RangeEnd->Container != Call.Container))
        RangeEnd.reset();
    }
    bool EndDies = Call.Spec && Call.Spec->Family == ContainerFamily::Deque;
    EndChange Change = endChangeOf(Call.Method);
    bool DirectPop = Call.Spec != nullptr;

    for (auto &[Key, Handle] : State) {
      if (Handle.Conflict || Handle.IsElementCopy ||
          Handle.Container != Call.Container)
        continue;
      bool AtPosition =
          (PositionVar && !Key.Field && Key.Var == PositionVar) ||
          (Position && Position->Position &&
           Position->Position == Handle.Position) ||
          (ErasedKey && Handle.Key == ErasedKey);
      bool Hit = false;
      switch (Call.Invalidation) {
      case Effect::None:
        break;
      case Effect::InvalidatesAll:
        Hit = true;
        break;
      case Effect::InvalidatesIteratorsOnly:
        Hit = Handle.Kind == HandleKind::Iterator;
        break;
      case Effect::InvalidatesAtOrAfter:
        // Erasing the first element shifts every element; a view spans up to
        // the end, which always moves.
        Hit = AtPosition || ErasesFirst || Handle.Where == Anchor::End ||
              Handle.Where == Anchor::Back || Handle.Kind == HandleKind::View ||
              (SteppedPast && !Key.Field && Key.Var == SteppedPast);
        break;
      case Effect::InvalidatesErased:
        if (RangeEnd &&
            ((RangeEnd->Source && !Key.Field && Key.Var == RangeEnd->Source) ||
             (RangeEnd->Position && RangeEnd->Position == Handle.Position)))
          break;
        Hit = AtPosition ||
              (ErasesFirst && Handle.Where == Anchor::Begin &&
               Handle.PushedPast == ErasedPushedPast) ||
              (Change == EndChange::PopFront &&
               popRemoves(Handle, Anchor::Begin, DirectPop)) ||
              (Change == EndChange::PopBack &&
               (popRemoves(Handle, Anchor::Back, DirectPop) ||
                (EndDies && Handle.Where == Anchor::End)));
        break;
      }
      if (!Hit)
        continue;
      Handle.State = Status::Invalid;
      mergeCauses(Handle.Causes, {Cause{Call.Call, State.Facts}});
    }
  }

  const CallEffectLists &effectsOf(const CallExpr *Call) {
    auto [It, Inserted] = CallEffects.try_emplace(Call);
    if (!Inserted)
      return It->second;
    if (std::optional<ContainerCall> Direct = Access.asContainerCall(Call)) {
      // A push that invalidates nothing still moves the end it pushes at.
      if ((Direct->Invalidation != Effect::None ||
           endChangeOf(Direct->Method) != EndChange::None) &&
          !Presence.insertsPresentKey(*Direct))
        It->second.Always.push_back(std::move(*Direct));
    } else if (Summaries) {
      bool DecidesBranch = decidesBranch(Call);
      std::vector<CallMutation> All = Summaries->mutationsOf(Call, Access);
      std::vector<CallMutation> Mutations;
      for (const CallMutation &Mutation : All)
        if (!Presence.insertsPresentKey(Mutation, All, Call))
          Mutations.push_back(Mutation);
      for (CallMutation &Mutation : Mutations) {
        ContainerCall Indirect;
        Indirect.Call = Call;
        Indirect.Container = std::move(Mutation.Container);
        Indirect.Method = std::move(Mutation.Method);
        Indirect.Invalidation = Mutation.Invalidation;
        Indirect.FirstArg = Mutation.PositionArg;
        (Mutation.OnlyWhenReturnsTrue && DecidesBranch ? It->second.WhenTrue
                                                       : It->second.Always)
            .push_back(std::move(Indirect));
      }
    }
    return It->second;
  }

  /// The call whose result alone decides Block's two-way branch, as in
  /// `if (f())`, `while (!f())` or `a && f()`. Negated is set when the
  /// first successor is the one taken when the call returns false.
  static const CallExpr *decidingCall(const CFGBlock &Block, bool &Negated) {
    Negated = false;
    return dyn_cast_or_null<CallExpr>(
        withoutNegations(Block.getLastCondition(), Negated));
  }

  bool decidesBranch(const CallExpr *Call) const {
    const CFGBlock *Block = Function.blockOf(Call);
    bool Negated = false;
    return Block && decidingCall(*Block, Negated) == Call;
  }

  /// On the edge a deciding call takes when it returned true, the operations
  /// it performs only then.
  void applyEffectsWhenTrue(const CFGBlock &Block, unsigned Successor,
                            HandleMap &State) {
    bool Negated = false;
    const CallExpr *Call = decidingCall(Block, Negated);
    if (!Call || Block.succ_size() != 2 || (Successor == 0) == Negated)
      return;
    for (const ContainerCall &Effect : effectsOf(Call).WhenTrue)
      applyEffect(Effect, State);
  }

  /// `handle = value` and `local.field = value`.
  void assign(const Expr *Target, const Expr *Value, HandleMap &State) {
    Target = Target->IgnoreParenImpCasts();
    if (const VarDecl *Var = referencedVar(Target)) {
      if (!Var->getType()->isReferenceType())
        bind(Var, Value, State);
      return;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Target))
      if (std::optional<HandleKey> Key = fieldHandleKey(Member))
        if (!Key->Field->getType()->isReferenceType())
          bindKey(*Key, Key->Field->getType(), Value, State);
  }

  void transfer(const Stmt *S, HandleMap &State, std::vector<StaleUse> *Sink) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      onDeclRef(Ref, State, Sink);
      return;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(S)) {
      onMemberRef(Member, State, Sink);
      return;
    }
    if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D)) {
          bind(Var, Var->getInit(), State);
          onFlagStored(Var, Var->getInit(), State);
        }
      return;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(S)) {
      if (Assign->getOpcode() == BO_Assign) {
        assign(Assign->getLHS(), Assign->getRHS(), State);
      } else if (Assign->isCompoundAssignmentOp()) {
        onInPlaceUpdate(Assign, Assign->getLHS(), State);
      }
      if (Assign->isAssignmentOp())
        if (const VarDecl *Var = referencedVar(Assign->getLHS()))
          onFlagStored(Var,
                       Assign->getOpcode() == BO_Assign ? Assign->getRHS()
                                                        : nullptr,
                       State);
      return;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(S)) {
      if (Unary->isIncrementDecrementOp())
        onInPlaceUpdate(Unary, Unary->getSubExpr(), State);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      for (const ContainerCall &Effect : effectsOf(Call).Always)
        applyEffect(Effect, State);
      // A closure handed to a function may run there.
      if (!isa<CXXOperatorCallExpr>(Call))
        for (const Expr *Arg : Call->arguments())
          onClosureRun(Arg, Call, State, Sink);
      if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call)) {
        OverloadedOperatorKind Kind = Operator->getOperator();
        if (Kind == OO_Equal && Operator->getNumArgs() == 2) {
          if (!Access.containerOf(Operator->getArg(0)))
            assign(Operator->getArg(0), Operator->getArg(1), State);
        } else if (Kind == OO_Call) {
          onClosureRun(Operator->getArg(0), Operator, State, Sink);
        } else if (Kind == OO_PlusPlus || Kind == OO_MinusMinus ||
                   Kind == OO_PlusEqual || Kind == OO_MinusEqual) {
          onInPlaceUpdate(Operator, Operator->getArg(0), State);
        }
      }
    }
  }

  void transferBlock(const CFGBlock &Block, HandleMap &State,
                     std::vector<StaleUse> *Sink, const Stmt *StopAt = nullptr) {
    for (const CFGElement &Element : Block) {
      std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
      if (!S)
        continue;
      if (S->getStmt() == StopAt)
        return;
      transfer(S->getStmt(), State, Sink);
    }
  }

  /// The unchanged boolean variable a two-way branch tests, as in `if (v)`
  /// or `while (!v)`.
  void branchVariable(const CFGBlock &Block, const VarDecl *&Var,
                      bool &Negated) const {
    const Stmt *Condition = Block.getTerminatorCondition();
    const Expr *E =
        withoutNegations(dyn_cast_or_null<Expr>(Condition), Negated);
    const VarDecl *Candidate = E ? referencedVar(E) : nullptr;
    if (Candidate && isFlag(Candidate))
      Var = Candidate;
  }

  /// A boolean local whose value the analysis can follow: it never changes,
  /// or changes only by assignments that name it.
  bool isFlag(const VarDecl *Var) const {
    return Var->getType()->isBooleanType() && !Var->hasGlobalStorage() &&
           Access.reassigned().isChangedOnlyByAssignment(Var);
  }

  /// After `flag = value` or the declaration of flag, the path knows flag's
  /// value when Value is a constant and nothing about it otherwise. Every
  /// cause on the path learns the same: the facts of a cause are what holds
  /// now on the paths through it.
  void onFlagStored(const VarDecl *Var, const Expr *Value, HandleMap &State) {
    if (!isFlag(Var))
      return;
    bool Constant = false;
    bool Known =
        Value && !Value->isValueDependent() &&
        Value->EvaluateAsBooleanCondition(Constant, Function.context());
    auto Update = [&](BooleanFacts &Facts) {
      llvm::erase_if(Facts,
                     [&](const auto &Fact) { return Fact.first == Var; });
      if (Known)
        addFact(Facts, Var, Constant);
    };
    Update(State.Facts);
    for (auto &[Key, Handle] : State)
      for (Cause &C : Handle.Causes)
        Update(C.Facts);
  }

  /// Drops the causes a branch fact rules out: those paths do not reach the
  /// branch's successor, and a handle left without a cause is valid there.
  static void dropContradictedCauses(HandleMap &State) {
    for (auto &[Key, Handle] : State) {
      if (Handle.State != Status::Invalid)
        continue;
      llvm::erase_if(Handle.Causes, [&](const Cause &C) {
        return contradicts(C.Facts, State.Facts);
      });
      if (Handle.Causes.empty())
        Handle.State = Status::Valid;
    }
  }

  static void addFact(BooleanFacts &Facts, const VarDecl *Var, bool Value) {
    for (auto &Fact : Facts)
      if (Fact.first == Var) {
        Fact.second = Value;
        return;
      }
    Facts.push_back({Var, Value});
    llvm::sort(Facts);
  }

  /// Anchors are what holds on every path, so two handles anchored at the
  /// same end of one container are the same element, and an element equals
  /// itself. Where a comparison says they differ, the anchors do not both
  /// hold: that edge is not taken while they do. Both handles lose their
  /// anchor there, since which of them is not at the end is unknown.
  /// Simplification: `==` on elements is taken to be reflexive (a NaN is
  /// not); operands must name handle variables, not parts of elements
  /// (`a.lo != b.hi` says nothing about a and b).
  void separateUnequalHandles(const CFGBlock &Block, unsigned Successor,
                              HandleMap &State) {
    bool Negated = false;
    std::optional<EqualityTest> Test =
        asEqualityTest(withoutNegations(Block.getLastCondition(), Negated));
    if (!Test || Block.succ_size() != 2)
      return;
    bool ConditionHolds = (Successor == 0) != Negated;
    if (ConditionHolds == Test->IsEqual)
      return;
    std::optional<Value> Left = comparedHandle(Test->Left, State);
    std::optional<Value> Right = comparedHandle(Test->Right, State);
    if (!Left || !Right || !shareAnchor(*Left, *Right))
      return;
    forgetAnchor(*Left, State);
    forgetAnchor(*Right, State);
  }

  /// The handle variable a compared operand names.
  static std::optional<Value> comparedHandle(const Expr *Operand,
                                             const HandleMap &State) {
    const VarDecl *Var = referencedVar(Operand);
    std::optional<Value> V =
        valueOf(Var ? State.find({Var}) : State.end(), State, Var);
    if (!V || V->Form != Value::Shape::Handle)
      return std::nullopt;
    return V;
  }

  static bool shareAnchor(const Value &A, const Value &B) {
    return A.Kind == B.Kind && A.Container == B.Container &&
           A.Where != Anchor::Unknown && A.Where == B.Where &&
           A.PushedPast == B.PushedPast;
  }

  /// Drops the anchor of every handle to the element V designates.
  static void forgetAnchor(const Value &V, HandleMap &State) {
    for (auto &[Key, Handle] : State) {
      bool SameElement = (V.Position && Handle.Position == V.Position) ||
                         (V.Source && !Key.Field && Key.Var == V.Source);
      if (!SameElement || Handle.Conflict)
        continue;
      Handle.Where = Anchor::Unknown;
      Handle.PushedPast = 0;
    }
  }

  void solve(std::vector<StaleUse> &Sink) {
    collectRangeLoops(Function.function()->getBody());
    EntryStates = solveForward(
        Function, HandleMap(),
        [&](const CFGBlock &Block, HandleMap &State) {
          transferBlock(Block, State, nullptr);
        },
        [&](HandleMap &Into, const HandleMap &From) {
          return joinInto(Into, From, SM);
        },
        [&](const CFGBlock &Block, unsigned Successor, HandleMap &State) {
          const VarDecl *Tested = nullptr;
          bool Negated = false;
          applyEffectsWhenTrue(Block, Successor, State);
          separateUnequalHandles(Block, Successor, State);
          branchVariable(Block, Tested, Negated);
          if (Tested && Block.succ_size() == 2) {
            addFact(State.Facts, Tested, (Successor == 0) != Negated);
            dropContradictedCauses(State);
          }
        });

    for (const CFGBlock *Block : Function.reversePostOrder()) {
      const std::optional<HandleMap> &In = EntryStates[Block->getBlockID()];
      if (!In)
        continue;
      HandleMap State = *In;
      transferBlock(*Block, State, &Sink);
    }
  }
};

HandleStateAnalysis::HandleStateAnalysis(const FunctionCFG &Function,
                                         const ContainerAccess &Access,
                                         const FunctionSummaries *Summaries)
    : State(std::make_unique<Impl>(Function, Access, Summaries)) {}

HandleStateAnalysis::~HandleStateAnalysis() = default;

void HandleStateAnalysis::run() { State->solve(Uses); }

HandleStatus HandleStateAnalysis::statusBefore(
    const VarDecl *Handle, const Stmt *Point,
    llvm::SmallVectorImpl<const CallExpr *> *Causes) const {
  const CFGBlock *Block = State->Function.blockOf(Point);
  if (!Block)
    return HandleStatus::Untracked;
  const std::optional<HandleMap> &In = State->EntryStates[Block->getBlockID()];
  if (!In)
    return HandleStatus::Untracked;
  HandleMap Current = *In;
  State->transferBlock(*Block, Current, nullptr, Point);
  auto It = Current.find({Handle});
  if (It == Current.end() || It->second.Conflict || It->second.IsElementCopy)
    return HandleStatus::Untracked;
  if (It->second.State == Status::Valid)
    return HandleStatus::Valid;
  if (Causes)
    for (const Cause &C : It->second.Causes)
      Causes->push_back(C.Call);
  return HandleStatus::Invalidated;
}

} // namespace iterguard
