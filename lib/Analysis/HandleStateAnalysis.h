//===--- HandleStateAnalysis.h - Which handles may be stale -------*- C++ -*-===//
//
// Problem: an iterator, element reference, element pointer or view obtained
// from a container must not be used after an operation on that container may
// have invalidated it. Whether it may have is a property of paths, so it is
// computed by forward dataflow over the function's CFG.
//
// Semantics: a handle is a local variable whose value came from a container
// (begin(), find(), v[i], &v[i], data(), a string_view of a string, the hidden
// iterators of a range-for loop) or from another handle (copies, ++, std::next,
// *it, it->member). Each handle is Valid, Invalidated (with the calls that may
// have invalidated it) or Reported. A container call invalidates the handles
// of that container according to its effect in the container model; the handle
// passed as the position of erase() and its copies are invalidated by
// position-dependent effects. Assigning a fresh value revives a handle. A
// use is any evaluated reference to the handle other than being assigned to;
// the first use of an invalidated handle along a path is a stale use, after
// which the handle counts as Reported so one mistake yields one finding.
// States meet by union at joins, so "may be invalidated on some path" counts.
// Each invalidation remembers the branch facts on unchanged boolean variables
// under which it happened (`if (grow) v.push_back(x)`); a use on a path whose
// facts contradict them (`if (!grow) *it`) is on a mutually exclusive path and
// is not stale.
//
// Handles are local variables, fields of local aggregates initialized or
// assigned field by field, and lambda captures: running a closure (calling it
// or passing it to a function) uses the handles it copied and the variables it
// captured by reference.
//
// A local copy of an element, or of part of one such as a map key, is not a
// handle but remembers its element, so erase(copy) is known to erase it
// (`for (auto x : s) s.erase(x)`).
//
// Simplifications: a handle copied into a container, a non-local object or
// through a constructor is no longer followed; positions are only
// known for handles derived by copying, so erase(pos) invalidates copies of
// pos and end() iterators but not an unrelated iterator that happens to point
// at the same element. A call to another function acts through its summary
// (FunctionSummaries.h); without one it is assumed not to touch the container.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_HANDLESTATEANALYSIS_H
#define ITERGUARD_ANALYSIS_HANDLESTATEANALYSIS_H

#include "Analysis/ContainerAccess.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <vector>

namespace clang {
class CXXForRangeStmt;
class VarDecl;
} // namespace clang

namespace iterguard {

class FunctionCFG;
class FunctionSummaries;

enum class HandleKind { Iterator, Reference, Pointer, View };

/// A use of a handle that may have been invalidated.
struct StaleUse {
  /// The variable holding the handle, or the object (struct, closure) whose
  /// field holds it.
  const clang::VarDecl *Handle = nullptr;
  /// How the handle is named: "it", "cursor.pos", or the name of the
  /// variable a lambda captured.
  std::string Name;
  HandleKind Kind = HandleKind::Iterator;
  ContainerKey Container;
  /// The expression that uses the stale handle.
  const clang::Expr *Use = nullptr;
  /// The expression the handle got its current value from.
  const clang::Expr *Origin = nullptr;
  /// Calls that may have invalidated the handle, in source order.
  llvm::SmallVector<const clang::CallExpr *, 2> Causes;
  /// Set when Handle is a hidden iterator of this range-for loop.
  const clang::CXXForRangeStmt *RangeLoop = nullptr;
};

enum class HandleStatus { Untracked, Valid, Invalidated };

class HandleStateAnalysis {
public:
  /// Summaries, when given, make calls to functions of the translation unit
  /// apply the container operations those functions perform.
  HandleStateAnalysis(const FunctionCFG &Function, const ContainerAccess &Access,
                      const FunctionSummaries *Summaries = nullptr);
  ~HandleStateAnalysis();

  /// Computes the fixpoint and the stale uses. Call once.
  void run();

  /// Stale uses in CFG order.
  llvm::ArrayRef<StaleUse> staleUses() const { return Uses; }

  /// The status of Handle just before Point is evaluated, and the calls that
  /// may have invalidated it. Point must be an expression of the function.
  HandleStatus statusBefore(const clang::VarDecl *Handle,
                            const clang::Stmt *Point,
                            llvm::SmallVectorImpl<const clang::CallExpr *>
                                *Causes = nullptr) const;

private:
  struct Impl;
  std::unique_ptr<Impl> State;
  std::vector<StaleUse> Uses;
};

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_HANDLESTATEANALYSIS_H
