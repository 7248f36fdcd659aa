//===--- RangeLoopAddressEscapeAnalysis.cpp - Findings for escapes --------===//

#include "Checks/RangeLoopAddressEscapeAnalysis.h"
#include "Analysis/ContainerAccess.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/LoopVariableEscape.h"
#include "Report/Messages.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include <functional>
#include <set>

using namespace clang;

namespace iterguard {

namespace {

unsigned valueIndex(EscapingValue What) {
  switch (What) {
  case EscapingValue::Address:
    return 0;
  case EscapingValue::Reference:
    return 1;
  case EscapingValue::View:
    return 2;
  case EscapingValue::ByReferenceCapture:
    return 3;
  }
  llvm_unreachable("covered switch");
}

unsigned reasonIndex(PerIterationReason Reason) {
  switch (Reason) {
  case PerIterationReason::Copy:
    return 0;
  case PerIterationReason::ConvertedTemporary:
    return 1;
  case PerIterationReason::ProxyTemporary:
    return 2;
  }
  llvm_unreachable("covered switch");
}

unsigned sinkIndex(const LoopEscape &Escape) {
  switch (Escape.Sink) {
  case EscapeSink::Stored:
    return Escape.SinkName.empty() ? 1 : 0;
  case EscapeSink::Returned:
    return 2;
  case EscapeSink::Thrown:
    return 3;
  case EscapeSink::Thread:
    return 4;
  case EscapeSink::Async:
    return 5;
  case EscapeSink::Executor:
    return 6;
  }
  llvm_unreachable("covered switch");
}

/// Decides whether every use of a loop variable in its loop would compile
/// and mean the same with the variable declared as a const reference.
class ConstUseChecker {
public:
  ConstUseChecker(const VarDecl *Var, const ParentMap &Parents)
      : Var(Var), Parents(Parents) {}

  bool allUsesAreConst(const Stmt *S) const {
    if (!S)
      return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (Ref->getDecl() == Var && !isConstUse(Ref))
        return false;
    for (const Stmt *Child : S->children())
      if (!allUsesAreConst(Child))
        return false;
    return true;
  }

private:
  /// A use is const when the value is only read, passed by const reference
  /// or value, used with const member functions, or has its address taken
  /// as a pointer to const.
  bool isConstUse(const Expr *E) const {
    const Stmt *Parent = Parents.getParent(E);
    while (const auto *Paren = dyn_cast_or_null<ParenExpr>(Parent)) {
      E = Paren;
      Parent = Parents.getParent(Paren);
    }
    if (!Parent)
      return false;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent)) {
      if (Cast->getCastKind() == CK_LValueToRValue)
        return true;
      if (Cast->getCastKind() == CK_NoOp ||
          Cast->getCastKind() == CK_UncheckedDerivedToBase ||
          Cast->getCastKind() == CK_DerivedToBase)
        return Cast->getType().isConstQualified() || isConstUse(Cast);
      return false;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl()))
        return Method->isConst();
      return isConstUse(Member);
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(Parent)) {
      if (Unary->getOpcode() != UO_AddrOf)
        return false;
      const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parents.getParent(Unary));
      return Cast && Cast->getCastKind() == CK_NoOp &&
             Cast->getType()->getPointeeType().isConstQualified();
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent)) {
      const CXXConstructorDecl *Ctor = Construct->getConstructor();
      return Ctor && (Ctor->isCopyConstructor() || Ctor->isMoveConstructor()) &&
             Ctor->getParamDecl(0)->getType().getNonReferenceType().isConstQualified();
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Parent))
      return Lambda != nullptr; // A by-copy capture initializer copies.
    return false;
  }

  const VarDecl *Var;
  const ParentMap &Parents;
};

/// True when the loop body calls a non-const member function of the
/// container it iterates (v[0] = x, v.push_back(y)).
bool modifiesRange(const CXXForRangeStmt *Loop, const ContainerAccess &Access) {
  std::optional<ContainerKey> Range = Access.containerOf(Loop->getRangeInit());
  if (!Range)
    return true;
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (std::optional<ContainerCall> OnContainer = Access.asContainerCall(Call))
        if (OnContainer->Container == *Range)
          if (const auto *Method =
                  dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee()))
            if (!Method->isConst())
              return true;
    for (const Stmt *Child : S->children())
      if (Walk(Child))
        return true;
    return false;
  };
  return Walk(Loop->getBody());
}

/// The fix-it declaring Variable as `const T&`, when that is provably the
/// same program: a copy of an lvalue element of the same type that the loop
/// never modifies, from a range the loop does not modify either.
std::optional<FindingFix> referenceFix(const PerIterationVariable &Variable,
                                       const FunctionCFG &Function,
                                       const ContainerAccess &Access) {
  const VarDecl *Var = Variable.Var;
  const CXXForRangeStmt *Loop = Variable.Loop;
  if (Variable.Reason != PerIterationReason::Copy ||
      Var->getBeginLoc().isMacroID() || Var->getLocation().isMacroID() ||
      !Loop->getRangeInit() || !Loop->getRangeInit()->isLValue())
    return std::nullopt;
  // The copy must be made from an element of exactly the variable's type:
  // no conversion, no proxy returned by value.
  const Expr *Init = Var->getInit();
  if (const auto *Full = dyn_cast<FullExpr>(Init))
    Init = Full->getSubExpr();
  Init = Init->IgnoreParens();
  const Expr *Element = nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init)) {
    if (Construct->getNumArgs() == 1 && Construct->getConstructor() &&
        Construct->getConstructor()->isCopyConstructor())
      Element = Construct->getArg(0)->IgnoreImpCasts();
  } else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Init)) {
    if (Cast->getCastKind() == CK_LValueToRValue)
      Element = Cast->getSubExpr();
  }
  ASTContext &Context = Function.context();
  if (!Element || !Element->isGLValue() || isa<MaterializeTemporaryExpr>(Element) ||
      !Context.hasSameUnqualifiedType(Element->getType(), Var->getType()))
    return std::nullopt;
  if (!ConstUseChecker(Var, Function.parents()).allUsesAreConst(Loop->getBody()))
    return std::nullopt;
  // A reference would see the body's own changes to the range.
  if (modifiesRange(Loop, Access))
    return std::nullopt;

  const SourceManager &SM = Context.getSourceManager();
  CharSourceRange TypeRange =
      CharSourceRange::getCharRange(Var->getBeginLoc(), Var->getLocation());
  bool Invalid = false;
  llvm::StringRef TypeText =
      Lexer::getSourceText(TypeRange, SM, Context.getLangOpts(), &Invalid).rtrim();
  if (Invalid || TypeText.empty() || TypeText.contains('&'))
    return std::nullopt;
  // `const Widget *&` would bind to a different type; a spelled-out pointer
  // type takes its const after the star.
  std::string Replacement;
  if (Var->getType()->isPointerType() && TypeText != "auto")
    Replacement = TypeText.str() + " const& ";
  else
    Replacement = (TypeText.starts_with("const ") ? TypeText.str()
                                                  : "const " + TypeText.str()) +
                  "& ";
  return FindingFix{TypeRange, Replacement};
}

} // namespace

void findRangeLoopAddressEscapes(const FunctionCFG &Function,
                                 const ContainerAccess &Access,
                                 const AnalysisOptions &Options,
                                 std::vector<Finding> &Out) {
  LoopVariableEscapeAnalysis Analysis(Function, Access, Options);
  Analysis.run();
  // One fix per variable, on its first finding: the same edit twice would
  // conflict when applied.
  std::set<const VarDecl *> Fixed;
  for (const LoopEscape &Escape : Analysis.escapes()) {
    const PerIterationVariable &Variable = Escape.Variable;
    std::string Name = Variable.Var->getNameAsString();
    Finding F;
    F.Check = CheckId::RangeLoopAddressEscape;
    F.Loc = Escape.Escaping->getExprLoc();
    F.Message = renderMessage(MessageId::LoopVariableEscape,
                              {valueIndex(Escape.What), Name});
    std::string ElementType =
        Variable.ElementType.isNull()
            ? std::string()
            : Variable.ElementType.getNonReferenceType()
                  .getUnqualifiedType()
                  .getAsString(Function.context().getPrintingPolicy());
    F.Notes.push_back({Variable.Var->getLocation(),
                       renderMessage(MessageId::NotePerIterationVariable,
                                     {reasonIndex(Variable.Reason), Name,
                                      ElementType})});
    F.Notes.push_back({Escape.SinkAt->getBeginLoc(),
                       renderMessage(MessageId::NoteEscapeSink,
                                     {sinkIndex(Escape), Escape.SinkName})});
    if (Fixed.insert(Variable.Var).second)
      if (std::optional<FindingFix> Fix =
              referenceFix(Variable, Function, Access))
        F.Fixes.push_back(std::move(*Fix));
    Out.push_back(std::move(F));
  }
}

} // namespace iterguard
