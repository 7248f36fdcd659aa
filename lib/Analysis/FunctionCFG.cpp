//===--- FunctionCFG.cpp - One CFG per function, built once -----*- C++ -*-===//

#include "Analysis/FunctionCFG.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtVisitor.h"

using namespace clang;

namespace iterguard {

namespace {

const VarDecl *referencedVar(const Expr *E) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

bool isNonConstLValueReference(QualType T) {
  return T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified();
}

/// Collects variables that may hold a different value than their initializer
/// somewhere in a body.
class ReassignmentCollector : public ConstStmtVisitor<ReassignmentCollector> {
public:
  explicit ReassignmentCollector(llvm::DenseSet<const VarDecl *> &Out)
      : Out(Out) {}

  void walk(const Stmt *S) {
    if (!S)
      return;
    Visit(S);
    for (const Stmt *Child : S->children())
      walk(Child);
  }

  void VisitBinaryOperator(const BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      mark(Op->getLHS());
  }
  void VisitUnaryOperator(const UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp() || Op->getOpcode() == UO_AddrOf)
      mark(Op->getSubExpr());
  }
  void VisitCXXOperatorCallExpr(const CXXOperatorCallExpr *Call) {
    if (Call->getNumArgs() == 0)
      return;
    OverloadedOperatorKind Kind = Call->getOperator();
    if (Call->isAssignmentOp() || Kind == OO_PlusPlus || Kind == OO_MinusMinus ||
        Kind == OO_Amp)
      mark(Call->getArg(0));
  }
  void VisitCallExpr(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
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
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          Out.insert(Var);
  }

private:
  void mark(const Expr *E) {
    if (const VarDecl *Var = referencedVar(E))
      Out.insert(Var);
  }

  llvm::DenseSet<const VarDecl *> &Out;
};

/// Reverse post-order of the blocks reachable from the entry. Clang's CFG
/// keeps pruned edges as null successors, which the generic LLVM graph walks
/// do not expect, so the depth-first search is written out here.
std::vector<const CFGBlock *> reversePostOrderOf(const CFG &Graph) {
  std::vector<const CFGBlock *> PostOrder;
  std::vector<bool> Seen(Graph.getNumBlockIDs(), false);
  using Frame = std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>;
  std::vector<Frame> Stack;
  const CFGBlock *Entry = &Graph.getEntry();
  Seen[Entry->getBlockID()] = true;
  Stack.push_back({Entry, Entry->succ_begin()});
  while (!Stack.empty()) {
    auto &[Block, Next] = Stack.back();
    if (Next == Block->succ_end()) {
      PostOrder.push_back(Block);
      Stack.pop_back();
      continue;
    }
    const CFGBlock *Succ = Next->getReachableBlock();
    ++Next;
    if (Succ && !Seen[Succ->getBlockID()]) {
      Seen[Succ->getBlockID()] = true;
      Stack.push_back({Succ, Succ->succ_begin()});
    }
  }
  return std::vector<const CFGBlock *>(PostOrder.rbegin(), PostOrder.rend());
}

} // namespace

std::unique_ptr<FunctionCFG> FunctionCFG::build(const FunctionDecl *Function,
                                                ASTContext &Context) {
  Stmt *Body = Function->getBody();
  if (!Body)
    return nullptr;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.AddCXXDefaultInitExprInCtors = true;
  std::unique_ptr<FunctionCFG> Result(new FunctionCFG(Function, Context));
  Result->Graph = CFG::buildCFG(Function, Body, &Context, Options);
  if (!Result->Graph)
    return nullptr;
  Result->Parents = std::make_unique<ParentMap>(Body);

  const CFG *Graph = Result->Graph.get();
  Result->Order = reversePostOrderOf(*Graph);
  for (size_t I = 0; I < Result->Order.size(); ++I)
    Result->OrderIndex[Result->Order[I]->getBlockID()] = I;
  for (const CFGBlock *Block : *Graph)
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        Result->StmtToBlock.try_emplace(S->getStmt(), Block);

  ReassignmentCollector(Result->Reassigned).walk(Body);
  return Result;
}

int FunctionCFG::orderOf(const CFGBlock *Block) const {
  auto It = OrderIndex.find(Block->getBlockID());
  return It == OrderIndex.end() ? -1 : It->second;
}

const CFGBlock *FunctionCFG::blockOf(const Stmt *S) const {
  return StmtToBlock.lookup(S);
}

bool FunctionCFG::isNeverReassigned(const VarDecl *Var) const {
  return !Reassigned.contains(Var);
}

const Stmt *FunctionCFG::semanticParent(const Stmt *S) const {
  const Stmt *Parent = Parents->getParent(S);
  while (Parent && (isa<ParenExpr>(Parent) || isa<ImplicitCastExpr>(Parent)))
    Parent = Parents->getParent(Parent);
  return Parent;
}

} // namespace iterguard
