//===--- ReassignedVariables.cpp - Variables that change after init -------===//

#include "Analysis/ReassignedVariables.h"
#include "Analysis/ContainerAccess.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace iterguard {

namespace {

bool isNonConstLValueReference(QualType T) {
  return T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified();
}

/// std::make_pair and std::make_tuple take forwarding references but only
/// copy (or move from an rvalue) what they get into the decayed element
/// types, so an lvalue argument stays as it was.
bool storesDecayedCopies(const FunctionDecl *Callee) {
  return Callee->isInStdNamespace() && Callee->getIdentifier() &&
         llvm::is_contained({"make_pair", "make_tuple"}, Callee->getName());
}

/// Collects variables that may hold a different value than their initializer
/// somewhere in a body.
class ReassignmentCollector : public ConstStmtVisitor<ReassignmentCollector> {
public:
  ReassignmentCollector(llvm::DenseSet<const VarDecl *> &Out,
                        llvm::DenseSet<const VarDecl *> &Indirect)
      : Out(Out), Indirect(Indirect) {}

  void walk(const Stmt *S) {
    if (!S)
      return;
    Visit(S);
    for (const Stmt *Child : S->children())
      walk(Child);
  }

  void VisitBinaryOperator(const BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      if (const VarDecl *Var = referencedVar(Op->getLHS()))
        Out.insert(Var);
  }
  void VisitUnaryOperator(const UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp() || Op->getOpcode() == UO_AddrOf)
      mark(Op->getSubExpr());
  }
  void VisitCXXOperatorCallExpr(const CXXOperatorCallExpr *Call) {
    if (Call->getNumArgs() == 0)
      return;
    OverloadedOperatorKind Kind = Call->getOperator();
    if (Call->isAssignmentOp()) {
      // `it = next`: an assignment that names the variable, as for a scalar.
      if (const VarDecl *Var = referencedVar(Call->getArg(0)))
        Out.insert(Var);
    } else if (Kind == OO_PlusPlus || Kind == OO_MinusMinus || Kind == OO_Amp) {
      mark(Call->getArg(0));
    }
  }
  void VisitCallExpr(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || storesDecayedCopies(Callee))
      return;
    // Operator calls on members have the object as an extra first argument.
    unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee);
    for (unsigned I = Shift, E = Call->getNumArgs(); I < E; ++I) {
      unsigned Param = I - Shift;
      if (Param < Callee->getNumParams() &&
          isNonConstLValueReference(Callee->getParamDecl(Param)->getType()))
        mark(Call->getArg(I));
    }
  }
  void VisitDeclStmt(const DeclStmt *DS) {
    for (const Decl *D : DS->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        if (Var->getInit() && isNonConstLValueReference(Var->getType()))
          mark(Var->getInit());
  }
  void VisitLambdaExpr(const LambdaExpr *Lambda) {
    // A by-reference capture may be written through inside the lambda.
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar())) {
          Out.insert(Var);
          Indirect.insert(Var);
        }
  }

private:
  void mark(const Expr *E) {
    if (const VarDecl *Var = referencedVar(E)) {
      Out.insert(Var);
      Indirect.insert(Var);
    }
  }

  llvm::DenseSet<const VarDecl *> &Out;
  llvm::DenseSet<const VarDecl *> &Indirect;
};

} // namespace

ReassignedVariables::ReassignedVariables(const Stmt *Body) {
  ReassignmentCollector(Reassigned, ChangedIndirectly).walk(Body);
}

} // namespace iterguard
