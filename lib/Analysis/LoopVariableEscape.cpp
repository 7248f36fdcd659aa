//===--- LoopVariableEscape.cpp - Per-iteration storage that escapes ------===//

#include "Analysis/LoopVariableEscape.h"
#include "Analysis/ForwardDataflow.h"
#include "Analysis/FunctionCFG.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include <map>
#include <set>

using namespace clang;

namespace iterguard {

namespace {

/// A value that holds on to per-iteration storage.
struct Taint {
  unsigned Variable = 0; ///< index into the analysis' variables
  EscapingValue What = EscapingValue::Address;
  const Expr *Origin = nullptr;
  /// The value is a std::thread or std::future running the tainted closure.
  bool IsThread = false;
  bool IsFuture = false;

  bool operator==(const Taint &O) const {
    return Variable == O.Variable && What == O.What && Origin == O.Origin &&
           IsThread == O.IsThread && IsFuture == O.IsFuture;
  }
};

/// A tainted value stored in a variable or member that outlives the
/// iteration; it escapes unless something else is stored there before the
/// loop variable dies (`current_ = &job; run(job); current_ = nullptr;`).
struct PendingStore {
  Taint Value;
  const Stmt *At = nullptr;
  std::string Name;
  bool operator==(const PendingStore &O) const {
    return Value == O.Value && At == O.At && Name == O.Name;
  }
};

/// Local variables of the iteration that hold a tainted value, and the
/// pending stores into outer variables and members, by declaration.
struct TaintMap : std::map<const VarDecl *, Taint> {
  std::map<const Decl *, PendingStore> Pending;
};

const Expr *stripped(const Expr *E) { return ignoreTransparent(E); }

bool isStdNamed(const NamedDecl *D, std::initializer_list<llvm::StringRef> Names) {
  if (!D || !D->isInStdNamespace() || !D->getIdentifier())
    return false;
  return llvm::is_contained(Names, D->getName());
}

const CXXRecordDecl *recordOf(QualType T) {
  return T.getNonReferenceType()->getAsCXXRecordDecl();
}

bool isStdClass(QualType T, std::initializer_list<llvm::StringRef> Names) {
  const CXXRecordDecl *Record = recordOf(T);
  return Record && isStdNamed(Record, Names);
}

/// Container operations that store their arguments in the container.
bool isInsertion(llvm::StringRef Method) {
  return llvm::is_contained({"push_back", "push_front", "emplace_back",
                             "emplace_front", "insert", "emplace",
                             "emplace_hint", "try_emplace", "insert_or_assign",
                             "push", "assign"},
                            Method);
}

/// Emplace-like operations build the element from their arguments in place,
/// so a view-typed element made from the variable shows no conversion at the
/// call site.
bool buildsInPlace(llvm::StringRef Method) {
  return llvm::is_contained({"emplace_back", "emplace_front", "emplace",
                             "emplace_hint", "try_emplace"},
                            Method);
}

} // namespace

std::optional<PerIterationVariable>
perIterationVariable(const CXXForRangeStmt *Loop) {
  const VarDecl *Var = Loop->getLoopVariable();
  if (!Var || Var->isInvalidDecl() || !Var->getInit())
    return std::nullopt;
  PerIterationVariable Result;
  Result.Loop = Loop;
  Result.Var = Var;
  if (!Var->getType()->isReferenceType()) {
    Result.Reason = PerIterationReason::Copy;
    return Result;
  }
  // A reference bound to a temporary: the temporary is made each iteration.
  const Expr *Init = Var->getInit();
  if (const auto *Full = dyn_cast<FullExpr>(Init))
    Init = Full->getSubExpr();
  const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(Init->IgnoreParens());
  if (!Temporary)
    return std::nullopt;
  const Expr *Made = Temporary->getSubExpr()->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Made)) {
    if (Construct->getNumArgs() > 0) {
      Result.Reason = PerIterationReason::ConvertedTemporary;
      Result.ElementType = Construct->getArg(0)->getType();
      return Result;
    }
  }
  if (const auto *Cast = dyn_cast<CastExpr>(Temporary->getSubExpr()->IgnoreParens()))
    if (Cast->getCastKind() != CK_NoOp && Cast->getCastKind() != CK_LValueToRValue) {
      Result.Reason = PerIterationReason::ConvertedTemporary;
      Result.ElementType = Cast->getSubExpr()->getType();
      return Result;
    }
  Result.Reason = PerIterationReason::ProxyTemporary;
  return Result;
}

struct LoopVariableEscapeAnalysis::Impl {
  Impl(const FunctionCFG &Function, const ContainerAccess &Access,
       const AnalysisOptions &Options)
      : Function(Function), Access(Access), Options(Options),
        SM(Function.context().getSourceManager()) {}

  const FunctionCFG &Function;
  const ContainerAccess &Access;
  const AnalysisOptions &Options;
  const SourceManager &SM;
  std::vector<PerIterationVariable> Variables;
  llvm::DenseMap<const VarDecl *, unsigned> VariableIndex;
  /// Member calls made on local variables in each loop body, by method name:
  /// decides whether a thread is joined or a future waited on.
  std::map<const Stmt *, std::set<std::pair<const VarDecl *, std::string>>>
      BodyCalls;
  std::set<std::pair<const Expr *, const Stmt *>> Seen;
  std::vector<LoopEscape> *Sink = nullptr;

  // --- Setup --------------------------------------------------------------

  void collectLoops(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Loop = dyn_cast<CXXForRangeStmt>(S))
      if (std::optional<PerIterationVariable> Var = perIterationVariable(Loop)) {
        VariableIndex[Var->Var] = Variables.size();
        Variables.push_back(*Var);
        collectBodyCalls(Loop->getBody(), BodyCalls[Loop->getBody()]);
      }
    for (const Stmt *Child : S->children())
      collectLoops(Child);
  }

  static void
  collectBodyCalls(const Stmt *S,
                   std::set<std::pair<const VarDecl *, std::string>> &Out) {
    if (!S)
      return;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
      if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
              Call->getImplicitObjectArgument()
                  ? Call->getImplicitObjectArgument()->IgnoreParenImpCasts()
                  : nullptr))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
          if (const CXXMethodDecl *Method = Call->getMethodDecl())
            if (Method->getIdentifier())
              Out.insert({Var, Method->getName().str()});
    for (const Stmt *Child : S->children())
      collectBodyCalls(Child, Out);
  }

  bool bodyCalls(unsigned Variable, const VarDecl *Object,
                 std::initializer_list<llvm::StringRef> Methods) const {
    auto It = BodyCalls.find(Variables[Variable].Loop->getBody());
    if (It == BodyCalls.end())
      return false;
    for (llvm::StringRef Method : Methods)
      if (It->second.count({Object, Method.str()}))
        return true;
    return false;
  }

  /// True when Var lives only as long as one iteration of Variable's loop.
  bool isIterationLocal(const VarDecl *Var, unsigned Variable) const {
    if (!Var->hasLocalStorage() || isa<ParmVarDecl>(Var))
      return false;
    const Stmt *Body = Variables[Variable].Loop->getBody();
    SourceLocation Loc = SM.getExpansionLoc(Var->getLocation());
    SourceLocation Begin = SM.getExpansionLoc(Body->getBeginLoc());
    SourceLocation End = SM.getExpansionLoc(Body->getEndLoc());
    return !SM.isBeforeInTranslationUnit(Loc, Begin) &&
           !SM.isBeforeInTranslationUnit(End, Loc);
  }

  // --- Classification -----------------------------------------------------

  /// The per-iteration variable whose storage E is (part of).
  std::optional<unsigned> storageOf(const Expr *E) const {
    E = stripped(E);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
        auto It = VariableIndex.find(Var);
        if (It != VariableIndex.end())
          return It->second;
      }
      return std::nullopt;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return Member->isArrow() ? std::nullopt : storageOf(Member->getBase());
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      return storageOf(Subscript->getBase()->IgnoreImpCasts());
    // Elements of a by-value container copy live in that copy.
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E))
      if (Operator->getOperator() == OO_Subscript && Operator->getNumArgs() > 0)
        return storageOf(Operator->getArg(0));
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
      if (const CXXMethodDecl *Method = Call->getMethodDecl())
        if (Method->getIdentifier() &&
            llvm::is_contained({"front", "back", "at"}, Method->getName()) &&
            Method->getReturnType()->isReferenceType())
          return storageOf(Call->getImplicitObjectArgument());
    return std::nullopt;
  }

  /// True when the variable's own storage holds its data: a std::string
  /// copy does, a pointer or a std::string_view copy points elsewhere.
  bool ownsData(unsigned Variable) const {
    QualType T = Variables[Variable].Var->getType().getNonReferenceType();
    return !T->isPointerType() && !Access.types().isView(T) &&
           !isStdClass(T, {"reference_wrapper"});
  }

  Taint make(unsigned Variable, EscapingValue What, const Expr *Origin) const {
    Taint T;
    T.Variable = Variable;
    T.What = What;
    T.Origin = Origin;
    return T;
  }

  std::optional<Taint> taintOf(const Expr *E, const TaintMap &State) const {
    if (!E)
      return std::nullopt;
    E = stripped(E);

    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      auto It = Var ? State.find(Var) : State.end();
      if (It != State.end())
        return It->second;
      return std::nullopt;
    }

    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      if (Cast->getCastKind() == CK_ArrayToPointerDecay)
        if (std::optional<unsigned> Var = storageOf(Cast->getSubExpr()))
          return make(*Var, EscapingValue::Address, E);
      // Reading the variable itself copies it; anything else keeps what the
      // operand holds on to.
      if (Cast->getCastKind() == CK_LValueToRValue &&
          storageOf(Cast->getSubExpr()))
        return std::nullopt;
      return taintOf(Cast->getSubExpr(), State);
    }

    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->getOpcode() != UO_AddrOf)
        return std::nullopt;
      if (std::optional<unsigned> Var = storageOf(Unary->getSubExpr()))
        return make(*Var, EscapingValue::Address, E);
      // &r where r is a local reference to the variable.
      std::optional<Taint> Inner = taintOf(Unary->getSubExpr(), State);
      if (Inner && Inner->What == EscapingValue::Reference) {
        Inner->What = EscapingValue::Address;
        return Inner;
      }
      return std::nullopt;
    }

    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      if (Binary->getOpcode() == BO_Comma)
        return taintOf(Binary->getRHS(), State);
      if (Binary->isAdditiveOp() && Binary->getType()->isPointerType())
        return taintOf(Binary->getLHS()->getType()->isPointerType()
                           ? Binary->getLHS()
                           : Binary->getRHS(),
                       State);
      return std::nullopt;
    }

    if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(E)) {
      if (std::optional<Taint> True = taintOf(Conditional->getTrueExpr(), State))
        return True;
      return taintOf(Conditional->getFalseExpr(), State);
    }

    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return taintOfClosure(Lambda, State);

    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
      return taintOfConstruction(Construct, State);

    if (const auto *Call = dyn_cast<CallExpr>(E))
      return taintOfCall(Call, State);

    return std::nullopt;
  }

  std::optional<Taint> taintOfClosure(const LambdaExpr *Lambda,
                                      const TaintMap &State) const {
    auto Init = Lambda->capture_init_begin();
    for (const LambdaCapture &Capture : Lambda->captures()) {
      const Expr *CaptureInit = *Init++;
      if (!Capture.capturesVariable())
        continue;
      const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
      if (!Var)
        continue;
      if (Capture.getCaptureKind() == LCK_ByRef) {
        auto It = VariableIndex.find(Var);
        if (It != VariableIndex.end())
          return make(It->second, EscapingValue::ByReferenceCapture, Lambda);
        // Capturing a local that holds an address by reference holds it too.
        auto Held = State.find(Var);
        if (Held != State.end())
          return Held->second;
      } else if (CaptureInit) {
        // A by-value copy of a pointer to the variable still points to it.
        if (std::optional<Taint> Copied = taintOf(CaptureInit, State))
          return Copied;
      }
    }
    return std::nullopt;
  }

  std::optional<Taint> taintOfArguments(const Expr *const *Begin,
                                        const Expr *const *End,
                                        const TaintMap &State) const {
    for (; Begin != End; ++Begin)
      if (std::optional<Taint> T = taintOf(*Begin, State))
        return T;
    return std::nullopt;
  }

  std::optional<Taint> taintOfConstruction(const CXXConstructExpr *Construct,
                                           const TaintMap &State) const {
    if (Construct->getNumArgs() == 0)
      return std::nullopt;
    const Expr *First = Construct->getArg(0);
    if (Access.types().isView(Construct->getType())) {
      if (std::optional<unsigned> Var = storageOf(First))
        return ownsData(*Var) ? std::optional<Taint>(make(
                                    *Var, EscapingValue::View, Construct))
                              : std::nullopt;
      std::optional<Taint> From = taintOf(First, State);
      if (From)
        From->What = EscapingValue::View;
      return From;
    }
    if (isStdClass(Construct->getType(), {"thread", "jthread"})) {
      std::optional<Taint> Runs = taintOfArguments(
          Construct->getArgs(), Construct->getArgs() + Construct->getNumArgs(),
          State);
      if (Runs)
        Runs->IsThread = true;
      return Runs;
    }
    // A standard owning type built from a pointer (std::string from
    // c_str(), an exception from a message, a stream from a file name)
    // copies the data; anything else, user types included, may keep it.
    std::optional<Taint> From = taintOf(First, State);
    if (!From)
      return std::nullopt;
    const CXXRecordDecl *Made = recordOf(Construct->getType());
    bool KeepsArguments =
        isStdClass(Construct->getType(),
                   {"pair", "tuple", "optional", "function",
                    "move_only_function", "packaged_task", "reference_wrapper",
                    "unique_ptr", "shared_ptr"});
    bool Copy = Function.context().hasSameUnqualifiedType(
        Construct->getType(), First->getType().getNonReferenceType());
    if (Made && Made->isInStdNamespace() && !KeepsArguments && !Copy)
      return std::nullopt;
    return From;
  }

  std::optional<Taint> taintOfCall(const CallExpr *Call,
                                   const TaintMap &State) const {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isStdNamed(Callee, {"addressof"}) && Call->getNumArgs() == 1)
      if (std::optional<unsigned> Var = storageOf(Call->getArg(0)))
        return make(*Var, EscapingValue::Address, Call);
    if (isStdNamed(Callee, {"ref", "cref"}) && Call->getNumArgs() == 1)
      if (std::optional<unsigned> Var = storageOf(Call->getArg(0)))
        return make(*Var, EscapingValue::Reference, Call);
    if (isStdNamed(Callee, {"move", "forward"}) && Call->getNumArgs() == 1)
      return taintOf(Call->getArg(0), State);
    if (isStdNamed(Callee, {"async"})) {
      std::optional<Taint> Runs = taintOfArguments(
          Call->getArgs(), Call->getArgs() + Call->getNumArgs(), State);
      if (Runs)
        Runs->IsFuture = true;
      return Runs;
    }

    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
    if (!Method)
      return std::nullopt;
    std::optional<unsigned> Var = storageOf(Member->getImplicitObjectArgument());
    if (!Var || !ownsData(*Var))
      return std::nullopt;
    // std::string's conversion to std::string_view.
    if (isa<CXXConversionDecl>(Method) && Access.types().isView(Call->getType()))
      return make(*Var, EscapingValue::View, Call);
    if (!Method->getIdentifier())
      return std::nullopt;
    llvm::StringRef Name = Method->getName();
    if (llvm::is_contained({"data", "c_str", "begin", "end", "cbegin", "cend",
                            "rbegin", "rend"},
                           Name))
      return make(*Var, EscapingValue::Address, Call);
    return std::nullopt;
  }

  // --- Escapes ------------------------------------------------------------

  void escape(const Taint &T, EscapeSink Where, const Stmt *At,
              std::string Name) {
    if (!Sink || !Seen.insert({T.Origin, At}).second)
      return;
    LoopEscape Escape;
    Escape.Variable = Variables[T.Variable];
    Escape.What = T.What;
    Escape.Escaping = T.Origin;
    Escape.Sink = Where;
    Escape.SinkAt = At;
    Escape.SinkName = std::move(Name);
    Sink->push_back(std::move(Escape));
  }

  /// A thread or future that is local to the iteration is safe when the
  /// iteration joins it or waits on it; a jthread joins by itself.
  void holdInLocal(const VarDecl *Holder, const Taint &T, const Stmt *At,
                   TaintMap &State) {
    if (T.IsThread) {
      if (isStdClass(Holder->getType(), {"jthread"}))
        return;
      if (bodyCalls(T.Variable, Holder, {"join"}) &&
          !bodyCalls(T.Variable, Holder, {"detach"}))
        return;
      escape(T, EscapeSink::Thread, At, "");
      return;
    }
    if (T.IsFuture) {
      if (!bodyCalls(T.Variable, Holder,
                     {"get", "wait", "wait_for", "wait_until"}))
        escape(T, EscapeSink::Async, At, "");
      return;
    }
    State[Holder] = T;
  }

  /// `Target = Value` (including a declaration's initializer).
  void store(const Expr *Target, const VarDecl *TargetVar, const Expr *Value,
             const Stmt *At, TaintMap &State) {
    std::optional<Taint> T = taintOf(Value, State);
    if (TargetVar) {
      if (!T) {
        State.erase(TargetVar);
        State.Pending.erase(TargetVar);
        return;
      }
      if (TargetVar->isStaticLocal() || !isIterationLocal(TargetVar, T->Variable)) {
        if ((T->IsThread || T->IsFuture) && !TargetVar->isStaticLocal() &&
            TargetVar->hasLocalStorage()) {
          holdInLocal(TargetVar, *T, At, State);
          return;
        }
        if (TargetVar->isStaticLocal())
          escape(*T, EscapeSink::Stored, At, TargetVar->getNameAsString());
        else
          State.Pending[TargetVar] = {*T, At, TargetVar->getNameAsString()};
        return;
      }
      holdInLocal(TargetVar, *T, At, State);
      return;
    }
    const Decl *Place = resettablePlace(Target);
    if (!T) {
      if (Place)
        State.Pending.erase(Place);
      return;
    }
    if (isIterationLocalObject(Target, T->Variable))
      return;
    if (Place)
      State.Pending[Place] = {*T, At, storageName(Target)};
    else
      escape(*T, EscapeSink::Stored, At, storageName(Target));
  }

  /// A member of this object, named by its field, that a later assignment
  /// can overwrite before the iteration ends.
  static const Decl *resettablePlace(const Expr *Target) {
    const auto *Member = dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts());
    if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return nullptr;
    return dyn_cast<FieldDecl>(Member->getMemberDecl());
  }

  /// Reports the pending stores of the loops whose variable has died by S:
  /// S is outside the loop body (the next iteration, or after the loop), or
  /// a return.
  void flushPending(const Stmt *S, TaintMap &State) {
    bool Returns = isa<ReturnStmt>(S) || isa<CXXThrowExpr>(S);
    for (auto It = State.Pending.begin(); It != State.Pending.end();) {
      const PerIterationVariable &Var = Variables[It->second.Value.Variable];
      if (Returns || !isWithin(S, Var.Loop->getBody())) {
        escape(It->second.Value, EscapeSink::Stored, It->second.At,
               It->second.Name);
        It = State.Pending.erase(It);
      } else {
        ++It;
      }
    }
  }

  bool isWithin(const Stmt *S, const Stmt *Body) const {
    SourceLocation Loc = SM.getExpansionLoc(S->getBeginLoc());
    SourceLocation Begin = SM.getExpansionLoc(Body->getBeginLoc());
    SourceLocation End = SM.getExpansionLoc(Body->getEndLoc());
    return !SM.isBeforeInTranslationUnit(Loc, Begin) &&
           !SM.isBeforeInTranslationUnit(End, Loc);
  }

  /// True for `local.field` and `local[i]` where local lives in the iteration.
  bool isIterationLocalObject(const Expr *Target, unsigned Variable) const {
    Target = stripped(Target);
    while (true) {
      if (const auto *Member = dyn_cast<MemberExpr>(Target)) {
        if (Member->isArrow())
          return false;
        Target = stripped(Member->getBase());
      } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Target)) {
        if (Operator->getOperator() != OO_Subscript || Operator->getNumArgs() == 0)
          return false;
        Target = stripped(Operator->getArg(0));
      } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Target)) {
        Target = stripped(Subscript->getBase()->IgnoreImpCasts());
      } else {
        break;
      }
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Target);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var && !Var->getType()->isReferenceType() &&
           isIterationLocal(Var, Variable);
  }

  std::string storageName(const Expr *Target) const {
    Target = stripped(Target);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Target))
      return Ref->getDecl()->getNameAsString();
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Target))
      if (Operator->getOperator() == OO_Subscript && Operator->getNumArgs() > 0)
        return storageName(Operator->getArg(0));
    if (std::optional<ContainerKey> Key = Access.objectKey(Target))
      return Key->displayName();
    if (const auto *Member = dyn_cast<MemberExpr>(Target))
      return Member->getMemberDecl()->getNameAsString();
    if (const auto *Deref = dyn_cast<UnaryOperator>(Target))
      if (Deref->getOpcode() == UO_Deref)
        if (const auto *Ref =
                dyn_cast<DeclRefExpr>(Deref->getSubExpr()->IgnoreParenImpCasts()))
          return "*" + Ref->getDecl()->getNameAsString();
    return "";
  }

  /// The element type an emplace-like call builds from argument Index: the
  /// value type, or for maps the key (first) or mapped value (the rest).
  QualType elementTypeFor(const CXXRecordDecl *Container,
                          llvm::StringRef Method, unsigned Index) const {
    unsigned Skip = Method == "emplace_hint" ? 1 : 0;
    if (Index < Skip)
      return QualType();
    ASTContext &Context = Function.context();
    auto typeMember = [&](llvm::StringRef Name) -> QualType {
      for (const NamedDecl *Found : Container->lookup(&Context.Idents.get(Name)))
        if (const auto *Alias = dyn_cast<TypedefNameDecl>(Found))
          return Alias->getUnderlyingType();
      return QualType();
    };
    QualType Mapped = typeMember("mapped_type");
    if (Mapped.isNull())
      return typeMember("value_type");
    return Index - Skip == 0 ? typeMember("key_type") : Mapped;
  }

  bool holdsOnTo(QualType Element) const {
    if (Element.isNull())
      return false;
    // A pointer element cannot be built from the variable itself, only
    // copied from another pointer, which taintOf already follows.
    return Access.types().isView(Element) ||
           isStdClass(Element, {"reference_wrapper"});
  }

  void onContainerInsertion(const CXXMemberCallExpr *Call, TaintMap &State) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->getIdentifier() || !isInsertion(Method->getName()))
      return;
    const Expr *Object = Call->getImplicitObjectArgument();
    if (!Object)
      return;
    QualType ObjectType = Object->getType();
    if (ObjectType->isPointerType())
      ObjectType = ObjectType->getPointeeType();
    const CXXRecordDecl *Container = recordOf(ObjectType);
    if (!Container || !Access.types().specOf(ObjectType))
      return;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      std::optional<Taint> T = taintOf(Arg, State);
      if (!T && buildsInPlace(Method->getName()))
        if (std::optional<unsigned> Var = storageOf(Arg))
          if (ownsData(*Var) &&
              holdsOnTo(elementTypeFor(Container, Method->getName(), I)))
            T = make(*Var, EscapingValue::View, Arg);
      if (!T || isIterationLocalObject(Object, T->Variable))
        continue;
      escape(*T, EscapeSink::Stored, Call, storageName(Object));
    }
  }

  bool isExecutor(const CallExpr *Call) const {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return false;
    for (const std::string &Name : Options.ExecutorFunctions)
      if (Callee->getName() == Name)
        return true;
    return false;
  }

  std::string executorName(const CallExpr *Call) const {
    std::string Name = Call->getDirectCallee()->getNameAsString();
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (std::optional<ContainerKey> Key =
              Access.objectKey(Member->getImplicitObjectArgument()))
        return Key->displayName() + "." + Name;
    return Name;
  }

  void transfer(const Stmt *S, TaintMap &State) {
    if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D)) {
          if (VariableIndex.count(Var))
            continue; // The loop variable's own initialization.
          if (Var->getInit())
            store(nullptr, Var, Var->getInit(), Decls, State);
          else
            State.erase(Var);
        }
      return;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(S)) {
      if (Assign->getOpcode() == BO_Assign)
        store(Assign->getLHS(), referencedLocal(Assign->getLHS()),
              Assign->getRHS(), Assign, State);
      return;
    }
    if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
      const Expr *Value = Return->getRetValue();
      if (std::optional<Taint> T = taintOf(Value, State))
        escape(*T, EscapeSink::Returned, Return, "");
      else if (Value && Function.function()->getReturnType()->isReferenceType())
        if (std::optional<unsigned> Var = storageOf(Value))
          escape(make(*Var, EscapingValue::Reference, Value),
                 EscapeSink::Returned, Return, "");
      return;
    }
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
      if (std::optional<Taint> T = taintOf(Throw->getSubExpr(), State))
        escape(*T, EscapeSink::Thrown, Throw, "");
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      return;
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2)
        store(Operator->getArg(0), referencedLocal(Operator->getArg(0)),
              Operator->getArg(1), Operator, State);
      return;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      onContainerInsertion(Member, State);
      // std::thread(...).detach() on a temporary.
      if (const CXXMethodDecl *Method = Member->getMethodDecl())
        if (Method->getIdentifier() && Method->getName() == "detach")
          if (std::optional<Taint> T =
                  taintOf(Member->getImplicitObjectArgument(), State))
            if (T->IsThread)
              escape(*T, EscapeSink::Thread, Member, "");
    }
    if (isExecutor(Call))
      for (const Expr *Arg : Call->arguments())
        if (std::optional<Taint> T = taintOf(Arg, State))
          escape(*T, EscapeSink::Executor, Call, executorName(Call));
  }

  /// The local variable an assignment target names, if it is one.
  static const VarDecl *referencedLocal(const Expr *Target) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts());
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var)
      return nullptr;
    // Assigning through a reference writes whatever it refers to.
    return Var->getType()->isReferenceType() ? nullptr : Var;
  }

  void transferBlock(const CFGBlock &Block, TaintMap &State) {
    for (const CFGElement &Element : Block)
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>()) {
        if (!State.Pending.empty())
          flushPending(S->getStmt(), State);
        transfer(S->getStmt(), State);
      }
    // Falling off the end of the function also ends the iteration.
    if (&Block == &Function.cfg().getExit() && !State.Pending.empty())
      for (auto &[Place, Store] : State.Pending)
        escape(Store.Value, EscapeSink::Stored, Store.At, Store.Name);
  }

  bool join(TaintMap &Into, const TaintMap &From) const {
    bool Changed = false;
    // A store pending on either path may escape.
    for (const auto &[Place, Store] : From.Pending)
      Changed |= Into.Pending.try_emplace(Place, Store).second;
    for (const auto &[Var, T] : From) {
      auto [It, Inserted] = Into.try_emplace(Var, T);
      if (Inserted) {
        Changed = true;
      } else if (!(It->second == T) &&
                 SM.isBeforeInTranslationUnit(T.Origin->getBeginLoc(),
                                              It->second.Origin->getBeginLoc())) {
        It->second = T;
        Changed = true;
      }
    }
    return Changed;
  }

  void solve(std::vector<LoopEscape> &Out) {
    collectLoops(Function.function()->getBody());
    if (Variables.empty())
      return;
    std::vector<std::optional<TaintMap>> Entry = solveForward(
        Function, TaintMap(),
        [&](const CFGBlock &Block, TaintMap &State) {
          transferBlock(Block, State);
        },
        [&](TaintMap &Into, const TaintMap &From) { return join(Into, From); },
        [](const CFGBlock &, unsigned, TaintMap &) {});
    Sink = &Out;
    for (const CFGBlock *Block : Function.reversePostOrder()) {
      if (!Entry[Block->getBlockID()])
        continue;
      TaintMap State = *Entry[Block->getBlockID()];
      transferBlock(*Block, State);
    }
    Sink = nullptr;
  }
};

LoopVariableEscapeAnalysis::LoopVariableEscapeAnalysis(
    const FunctionCFG &Function, const ContainerAccess &Access,
    const AnalysisOptions &Options)
    : State(std::make_unique<Impl>(Function, Access, Options)) {}

LoopVariableEscapeAnalysis::~LoopVariableEscapeAnalysis() = default;

void LoopVariableEscapeAnalysis::run() { State->solve(Escapes); }

} // namespace iterguard
