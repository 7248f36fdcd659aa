//===--- ContainerModel.h - What container operations do --------*- C++ -*-===//
//
// Problem: every check needs to know, for a call on a container, whether it
// hands out an iterator, reference, pointer or view, and which outstanding
// handles it may invalidate. Scattering that knowledge through the checks
// makes it impossible to audit or extend.
//
// Semantics: a container type belongs to one family (SPEC section 5). Each
// family has a table mapping a member function name to an effect on the
// handles that exist when it is called, and to the kind of handle its result
// is. Types are looked up by fully qualified name of the class template (or
// class), seeing through the inline namespaces of libstdc++ (std::__cxx11::)
// and libc++ (std::__1::); a class that is not in the table but derives
// publicly from one that is inherits its entry. Users add types by naming a
// family member they behave like, or by giving an explicit table.
//
// Simplifications: an operation's effect does not depend on its arguments,
// except that erase on node containers only invalidates the erased element,
// which the caller decides by comparing the argument with the handle. Effects
// follow the standard's "may invalidate" wording, not any one implementation.
//
// Rejected alternative: deciding from method names alone ("has push_front so
// it is a deque") misclassifies user types and cannot be audited.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_MODEL_CONTAINERMODEL_H
#define ITERGUARD_MODEL_CONTAINERMODEL_H

#include "clang/AST/Type.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace clang {
class CXXRecordDecl;
} // namespace clang

namespace iterguard {

enum class ContainerFamily {
  Contiguous,     ///< std::vector, std::basic_string, llvm::SmallVector
  Deque,          ///< std::deque
  NodeOrdered,    ///< std::map/set/multi*, std::list, std::forward_list
  NodeHash,       ///< std::unordered_*
  OpenAddressing, ///< absl::flat_hash_*, llvm::DenseMap/DenseSet
};

/// What a call does to the handles (iterators, references, pointers, views)
/// into the container that exist when the call is made.
enum class Effect {
  None,                     ///< Nothing is invalidated.
  InvalidatesAll,           ///< Every iterator, reference, pointer and view.
  InvalidatesAtOrAfter,     ///< Handles at or after the affected position
                            ///< (contiguous erase/pop_back), and end().
  InvalidatesIteratorsOnly, ///< Iterators; references, pointers, views stay.
  InvalidatesErased,        ///< Only handles to the removed element(s).
};

/// The kind of handle a call's result is.
enum class Produces {
  Nothing,
  Iterator,     ///< begin(), find(), insert(pos, x), ...
  IteratorPair, ///< A std::pair whose .first is an iterator: map::insert,
                ///< set::emplace, try_emplace, equal_range.
  Reference,    ///< operator[], at(), front(), back()
  Pointer,      ///< data(), c_str()
};

/// One row of a family's operation table.
struct OperationSpec {
  std::string Method; ///< Member function name, e.g. "push_back", "operator[]".
  /// What the call does to existing handles. The type is qualified because
  /// GCC rejects a member whose name changes the meaning of 'Effect'.
  iterguard::Effect Effect = iterguard::Effect::None;
  Produces Result = Produces::Nothing;
};

struct ContainerSpec {
  /// Normalized fully qualified name, e.g. "std::vector".
  std::string Name;
  ContainerFamily Family;
  /// Methods not listed here have no effect and produce nothing.
  std::vector<OperationSpec> Operations;

  /// The row for Method, or nullptr when Method is not in the table.
  const OperationSpec *operation(llvm::StringRef Method) const;
  Effect effectOf(llvm::StringRef Method) const;
  Produces resultOf(llvm::StringRef Method) const;
};

class ContainerModel {
public:
  /// The model of SPEC section 5: the standard containers plus the shipped
  /// defaults for llvm::SmallVector(Impl), llvm::DenseMap/DenseSet,
  /// absl::flat_hash_map/set and absl::node_hash_map/set.
  static ContainerModel withDefaults();

  /// An empty model (useful for tests).
  ContainerModel() = default;

  /// Looks up a container by qualified name; inline namespaces (__1, __cxx11)
  /// are ignored, so "std::__cxx11::basic_string" finds "std::basic_string".
  const ContainerSpec *lookup(llvm::StringRef QualifiedName) const;

  /// Looks up the container type of T, seeing through references,
  /// cv-qualifiers, typedefs and template specializations, then through
  /// public base classes. Pointers are not seen through.
  const ContainerSpec *lookup(clang::QualType T) const;
  const ContainerSpec *lookup(const clang::CXXRecordDecl *Record) const;

  /// Adds Name as a member of the family of LikeName with a copy of its
  /// operation table. Fails when LikeName is unknown.
  llvm::Error addLike(llvm::StringRef Name, llvm::StringRef LikeName);

  /// Adds (or replaces) an explicitly described container.
  void add(ContainerSpec Spec);

  /// Every entry, sorted by name.
  std::vector<const ContainerSpec *> entries() const;

  /// Removes inline namespace components: "std::__1::vector" -> "std::vector".
  static std::string normalizeName(llvm::StringRef QualifiedName);

private:
  llvm::StringMap<ContainerSpec> Specs;
};

llvm::StringRef familyName(ContainerFamily Family);
llvm::StringRef effectName(Effect E);

/// An operation that adds one element at an end of a sequence or removes
/// the one there.
enum class EndChange { None, PushBack, PushFront, PopBack, PopFront };

/// The end Method changes. The names are those of the standard's sequence
/// requirements, which every family and user table shares, so they are not
/// a column of the tables.
EndChange endChangeOf(llvm::StringRef Method);

/// True when E invalidates a handle of the given kind regardless of its
/// position (the position-dependent effects are decided by the caller).
bool invalidatesReferences(Effect E);
bool invalidatesIterators(Effect E);

} // namespace iterguard

#endif // ITERGUARD_MODEL_CONTAINERMODEL_H
