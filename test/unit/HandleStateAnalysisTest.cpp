//===--- HandleStateAnalysisTest.cpp - Handle states, queried directly ----===//
//
// Each test parses a function against the real libstdc++, runs the dataflow
// and asks for the state of a handle just before a call to probe(), without
// going through any reporter.
//
//===----------------------------------------------------------------------===//

#include "Analysis/ContainerAccess.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/HandleStateAnalysis.h"
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
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
void probe();
)cpp";

/// Analyzes function `test` of Code; probes are the calls to probe().
class Fixture {
public:
  explicit Fixture(llvm::StringRef Code)
      : AST(tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code.str(),
                                              {"-std=c++17"})) {
    ASTContext &Context = AST->getASTContext();
    const auto *Function = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName("test"), isDefinition()).bind("f"),
                   Context));
    Graph = FunctionCFG::build(Function, Context);
    Types = std::make_unique<ContainerTypes>(Options);
    Reassigned = std::make_unique<ReassignedVariables>(Function->getBody());
    Access = std::make_unique<ContainerAccess>(*Types, *Reassigned);
    Analysis = std::make_unique<HandleStateAnalysis>(*Graph, *Access);
    Analysis->run();
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

  const VarDecl *var(llvm::StringRef Name) {
    return selectFirst<VarDecl>(
        "v", match(varDecl(hasName(Name),
                           hasAncestor(functionDecl(hasName("test"))))
                       .bind("v"),
                   AST->getASTContext()));
  }

  HandleStatus at(unsigned Probe, llvm::StringRef Handle,
                  llvm::SmallVectorImpl<const CallExpr *> *Causes = nullptr) {
    EXPECT_LT(Probe, Probes.size());
    EXPECT_NE(var(Handle), nullptr) << Handle.str();
    return Analysis->statusBefore(var(Handle), Probes[Probe], Causes);
  }

  std::string calleeName(const CallExpr *Call) {
    return Call->getDirectCallee()->getNameAsString();
  }

  const HandleStateAnalysis &analysis() const { return *Analysis; }

private:
  std::unique_ptr<ASTUnit> AST;
  AnalysisOptions Options;
  std::unique_ptr<FunctionCFG> Graph;
  std::unique_ptr<ContainerTypes> Types;
  std::unique_ptr<ReassignedVariables> Reassigned;
  std::unique_ptr<ContainerAccess> Access;
  std::unique_ptr<HandleStateAnalysis> Analysis;
  std::vector<const CallExpr *> Probes;
};

TEST(HandleStateAnalysis, PushBackInvalidatesIteratorWithItsCause) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v) {
      auto it = v.begin();
      probe();
      v.push_back(1);
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "it"), HandleStatus::Valid);
  llvm::SmallVector<const CallExpr *, 2> Causes;
  EXPECT_EQ(F.at(1, "it", &Causes), HandleStatus::Invalidated);
  ASSERT_EQ(Causes.size(), 1u);
  EXPECT_EQ(F.calleeName(Causes[0]), "push_back");
}

TEST(HandleStateAnalysis, AssignmentRevives) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v) {
      auto it = v.begin();
      v.reserve(100);
      probe();
      it = v.begin();
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "it"), HandleStatus::Invalidated);
  EXPECT_EQ(F.at(1, "it"), HandleStatus::Valid);
}

TEST(HandleStateAnalysis, EraseReturnValueRevivesErasedIterator) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v) {
      auto it = v.begin();
      it = v.erase(it);
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "it"), HandleStatus::Valid);
}

TEST(HandleStateAnalysis, MayInvalidateOnOnePathCounts) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v, bool grow) {
      auto it = v.begin();
      if (grow) {
        v.push_back(1);
      } else {
        probe();
      }
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "it"), HandleStatus::Valid);
  EXPECT_EQ(F.at(1, "it"), HandleStatus::Invalidated);
}

TEST(HandleStateAnalysis, BranchesOnTheSameFlagAreMutuallyExclusive) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v, bool grow) {
      auto it = v.begin();
      if (grow)
        v.push_back(1);
      if (!grow)
        probe();
      if (grow)
        probe();
    })cpp");
  // statusBefore reports what may have happened; the contradiction is
  // decided when a use is checked, so only the stale uses tell.
  EXPECT_TRUE(F.analysis().staleUses().empty());
  EXPECT_EQ(F.at(1, "it"), HandleStatus::Invalidated);
}

TEST(HandleStateAnalysis, UseUnderTheMutationsConditionIsStale) {
  Fixture F(R"cpp(
    int test(std::vector<int> &v, bool grow) {
      auto it = v.begin();
      if (grow)
        v.push_back(1);
      if (grow)
        return *it;
      return 0;
    })cpp");
  ASSERT_EQ(F.analysis().staleUses().size(), 1u);
}

TEST(HandleStateAnalysis, ElementCopiesAreNotHandles) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v) {
      int copy = v[0];
      int &ref = v[0];
      v.push_back(1);
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "copy"), HandleStatus::Untracked);
  EXPECT_EQ(F.at(0, "ref"), HandleStatus::Invalidated);
}

TEST(HandleStateAnalysis, OtherContainerAndCopiesAreIndependent) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v) {
      std::vector<int> snapshot = v;
      auto it = v.begin();
      snapshot.push_back(1);
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "it"), HandleStatus::Valid);
}

TEST(HandleStateAnalysis, ReferenceAliasOfContainerIsTheContainer) {
  Fixture F(R"cpp(
    struct Holder { std::vector<int> items; };
    void test(Holder &h) {
      auto &alias = h.items;
      auto it = h.items.begin();
      alias.clear();
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "it"), HandleStatus::Invalidated);
}

TEST(HandleStateAnalysis, UnorderedInsertInvalidatesIteratorsNotReferences) {
  Fixture F(R"cpp(
    void test(std::unordered_map<int, int> &m) {
      auto it = m.find(1);
      int &value = m.at(2);
      m.insert({3, 4});
      probe();
      m.rehash(64);
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "it"), HandleStatus::Invalidated);
  EXPECT_EQ(F.at(0, "value"), HandleStatus::Valid);
  EXPECT_EQ(F.at(1, "value"), HandleStatus::Valid);
}

TEST(HandleStateAnalysis, DequePushBackKeepsReferences) {
  Fixture F(R"cpp(
    void test(std::deque<int> &d) {
      auto it = d.begin();
      int &front = d.front();
      d.push_back(1);
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "it"), HandleStatus::Invalidated);
  EXPECT_EQ(F.at(0, "front"), HandleStatus::Valid);
}

TEST(HandleStateAnalysis, MapEraseInvalidatesOnlyTheErasedPosition) {
  Fixture F(R"cpp(
    void test(std::map<int, int> &m) {
      auto first = m.begin();
      auto found = m.find(7);
      m.erase(found);
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "found"), HandleStatus::Invalidated);
  EXPECT_EQ(F.at(0, "first"), HandleStatus::Valid);
}

TEST(HandleStateAnalysis, VectorEraseInvalidatesPositionAndEnd) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v) {
      auto last = v.end();
      auto it = v.begin() + 2;
      auto copy = it;
      v.erase(it);
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "it"), HandleStatus::Invalidated);
  EXPECT_EQ(F.at(0, "copy"), HandleStatus::Invalidated);
  EXPECT_EQ(F.at(0, "last"), HandleStatus::Invalidated);
}

TEST(HandleStateAnalysis, StringViewFollowsTheString) {
  Fixture F(R"cpp(
    void test(std::string &s) {
      std::string_view view = s;
      const char *raw = s.c_str();
      s += "tail";
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "view"), HandleStatus::Invalidated);
  EXPECT_EQ(F.at(0, "raw"), HandleStatus::Invalidated);
}

TEST(HandleStateAnalysis, EraseInLoopIsReportedOnceAtTheIncrement) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v) {
      for (auto it = v.begin(); it != v.end(); ++it)
        if (*it == 0)
          v.erase(it);
    })cpp");
  llvm::ArrayRef<StaleUse> Uses = F.analysis().staleUses();
  ASSERT_EQ(Uses.size(), 1u);
  EXPECT_EQ(Uses[0].Handle->getName(), "it");
  ASSERT_EQ(Uses[0].Causes.size(), 1u);
  EXPECT_EQ(F.calleeName(Uses[0].Causes[0]), "erase");
  EXPECT_EQ(Uses[0].RangeLoop, nullptr);
}

TEST(HandleStateAnalysis, RangeLoopMutationMarksTheHiddenIterator) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v) {
      for (int x : v)
        if (x == 1)
          v.push_back(2);
    })cpp");
  llvm::ArrayRef<StaleUse> Uses = F.analysis().staleUses();
  ASSERT_EQ(Uses.size(), 1u);
  EXPECT_NE(Uses[0].RangeLoop, nullptr);
  EXPECT_EQ(F.calleeName(Uses[0].Causes[0]), "push_back");
}

TEST(HandleStateAnalysis, BreakAfterMutationLeavesNoStaleUse) {
  Fixture F(R"cpp(
    void test(std::vector<int> &v) {
      for (int x : v)
        if (x == 1) {
          v.push_back(2);
          break;
        }
    })cpp");
  EXPECT_TRUE(F.analysis().staleUses().empty());
}

TEST(HandleStateAnalysis, HandlesComparedUnequalAreNotBothTheFirst) {
  Fixture F(R"cpp(
    void test(std::map<int, int> &m) {
      auto a = m.begin();
      auto b = m.begin();
      if (a != b) {
        m.erase(a);
        probe();
        return;
      }
      m.erase(a);
      probe();
    })cpp");
  EXPECT_EQ(F.at(0, "b"), HandleStatus::Valid);
  EXPECT_EQ(F.at(1, "b"), HandleStatus::Invalidated);
}

} // namespace
} // namespace iterguard
