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
  explicit LockFixture(llvm::StringRef Code,
                       AnalysisOptions Configured = AnalysisOptions())
      : AST(tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code.str(),
                                              {"-std=c++17"})),
        Options(std::move(Configured)) {
    ASTContext &Context = AST->getASTContext();
    const auto *Function = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName("test"), isDefinition()).bind("f"),
                   Context));
    Graph = FunctionCFG::build(Function, Context);
    Types = std::make_unique<ContainerTypes>(Options);
    Reassigned = std::make_unique<ReassignedVariables>(Function->getBody());
    Access = std::make_unique<ContainerAccess>(*Types, *Reassigned);
    Model = std::make_unique<LockModel>(Options);
    Locks = std::make_unique<LockSetAnalysis>(*Graph, *Access, *Model);
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
  std::unique_ptr<LockModel> Model;
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

TEST(LockSetAnalysis, LockRetakenDirectlyInsideAGuardStaysHeld) {
  LockFixture F(R"cpp(
    void test(std::mutex &mu, bool wait) {
      std::unique_lock<std::mutex> guard(mu);
      if (wait) {
        mu.unlock();
        probe();
        mu.lock();
      }
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "");
  EXPECT_EQ(F.heldAt(1), "mu");
}

constexpr const char *ProjectLocks = R"cpp(
    class Mutex {
    public:
      void Lock();
      void Unlock();
      void AssertHeld();
    private:
      pthread_mutex_t mu_;
    };
    class RWMutex {
    public:
      void ReadLock();
      void WriteLock();
      void ReadUnlock();
      void WriteUnlock();
    private:
      pthread_rwlock_t mu_;
    };
    // Has Lock() and Unlock(), but no mutex inside.
    class FileLock {
    public:
      void Lock();
      void Unlock();
    };
    class MutexLock {
    public:
      explicit MutexLock(Mutex *mu) : mu_(mu) { mu_->Lock(); }
      ~MutexLock() { mu_->Unlock(); }
    private:
      Mutex *const mu_;
    };
    class ReadLock {
    public:
      explicit ReadLock(RWMutex &mu) : mu_(mu) { mu.ReadLock(); }
      ~ReadLock() { mu_.ReadUnlock(); }
    private:
      RWMutex &mu_;
    };
    // Locks only when given a mutex: not on every path.
    class MaybeLock {
    public:
      explicit MaybeLock(Mutex *mu) : mu_(mu) { if (mu_) mu_->Lock(); }
      ~MaybeLock() { if (mu_) mu_->Unlock(); }
    private:
      Mutex *mu_;
    };
    // Never unlocks: not a scoped guard.
    class LeakyLock {
    public:
      explicit LeakyLock(Mutex *mu) { mu->Lock(); }
    };
)cpp";

TEST(LockSetAnalysis, ProjectMutexWrappersLockByTheirSpellings) {
  LockFixture F(std::string(ProjectLocks) + R"cpp(
    void test(Mutex &mu, RWMutex &rw, FileLock &file) {
      mu.Lock();
      mu.AssertHeld();
      probe();
      mu.Unlock();
      rw.ReadLock();
      probe();
      rw.ReadUnlock();
      rw.WriteLock();
      probe();
      rw.WriteUnlock();
      file.Lock();
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "mu");
  EXPECT_EQ(F.heldAt(1), "rw(shared)");
  EXPECT_EQ(F.heldAt(2), "rw");
  EXPECT_EQ(F.heldAt(3), "");
}

TEST(LockSetAnalysis, GuardClassesAreRecognisedFromTheirBodies) {
  LockFixture F(std::string(ProjectLocks) + R"cpp(
    void test(Mutex &mu, RWMutex &rw) {
      {
        MutexLock l(&mu);
        probe();
      }
      probe();
      {
        ReadLock r(rw);
        probe();
      }
      {
        MaybeLock m(&mu);
        probe();
      }
      {
        LeakyLock leak(&mu);
        probe();
      }
    })cpp");
  EXPECT_EQ(F.heldAt(0), "mu");
  EXPECT_EQ(F.heldAt(1), "");
  EXPECT_EQ(F.heldAt(2), "rw(shared)");
  EXPECT_EQ(F.heldAt(3), "");
  EXPECT_EQ(F.heldAt(4), "");
}

TEST(LockSetAnalysis, ConfiguredGuardsAndLockFunctions) {
  AnalysisOptions Options;
  Options.LockTypes = {"util::SpinLock"};
  Options.GuardTypes = {"util::SpinGuard"};
  Options.LockFunctions = {"Acquire", "spin_acquire"};
  Options.UnlockFunctions = {"Release", "spin_release"};
  LockFixture F(R"cpp(
    namespace util {
    class SpinLock {
    public:
      void Acquire();
      void Release();
    };
    class SpinGuard {
    public:
      explicit SpinGuard(SpinLock &lock);
      ~SpinGuard();
    };
    }
    void spin_acquire(util::SpinLock *lock);
    void spin_release(util::SpinLock *lock);
    void test(util::SpinLock &a, util::SpinLock &b) {
      {
        util::SpinGuard guard(a);
        probe();
      }
      b.Acquire();
      probe();
      b.Release();
      spin_acquire(&a);
      probe();
      spin_release(&a);
      probe();
    })cpp",
                Options);
  EXPECT_EQ(F.heldAt(0), "a");
  EXPECT_EQ(F.heldAt(1), "b");
  EXPECT_EQ(F.heldAt(2), "a");
  EXPECT_EQ(F.heldAt(3), "");
}

TEST(LockSetAnalysis, AnAssertionHoldsTheMutexFromThereOn) {
  LockFixture F(std::string(ProjectLocks) + R"cpp(
    void test(Mutex &mu, Mutex &other, bool c) {
      probe();
      if (c)
        other.AssertHeld();
      mu.AssertHeld();
      probe();
      mu.Unlock();
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "");
  EXPECT_EQ(F.heldAt(1), "mu");
  EXPECT_EQ(F.heldAt(2), "");
}

constexpr const char *AnnotatedLocks = R"cpp(
    class __attribute__((capability("mutex"))) Latch {
    public:
      void Enter() __attribute__((acquire_capability()));
      void EnterShared() __attribute__((acquire_shared_capability()));
      void Leave() __attribute__((release_capability()));
      void Check() __attribute__((assert_capability(this)));
      bool Lock() __attribute__((try_acquire_capability(true)));
      void Unlock() __attribute__((release_capability()));
    };
    void enter(Latch *l) __attribute__((acquire_capability(l)));
    void leave(Latch *l) __attribute__((release_capability(l)));
    class __attribute__((scoped_lockable)) Holder {
    public:
      explicit Holder(Latch *l) __attribute__((acquire_capability(l)));
      ~Holder() __attribute__((release_capability()));
    };
)cpp";

TEST(LockSetAnalysis, ThreadSafetyAttributesTakePrecedenceOverNames) {
  LockFixture F(std::string(AnnotatedLocks) + R"cpp(
    void test(Latch &a, Latch &b) {
      a.Enter();
      probe();
      a.Leave();
      b.EnterShared();
      probe();
      b.Leave();
      enter(&a);
      probe();
      leave(&a);
      {
        Holder h(&b);
        probe();
      }
      a.Lock();
      probe();
      a.Unlock();
      b.Check();
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "a");
  EXPECT_EQ(F.heldAt(1), "b(shared)");
  EXPECT_EQ(F.heldAt(2), "a");
  EXPECT_EQ(F.heldAt(3), "b");
  EXPECT_EQ(F.heldAt(4), "");
  EXPECT_EQ(F.heldAt(5), "b");
}

TEST(LockSetAnalysis, RequiredLocksAreHeldAtEntry) {
  LockFixture F(std::string(AnnotatedLocks) + R"cpp(
    struct Table {
      Latch mu_;
      void test(Latch *other) __attribute__((requires_capability(mu_)))
          __attribute__((requires_shared_capability(other)));
    };
    void Table::test(Latch *other) {
      probe();
      mu_.Leave();
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "*other(shared),mu_");
  EXPECT_EQ(F.heldAt(1), "*other(shared)");
}

TEST(LockSetAnalysis, UnlockingWithoutLockingMeansHeldAtEntry) {
  LockFixture F(std::string(ProjectLocks) + R"cpp(
    void test(Mutex &mu, Mutex &other, Mutex &tried, bool c) {
      probe();
      mu.Unlock();
      probe();
      mu.Lock();
      other.Lock();
      other.Unlock();
      probe();
      if (c)
        tried.Lock();
      tried.Unlock();
    })cpp");
  // mu: unlocked on a path that never locked it. other: locked first.
  // tried: one path skips the Lock(), so tried counts as held at entry too.
  EXPECT_EQ(F.heldAt(0), "mu,tried");
  EXPECT_EQ(F.heldAt(1), "tried");
  EXPECT_EQ(F.heldAt(2), "mu,tried");
}

TEST(LockSetAnalysis, TryLockThenUnlockSaysNothingAboutTheEntry) {
  LockFixture F(R"cpp(
    void test(std::mutex &mu) {
      probe();
      if (mu.try_lock())
        mu.unlock();
      std::mutex local;
      local.unlock();
      probe();
    })cpp");
  EXPECT_EQ(F.heldAt(0), "");
  EXPECT_EQ(F.heldAt(1), "");
}

} // namespace
} // namespace iterguard
