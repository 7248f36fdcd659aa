//===--- LockSetAnalysisTest.cpp - Locks held, queried directly -----------===//
//
// Each test parses a function against the real standard library and asks
// which mutexes are certainly held at each call to probe().
//
//===----------------------------------------------------------------------===//

#include "Analysis/ContainerAccess.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/LockSetAnalysis.h"
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
#include <mutex>
#include <shared_mutex>
#include <pthread.h>
void probe();
std::mutex Global;
)cpp";

class LockFixture {
public:
  explicit LockFixture(llvm::StringRef Code)
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
    Locks = std::make_unique<LockSetAnalysis>(*Graph, *Access, Options);
    Locks->run();
    for (const BoundNodes &Nodes :
         match(callExpr(callee(functionDecl(hasName("probe"))),
                        hasAncestor(functionDecl(hasName("test"))))
                   .bind("probe"),
               Context))
      Probes.push_back(Nodes.getNodeAs<CallExpr>("probe"));
    llvm::sort(Probes, [&](const CallExpr *A, const CallExpr *B) {
      return Context.getSourceManager().isBeforeInTranslationUnit(
          A->getBeginLoc(), B->getBeginLoc());
    });
  }

  /// The held locks at probe N, as "name" or "name(shared)", sorted.
  std::string heldAt(unsigned Probe) {
    std::vector<std::string> Names;
    for (const HeldLock &Lock : Locks->locksHeldAt(Probes.at(Probe)))
      Names.push_back(Lock.Mutex.displayName() + (Lock.Shared ? "(shared)" : ""));
    llvm::sort(Names);
    std::string Joined;
    for (const std::string &Name : Names)
      Joined += (Joined.empty() ? "" : ",") + Name;
    return Joined;
  }

private:
  std::unique_ptr<ASTUnit> AST;
  AnalysisOptions Options;
  std::unique_ptr<FunctionCFG> Graph;
  std::unique_ptr<ContainerTypes> Types;
  std::unique_ptr<ReassignedVariables> Reassigned;
  std::unique_ptr<ContainerAccess> Access;
  std::unique_ptr<LockSetAnalysis> Locks;
  std::vector<const CallExpr *> Probes;
};

TEST(LockSetAnalysis, LockGuardHoldsUntilItsScopeEnds) {
  LockFixture F(R"cpp(
    void test(std::mutex &mu) {
      probe();
      {
        std::lock_guard<std::mutex> lock(mu);
        probe();
      }
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "");
  EXPECT_EQ(F.heldAt(1), "mu");
  EXPECT_EQ(F.heldAt(2), "");
}

TEST(LockSetAnalysis, UniqueLockTagsAndExplicitUnlock) {
  LockFixture F(R"cpp(
    void test(std::mutex &a, std::mutex &b, std::mutex &c) {
      std::unique_lock<std::mutex> deferred(a, std::defer_lock);
      std::unique_lock<std::mutex> tried(b, std::try_to_lock);
      c.lock();
      std::unique_lock<std::mutex> adopted(c, std::adopt_lock);
      probe();
      deferred.lock();
      probe();
      deferred.unlock();
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "c");
  EXPECT_EQ(F.heldAt(1), "a,c");
  EXPECT_EQ(F.heldAt(2), "c");
}

TEST(LockSetAnalysis, ScopedAndSharedLocks) {
  LockFixture F(R"cpp(
    void test(std::mutex &a, std::mutex &b, std::shared_mutex &rw) {
      {
        std::scoped_lock both(a, b);
        probe();
      }
      std::shared_lock<std::shared_mutex> reader(rw);
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "a,b");
  EXPECT_EQ(F.heldAt(1), "rw(shared)");
}

TEST(LockSetAnalysis, OnlyLocksHeldOnEveryPathCount) {
  LockFixture F(R"cpp(
    void test(bool c) {
      if (c)
        Global.lock();
      probe();
      Global.lock();
      probe();
      Global.unlock();
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "");
  EXPECT_EQ(F.heldAt(1), "Global");
  EXPECT_EQ(F.heldAt(2), "");
}

TEST(LockSetAnalysis, TryLockNeverCountsAndPthreadDoes) {
  LockFixture F(R"cpp(
    pthread_mutex_t Raw;
    void test(std::mutex &mu) {
      if (mu.try_lock())
        probe();
      pthread_mutex_lock(&Raw);
      probe();
      pthread_mutex_unlock(&Raw);
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "");
  EXPECT_EQ(F.heldAt(1), "Raw");
  EXPECT_EQ(F.heldAt(2), "");
}

TEST(LockSetAnalysis, MovedUniqueLockHandsOverItsLock) {
  LockFixture F(R"cpp(
    void test(std::mutex &mu, std::mutex &other) {
      std::unique_lock<std::mutex> first(mu);
      std::unique_lock<std::mutex> second(std::move(first));
      probe();
      second.unlock();
      probe();
      std::unique_lock<std::mutex> third(other);
      std::unique_lock<std::mutex> fourth(mu);
      third = std::move(fourth);
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "mu");
  EXPECT_EQ(F.heldAt(1), "");
  EXPECT_EQ(F.heldAt(2), "mu");
}

TEST(LockSetAnalysis, MemberMutexesAreNamedByTheirPath) {
  LockFixture F(R"cpp(
    struct Cache {
      std::mutex mu_;
      void test() {
        std::lock_guard<std::mutex> lock(mu_);
        probe();
      }
    };)cpp");
  EXPECT_EQ(F.heldAt(0), "mu_");
}

} // namespace
} // namespace iterguard
