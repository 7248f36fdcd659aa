//===--- KeyPresence.h - Keys known to be in a map or set ---------*- C++ -*-===//
//
// Problem: an insert into a unique-key associative container whose key is
// already there inserts nothing: `m[k]` after `m.find(k) != m.end()` only
// reads, and an unordered container does not rehash. Without knowing that,
// such an operator[] looks like a write and such an insert like a possible
// rehash that invalidates every iterator.
//
// Semantics: a forward must-analysis over the function's CFG of facts "key
// k is in container c". The key is named structurally, like a container: a
// local variable or parameter followed by fields (`k`, `stat.first`,
// `e->id`). Facts are gained
//   - on the edge a lookup proves the key present: the true edge of
//     `c.find(k) != c.end()` (the false edge of `==`), also through an
//     iterator variable `it = c.find(k)` compared with `c.end()` later, and
//     the true edge of `c.count(k)` and `c.contains(k)`;
//   - after an operation that leaves the key in the container: insert,
//     emplace, try_emplace, insert_or_assign, operator[] and at (which
//     throws otherwise).
// Facts are lost
//   - on the container: any non-const operation that may remove keys or
//     replace the contents (erase, clear, extract, swap, assignment, a
//     container passed mutably to another call, std::move of it); a call of
//     a summarized function whose summary may remove from it; a call of an
//     unsummarized function that gets the container (or an object holding
//     it) by non-const reference or pointer, or as the object of a
//     non-const member function. Inserts never lose a fact.
//   - on the key: an assignment to, or change of, its variable or a part of
//     it, its declaration running again (a loop-local key), and, for a key
//     that calls could change behind the analysis' back (through a pointer
//     or a non-const reference, unless its type is const), any call.
// Only unique-key associative containers (those whose insert reports
// whether it inserted: map, set, their unordered and open-addressing kin)
// get facts; a multimap insert always inserts.
//
// Simplifications: a key variable is followed only when every change to
// it is an assignment that names it (ReassignedVariables), so a key whose
// address escapes, or that is passed by non-const or forwarding reference
// (emplace(k, v) with a non-const k), is never known. Conversions between the key expression
// and the key type are not seen through, except copies. A swap inside a
// summarized callee is not in its summary (it invalidates nothing) and is
// not seen.
//
// Rejected alternative: matching the textual pattern `if (c.find(k) !=
// c.end()) ... c[k]` in the AST; it cannot tell an erase or a changed key
// between the lookup and the use.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_KEYPRESENCE_H
#define ITERGUARD_ANALYSIS_KEYPRESENCE_H

#include "Analysis/ContainerAccess.h"
#include "llvm/ADT/ArrayRef.h"
#include <memory>
#include <optional>

namespace clang {
class FunctionDecl;
class Stmt;
} // namespace clang

namespace iterguard {

class FunctionCFG;
class FunctionSummaries;
struct CallMutation;

/// True for associative containers with unique keys: an insert of a key
/// that is present inserts nothing (and so never rehashes).
bool hasUniqueKeys(const ContainerSpec &Spec);

/// The key an insert-family call on a unique-key container puts in it
/// (`m[k]`, `m.insert({k, v})`, `s.insert(k)`, `m.try_emplace(k, v)`), or
/// nullptr.
const clang::Expr *insertedKeyOf(const ContainerCall &Call);

/// True when Method leaves every key of an associative container in place:
/// lookups and inserts.
bool keepsEveryKey(llvm::StringRef Method);

/// The parameter of Function that Key names, when Function never changes it
/// and its value cannot change through it, so it is still the caller's
/// argument wherever Function uses it.
std::optional<unsigned> unchangedKeyParameter(const clang::Expr *Key,
                                              const clang::FunctionDecl *Function,
                                              const ContainerAccess &Access);

class KeyPresence {
public:
  /// Summaries, when given, decide what calls to summarized functions may
  /// remove; other calls are judged by how they get the container.
  KeyPresence(const FunctionCFG &Function, const ContainerAccess &Access,
              const FunctionSummaries *Summaries = nullptr);
  ~KeyPresence();

  /// True when, on every path, Key is a key of Container just before Point
  /// (an expression of the function) is evaluated.
  bool isKnownPresentBefore(const ContainerKey &Container,
                            const clang::Expr *Key,
                            const clang::Stmt *Point) const;

  /// True when Call, a direct container call, inserts a key that is known
  /// to be there, so it inserts nothing.
  bool insertsPresentKey(const ContainerCall &Call) const;

  /// True when Mutation, one of the mutations All that Call performs through
  /// its callee's summary, inserts a key the caller knows is there, and
  /// nothing in All may remove it from that container first.
  bool insertsPresentKey(const CallMutation &Mutation,
                         llvm::ArrayRef<CallMutation> All,
                         const clang::CallExpr *Call) const;

private:
  struct Impl;
  std::unique_ptr<Impl> Data;
};

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_KEYPRESENCE_H
