//===--- ContainerModel.cpp - What container operations do -----*- C++ -*-===//
//
// The defaults of SPEC section 5 are data: one operation table per family and
// the list of types in each family. A few types in a family return something
// else from the same call (multimap::insert returns an iterator where
// map::insert returns a pair); they carry a short list of result overrides
// instead of a table of their own, so the effects stay defined in one place.
//
//===----------------------------------------------------------------------===//

#include "Model/ContainerModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/PrettyPrinter.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

using namespace clang;

namespace iterguard {
namespace {

struct OperationRow {
  const char *Method;
  iterguard::Effect Effect;
  Produces Result;
};

/// Replaces the result of one row of the family table for one type.
struct ResultOverride {
  const char *Method;
  Produces Result;
};

struct TypeRow {
  const char *Name;
  ContainerFamily Family;
  llvm::ArrayRef<ResultOverride> Overrides;
};

// Short names so that every row of a table fits on one line.
constexpr Effect NoEffect = Effect::None;
constexpr Effect All = Effect::InvalidatesAll;
constexpr Effect AtOrAfter = Effect::InvalidatesAtOrAfter;
constexpr Effect ItersOnly = Effect::InvalidatesIteratorsOnly;
constexpr Effect Erased = Effect::InvalidatesErased;
constexpr Produces NoResult = Produces::Nothing;
constexpr Produces Iter = Produces::Iterator;
constexpr Produces Pair = Produces::IteratorPair;
constexpr Produces Ref = Produces::Reference;
constexpr Produces Ptr = Produces::Pointer;

// One buffer: growth may reallocate it, removal shifts the tail. find is not
// listed because basic_string::find returns an index, not an iterator.
// basic_string::swap is listed as harmless although a short string's buffer
// moves with it: precision first.
constexpr OperationRow ContiguousOps[] = {
    {"append", All, NoResult},
    {"append_range", All, NoResult},
    {"assign", All, NoResult},
    {"assign_range", All, NoResult},
    {"at", NoEffect, Ref},
    {"back", NoEffect, Ref},
    {"begin", NoEffect, Iter},
    {"c_str", NoEffect, Ptr},
    {"cbegin", NoEffect, Iter},
    {"cend", NoEffect, Iter},
    {"clear", All, NoResult},
    {"crbegin", NoEffect, Iter},
    {"crend", NoEffect, Iter},
    {"data", NoEffect, Ptr},
    {"emplace", All, Iter},
    {"emplace_back", All, Ref},
    {"end", NoEffect, Iter},
    {"erase", AtOrAfter, Iter},
    {"front", NoEffect, Ref},
    {"insert", All, Iter},
    {"insert_range", All, Iter},
    {"operator+=", All, NoResult},
    {"operator=", All, NoResult},
    {"operator[]", NoEffect, Ref},
    {"pop_back", AtOrAfter, NoResult},
    {"pop_back_n", AtOrAfter, NoResult},   // llvm::SmallVector
    {"pop_back_val", AtOrAfter, NoResult}, // llvm::SmallVector
    {"push_back", All, NoResult},
    {"rbegin", NoEffect, Iter},
    {"rend", NoEffect, Iter},
    {"replace", All, NoResult},
    {"reserve", All, NoResult},
    {"resize", All, NoResult},
    {"resize_and_overwrite", All, NoResult},
    {"resize_for_overwrite", All, NoResult}, // llvm::SmallVector
    {"shrink_to_fit", All, NoResult},
    {"swap", NoEffect, NoResult},
    {"truncate", AtOrAfter, NoResult}, // llvm::SmallVector
};

// Growing at either end allocates a new block and rebuilds the block map, so
// iterators die but elements stay put. erase counts as "in the middle"
// because the position is not known here.
constexpr OperationRow DequeOps[] = {
    {"append_range", ItersOnly, NoResult},
    {"assign", All, NoResult},
    {"assign_range", All, NoResult},
    {"at", NoEffect, Ref},
    {"back", NoEffect, Ref},
    {"begin", NoEffect, Iter},
    {"cbegin", NoEffect, Iter},
    {"cend", NoEffect, Iter},
    {"clear", All, NoResult},
    {"crbegin", NoEffect, Iter},
    {"crend", NoEffect, Iter},
    {"emplace", All, Iter},
    {"emplace_back", ItersOnly, Ref},
    {"emplace_front", ItersOnly, Ref},
    {"end", NoEffect, Iter},
    {"erase", All, Iter},
    {"front", NoEffect, Ref},
    {"insert", All, Iter},
    {"insert_range", All, Iter},
    {"operator=", All, NoResult},
    {"operator[]", NoEffect, Ref},
    {"pop_back", Erased, NoResult},
    {"pop_front", Erased, NoResult},
    {"prepend_range", ItersOnly, NoResult},
    {"push_back", ItersOnly, NoResult},
    {"push_front", ItersOnly, NoResult},
    {"rbegin", NoEffect, Iter},
    {"rend", NoEffect, Iter},
    {"resize", All, NoResult},
    {"shrink_to_fit", All, NoResult},
    {"swap", NoEffect, NoResult},
};

// Every element is its own node: insertion and relinking never move one, and
// removal only frees the removed nodes. list::resize may remove the tail.
// Results are those of map/set; lists and multi-key containers override them.
constexpr OperationRow NodeOrderedOps[] = {
    {"assign", All, NoResult},
    {"at", NoEffect, Ref},
    {"back", NoEffect, Ref},
    {"before_begin", NoEffect, Iter},
    {"begin", NoEffect, Iter},
    {"cbefore_begin", NoEffect, Iter},
    {"cbegin", NoEffect, Iter},
    {"cend", NoEffect, Iter},
    {"clear", All, NoResult},
    {"crbegin", NoEffect, Iter},
    {"crend", NoEffect, Iter},
    {"emplace", NoEffect, Pair},
    {"emplace_after", NoEffect, Iter},
    {"emplace_back", NoEffect, Ref},
    {"emplace_front", NoEffect, Ref},
    {"emplace_hint", NoEffect, Iter},
    {"end", NoEffect, Iter},
    {"equal_range", NoEffect, Pair},
    {"erase", Erased, Iter},
    {"erase_after", Erased, Iter},
    {"extract", Erased, NoResult},
    {"find", NoEffect, Iter},
    {"front", NoEffect, Ref},
    {"insert", NoEffect, Pair},
    {"insert_after", NoEffect, Iter},
    {"insert_or_assign", NoEffect, Pair},
    {"lower_bound", NoEffect, Iter},
    {"merge", NoEffect, NoResult},
    {"operator=", All, NoResult},
    {"operator[]", NoEffect, Ref},
    {"pop_back", Erased, NoResult},
    {"pop_front", Erased, NoResult},
    {"push_back", NoEffect, NoResult},
    {"push_front", NoEffect, NoResult},
    {"rbegin", NoEffect, Iter},
    {"remove", Erased, NoResult},
    {"remove_if", Erased, NoResult},
    {"rend", NoEffect, Iter},
    {"resize", Erased, NoResult},
    {"splice", NoEffect, NoResult},
    {"splice_after", NoEffect, NoResult},
    {"swap", NoEffect, NoResult},
    {"try_emplace", NoEffect, Pair},
    {"unique", Erased, NoResult},
    {"upper_bound", NoEffect, Iter},
};

// Nodes never move, but any insertion may rehash, which reorders the bucket
// lists the iterators walk. merge may rehash *this.
constexpr OperationRow NodeHashOps[] = {
    {"at", NoEffect, Ref},
    {"begin", NoEffect, Iter},
    {"cbegin", NoEffect, Iter},
    {"cend", NoEffect, Iter},
    {"clear", All, NoResult},
    {"emplace", ItersOnly, Pair},
    {"emplace_hint", ItersOnly, Iter},
    {"end", NoEffect, Iter},
    {"equal_range", NoEffect, Pair},
    {"erase", Erased, Iter},
    {"extract", Erased, NoResult},
    {"find", NoEffect, Iter},
    {"insert", ItersOnly, Pair},
    {"insert_or_assign", ItersOnly, Pair},
    {"merge", ItersOnly, NoResult},
    {"operator=", All, NoResult},
    {"operator[]", ItersOnly, Ref},
    {"rehash", ItersOnly, NoResult},
    {"reserve", ItersOnly, NoResult},
    {"swap", NoEffect, NoResult},
    {"try_emplace", ItersOnly, Pair},
};

// Elements live in the slot array, so a rehash moves every one of them.
// Removal only marks its slot (a tombstone) and never rehashes.
constexpr OperationRow OpenAddressingOps[] = {
    {"FindAndConstruct", All, Ref}, // llvm::DenseMap
    {"at", NoEffect, Ref},
    {"begin", NoEffect, Iter},
    {"cbegin", NoEffect, Iter},
    {"cend", NoEffect, Iter},
    {"clear", All, NoResult},
    {"emplace", All, Pair},
    {"emplace_hint", All, Iter},
    {"end", NoEffect, Iter},
    {"equal_range", NoEffect, Pair},
    {"erase", Erased, Iter},
    {"extract", Erased, NoResult},
    {"find", NoEffect, Iter},
    {"find_as", NoEffect, Iter},      // llvm::DenseMap
    {"getOrInsertDefault", All, Ref}, // llvm::DenseMap
    {"grow", All, NoResult},          // llvm::DenseMap
    {"insert", All, Pair},
    {"insert_as", All, Pair}, // llvm::DenseMap
    {"insert_or_assign", All, Pair},
    {"merge", All, NoResult},
    {"operator=", All, NoResult},
    {"operator[]", All, Ref},
    {"rehash", All, NoResult},
    {"reserve", All, NoResult},
    {"shrink_and_clear", All, NoResult}, // llvm::DenseMap
    {"swap", NoEffect, NoResult},
    {"try_emplace", All, Pair},
};

// Sequences and multi-key containers always insert, so they return the new
// element's iterator rather than pair<iterator, bool>.
constexpr ResultOverride InsertReturnsIterator[] = {{"emplace", Iter},
                                                    {"insert", Iter}};

// llvm::DenseMap/DenseSet::erase returns bool (by key) or void (by iterator).
constexpr ResultOverride DenseEraseReturnsNothing[] = {{"erase", NoResult}};

const TypeRow DefaultTypes[] = {
    {"std::vector", ContainerFamily::Contiguous, {}},
    {"std::basic_string", ContainerFamily::Contiguous, {}},
    {"llvm::SmallVector", ContainerFamily::Contiguous, {}},
    {"llvm::SmallVectorImpl", ContainerFamily::Contiguous, {}},

    {"std::deque", ContainerFamily::Deque, {}},

    {"std::map", ContainerFamily::NodeOrdered, {}},
    {"std::set", ContainerFamily::NodeOrdered, {}},
    {"std::multimap", ContainerFamily::NodeOrdered, InsertReturnsIterator},
    {"std::multiset", ContainerFamily::NodeOrdered, InsertReturnsIterator},
    {"std::list", ContainerFamily::NodeOrdered, InsertReturnsIterator},
    {"std::forward_list", ContainerFamily::NodeOrdered, InsertReturnsIterator},

    {"std::unordered_map", ContainerFamily::NodeHash, {}},
    {"std::unordered_set", ContainerFamily::NodeHash, {}},
    {"std::unordered_multimap", ContainerFamily::NodeHash,
     InsertReturnsIterator},
    {"std::unordered_multiset", ContainerFamily::NodeHash,
     InsertReturnsIterator},
    {"absl::node_hash_map", ContainerFamily::NodeHash, {}},
    {"absl::node_hash_set", ContainerFamily::NodeHash, {}},

    {"absl::flat_hash_map", ContainerFamily::OpenAddressing, {}},
    {"absl::flat_hash_set", ContainerFamily::OpenAddressing, {}},
    {"llvm::DenseMap", ContainerFamily::OpenAddressing,
     DenseEraseReturnsNothing},
    {"llvm::DenseSet", ContainerFamily::OpenAddressing,
     DenseEraseReturnsNothing},
    {"llvm::SmallDenseMap", ContainerFamily::OpenAddressing,
     DenseEraseReturnsNothing},
    {"llvm::SmallDenseSet", ContainerFamily::OpenAddressing,
     DenseEraseReturnsNothing},
};

llvm::ArrayRef<OperationRow> familyOperations(ContainerFamily Family) {
  switch (Family) {
  case ContainerFamily::Contiguous:
    return ContiguousOps;
  case ContainerFamily::Deque:
    return DequeOps;
  case ContainerFamily::NodeOrdered:
    return NodeOrderedOps;
  case ContainerFamily::NodeHash:
    return NodeHashOps;
  case ContainerFamily::OpenAddressing:
    return OpenAddressingOps;
  }
  llvm_unreachable("unknown container family");
}

bool isNumber(llvm::StringRef S) {
  return !S.empty() && llvm::all_of(S, llvm::isDigit);
}

/// Namespaces that libraries wrap their containers in for ABI versioning and
/// that users never spell. Only these exact shapes are dropped: other names
/// starting with "__" (std::__detail, __gnu_cxx) are real scopes.
bool isVersioningNamespace(llvm::StringRef Component) {
  // libstdc++: the C++11 ABI, debug mode and parallel mode.
  if (Component == "__cxx11" || Component == "__debug" ||
      Component == "__parallel")
    return true;
  // libc++'s ABI namespaces (__1, __2, Android's __ndk1), libstdc++'s
  // versioned namespace (__8) and Abseil's LTS namespaces (lts_20230802).
  if (Component.starts_with("__ndk"))
    return isNumber(Component.drop_front(5));
  if (Component.starts_with("__"))
    return isNumber(Component.drop_front(2));
  if (Component.starts_with("lts_"))
    return isNumber(Component.drop_front(4));
  return false;
}

/// The name a record is listed under: a specialization is looked up by its
/// template, whatever its arguments.
const CXXRecordDecl *namedRecord(const CXXRecordDecl *Record) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    return Spec->getSpecializedTemplate()->getTemplatedDecl();
  return Record;
}

std::string qualifiedName(const CXXRecordDecl *Record) {
  PrintingPolicy Policy(Record->getASTContext().getLangOpts());
  // The printer keeps an inline namespace when dropping it would make the
  // name ambiguous; normalizeName removes the known ones in any case.
  Policy.SuppressInlineNamespace = true;
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  Record->printQualifiedName(OS, Policy);
  OS.flush();
  return Name;
}

/// True when Qualified is Unqualified or ends in "::" + Unqualified.
bool hasLastComponent(llvm::StringRef Qualified, llvm::StringRef Unqualified) {
  if (!Qualified.consume_back(Unqualified))
    return false;
  return Qualified.empty() || Qualified.ends_with("::");
}

} // namespace

const OperationSpec *ContainerSpec::operation(llvm::StringRef Method) const {
  for (const OperationSpec &Op : Operations)
    if (Op.Method == Method)
      return &Op;
  return nullptr;
}

Effect ContainerSpec::effectOf(llvm::StringRef Method) const {
  const OperationSpec *Op = operation(Method);
  return Op ? Op->Effect : Effect::None;
}

Produces ContainerSpec::resultOf(llvm::StringRef Method) const {
  const OperationSpec *Op = operation(Method);
  return Op ? Op->Result : Produces::Nothing;
}

ContainerModel ContainerModel::withDefaults() {
  ContainerModel Model;
  for (const TypeRow &Type : DefaultTypes) {
    ContainerSpec Spec;
    Spec.Name = Type.Name;
    Spec.Family = Type.Family;
    for (const OperationRow &Row : familyOperations(Type.Family))
      Spec.Operations.push_back({Row.Method, Row.Effect, Row.Result});
    for (const ResultOverride &Override : Type.Overrides)
      for (OperationSpec &Op : Spec.Operations)
        if (Op.Method == Override.Method)
          Op.Result = Override.Result;
    Model.add(std::move(Spec));
  }
  return Model;
}

const ContainerSpec *
ContainerModel::lookup(llvm::StringRef QualifiedName) const {
  auto It = Specs.find(normalizeName(QualifiedName));
  return It == Specs.end() ? nullptr : &It->second;
}

const ContainerSpec *ContainerModel::lookup(QualType T) const {
  if (T.isNull())
    return nullptr;
  // The canonical type has no typedefs, aliases or elaboration left.
  QualType Canonical = T.getNonReferenceType().getCanonicalType();
  // Templates are analyzed through their instantiations.
  if (Canonical->isDependentType())
    return nullptr;
  return lookup(Canonical->getAsCXXRecordDecl());
}

const ContainerSpec *ContainerModel::lookup(const CXXRecordDecl *Record) const {
  if (!Record)
    return nullptr;

  auto LookupByName = [this](const CXXRecordDecl *R) -> const ContainerSpec * {
    const IdentifierInfo *Id = namedRecord(R)->getIdentifier();
    if (!Id)
      return nullptr;
    // Most records are not containers: compare the unqualified name before
    // paying for printing the qualified one.
    bool MayMatch = llvm::any_of(Specs, [Id](const auto &Entry) {
      return hasLastComponent(Entry.getKey(), Id->getName());
    });
    return MayMatch ? lookup(qualifiedName(namedRecord(R))) : nullptr;
  };

  // Breadth first, so the nearest listed base wins; Seen keeps a virtual base
  // reached along several paths from being searched again.
  llvm::SmallVector<const CXXRecordDecl *, 8> Worklist = {Record};
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Seen = {
      Record->getCanonicalDecl()};
  for (size_t I = 0; I < Worklist.size(); ++I) {
    if (const ContainerSpec *Spec = LookupByName(Worklist[I]))
      return Spec;
    const CXXRecordDecl *Definition = Worklist[I]->getDefinition();
    if (!Definition)
      continue;
    for (const CXXBaseSpecifier &Base : Definition->bases()) {
      // A private or protected base is an implementation detail: users
      // cannot call the container's members through the derived class.
      if (Base.getAccessSpecifier() != AS_public ||
          Base.getType()->isDependentType())
        continue;
      const CXXRecordDecl *BaseRecord = Base.getType()->getAsCXXRecordDecl();
      if (BaseRecord && Seen.insert(BaseRecord->getCanonicalDecl()).second)
        Worklist.push_back(BaseRecord);
    }
  }
  return nullptr;
}

/// The class template behind a standard alias users write in 'like:'.
static llvm::StringRef templateOfStandardAlias(llvm::StringRef Name) {
  std::string Normalized = ContainerModel::normalizeName(Name);
  for (llvm::StringRef Alias : {"std::string", "std::wstring", "std::u8string",
                                "std::u16string", "std::u32string",
                                "std::pmr::string"})
    if (Normalized == Alias)
      return "std::basic_string";
  return Name;
}

llvm::Error ContainerModel::addLike(llvm::StringRef Name,
                                    llvm::StringRef LikeName) {
  std::string Normalized = normalizeName(Name);
  if (Normalized.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "empty container name");
  const ContainerSpec *Like = lookup(templateOfStandardAlias(LikeName));
  if (!Like)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown container '%s' in 'like'",
                                   LikeName.str().c_str());
  // Copied: Name may be LikeName itself, whose entry add() replaces.
  ContainerSpec Spec = *Like;
  Spec.Name = std::move(Normalized);
  add(std::move(Spec));
  return llvm::Error::success();
}

void ContainerModel::add(ContainerSpec Spec) {
  Spec.Name = normalizeName(Spec.Name);
  std::string Key = Spec.Name;
  Specs.insert_or_assign(Key, std::move(Spec));
}

std::vector<const ContainerSpec *> ContainerModel::entries() const {
  std::vector<const ContainerSpec *> Result;
  Result.reserve(Specs.size());
  for (const auto &Entry : Specs)
    Result.push_back(&Entry.second);
  llvm::sort(Result, [](const ContainerSpec *A, const ContainerSpec *B) {
    return A->Name < B->Name;
  });
  return Result;
}

std::string ContainerModel::normalizeName(llvm::StringRef QualifiedName) {
  llvm::StringRef Name = QualifiedName.trim();
  Name.consume_front("::");
  llvm::SmallVector<llvm::StringRef, 4> Components;
  Name.split(Components, "::");
  llvm::SmallVector<llvm::StringRef, 4> Kept;
  for (size_t I = 0; I < Components.size(); ++I) {
    // The last component is the class itself, never a namespace.
    bool IsLast = I + 1 == Components.size();
    if (IsLast || !isVersioningNamespace(Components[I]))
      Kept.push_back(Components[I]);
  }
  return llvm::join(Kept, "::");
}

llvm::StringRef familyName(ContainerFamily Family) {
  switch (Family) {
  case ContainerFamily::Contiguous:
    return "contiguous";
  case ContainerFamily::Deque:
    return "deque";
  case ContainerFamily::NodeOrdered:
    return "node-ordered";
  case ContainerFamily::NodeHash:
    return "node-hash";
  case ContainerFamily::OpenAddressing:
    return "open-addressing";
  }
  llvm_unreachable("unknown container family");
}

llvm::StringRef effectName(Effect E) {
  switch (E) {
  case Effect::None:
    return "none";
  case Effect::InvalidatesAll:
    return "invalidates-all";
  case Effect::InvalidatesAtOrAfter:
    return "invalidates-at-or-after";
  case Effect::InvalidatesIteratorsOnly:
    return "invalidates-iterators-only";
  case Effect::InvalidatesErased:
    return "invalidates-erased";
  }
  llvm_unreachable("unknown effect");
}

EndChange endChangeOf(llvm::StringRef Method) {
  if (Method == "push_back" || Method == "emplace_back")
    return EndChange::PushBack;
  if (Method == "push_front" || Method == "emplace_front")
    return EndChange::PushFront;
  // pop_back_val is llvm::SmallVector's pop_back that returns the element.
  if (Method == "pop_back" || Method == "pop_back_val")
    return EndChange::PopBack;
  if (Method == "pop_front")
    return EndChange::PopFront;
  return EndChange::None;
}

bool invalidatesReferences(Effect E) { return E == Effect::InvalidatesAll; }

bool invalidatesIterators(Effect E) {
  return E == Effect::InvalidatesAll || E == Effect::InvalidatesIteratorsOnly;
}

} // namespace iterguard
