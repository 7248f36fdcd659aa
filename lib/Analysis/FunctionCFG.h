//===--- FunctionCFG.h - One CFG per function, built once ---------*- C++ -*-===//
//
// Problem: every flow-sensitive analysis of a function needs the same CFG,
// a parent map and an iteration order; rebuilding them per handle or per
// matched statement makes the analysis quadratic.
//
// Semantics: the CFG is built with every expression as its own element, in
// evaluation order, so a transfer function sees a use of a variable before the
// call that consumes it. Blocks are offered in reverse post-order, which makes
// a forward worklist converge in few passes.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_FUNCTIONCFG_H
#define ITERGUARD_ANALYSIS_FUNCTIONCFG_H

#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace iterguard {

class FunctionCFG {
public:
  /// Returns nullptr when Clang cannot build a CFG for the body (for example
  /// after errors); such functions are skipped.
  static std::unique_ptr<FunctionCFG> build(const clang::FunctionDecl *Function,
                                            clang::ASTContext &Context);

  const clang::FunctionDecl *function() const { return Function; }
  const clang::CFG &cfg() const { return *Graph; }
  const clang::ParentMap &parents() const { return *Parents; }
  clang::ASTContext &context() const { return Context; }

  /// Reachable blocks in reverse post-order, entry first.
  llvm::ArrayRef<const clang::CFGBlock *> reversePostOrder() const {
    return Order;
  }
  /// Position of a block in reversePostOrder(), or -1 when unreachable.
  int orderOf(const clang::CFGBlock *Block) const;

  /// The block whose elements contain S, or nullptr.
  const clang::CFGBlock *blockOf(const clang::Stmt *S) const;

  /// The parent of S with parentheses and implicit casts skipped.
  const clang::Stmt *semanticParent(const clang::Stmt *S) const;

private:
  FunctionCFG(const clang::FunctionDecl *Function, clang::ASTContext &Context)
      : Function(Function), Context(Context) {}

  const clang::FunctionDecl *Function;
  clang::ASTContext &Context;
  std::unique_ptr<clang::CFG> Graph;
  std::unique_ptr<clang::ParentMap> Parents;
  std::vector<const clang::CFGBlock *> Order;
  llvm::DenseMap<unsigned, int> OrderIndex;
  llvm::DenseMap<const clang::Stmt *, const clang::CFGBlock *> StmtToBlock;
};

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_FUNCTIONCFG_H
