//===--- LoopVariableEscape.h - Per-iteration storage that escapes -*- C++ -*-===//
//
// Problem: `for (auto name : names) ptrs.push_back(&name);` stores the address
// of a copy that dies at the end of each iteration. The same happens through
// derived pointers and views (name.data(), std::string_view(name)), through a
// lambda capturing the variable by reference that runs later or on another
// thread, and through a local pointer that is stored away afterwards.
//
// Semantics: a range-for variable is per-iteration storage when it is
// declared by value, or when it is a reference bound to a temporary created
// each iteration (a converting `const std::pair<std::string, int>&` over a
// map, `auto&&` over std::vector<bool>). Its address, a reference to it, a
// view of it, std::ref of it and a closure capturing it by reference are
// "tainted" values. Forward dataflow over the function's CFG follows them
// through local variables declared inside the iteration (assignments kill);
// a tainted value escapes when it is
//   - stored in a variable or member of this object that still holds it when
//     the iteration ends (a later store of something else cancels it);
//   - stored in a global, static, out-parameter or
//     container that outlives the iteration (including a view-typed or
//     pointer-typed container element constructed in place from the
//     variable, as in views.emplace_back(name));
//   - returned or thrown;
//   - given to std::thread (unless that thread object is local to the
//     iteration and joined in it), std::async (unless the future is local to
//     the iteration and waited on in it, or discarded, which waits), a
//     detached thread, or a configured executor function (post, submit, ...).
// A std::jthread local to the iteration joins at its end and is safe.
//
// Simplifications: whether a thread is joined or a future waited on is
// decided by the presence of the call in the loop body, not by paths.
// Calls to other functions are assumed not to store what they are given.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_LOOPVARIABLEESCAPE_H
#define ITERGUARD_ANALYSIS_LOOPVARIABLEESCAPE_H

#include "AnalysisOptions.h"
#include "Analysis/ContainerAccess.h"
#include "clang/AST/StmtCXX.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace iterguard {

class FunctionCFG;

/// Why a range-for variable is fresh storage in each iteration.
enum class PerIterationReason {
  Copy,                ///< declared by value
  ConvertedTemporary,  ///< a reference bound to a conversion of the element
  ProxyTemporary,      ///< a reference bound to what operator* returns by value
};

struct PerIterationVariable {
  const clang::CXXForRangeStmt *Loop = nullptr;
  const clang::VarDecl *Var = nullptr;
  PerIterationReason Reason = PerIterationReason::Copy;
  /// The element type converted from, for ConvertedTemporary.
  clang::QualType ElementType;
};

/// The loop variable of Loop if it is per-iteration storage.
std::optional<PerIterationVariable>
perIterationVariable(const clang::CXXForRangeStmt *Loop);

/// What escapes.
enum class EscapingValue { Address, Reference, View, ByReferenceCapture };

/// Where it goes.
enum class EscapeSink {
  Stored,    ///< a variable, member, global or container outliving the loop
  Returned,
  Thrown,
  Thread,    ///< a std::thread not joined in the iteration, or detached
  Async,     ///< std::async whose result is not waited on in the iteration
  Executor,  ///< a configured executor function
};

struct LoopEscape {
  PerIterationVariable Variable;
  EscapingValue What = EscapingValue::Address;
  /// The expression that makes the tainted value (&x, [&], x.data()).
  const clang::Expr *Escaping = nullptr;
  EscapeSink Sink = EscapeSink::Stored;
  /// Where it is stored, returned or run.
  const clang::Stmt *SinkAt = nullptr;
  /// The storage or function it goes to ("ptrs", "pool.post"); may be empty.
  std::string SinkName;
};

class LoopVariableEscapeAnalysis {
public:
  LoopVariableEscapeAnalysis(const FunctionCFG &Function,
                             const ContainerAccess &Access,
                             const AnalysisOptions &Options);
  ~LoopVariableEscapeAnalysis();

  /// Runs the dataflow; escapes come out in CFG order, each once.
  void run();
  llvm::ArrayRef<LoopEscape> escapes() const { return Escapes; }

private:
  struct Impl;
  std::unique_ptr<Impl> State;
  std::vector<LoopEscape> Escapes;
};

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_LOOPVARIABLEESCAPE_H
