//===--- FunctionSummaries.h - What calls do to containers --------*- C++ -*-===//
//
// Problem: a loop over `observers_` that calls `unsubscribe()`, which erases
// from `observers_`, invalidates the loop's iterator although no container
// operation is visible in the loop. Seeing it needs to know what each called
// function may do to the containers its caller can name.
//
// Semantics: for every function of the translation unit with a body, the
// summary lists the container operations it may perform on containers
// reachable from its caller: members of its object (`this->items_`), the
// objects behind its reference and pointer parameters, globals, and for a
// lambda the variables it captured by reference. An entry
// is either a container operation in the body or a call to another function
// whose entry maps onto such a container; summaries are propagated over the
// call graph until nothing changes, so chains of any depth are found. At a
// call site an entry is translated into the caller's terms: `this` becomes the
// call's object, a parameter becomes the argument.
//
// Two kinds of operations are left out or qualified (MutationPaths.h): a
// pop_back or pop_front that removes an element the function itself pushed
// earlier on every path is not an entry, since the caller's elements stay;
// an operation after which every path returns `true` is marked as happening
// only when the call returns true, so a caller that branches on the result
// applies it on that branch only. Which pops are the function's own depends
// on whether the calls between may modify the container, so the summaries are
// built twice: the first time to answer that, the second time without the
// function's own pops.
//
// Simplifications: calls through virtual functions, function pointers and
// std::function, and functions without a body, are assumed not to modify
// anything (SPEC section 1). Lambda bodies are summarized on their own, not as
// part of the function that creates them; calling the lambda applies them. A by-value parameter is the
// callee's own copy and never in a summary.
//
// Rejected alternative: inlining callees into the caller's dataflow; it costs
// a CFG walk per call site and still needs a depth bound.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_FUNCTIONSUMMARIES_H
#define ITERGUARD_ANALYSIS_FUNCTIONSUMMARIES_H

#include "Analysis/ContainerAccess.h"
#include "Analysis/ReassignedVariables.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>
#include <vector>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace iterguard {

/// One way a function may modify a container its caller can name.
struct MutationSummary {
  /// The container as named inside the function: rooted at `this`
  /// (Root == nullptr), at a reference or pointer parameter, or at a global.
  ContainerKey Container;
  Effect Invalidation = Effect::None;
  /// The container operation the chain ends in, e.g. "erase".
  std::string Method;
  /// The container call itself, or the call that leads to it.
  const clang::CallExpr *Site = nullptr;
  /// When Site calls another summarized function: the entry of its summary
  /// this one was translated from.
  const clang::FunctionDecl *Callee = nullptr;
  unsigned CalleeEntry = 0;
  /// The parameter that names the erased position, for erase(pos) and
  /// erase(key) where pos or key is a parameter.
  std::optional<unsigned> PositionParam;
  /// For an insert into a unique-key container: the parameter that is the
  /// inserted key, unchanged in the function (KeyPresence.h).
  std::optional<unsigned> KeyParam;
  /// The operation happens only on paths where the function returns true.
  bool OnlyWhenReturnsTrue = false;
};

/// One step of the story from a call site down to the container operation.
struct MutationStep {
  const clang::FunctionDecl *Function = nullptr;
  const MutationSummary *Entry = nullptr;
};

/// A mutation a call performs, translated into the caller's terms.
struct CallMutation {
  ContainerKey Container;
  Effect Invalidation = Effect::None;
  std::string Method;
  /// The argument naming the erased position, or nullptr.
  const clang::Expr *PositionArg = nullptr;
  /// The argument that is the inserted key, or nullptr.
  const clang::Expr *KeyArg = nullptr;
  /// The mutation happens only when the call returns true.
  bool OnlyWhenReturnsTrue = false;
  /// From the called function down to the function doing the operation.
  std::vector<MutationStep> Chain;
};

class FunctionSummaries {
public:
  /// Summarizes Functions (each with a body) to a fixed point.
  FunctionSummaries(llvm::ArrayRef<const clang::FunctionDecl *> Functions,
                    const ContainerTypes &Types);
  ~FunctionSummaries();

  /// The expression classifier of one of the summarized functions.
  const ContainerAccess &accessOf(const clang::FunctionDecl *Function) const;

  llvm::ArrayRef<MutationSummary> of(const clang::FunctionDecl *Function) const;

  /// True when Call reaches a summarized function, so mutationsOf tells all
  /// it may do to the caller's containers.
  bool summarizes(const clang::CallExpr *Call) const;

  /// The container mutations Call may perform, in the terms of the calling
  /// function whose classifier is CallerAccess. Empty for virtual calls and
  /// callees without a summary.
  std::vector<CallMutation> mutationsOf(const clang::CallExpr *Call,
                                        const ContainerAccess &CallerAccess) const;

private:
  struct FunctionInfo;
  const FunctionInfo *infoOf(const clang::FunctionDecl *Function) const;
  void collectAll();
  void propagate();
  bool findOwnElementPops();

  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionInfo>>
      Infos;
  std::vector<const clang::FunctionDecl *> Order;
};

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_FUNCTIONSUMMARIES_H
