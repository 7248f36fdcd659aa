//===--- KeyPresenceTest.cpp - Keys known present, queried directly -------===//
//
// Each test parses a function against the real libstdc++, runs the key
// presence analysis and asks whether the key passed to a call to probe() is
// known to be in a named container just before that call.
//
//===----------------------------------------------------------------------===//

#include "Analysis/ContainerAccess.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/KeyPresence.h"
#include "Analysis/ReassignedVariables.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace iterguard {
namespace {

constexpr const char *Prelude = R"cpp(
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
template <typename T> void probe(const T &);
void unknown();
void mutate(std::map<int, int> &);
void look(const std::map<int, int> &);
struct Edge { int id; };
)cpp";

/// Analyzes function `test` of Code; probes are the calls to probe().
class Fixture {
public:
  explicit Fixture(llvm::StringRef Code)
      : AST(tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code.str(),
                                              {"-std=c++17"})) {
    ASTContext &Context = AST->getASTContext();
    Function = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName("test"), isDefinition()).bind("f"),
                   Context));
    Graph = FunctionCFG::build(Function, Context);
    Types = std::make_unique<ContainerTypes>(Options);
    Reassigned = std::make_unique<ReassignedVariables>(Function->getBody());
    Access = std::make_unique<ContainerAccess>(*Types, *Reassigned);
    Presence = std::make_unique<KeyPresence>(*Graph, *Access);
    for (const BoundNodes &Nodes :
         match(findAll(callExpr(callee(functionDecl(hasName("probe"))))
                           .bind("probe")),
               *Function->getBody(), Context))
      Probes.push_back(Nodes.getNodeAs<CallExpr>("probe"));
    llvm::sort(Probes, [&](const CallExpr *A, const CallExpr *B) {
      return Context.getSourceManager().isBeforeInTranslationUnit(
          A->getBeginLoc(), B->getBeginLoc());
    });
  }

  /// Whether the key probe number Probe passes is known to be in Container.
  bool present(unsigned Probe, llvm::StringRef Container) {
    EXPECT_LT(Probe, Probes.size());
    const auto *Var = selectFirst<VarDecl>(
        "v", match(varDecl(hasName(Container),
                           hasAncestor(functionDecl(hasName("test"))))
                       .bind("v"),
                   AST->getASTContext()));
    EXPECT_NE(Var, nullptr) << Container.str();
    ContainerKey Key;
    Key.Root = Var;
    return Presence->isKnownPresentBefore(Key, Probes[Probe]->getArg(0),
                                          Probes[Probe]);
  }

private:
  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *Function = nullptr;
  AnalysisOptions Options;
  std::unique_ptr<FunctionCFG> Graph;
  std::unique_ptr<ContainerTypes> Types;
  std::unique_ptr<ReassignedVariables> Reassigned;
  std::unique_ptr<ContainerAccess> Access;
  std::unique_ptr<KeyPresence> Presence;
  std::vector<const CallExpr *> Probes;
};

TEST(KeyPresence, FindNotEndProvesPresenceOnTheTrueEdgeOnly) {
  Fixture F(R"cpp(
    void test(std::map<int, int> &m, int k) {
      if (m.find(k) != m.end())
        probe(k);
      else
        probe(k);
      probe(k);
    })cpp");
  EXPECT_TRUE(F.present(0, "m"));
  EXPECT_FALSE(F.present(1, "m"));
  EXPECT_FALSE(F.present(2, "m"));
}

TEST(KeyPresence, IteratorVariableComparedWithEnd) {
  Fixture F(R"cpp(
    void test(std::unordered_map<int, int> &m, int k) {
      auto it = m.find(k);
      if (it == m.end())
        return;
      probe(k);
    })cpp");
  EXPECT_TRUE(F.present(0, "m"));
}

TEST(KeyPresence, ReassignedIteratorNoLongerTellsTheKey) {
  Fixture F(R"cpp(
    void test(std::map<int, int> &m, int k) {
      auto it = m.find(k);
      it = m.begin();
      if (it != m.end())
        probe(k);
    })cpp");
  EXPECT_FALSE(F.present(0, "m"));
}

TEST(KeyPresence, EveryPathMustKnowTheKey) {
  Fixture F(R"cpp(
    void test(std::map<int, int> &m, int k, bool b) {
      if (!m.count(k))
        m[k] = 0;
      probe(k);
      if (b)
        m.insert({k, 1});
      probe(k + 0);
    })cpp");
  EXPECT_TRUE(F.present(0, "m"));
  // Not a key expression the analysis names.
  EXPECT_FALSE(F.present(1, "m"));
}

TEST(KeyPresence, InsertFamilyMakesTheKeyPresent) {
  // emplace forwards its arguments, so only a const key stays followed.
  Fixture F(R"cpp(
    void test(const int k) {
      std::set<int> s;
      std::map<int, int> a, b, c, d;
      s.insert(k);
      a.insert(std::make_pair(k, 1));
      b.try_emplace(k, 1);
      c.emplace(k, 1);
      d.insert({k, 2});
      probe(k);
    })cpp");
  EXPECT_TRUE(F.present(0, "s"));
  EXPECT_TRUE(F.present(0, "a"));
  EXPECT_TRUE(F.present(0, "b"));
  EXPECT_TRUE(F.present(0, "c"));
  EXPECT_TRUE(F.present(0, "d"));
}

TEST(KeyPresence, MultimapsGetNoFacts) {
  Fixture F(R"cpp(
    void test(std::multimap<int, int> &m, int k) {
      if (m.count(k))
        probe(k);
    })cpp");
  EXPECT_FALSE(F.present(0, "m"));
}

TEST(KeyPresence, RemovalsForgetAndInsertsKeep) {
  Fixture F(R"cpp(
    void test(std::map<int, int> &m, std::map<int, int> &other, int k, int j) {
      if (!m.count(k))
        return;
      m[j] = 1;
      m.insert({j, 2});
      probe(k);
      m.erase(j);
      probe(k);
      m[k] = 1;
      m.swap(other);
      probe(k);
      m[k] = 1;
      m = other;
      probe(k);
      m[k] = 1;
      other.swap(m);
      probe(k);
    })cpp");
  EXPECT_TRUE(F.present(0, "m"));
  EXPECT_FALSE(F.present(1, "m"));
  EXPECT_FALSE(F.present(2, "m"));
  EXPECT_FALSE(F.present(3, "m"));
  EXPECT_FALSE(F.present(4, "m"));
}

TEST(KeyPresence, UnsummarizedCallsForgetOnlyWhatTheyMayChange) {
  Fixture F(R"cpp(
    void test(std::map<int, int> &m, int k) {
      if (!m.count(k))
        return;
      look(m);
      unknown();
      probe(k);
      mutate(m);
      probe(k);
      m[k] = 1;
      auto moved = std::move(m);
      probe(k);
    })cpp");
  EXPECT_TRUE(F.present(0, "m"));
  EXPECT_FALSE(F.present(1, "m"));
  EXPECT_FALSE(F.present(2, "m"));
}

TEST(KeyPresence, ChangedKeysAreForgotten) {
  Fixture F(R"cpp(
    void test(std::map<int, int> &m, std::map<std::string, int> &names,
              int k, std::string name) {
      if (!m.count(k) || !names.count(name))
        return;
      probe(k);
      probe(name);
      k = 3;
      name.append("x");
      probe(k);
      probe(name);
    })cpp");
  EXPECT_TRUE(F.present(0, "m"));
  EXPECT_TRUE(F.present(1, "names"));
  EXPECT_FALSE(F.present(2, "m"));
  EXPECT_FALSE(F.present(3, "names"));
}

TEST(KeyPresence, KeysBehindPointersDieAtCallsUnlessConst) {
  Fixture F(R"cpp(
    void test(std::map<int, int> &m, Edge *e,
              const std::map<std::string, int> &now,
              std::map<std::string, int> &slice) {
      if (!m.count(e->id))
        return;
      probe(e->id);
      unknown();
      probe(e->id);
      for (const auto &stat : now)
        if (slice.find(stat.first) != slice.end()) {
          unknown();
          probe(stat.first);
        }
    })cpp");
  EXPECT_TRUE(F.present(0, "m"));
  EXPECT_FALSE(F.present(1, "m"));
  EXPECT_TRUE(F.present(2, "slice"));
}

TEST(KeyPresence, LoopLocalKeyIsNewEachIteration) {
  Fixture F(R"cpp(
    void test(std::set<int> &s, const int *keys, int n) {
      for (int i = 0; i < n; ++i) {
        int k = keys[i];
        probe(k);
        s.insert(k);
      }
    })cpp");
  EXPECT_FALSE(F.present(0, "s"));
}

} // namespace
} // namespace iterguard
