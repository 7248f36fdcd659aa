//===--- BranchConditions.h - The shape of a branch condition ----*- C++ -*-===//
//
// Analyses that learn facts on the edges of a two-way branch need to see
// through `!` and to read `a == b` / `a != b` whichever way the comparison
// is spelled: the built-in operator, an overloaded one (a member or a hidden
// friend), or one rewritten from `==` in C++20.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_BRANCHCONDITIONS_H
#define ITERGUARD_ANALYSIS_BRANCHCONDITIONS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include <optional>

namespace iterguard {

/// E without parentheses, implicit casts and logical negations; Negated is
/// flipped once per negation removed.
inline const clang::Expr *withoutNegations(const clang::Expr *E,
                                           bool &Negated) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    const auto *Not = llvm::dyn_cast<clang::UnaryOperator>(E);
    if (!Not || Not->getOpcode() != clang::UO_LNot)
      break;
    Negated = !Negated;
    E = Not->getSubExpr();
  }
  return E;
}

/// The operands of `a == b` or `a != b`.
struct EqualityTest {
  const clang::Expr *Left = nullptr;
  const clang::Expr *Right = nullptr;
  bool IsEqual = true;
};

inline std::optional<EqualityTest> asEqualityTest(const clang::Expr *E) {
  using namespace clang;
  if (const auto *Rewritten = dyn_cast_or_null<CXXRewrittenBinaryOperator>(E)) {
    CXXRewrittenBinaryOperator::DecomposedForm Form =
        Rewritten->getDecomposedForm();
    if (Form.Opcode != BO_EQ && Form.Opcode != BO_NE)
      return std::nullopt;
    return EqualityTest{Form.LHS, Form.RHS, Form.Opcode == BO_EQ};
  }
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(E)) {
    if (!Binary->isEqualityOp())
      return std::nullopt;
    return EqualityTest{Binary->getLHS(), Binary->getRHS(),
                        Binary->getOpcode() == BO_EQ};
  }
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind Kind = Operator->getOperator();
    if ((Kind != OO_EqualEqual && Kind != OO_ExclaimEqual) ||
        Operator->getNumArgs() != 2)
      return std::nullopt;
    return EqualityTest{Operator->getArg(0), Operator->getArg(1),
                        Kind == OO_EqualEqual};
  }
  return std::nullopt;
}

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_BRANCHCONDITIONS_H
