//===--- ContainerModelTest.cpp - Tests for the container model -*- C++ -*-===//
//
// Queries the default model directly: one group per family, then name
// normalization, user extension, and type lookup on code parsed against the
// installed libstdc++ and against small libc++-shaped mocks.
//
//===----------------------------------------------------------------------===//

#include "Model/ContainerModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Error.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <iterator>
#include <memory>
#include <string>

using namespace clang;
using namespace clang::ast_matchers;

namespace iterguard {
namespace {

const char *resultName(Produces P) {
  switch (P) {
  case Produces::Nothing:
    return "nothing";
  case Produces::Iterator:
    return "iterator";
  case Produces::IteratorPair:
    return "iterator-pair";
  case Produces::Reference:
    return "reference";
  case Produces::Pointer:
    return "pointer";
  }
  return "?";
}

std::string nameOf(const ContainerSpec *Spec) {
  return Spec ? Spec->Name : "<not a container>";
}

/// Checks one row of a container's table, naming the row on failure.
::testing::AssertionResult hasRow(const ContainerSpec *Spec,
                                  llvm::StringRef Method, Effect E,
                                  Produces P) {
  if (!Spec)
    return ::testing::AssertionFailure() << "no such container";
  const OperationSpec *Op = Spec->operation(Method);
  if (!Op)
    return ::testing::AssertionFailure()
           << Spec->Name << " has no row for '" << Method.str() << "'";
  if (Op->Effect != E || Op->Result != P)
    return ::testing::AssertionFailure()
           << Spec->Name << "::" << Method.str() << " is "
           << effectName(Op->Effect).str() << " producing "
           << resultName(Op->Result) << ", expected " << effectName(E).str()
           << " producing " << resultName(P);
  return ::testing::AssertionSuccess();
}

class ContainerModelTest : public ::testing::Test {
protected:
  ContainerModel Model = ContainerModel::withDefaults();
};

//===----------------------------------------------------------------------===//
// Contiguous: std::vector, std::basic_string, llvm::SmallVector(Impl)
//===----------------------------------------------------------------------===//

TEST_F(ContainerModelTest, VectorGrowthInvalidatesEverything) {
  const ContainerSpec *Vec = Model.lookup("std::vector");
  ASSERT_NE(Vec, nullptr);
  EXPECT_EQ(Vec->Name, "std::vector");
  EXPECT_EQ(Vec->Family, ContainerFamily::Contiguous);

  EXPECT_TRUE(
      hasRow(Vec, "push_back", Effect::InvalidatesAll, Produces::Nothing));
  EXPECT_TRUE(
      hasRow(Vec, "emplace_back", Effect::InvalidatesAll, Produces::Reference));
  // A row can both invalidate and hand out a new handle.
  EXPECT_TRUE(
      hasRow(Vec, "insert", Effect::InvalidatesAll, Produces::Iterator));
  EXPECT_TRUE(
      hasRow(Vec, "emplace", Effect::InvalidatesAll, Produces::Iterator));
  for (const char *Method :
       {"resize", "reserve", "shrink_to_fit", "assign", "operator=", "clear"})
    EXPECT_TRUE(hasRow(Vec, Method, Effect::InvalidatesAll, Produces::Nothing));

  Effect PushBack = Vec->effectOf("push_back");
  EXPECT_TRUE(invalidatesIterators(PushBack));
  EXPECT_TRUE(invalidatesReferences(PushBack));
}

TEST_F(ContainerModelTest, VectorEraseInvalidatesAtOrAfter) {
  const ContainerSpec *Vec = Model.lookup("std::vector");
  ASSERT_NE(Vec, nullptr);
  EXPECT_TRUE(
      hasRow(Vec, "erase", Effect::InvalidatesAtOrAfter, Produces::Iterator));
  EXPECT_TRUE(
      hasRow(Vec, "pop_back", Effect::InvalidatesAtOrAfter, Produces::Nothing));
  // Position dependent: the caller decides, so neither predicate says yes.
  EXPECT_FALSE(invalidatesIterators(Vec->effectOf("erase")));
  EXPECT_FALSE(invalidatesReferences(Vec->effectOf("erase")));
}

TEST_F(ContainerModelTest, VectorAccessorsProduceHandles) {
  const ContainerSpec *Vec = Model.lookup("std::vector");
  ASSERT_NE(Vec, nullptr);
  for (const char *Method :
       {"begin", "end", "cbegin", "cend", "rbegin", "rend", "crbegin", "crend"})
    EXPECT_TRUE(hasRow(Vec, Method, Effect::None, Produces::Iterator));
  for (const char *Method : {"operator[]", "at", "front", "back"})
    EXPECT_TRUE(hasRow(Vec, Method, Effect::None, Produces::Reference));
  EXPECT_TRUE(hasRow(Vec, "data", Effect::None, Produces::Pointer));
  // The other vector keeps the elements, so its handles stay valid.
  EXPECT_TRUE(hasRow(Vec, "swap", Effect::None, Produces::Nothing));

  // Methods that are not listed do nothing.
  EXPECT_EQ(Vec->operation("size"), nullptr);
  EXPECT_EQ(Vec->effectOf("size"), Effect::None);
  EXPECT_EQ(Vec->resultOf("size"), Produces::Nothing);
}

TEST_F(ContainerModelTest, StringEditsInvalidateEverything) {
  const ContainerSpec *Str = Model.lookup("std::basic_string");
  ASSERT_NE(Str, nullptr);
  EXPECT_EQ(Str->Family, ContainerFamily::Contiguous);
  for (const char *Method :
       {"append", "operator+=", "replace", "push_back", "resize_and_overwrite"})
    EXPECT_TRUE(hasRow(Str, Method, Effect::InvalidatesAll, Produces::Nothing));
  EXPECT_TRUE(
      hasRow(Str, "insert", Effect::InvalidatesAll, Produces::Iterator));
  EXPECT_TRUE(hasRow(Str, "c_str", Effect::None, Produces::Pointer));
  EXPECT_TRUE(hasRow(Str, "data", Effect::None, Produces::Pointer));
  // basic_string::find returns an index, not an iterator.
  EXPECT_EQ(Str->operation("find"), nullptr);
}

TEST_F(ContainerModelTest, LlvmSmallVectorIsContiguous) {
  for (const char *Name : {"llvm::SmallVector", "llvm::SmallVectorImpl"}) {
    SCOPED_TRACE(Name);
    const ContainerSpec *Small = Model.lookup(Name);
    ASSERT_NE(Small, nullptr);
    EXPECT_EQ(Small->Family, ContainerFamily::Contiguous);
    EXPECT_TRUE(
        hasRow(Small, "push_back", Effect::InvalidatesAll, Produces::Nothing));
    EXPECT_TRUE(
        hasRow(Small, "append", Effect::InvalidatesAll, Produces::Nothing));
    EXPECT_TRUE(hasRow(Small, "pop_back_val", Effect::InvalidatesAtOrAfter,
                       Produces::Nothing));
  }
}

//===----------------------------------------------------------------------===//
// Deque
//===----------------------------------------------------------------------===//

TEST_F(ContainerModelTest, DequeGrowthAtTheEndsKeepsReferences) {
  const ContainerSpec *Deque = Model.lookup("std::deque");
  ASSERT_NE(Deque, nullptr);
  EXPECT_EQ(Deque->Family, ContainerFamily::Deque);
  for (const char *Method : {"push_back", "push_front"})
    EXPECT_TRUE(hasRow(Deque, Method, Effect::InvalidatesIteratorsOnly,
                       Produces::Nothing));
  for (const char *Method : {"emplace_back", "emplace_front"})
    EXPECT_TRUE(hasRow(Deque, Method, Effect::InvalidatesIteratorsOnly,
                       Produces::Reference));

  Effect PushBack = Deque->effectOf("push_back");
  EXPECT_TRUE(invalidatesIterators(PushBack));
  EXPECT_FALSE(invalidatesReferences(PushBack));
}

TEST_F(ContainerModelTest, DequeMiddleEditsInvalidateEverything) {
  const ContainerSpec *Deque = Model.lookup("std::deque");
  ASSERT_NE(Deque, nullptr);
  for (const char *Method : {"insert", "emplace", "erase"})
    EXPECT_TRUE(
        hasRow(Deque, Method, Effect::InvalidatesAll, Produces::Iterator));
  for (const char *Method :
       {"resize", "clear", "assign", "operator=", "shrink_to_fit"})
    EXPECT_TRUE(
        hasRow(Deque, Method, Effect::InvalidatesAll, Produces::Nothing));
  EXPECT_TRUE(hasRow(Deque, "operator[]", Effect::None, Produces::Reference));
}

TEST_F(ContainerModelTest, DequePopInvalidatesTheErasedElement) {
  const ContainerSpec *Deque = Model.lookup("std::deque");
  ASSERT_NE(Deque, nullptr);
  for (const char *Method : {"pop_front", "pop_back"})
    EXPECT_TRUE(
        hasRow(Deque, Method, Effect::InvalidatesErased, Produces::Nothing));
  EXPECT_FALSE(invalidatesIterators(Deque->effectOf("pop_front")));
  EXPECT_FALSE(invalidatesReferences(Deque->effectOf("pop_front")));
}

//===----------------------------------------------------------------------===//
// Node-based ordered: map, set, multi*, list, forward_list
//===----------------------------------------------------------------------===//

TEST_F(ContainerModelTest, MapInsertionInvalidatesNothing) {
  const ContainerSpec *Map = Model.lookup("std::map");
  ASSERT_NE(Map, nullptr);
  EXPECT_EQ(Map->Family, ContainerFamily::NodeOrdered);
  for (const char *Method :
       {"insert", "emplace", "try_emplace", "insert_or_assign"})
    EXPECT_TRUE(hasRow(Map, Method, Effect::None, Produces::IteratorPair));
  EXPECT_TRUE(hasRow(Map, "emplace_hint", Effect::None, Produces::Iterator));
  // operator[] may insert, which never moves a node.
  EXPECT_TRUE(hasRow(Map, "operator[]", Effect::None, Produces::Reference));
  EXPECT_TRUE(hasRow(Map, "at", Effect::None, Produces::Reference));
  for (const char *Method : {"find", "lower_bound", "upper_bound", "begin"})
    EXPECT_TRUE(hasRow(Map, Method, Effect::None, Produces::Iterator));
  EXPECT_TRUE(hasRow(Map, "equal_range", Effect::None, Produces::IteratorPair));

  const ContainerSpec *Set = Model.lookup("std::set");
  ASSERT_NE(Set, nullptr);
  EXPECT_EQ(Set->Family, ContainerFamily::NodeOrdered);
  EXPECT_TRUE(hasRow(Set, "insert", Effect::None, Produces::IteratorPair));
}

TEST_F(ContainerModelTest, MapEraseInvalidatesTheErasedElement) {
  const ContainerSpec *Map = Model.lookup("std::map");
  ASSERT_NE(Map, nullptr);
  EXPECT_TRUE(
      hasRow(Map, "erase", Effect::InvalidatesErased, Produces::Iterator));
  EXPECT_TRUE(
      hasRow(Map, "extract", Effect::InvalidatesErased, Produces::Nothing));
  EXPECT_FALSE(invalidatesIterators(Map->effectOf("erase")));
  EXPECT_FALSE(invalidatesReferences(Map->effectOf("erase")));
  for (const char *Method : {"clear", "operator="})
    EXPECT_TRUE(hasRow(Map, Method, Effect::InvalidatesAll, Produces::Nothing));
}

TEST_F(ContainerModelTest, MultiKeyInsertReturnsAnIterator) {
  for (const char *Name : {"std::multimap", "std::multiset"}) {
    SCOPED_TRACE(Name);
    const ContainerSpec *Multi = Model.lookup(Name);
    ASSERT_NE(Multi, nullptr);
    EXPECT_EQ(Multi->Family, ContainerFamily::NodeOrdered);
    EXPECT_TRUE(hasRow(Multi, "insert", Effect::None, Produces::Iterator));
    EXPECT_TRUE(hasRow(Multi, "emplace", Effect::None, Produces::Iterator));
    // The override changes results only, never effects.
    EXPECT_TRUE(
        hasRow(Multi, "erase", Effect::InvalidatesErased, Produces::Iterator));
  }
}

TEST_F(ContainerModelTest, ListRemovalInvalidatesTheErasedElements) {
  const ContainerSpec *List = Model.lookup("std::list");
  ASSERT_NE(List, nullptr);
  EXPECT_EQ(List->Family, ContainerFamily::NodeOrdered);
  EXPECT_TRUE(hasRow(List, "insert", Effect::None, Produces::Iterator));
  for (const char *Method :
       {"push_back", "push_front", "splice", "merge", "swap"})
    EXPECT_TRUE(hasRow(List, Method, Effect::None, Produces::Nothing));
  for (const char *Method :
       {"remove", "remove_if", "unique", "pop_front", "pop_back"})
    EXPECT_TRUE(
        hasRow(List, Method, Effect::InvalidatesErased, Produces::Nothing));
  EXPECT_TRUE(
      hasRow(List, "assign", Effect::InvalidatesAll, Produces::Nothing));
  EXPECT_TRUE(hasRow(List, "front", Effect::None, Produces::Reference));
}

TEST_F(ContainerModelTest, ForwardListHasBeforeBegin) {
  const ContainerSpec *Forward = Model.lookup("std::forward_list");
  ASSERT_NE(Forward, nullptr);
  EXPECT_EQ(Forward->Family, ContainerFamily::NodeOrdered);
  for (const char *Method : {"before_begin", "cbefore_begin"})
    EXPECT_TRUE(hasRow(Forward, Method, Effect::None, Produces::Iterator));
  EXPECT_TRUE(hasRow(Forward, "erase_after", Effect::InvalidatesErased,
                     Produces::Iterator));
  EXPECT_TRUE(
      hasRow(Forward, "insert_after", Effect::None, Produces::Iterator));
}

//===----------------------------------------------------------------------===//
// Node-based hash: std::unordered_*, absl::node_hash_*
//===----------------------------------------------------------------------===//

TEST_F(ContainerModelTest, UnorderedInsertInvalidatesIteratorsOnly) {
  const ContainerSpec *Map = Model.lookup("std::unordered_map");
  ASSERT_NE(Map, nullptr);
  EXPECT_EQ(Map->Family, ContainerFamily::NodeHash);
  for (const char *Method :
       {"insert", "emplace", "try_emplace", "insert_or_assign"})
    EXPECT_TRUE(hasRow(Map, Method, Effect::InvalidatesIteratorsOnly,
                       Produces::IteratorPair));
  EXPECT_TRUE(hasRow(Map, "emplace_hint", Effect::InvalidatesIteratorsOnly,
                     Produces::Iterator));
  EXPECT_TRUE(hasRow(Map, "operator[]", Effect::InvalidatesIteratorsOnly,
                     Produces::Reference));
  for (const char *Method : {"rehash", "reserve", "merge"})
    EXPECT_TRUE(hasRow(Map, Method, Effect::InvalidatesIteratorsOnly,
                       Produces::Nothing));

  // A rehash relinks the buckets but never moves a node.
  Effect Insert = Map->effectOf("insert");
  EXPECT_TRUE(invalidatesIterators(Insert));
  EXPECT_FALSE(invalidatesReferences(Insert));
}

TEST_F(ContainerModelTest, UnorderedEraseAndClear) {
  const ContainerSpec *Set = Model.lookup("std::unordered_set");
  ASSERT_NE(Set, nullptr);
  EXPECT_EQ(Set->Family, ContainerFamily::NodeHash);
  EXPECT_TRUE(
      hasRow(Set, "erase", Effect::InvalidatesErased, Produces::Iterator));
  EXPECT_TRUE(
      hasRow(Set, "extract", Effect::InvalidatesErased, Produces::Nothing));
  for (const char *Method : {"clear", "operator="})
    EXPECT_TRUE(hasRow(Set, Method, Effect::InvalidatesAll, Produces::Nothing));
  EXPECT_TRUE(invalidatesReferences(Set->effectOf("clear")));
}

TEST_F(ContainerModelTest, UnorderedMultiKeyInsertReturnsAnIterator) {
  for (const char *Name :
       {"std::unordered_multimap", "std::unordered_multiset"}) {
    SCOPED_TRACE(Name);
    const ContainerSpec *Multi = Model.lookup(Name);
    ASSERT_NE(Multi, nullptr);
    EXPECT_EQ(Multi->Family, ContainerFamily::NodeHash);
    EXPECT_TRUE(hasRow(Multi, "insert", Effect::InvalidatesIteratorsOnly,
                       Produces::Iterator));
  }
}

TEST_F(ContainerModelTest, AbslNodeHashIsNodeHash) {
  for (const char *Name : {"absl::node_hash_map", "absl::node_hash_set"}) {
    SCOPED_TRACE(Name);
    const ContainerSpec *Node = Model.lookup(Name);
    ASSERT_NE(Node, nullptr);
    EXPECT_EQ(Node->Family, ContainerFamily::NodeHash);
    EXPECT_TRUE(hasRow(Node, "insert", Effect::InvalidatesIteratorsOnly,
                       Produces::IteratorPair));
    EXPECT_FALSE(invalidatesReferences(Node->effectOf("insert")));
  }
}

//===----------------------------------------------------------------------===//
// Open addressing: absl::flat_hash_*, llvm::DenseMap/DenseSet
//===----------------------------------------------------------------------===//

TEST_F(ContainerModelTest, FlatHashMapInsertInvalidatesEverything) {
  const ContainerSpec *Flat = Model.lookup("absl::flat_hash_map");
  ASSERT_NE(Flat, nullptr);
  EXPECT_EQ(Flat->Family, ContainerFamily::OpenAddressing);
  for (const char *Method :
       {"insert", "emplace", "try_emplace", "insert_or_assign"})
    EXPECT_TRUE(
        hasRow(Flat, Method, Effect::InvalidatesAll, Produces::IteratorPair));
  EXPECT_TRUE(
      hasRow(Flat, "operator[]", Effect::InvalidatesAll, Produces::Reference));
  for (const char *Method : {"rehash", "reserve", "clear", "operator="})
    EXPECT_TRUE(
        hasRow(Flat, Method, Effect::InvalidatesAll, Produces::Nothing));
  EXPECT_TRUE(
      hasRow(Flat, "erase", Effect::InvalidatesErased, Produces::Iterator));
  // Elements live in the slots: a rehash moves them.
  EXPECT_TRUE(invalidatesReferences(Flat->effectOf("insert")));

  const ContainerSpec *FlatSet = Model.lookup("absl::flat_hash_set");
  ASSERT_NE(FlatSet, nullptr);
  EXPECT_EQ(FlatSet->Family, ContainerFamily::OpenAddressing);
}

TEST_F(ContainerModelTest, DenseMapGrowthInvalidatesEverything) {
  const ContainerSpec *Dense = Model.lookup("llvm::DenseMap");
  ASSERT_NE(Dense, nullptr);
  EXPECT_EQ(Dense->Family, ContainerFamily::OpenAddressing);
  for (const char *Method : {"operator[]", "FindAndConstruct"})
    EXPECT_TRUE(
        hasRow(Dense, Method, Effect::InvalidatesAll, Produces::Reference));
  for (const char *Method : {"grow", "shrink_and_clear", "clear"})
    EXPECT_TRUE(
        hasRow(Dense, Method, Effect::InvalidatesAll, Produces::Nothing));
  EXPECT_TRUE(hasRow(Dense, "try_emplace", Effect::InvalidatesAll,
                     Produces::IteratorPair));
  // DenseMap::erase returns bool or void; the slot becomes a tombstone.
  EXPECT_TRUE(
      hasRow(Dense, "erase", Effect::InvalidatesErased, Produces::Nothing));
  EXPECT_TRUE(hasRow(Dense, "find", Effect::None, Produces::Iterator));

  for (const char *Name :
       {"llvm::DenseSet", "llvm::SmallDenseMap", "llvm::SmallDenseSet"}) {
    SCOPED_TRACE(Name);
    const ContainerSpec *Other = Model.lookup(Name);
    ASSERT_NE(Other, nullptr);
    EXPECT_EQ(Other->Family, ContainerFamily::OpenAddressing);
    EXPECT_TRUE(hasRow(Other, "insert", Effect::InvalidatesAll,
                       Produces::IteratorPair));
  }
}

//===----------------------------------------------------------------------===//
// The whole table
//===----------------------------------------------------------------------===//

TEST_F(ContainerModelTest, EveryDefaultTypeIsInItsFamily) {
  const std::pair<const char *, ContainerFamily> Expected[] = {
      {"std::vector", ContainerFamily::Contiguous},
      {"std::basic_string", ContainerFamily::Contiguous},
      {"llvm::SmallVector", ContainerFamily::Contiguous},
      {"llvm::SmallVectorImpl", ContainerFamily::Contiguous},
      {"std::deque", ContainerFamily::Deque},
      {"std::map", ContainerFamily::NodeOrdered},
      {"std::set", ContainerFamily::NodeOrdered},
      {"std::multimap", ContainerFamily::NodeOrdered},
      {"std::multiset", ContainerFamily::NodeOrdered},
      {"std::list", ContainerFamily::NodeOrdered},
      {"std::forward_list", ContainerFamily::NodeOrdered},
      {"std::unordered_map", ContainerFamily::NodeHash},
      {"std::unordered_set", ContainerFamily::NodeHash},
      {"std::unordered_multimap", ContainerFamily::NodeHash},
      {"std::unordered_multiset", ContainerFamily::NodeHash},
      {"absl::node_hash_map", ContainerFamily::NodeHash},
      {"absl::node_hash_set", ContainerFamily::NodeHash},
      {"absl::flat_hash_map", ContainerFamily::OpenAddressing},
      {"absl::flat_hash_set", ContainerFamily::OpenAddressing},
      {"llvm::DenseMap", ContainerFamily::OpenAddressing},
      {"llvm::DenseSet", ContainerFamily::OpenAddressing},
      {"llvm::SmallDenseMap", ContainerFamily::OpenAddressing},
      {"llvm::SmallDenseSet", ContainerFamily::OpenAddressing},
  };
  for (const auto &[Name, Family] : Expected) {
    const ContainerSpec *Spec = Model.lookup(Name);
    ASSERT_NE(Spec, nullptr) << Name;
    EXPECT_EQ(Spec->Name, Name);
    EXPECT_EQ(familyName(Spec->Family), familyName(Family)) << Name;
  }
  EXPECT_EQ(Model.entries().size(), std::size(Expected));
}

TEST_F(ContainerModelTest, EveryContainerHandsOutAndRemoves) {
  for (const ContainerSpec *Spec : Model.entries()) {
    SCOPED_TRACE(Spec->Name);
    EXPECT_EQ(Spec->resultOf("begin"), Produces::Iterator);
    EXPECT_EQ(Spec->resultOf("end"), Produces::Iterator);
    EXPECT_NE(Spec->effectOf("erase"), Effect::None);
    EXPECT_EQ(Spec->effectOf("clear"), Effect::InvalidatesAll);
    EXPECT_EQ(Spec->effectOf("operator="), Effect::InvalidatesAll);
  }
}

TEST(ContainerModelEffects, PredicatesFollowTheEffect) {
  struct Case {
    Effect E;
    bool References;
    bool Iterators;
  } Cases[] = {
      {Effect::None, false, false},
      {Effect::InvalidatesAll, true, true},
      {Effect::InvalidatesAtOrAfter, false, false},
      {Effect::InvalidatesIteratorsOnly, false, true},
      {Effect::InvalidatesErased, false, false},
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(effectName(C.E).str());
    EXPECT_EQ(invalidatesReferences(C.E), C.References);
    EXPECT_EQ(invalidatesIterators(C.E), C.Iterators);
  }
}

TEST(ContainerModelEffects, NamesAreTheConfigurationSpelling) {
  EXPECT_EQ(familyName(ContainerFamily::Contiguous), "contiguous");
  EXPECT_EQ(familyName(ContainerFamily::Deque), "deque");
  EXPECT_EQ(familyName(ContainerFamily::NodeOrdered), "node-ordered");
  EXPECT_EQ(familyName(ContainerFamily::NodeHash), "node-hash");
  EXPECT_EQ(familyName(ContainerFamily::OpenAddressing), "open-addressing");
  EXPECT_EQ(effectName(Effect::None), "none");
  EXPECT_EQ(effectName(Effect::InvalidatesAll), "invalidates-all");
  EXPECT_EQ(effectName(Effect::InvalidatesAtOrAfter),
            "invalidates-at-or-after");
  EXPECT_EQ(effectName(Effect::InvalidatesIteratorsOnly),
            "invalidates-iterators-only");
  EXPECT_EQ(effectName(Effect::InvalidatesErased), "invalidates-erased");
}

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

TEST(ContainerModelNames, NormalizeDropsVersioningNamespaces) {
  EXPECT_EQ(ContainerModel::normalizeName("std::__1::vector"), "std::vector");
  EXPECT_EQ(ContainerModel::normalizeName("std::__cxx11::basic_string"),
            "std::basic_string");
  EXPECT_EQ(ContainerModel::normalizeName("::std::map"), "std::map");
  EXPECT_EQ(ContainerModel::normalizeName("std::__debug::vector"),
            "std::vector");
  EXPECT_EQ(ContainerModel::normalizeName("std::__ndk1::deque"), "std::deque");
  EXPECT_EQ(ContainerModel::normalizeName("std::__8::list"), "std::list");
  EXPECT_EQ(ContainerModel::normalizeName("absl::lts_20230802::flat_hash_map"),
            "absl::flat_hash_map");
  EXPECT_EQ(ContainerModel::normalizeName("my::Vector"), "my::Vector");
}

TEST(ContainerModelNames, NormalizeKeepsRealNames) {
  EXPECT_EQ(ContainerModel::normalizeName("__gnu_cxx::__normal_iterator"),
            "__gnu_cxx::__normal_iterator");
  EXPECT_EQ(ContainerModel::normalizeName("std::__detail::_Node_iterator"),
            "std::__detail::_Node_iterator");
  // The last component is the class, even when it looks like a namespace.
  EXPECT_EQ(ContainerModel::normalizeName("my::__1"), "my::__1");
  EXPECT_EQ(ContainerModel::normalizeName("my::__1x::Box"), "my::__1x::Box");
}

TEST_F(ContainerModelTest, LookupSeesThroughInlineNamespaces) {
  EXPECT_EQ(nameOf(Model.lookup("std::__cxx11::basic_string")),
            "std::basic_string");
  EXPECT_EQ(nameOf(Model.lookup("std::__1::vector")), "std::vector");
  EXPECT_EQ(nameOf(Model.lookup("::std::map")), "std::map");
  EXPECT_EQ(nameOf(Model.lookup("::std::__1::unordered_map")),
            "std::unordered_map");
  EXPECT_EQ(nameOf(Model.lookup("std::__cxx11::list")), "std::list");
  EXPECT_EQ(nameOf(Model.lookup("absl::lts_20240116::node_hash_set")),
            "absl::node_hash_set");
}

TEST_F(ContainerModelTest, UnknownNamesAreNotContainers) {
  for (const char *Name :
       {"std::array", "vector", "std::vectors", "std::vector::iterator",
        "boost::container::vector", "std::__detail::vector", "", "::"}) {
    SCOPED_TRACE(Name);
    EXPECT_EQ(Model.lookup(Name), nullptr);
  }
  EXPECT_EQ(ContainerModel().lookup("std::vector"), nullptr);
}

//===----------------------------------------------------------------------===//
// User extension
//===----------------------------------------------------------------------===//

TEST_F(ContainerModelTest, AddLikeCopiesFamilyAndTable) {
  ASSERT_FALSE(bool(Model.addLike("my::Vector", "std::vector")));
  const ContainerSpec *Mine = Model.lookup("my::Vector");
  const ContainerSpec *Vec = Model.lookup("std::vector");
  ASSERT_NE(Mine, nullptr);
  ASSERT_NE(Vec, nullptr);
  EXPECT_EQ(Mine->Name, "my::Vector");
  EXPECT_EQ(Mine->Family, ContainerFamily::Contiguous);
  EXPECT_EQ(Mine->Operations.size(), Vec->Operations.size());
  EXPECT_TRUE(
      hasRow(Mine, "push_back", Effect::InvalidatesAll, Produces::Nothing));
  EXPECT_EQ(Vec->Name, "std::vector");

  // Both names are normalized, and a type's own results come along.
  ASSERT_FALSE(bool(Model.addLike("::my::__1::Index", "std::__1::multimap")));
  const ContainerSpec *Index = Model.lookup("my::Index");
  ASSERT_NE(Index, nullptr);
  EXPECT_EQ(Index->Name, "my::Index");
  EXPECT_EQ(Index->Family, ContainerFamily::NodeOrdered);
  EXPECT_TRUE(hasRow(Index, "insert", Effect::None, Produces::Iterator));
}

TEST_F(ContainerModelTest, AddLikeAcceptsStandardStringAliases) {
  ASSERT_FALSE(bool(Model.addLike("my::String", "std::string")));
  ASSERT_FALSE(bool(Model.addLike("my::WString", "std::__1::wstring")));
  const ContainerSpec *Mine = Model.lookup("my::String");
  ASSERT_NE(Mine, nullptr);
  EXPECT_EQ(Mine->Family, ContainerFamily::Contiguous);
  EXPECT_TRUE(hasRow(Mine, "append", Effect::InvalidatesAll, Produces::Nothing));
  EXPECT_NE(Model.lookup("my::WString"), nullptr);
  // Only aliases of containers: std::string_view is a view, not a container.
  llvm::Error Err = Model.addLike("my::View", "std::string_view");
  EXPECT_TRUE(bool(Err));
  llvm::consumeError(std::move(Err));
}

TEST_F(ContainerModelTest, AddLikeUnknownContainerFails) {
  size_t Before = Model.entries().size();
  llvm::Error Err = Model.addLike("my::Vector", "my::Thing");
  ASSERT_TRUE(bool(Err));
  EXPECT_EQ(llvm::toString(std::move(Err)),
            "unknown container 'my::Thing' in 'like'");
  EXPECT_EQ(Model.lookup("my::Vector"), nullptr);
  EXPECT_EQ(Model.entries().size(), Before);

  ContainerModel Empty;
  llvm::Error EmptyErr = Empty.addLike("my::Vector", "std::vector");
  EXPECT_TRUE(bool(EmptyErr));
  llvm::consumeError(std::move(EmptyErr));
  EXPECT_TRUE(Empty.entries().empty());

  llvm::Error Unnamed = Model.addLike("", "std::vector");
  EXPECT_TRUE(bool(Unnamed));
  llvm::consumeError(std::move(Unnamed));
  EXPECT_EQ(Model.entries().size(), Before);
}

TEST_F(ContainerModelTest, AddInsertsAndReplaces) {
  size_t Before = Model.entries().size();
  Model.add(
      {"my::Pool",
       ContainerFamily::NodeHash,
       {{"acquire", Effect::InvalidatesIteratorsOnly, Produces::Reference}}});
  const ContainerSpec *Pool = Model.lookup("my::Pool");
  ASSERT_NE(Pool, nullptr);
  EXPECT_EQ(Pool->Family, ContainerFamily::NodeHash);
  EXPECT_TRUE(hasRow(Pool, "acquire", Effect::InvalidatesIteratorsOnly,
                     Produces::Reference));
  EXPECT_EQ(Model.entries().size(), Before + 1);

  Model.add({"::my::Pool",
             ContainerFamily::Contiguous,
             {{"release", Effect::InvalidatesAll, Produces::Nothing}}});
  Pool = Model.lookup("my::Pool");
  ASSERT_NE(Pool, nullptr);
  EXPECT_EQ(Pool->Name, "my::Pool");
  EXPECT_EQ(Pool->Family, ContainerFamily::Contiguous);
  EXPECT_EQ(Pool->operation("acquire"), nullptr);
  EXPECT_TRUE(
      hasRow(Pool, "release", Effect::InvalidatesAll, Produces::Nothing));
  EXPECT_EQ(Model.entries().size(), Before + 1);

  // A default can be replaced too, under its normalized name.
  Model.add({"std::__1::vector", ContainerFamily::OpenAddressing, {}});
  const ContainerSpec *Vec = Model.lookup("std::vector");
  ASSERT_NE(Vec, nullptr);
  EXPECT_EQ(Vec->Family, ContainerFamily::OpenAddressing);
  EXPECT_EQ(Vec->operation("push_back"), nullptr);
  EXPECT_EQ(Model.entries().size(), Before + 1);
}

TEST_F(ContainerModelTest, EntriesAreSortedByName) {
  Model.add({"aaa::First", ContainerFamily::Deque, {}});
  Model.add({"zzz::Last", ContainerFamily::Deque, {}});
  std::vector<const ContainerSpec *> Entries = Model.entries();
  ASSERT_GE(Entries.size(), 3u);
  EXPECT_TRUE(
      std::is_sorted(Entries.begin(), Entries.end(),
                     [](const ContainerSpec *A, const ContainerSpec *B) {
                       return A->Name < B->Name;
                     }));
  EXPECT_EQ(Entries.front()->Name, "aaa::First");
  EXPECT_EQ(Entries[1]->Name, "absl::flat_hash_map");
  EXPECT_EQ(Entries.back()->Name, "zzz::Last");
  EXPECT_TRUE(ContainerModel().entries().empty());
}

//===----------------------------------------------------------------------===//
// Type lookup on parsed code
//===----------------------------------------------------------------------===//

std::unique_ptr<ASTUnit> parse(llvm::StringRef Code) {
  return tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"});
}

const VarDecl *findVar(ASTUnit &AST, llvm::StringRef Name) {
  return selectFirst<VarDecl>(
      "var",
      match(varDecl(hasName(Name.str())).bind("var"), AST.getASTContext()));
}

/// The declared type of the variable Name; fails the test when it is missing,
/// so a "not a container" expectation can never pass by accident.
QualType typeOf(ASTUnit &AST, llvm::StringRef Name) {
  const VarDecl *Var = findVar(AST, Name);
  if (!Var) {
    ADD_FAILURE() << "no variable '" << Name.str() << "' in the snippet";
    return QualType();
  }
  return Var->getType();
}

// Against the installed libstdc++, with its __cxx11 inline namespace and
// typedefs such as std::string.
constexpr const char StdCode[] = R"cpp(
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

using Vec = std::vector<int>;
typedef std::map<int, int> IntMap;
struct MyVec : public std::vector<int> {};
struct DerivedTwice : MyVec {};
struct Hidden : private std::vector<int> {};
class DefaultPrivate : std::vector<int> {};
template <class T> struct Wrapper : std::vector<T> {};
namespace mine {
template <class T> class vector {};
}
struct Fwd;
template <class T> void pattern(T parameter) { std::vector<T> dependent; }

std::vector<int> v;
const Vec &alias = v;
std::vector<int> &&rvalue = std::vector<int>();
volatile Vec vol;
std::vector<int> *pointer = &v;
std::vector<int>::iterator vecIt;
std::vector<bool> bits;
std::string s;
const std::wstring ws;
std::map<int, int> m;
IntMap &mapAlias = m;
std::map<int, int>::iterator mapIt;
std::unordered_map<std::string, int> um;
std::unordered_multimap<int, int> umm;
MyVec mv;
DerivedTwice dt;
Hidden hidden;
DefaultPrivate dp;
Wrapper<int> wrapped;
mine::vector<int> notStd;
extern Fwd fwd;
int plain;
)cpp";

class ContainerModelTypeTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { AST = parse(StdCode).release(); }
  static void TearDownTestSuite() {
    delete AST;
    AST = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(AST, nullptr);
    ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  }

  std::string lookupVar(llvm::StringRef Name) {
    return nameOf(Model.lookup(typeOf(*AST, Name)));
  }

  static ASTUnit *AST;
  ContainerModel Model = ContainerModel::withDefaults();
};

ASTUnit *ContainerModelTypeTest::AST = nullptr;

TEST_F(ContainerModelTypeTest, SeesThroughSugarReferencesAndQualifiers) {
  EXPECT_EQ(lookupVar("v"), "std::vector");
  EXPECT_EQ(lookupVar("alias"), "std::vector");
  EXPECT_EQ(lookupVar("rvalue"), "std::vector");
  EXPECT_EQ(lookupVar("vol"), "std::vector");
  EXPECT_EQ(lookupVar("bits"), "std::vector");
  EXPECT_EQ(lookupVar("m"), "std::map");
  EXPECT_EQ(lookupVar("mapAlias"), "std::map");
}

TEST_F(ContainerModelTypeTest, FindsLibstdcxxStringThroughCxx11) {
  // std::string is a typedef of std::__cxx11::basic_string<char>.
  EXPECT_EQ(lookupVar("s"), "std::basic_string");
  EXPECT_EQ(lookupVar("ws"), "std::basic_string");
}

TEST_F(ContainerModelTypeTest, FindsUnorderedContainers) {
  EXPECT_EQ(lookupVar("um"), "std::unordered_map");
  const ContainerSpec *Multi = Model.lookup(typeOf(*AST, "umm"));
  EXPECT_EQ(nameOf(Multi), "std::unordered_multimap");
  EXPECT_TRUE(hasRow(Multi, "insert", Effect::InvalidatesIteratorsOnly,
                     Produces::Iterator));
}

TEST_F(ContainerModelTypeTest, FindsPublicBases) {
  EXPECT_EQ(lookupVar("mv"), "std::vector");
  EXPECT_EQ(lookupVar("dt"), "std::vector");
  EXPECT_EQ(lookupVar("wrapped"), "std::vector");

  const CXXRecordDecl *MyVec = selectFirst<CXXRecordDecl>(
      "record",
      match(cxxRecordDecl(hasName("MyVec"), isDefinition()).bind("record"),
            AST->getASTContext()));
  ASSERT_NE(MyVec, nullptr);
  EXPECT_EQ(Model.lookup(MyVec), Model.lookup("std::vector"));
}

TEST_F(ContainerModelTypeTest, IgnoresNonPublicBases) {
  EXPECT_EQ(lookupVar("hidden"), "<not a container>");
  EXPECT_EQ(lookupVar("dp"), "<not a container>");
}

TEST_F(ContainerModelTypeTest, PointersAndIteratorsAreNotContainers) {
  EXPECT_EQ(lookupVar("pointer"), "<not a container>");
  EXPECT_EQ(lookupVar("vecIt"), "<not a container>");
  EXPECT_EQ(lookupVar("mapIt"), "<not a container>");
  EXPECT_EQ(lookupVar("plain"), "<not a container>");
  // Same unqualified name, different namespace.
  EXPECT_EQ(lookupVar("notStd"), "<not a container>");
}

TEST_F(ContainerModelTypeTest, DependentIncompleteAndNullTypesAreSafe) {
  EXPECT_EQ(lookupVar("dependent"), "<not a container>");
  EXPECT_EQ(lookupVar("parameter"), "<not a container>");
  EXPECT_EQ(lookupVar("fwd"), "<not a container>");
  EXPECT_EQ(Model.lookup(QualType()), nullptr);
  EXPECT_EQ(Model.lookup(static_cast<const CXXRecordDecl *>(nullptr)), nullptr);
}

TEST_F(ContainerModelTypeTest, UserTypesAreFoundByType) {
  ASSERT_FALSE(bool(Model.addLike("mine::vector", "std::deque")));
  const ContainerSpec *Mine = Model.lookup(typeOf(*AST, "notStd"));
  EXPECT_EQ(nameOf(Mine), "mine::vector");
  ASSERT_NE(Mine, nullptr);
  EXPECT_EQ(Mine->Family, ContainerFamily::Deque);
  EXPECT_EQ(ContainerModel().lookup(typeOf(*AST, "v")), nullptr);
}

TEST(ContainerModelLibcxxTest, SeesThroughLibcxxInlineNamespace) {
  std::unique_ptr<ASTUnit> AST = parse(R"cpp(
    namespace std {
    inline namespace __1 {
    template <class T> class vector {};
    template <class K, class V> class unordered_map {};
    } // namespace __1
    } // namespace std
    std::vector<int> v;
    std::unordered_map<int, int> m;
  )cpp");
  ASSERT_NE(AST, nullptr);
  ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  ContainerModel Model = ContainerModel::withDefaults();
  EXPECT_EQ(nameOf(Model.lookup(typeOf(*AST, "v"))), "std::vector");
  EXPECT_EQ(nameOf(Model.lookup(typeOf(*AST, "m"))), "std::unordered_map");
}

TEST(ContainerModelLibcxxTest, SeesThroughAnyUnambiguousInlineNamespace) {
  // normalizeName does not know this namespace; the printer drops it.
  std::unique_ptr<ASTUnit> AST = parse(R"cpp(
    namespace std {
    inline namespace __abi_v3 {
    template <class T> class deque {};
    }
    }
    std::deque<int> d;
  )cpp");
  ASSERT_NE(AST, nullptr);
  ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  ContainerModel Model = ContainerModel::withDefaults();
  EXPECT_EQ(nameOf(Model.lookup(typeOf(*AST, "d"))), "std::deque");
}

TEST(ContainerModelLibcxxTest, SeesThroughAmbiguousKnownInlineNamespace) {
  // A second 'vector' in std makes the printer keep "__1"; normalizeName
  // still removes it.
  std::unique_ptr<ASTUnit> AST = parse(R"cpp(
    namespace std {
    inline namespace __1 {
    template <class T> class vector {};
    }
    inline namespace __other {
    int vector;
    }
    }
    std::__1::vector<int> v;
  )cpp");
  ASSERT_NE(AST, nullptr);
  ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  ContainerModel Model = ContainerModel::withDefaults();
  EXPECT_EQ(nameOf(Model.lookup(typeOf(*AST, "v"))), "std::vector");
}

} // namespace
} // namespace iterguard
