//===--- ReassignedVariables.h - Variables that change after init -*- C++ -*-===//
//
// Problem: a pointer variable initialized with &container is an alias of that
// container only if it keeps pointing there; a key variable names the same map
// key only if it is not changed.
//
// Semantics: a variable counts as reassigned when the body assigns it,
// increments or decrements it, takes its address, binds it to a non-const
// reference (including a non-const reference parameter) or captures it by
// reference in a lambda; passing it to std::make_pair or std::make_tuple,
// which only copy it, does not count. This is syntactic and errs toward
// "reassigned".
// A variable whose only changes are assignments to it by name (`done = true`,
// also `it = m.find(k)` through an overloaded operator=) is also told apart:
// its value at a point is the last value assigned on the path, which the
// flow analyses can follow.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_REASSIGNEDVARIABLES_H
#define ITERGUARD_ANALYSIS_REASSIGNEDVARIABLES_H

#include "llvm/ADT/DenseSet.h"

namespace clang {
class Stmt;
class VarDecl;
} // namespace clang

namespace iterguard {

class ReassignedVariables {
public:
  explicit ReassignedVariables(const clang::Stmt *Body);

  bool isNeverReassigned(const clang::VarDecl *Var) const {
    return !Reassigned.contains(Var);
  }

  /// True when Var changes, if at all, only by assignments that name it.
  bool isChangedOnlyByAssignment(const clang::VarDecl *Var) const {
    return !ChangedIndirectly.contains(Var);
  }

private:
  llvm::DenseSet<const clang::VarDecl *> Reassigned;
  /// The reassigned variables that change other than by a plain assignment.
  llvm::DenseSet<const clang::VarDecl *> ChangedIndirectly;
};

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_REASSIGNEDVARIABLES_H
