//===--- MutationPaths.h - On which paths a function mutates ----*- C++ -*-===//
//
// Problem: a summary that says "f may pop_back on v" or "f may remove from v"
// makes every call of f invalidate the caller's handles. Two common shapes
// do not: a function that pops only the element it pushed itself
// (`v.push_back(x); ... if (failed) v.pop_back();`), and a function that
// removes only on the paths that return `true`, whose callers stop using
// their handles when it does. FunctionSummaries asks these questions of the
// functions it summarizes.
//
// Semantics:
// - popsOfOwnElements: the pop_back and pop_front calls on a container that,
//   on every path reaching them, find at that end an element the function
//   itself pushed there and has not popped since. Counts are kept per
//   container and end by forward dataflow; a join keeps the smaller count.
//   Any other operation that may remove or move elements (erase, clear,
//   swap, splice, ...) and any call whose summary may modify the container
//   forget the count.
// - returnsTrueAfter: every path from a call to the end of the function
//   passes a `return` of a value that is true on that path, and none passes
//   another return, falls off the end or throws out of the function. The
//   value is a constant, or a boolean local that changes only by assignments
//   and whose value the path knows from the branches it took on it and the
//   constants assigned to it (`if (!isPoint) ... else v.remove(x); return
//   isPoint;`).
//
// Simplifications: pushes are counted one element each, only for direct
// container calls; insertions elsewhere in the container keep the count
// (they do not change which elements are at the end it counts). The return
// value is followed only through constants and such boolean locals, not
// through other expressions.
//
// Rejected alternative: applying the callee's operations in source order at
// the call site; without paths, a pop on a branch that did not push would be
// cancelled by a push on another branch.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_MUTATIONPATHS_H
#define ITERGUARD_ANALYSIS_MUTATIONPATHS_H

#include "Analysis/ContainerAccess.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang {
class CallExpr;
} // namespace clang

namespace iterguard {

class FunctionCFG;

/// Whether a call to another function may modify a container, named in the
/// terms of the calling function.
using MayModifyFn =
    llvm::function_ref<bool(const clang::CallExpr *, const ContainerKey &)>;

/// The pop_back and pop_front calls of Function that remove an element
/// Function itself pushed onto that end, on every path reaching them.
llvm::DenseSet<const clang::CallExpr *>
popsOfOwnElements(const FunctionCFG &Function, const ContainerAccess &Access,
                  MayModifyFn MayModify);

/// True when every path from Site (an expression of Function) leaves
/// Function through a `return` of a value that is true on that path.
bool returnsTrueAfter(const FunctionCFG &Function,
                      const ContainerAccess &Access, const clang::Expr *Site);

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_MUTATIONPATHS_H
