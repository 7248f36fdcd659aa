//===--- ContainerAccess.h - Which container an expression names -*- C++ -*-===//
//
// Problem: the analyses must tell, for an expression, which container object
// it denotes (through reference and pointer aliases and member paths) and
// whether a call on it is a container operation from the container model.
//
// Semantics: a container object is named by a ContainerKey: a root variable
// (or `this`) followed by a chain of fields. A reference variable initialized
// from a container, and a pointer variable initialized with its address and
// never reassigned, are aliases and resolve to the key of what they refer to.
// A call is a container call when its object's type is in the container model
// (member functions and member operators) or when it is one of the standard
// free functions that forward to a member (std::begin, std::data, std::erase).
//
// Simplifications: containers reached through function calls (`get().push_back`)
// or array elements have no key and are not tracked. A pointer parameter is
// its own root: it is assumed not to alias any other container.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_CONTAINERACCESS_H
#define ITERGUARD_ANALYSIS_CONTAINERACCESS_H

#include "AnalysisOptions.h"
#include "Model/ContainerModel.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace iterguard {

class ReassignedVariables;

/// Names one container object inside a function body.
struct ContainerKey {
  /// The variable the path starts from; nullptr when it starts at `this`.
  const clang::ValueDecl *Root = nullptr;
  /// Fields walked from Root, outermost first.
  llvm::SmallVector<const clang::FieldDecl *, 2> Fields;

  bool operator==(const ContainerKey &Other) const {
    return Root == Other.Root && Fields == Other.Fields;
  }
  bool operator!=(const ContainerKey &Other) const { return !(*this == Other); }

  /// How the container is spelled in messages: "items", "items_",
  /// "cache.entries", "*list" (a pointer standing for its pointee).
  std::string displayName() const;
  /// How a member call on it is spelled: "items.push_back", "list->erase".
  std::string memberCallName(llvm::StringRef Method) const;
};

/// A call recognised as an operation of the container model.
struct ContainerCall {
  const clang::CallExpr *Call = nullptr;
  ContainerKey Container;
  const ContainerSpec *Spec = nullptr;
  std::string Method;
  Effect Invalidation = Effect::None;
  Produces Result = Produces::Nothing;
  /// The first argument after the object (the position of erase(pos)).
  const clang::Expr *FirstArg = nullptr;
};

/// Container-model lookups for one translation unit, cached per record type
/// because the same few types are asked about thousands of times.
class ContainerTypes {
public:
  explicit ContainerTypes(const AnalysisOptions &Options);

  /// The container spec of T (references and cv stripped), or nullptr.
  const ContainerSpec *specOf(clang::QualType T) const;
  /// True when T is one of the configured view class templates.
  bool isView(clang::QualType T) const;

private:
  const AnalysisOptions &Options;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, const ContainerSpec *>
      SpecCache;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, bool> ViewCache;
};

/// Classifies expressions of one function.
class ContainerAccess {
public:
  ContainerAccess(const ContainerTypes &Types,
                  const ReassignedVariables &Reassigned)
      : Types(Types), Reassigned(Reassigned) {}

  /// The container object E denotes, if it is one and has a key.
  std::optional<ContainerKey> containerOf(const clang::Expr *E) const;

  /// The object Object denotes, dereferencing it when it is a pointer; the
  /// object need not be a container (it may be the owner of one).
  std::optional<ContainerKey> objectKey(const clang::Expr *Object) const;

  /// The object a pointer data member points to, named by the member's own
  /// path (`handle->mu` for `*handle->mu`): the same while the member is not
  /// reseated, which the caller must be able to assume.
  std::optional<ContainerKey> pointeeOfMember(const clang::Expr *E) const;

  /// The container call E is, if any.
  std::optional<ContainerCall> asContainerCall(const clang::Expr *E) const;

  const ContainerTypes &types() const { return Types; }
  const ReassignedVariables &reassigned() const { return Reassigned; }

private:
  std::optional<ContainerKey> keyOfPath(const clang::Expr *E,
                                        unsigned Depth) const;
  std::optional<ContainerKey> keyOfPointee(const clang::Expr *Pointer,
                                           unsigned Depth) const;

  const ContainerTypes &Types;
  const ReassignedVariables &Reassigned;
};

/// Strips parentheses, no-op casts, temporaries and cleanups, which never
/// change which object or handle an expression denotes.
const clang::Expr *ignoreTransparent(const clang::Expr *E);

/// The variable E names (through parentheses and implicit casts), if any.
const clang::VarDecl *referencedVar(const clang::Expr *E);

/// The definition of Function with a body in the translation unit, if any.
const clang::FunctionDecl *definitionOf(const clang::FunctionDecl *Function);

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_CONTAINERACCESS_H
