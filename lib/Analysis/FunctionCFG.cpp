//===--- FunctionCFG.cpp - One CFG per function, built once -----*- C++ -*-===//

#include "Analysis/FunctionCFG.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace iterguard {

namespace {

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
  // Lock guards release their mutex in their destructor.
  Options.AddImplicitDtors = true;
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

  return Result;
}

int FunctionCFG::orderOf(const CFGBlock *Block) const {
  auto It = OrderIndex.find(Block->getBlockID());
  return It == OrderIndex.end() ? -1 : It->second;
}

const CFGBlock *FunctionCFG::blockOf(const Stmt *S) const {
  return StmtToBlock.lookup(S);
}

const Stmt *FunctionCFG::semanticParent(const Stmt *S) const {
  const Stmt *Parent = Parents->getParent(S);
  while (Parent && (isa<ParenExpr>(Parent) || isa<ImplicitCastExpr>(Parent)))
    Parent = Parents->getParent(Parent);
  return Parent;
}

} // namespace iterguard
