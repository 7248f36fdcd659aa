//===--- BooleanFacts.h - Truth values of bool locals on a path -*- C++ -*-===//
//
// Both the handle-state dataflow and the mutation-path queries learn the
// values of unchanged bool locals from the branches a path takes, and keep at
// a join only what both paths agree on.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_BOOLEANFACTS_H
#define ITERGUARD_ANALYSIS_BOOLEANFACTS_H

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <utility>

namespace clang {
class VarDecl;
} // namespace clang

namespace iterguard {

/// Known truth values of bool variables, one entry per variable.
using BooleanFacts =
    llvm::SmallVector<std::pair<const clang::VarDecl *, bool>, 2>;

/// The facts both sets hold, in A's order: what is known on either of two
/// paths.
inline BooleanFacts commonFacts(const BooleanFacts &A, const BooleanFacts &B) {
  BooleanFacts Common;
  for (const auto &Fact : A)
    if (llvm::is_contained(B, Fact))
      Common.push_back(Fact);
  return Common;
}

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_BOOLEANFACTS_H
