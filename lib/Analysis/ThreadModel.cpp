//===--- ThreadModel.cpp - What runs on which thread ------------*- C++ -*-===//

#include "Analysis/ThreadModel.h"
#include "Analysis/ContainerAccess.h"
#include "Analysis/FunctionCFG.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SetVector.h"
#include <functional>
#include <map>

using namespace clang;

namespace iterguard {

namespace {

bool isStdClass(QualType T, llvm::StringRef Name) {
  const CXXRecordDecl *Record =
      T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getIdentifier() &&
         Record->getName() == Name;
}

/// The function a callable expression runs, when it names one.
const FunctionDecl *callableTarget(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = ignoreTransparent(E)->IgnoreParenImpCasts();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return Lambda->getCallOperator();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      E = Construct->getNumArgs() ? Construct->getArg(0) : nullptr;
      continue;
    }
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(E)) {
      if (AddrOf->getOpcode() != UO_AddrOf)
        return nullptr;
      E = AddrOf->getSubExpr();
      continue;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    if (!Ref)
      return nullptr;
    if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl()))
      return definitionOf(Function);
    // A variable holding a lambda.
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var || !Var->getInit())
      return nullptr;
    E = Var->getInit();
  }
  return nullptr;
}

/// The callable arguments of a spawning expression.
llvm::SmallVector<const Expr *, 2>
spawnedCallables(const Stmt *S, const AnalysisOptions &Options) {
  llvm::SmallVector<const Expr *, 2> Callables;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    if ((isStdClass(Construct->getType(), "thread") ||
         isStdClass(Construct->getType(), "jthread")) &&
        Construct->getNumArgs() > 0 &&
        !isStdClass(Construct->getArg(0)->getType(), "thread") &&
        !isStdClass(Construct->getArg(0)->getType(), "jthread"))
      Callables.push_back(Construct->getArg(0));
    return Callables;
  }
  const auto *Call = dyn_cast<CallExpr>(S);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier())
    return Callables;
  llvm::StringRef Name = Callee->getName();
  // workers.emplace_back(fn): the thread is constructed inside the container.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Member->getRecordDecl());
    if (Spec && (Name == "emplace_back" || Name == "emplace") &&
        Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
        (isStdClass(Spec->getTemplateArgs()[0].getAsType(), "thread") ||
         isStdClass(Spec->getTemplateArgs()[0].getAsType(), "jthread")) &&
        Call->getNumArgs() > 0 && callableTarget(Call->getArg(0))) {
      Callables.push_back(Call->getArg(0));
      return Callables;
    }
  }
  if (Callee->isInStdNamespace() && Name == "async") {
    for (const Expr *Arg : Call->arguments()) {
      if (isStdClass(Arg->getType(), "launch") ||
          Arg->getType()->isEnumeralType())
        continue;
      Callables.push_back(Arg);
      break;
    }
    return Callables;
  }
  if (Name == "pthread_create" && Call->getNumArgs() >= 3) {
    Callables.push_back(Call->getArg(2));
    return Callables;
  }
  for (const std::string &Executor : Options.ExecutorFunctions)
    if (Name == Executor)
      for (const Expr *Arg : Call->arguments())
        if (callableTarget(Arg))
          Callables.push_back(Arg);
  return Callables;
}

} // namespace

struct ThreadModel::Impl {
  /// Calls between functions of the translation unit.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const FunctionDecl *, 4>>
      Callees;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 2>> Running;
  /// Per spawn: the spawner's statements, and the functions, that overlap it.
  std::map<unsigned, llvm::DenseSet<const Stmt *>> RegionStmts;
  std::map<unsigned, llvm::DenseSet<const FunctionDecl *>> RegionFunctions;

  void collectCallees(const FunctionDecl *Caller, const Stmt *S) {
    if (!S)
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      // A lambda made here most often runs here (algorithms, callbacks).
      Callees[Caller].push_back(Lambda->getCallOperator());
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = definitionOf(Call->getDirectCallee())) {
        const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
        if (!Method || !Method->isVirtual() || Method->hasAttr<FinalAttr>())
          Callees[Caller].push_back(Callee);
      }
    for (const Stmt *Child : S->children())
      collectCallees(Caller, Child);
  }

  /// Every function reachable from Start through calls, Start included.
  llvm::SetVector<const FunctionDecl *> reachable(const FunctionDecl *Start) {
    llvm::SetVector<const FunctionDecl *> Seen;
    Seen.insert(Start);
    for (size_t I = 0; I < Seen.size(); ++I) {
      auto It = Callees.find(Seen[I]);
      if (It != Callees.end())
        for (const FunctionDecl *Callee : It->second)
          Seen.insert(Callee);
    }
    return Seen;
  }
};

ThreadModel::ThreadModel(llvm::ArrayRef<const FunctionDecl *> Functions,
                         const AnalysisOptions &Options)
    : Data(std::make_unique<Impl>()) {
  for (const FunctionDecl *Function : Functions) {
    Data->collectCallees(Function, Function->getBody());
    // Find spawns, the loops around them, and the variable holding them.
    struct Walker {
      const FunctionDecl *Function;
      const AnalysisOptions &Options;
      std::vector<ThreadSpawn> &Spawns;
      llvm::DenseSet<const VarDecl *> &Captured;
      llvm::DenseMap<const ParmVarDecl *, const VarDecl *> &Aliases;

      /// The local an argument hands over by reference: std::ref(x),
      /// std::cref(x) or &x.
      static const VarDecl *sharedLocal(const Expr *Arg) {
        Arg = ignoreTransparent(Arg)->IgnoreParenImpCasts();
        if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg))
          if (Construct->getNumArgs() == 1)
            Arg = ignoreTransparent(Construct->getArg(0))->IgnoreParenImpCasts();
        const Expr *Inner = nullptr;
        if (const auto *Call = dyn_cast<CallExpr>(Arg)) {
          const FunctionDecl *Callee = Call->getDirectCallee();
          if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
              (Callee->getName() == "ref" || Callee->getName() == "cref") &&
              Call->getNumArgs() == 1)
            Inner = Call->getArg(0);
        } else if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg)) {
          if (AddrOf->getOpcode() == UO_AddrOf)
            Inner = AddrOf->getSubExpr();
        }
        const auto *Ref =
            Inner ? dyn_cast<DeclRefExpr>(Inner->IgnoreParenImpCasts()) : nullptr;
        const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
        return Var && Var->hasLocalStorage() ? Var : nullptr;
      }

      /// A member function started with its object (`&C::run, &c`).
      static bool takesObject(const FunctionDecl *Entry) {
        const auto *Method = dyn_cast<CXXMethodDecl>(Entry);
        return Method && !Method->isStatic() && !Method->getParent()->isLambda();
      }

      /// Fills the spawn's object and entry arguments from the arguments
      /// after the callable: a member function's object comes first, the
      /// rest go to the entry's parameters in order.
      static void bindArguments(ThreadSpawn &Spawn, const Expr *Callable) {
        llvm::SmallVector<const Expr *, 4> Args;
        if (const auto *Construct = dyn_cast<CXXConstructExpr>(Spawn.Site))
          Args.append(Construct->arg_begin(), Construct->arg_end());
        else if (const auto *Call = dyn_cast<CallExpr>(Spawn.Site))
          Args.append(Call->arg_begin(), Call->arg_end());
        auto It = llvm::find(Args, Callable);
        if (It == Args.end())
          return;
        ++It;
        if (takesObject(Spawn.Entry) && It != Args.end())
          Spawn.Object = *It++;
        Spawn.EntryArguments.assign(It, Args.end());
      }

      void shareArguments(llvm::ArrayRef<const Expr *> Args,
                          const FunctionDecl *Entry) {
        for (unsigned Param = 0; Param < Args.size(); ++Param) {
          const VarDecl *Local = sharedLocal(Args[Param]);
          if (!Local)
            continue;
          Captured.insert(Local);
          if (Param >= Entry->getNumParams())
            continue;
          // Started from several places with different locals, the
          // parameter stands for none of them in particular.
          auto [It, Inserted] =
              Aliases.try_emplace(Entry->getParamDecl(Param), Local);
          if (!Inserted && It->second != Local)
            It->second = nullptr;
        }
      }
      const VarDecl *Holder = nullptr;
      const FieldDecl *MemberHolder = nullptr;

      void walk(const Stmt *S) {
        if (!S || isa<LambdaExpr>(S))
          return;
        if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
          for (const Decl *D : Decls->decls())
            if (const auto *Var = dyn_cast<VarDecl>(D)) {
              const VarDecl *Outer = Holder;
              Holder = Var;
              walk(Var->getInit());
              Holder = Outer;
            }
          return;
        }
        if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(S))
          if (Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2)
            if (const auto *Member = dyn_cast<MemberExpr>(
                    Assign->getArg(0)->IgnoreParenImpCasts()))
              if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
                const FieldDecl *Outer = MemberHolder;
                MemberHolder = dyn_cast<FieldDecl>(Member->getMemberDecl());
                walk(Assign->getArg(1));
                MemberHolder = Outer;
                return;
              }
        for (const Expr *Callable : spawnedCallables(S, Options)) {
          const FunctionDecl *Entry = callableTarget(Callable);
          if (!Entry)
            continue;
          ThreadSpawn Spawn;
          Spawn.Spawner = Function;
          Spawn.Site = S;
          Spawn.Entry = Entry;
          Spawn.Handle = Holder;
          Spawn.MemberHandle = MemberHolder;
          // workers.emplace_back(...): the container of threads holds it.
          if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S))
            if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
                    Member->getImplicitObjectArgument()
                        ? Member->getImplicitObjectArgument()->IgnoreParenImpCasts()
                        : nullptr))
              if (const auto *Workers = dyn_cast<VarDecl>(Ref->getDecl()))
                if (Workers->hasLocalStorage())
                  Spawn.Handle = Workers;
          bindArguments(Spawn, Callable);
          Spawns.push_back(Spawn);
          shareArguments(Spawn.EntryArguments, Entry);
          if (const auto *Lambda = dyn_cast<LambdaExpr>(
                  ignoreTransparent(Callable)->IgnoreParenImpCasts()))
            for (const LambdaCapture &Capture : Lambda->captures())
              if (Capture.capturesVariable() &&
                  Capture.getCaptureKind() == LCK_ByRef)
                if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
                  Captured.insert(Var);
        }
        const VarDecl *Outer = Holder;
        if (!isa<ExprWithCleanups>(S) && !isa<MaterializeTemporaryExpr>(S) &&
            !isa<CXXBindTemporaryExpr>(S) && !isa<ImplicitCastExpr>(S) &&
            !isa<CXXConstructExpr>(S) && !isa<CallExpr>(S))
          Holder = nullptr;
        for (const Stmt *Child : S->children())
          walk(Child);
        Holder = Outer;
      }
    };
    Walker{Function, Options, Spawns, CapturedByThreads, ParameterAliases}.walk(
        Function->getBody());
  }
  for (unsigned I = 0; I < Spawns.size(); ++I) {
    for (const FunctionDecl *Function : Data->reachable(Spawns[I].Entry))
      Data->Running[Function].push_back(I);
  }
}

ThreadModel::~ThreadModel() = default;

llvm::ArrayRef<unsigned>
ThreadModel::threadsRunning(const FunctionDecl *Function) const {
  auto It = Data->Running.find(Function);
  if (It == Data->Running.end())
    return {};
  return It->second;
}

void ThreadModel::computeRegions(const FunctionCFG &Function) {
  for (unsigned I = 0; I < Spawns.size(); ++I) {
    const ThreadSpawn &Spawn = Spawns[I];
    if (Spawn.Spawner != Function.function())
      continue;
    const CFGBlock *Start = Function.blockOf(Spawn.Site);
    if (!Start)
      continue;
    // Range-for variables over the handle: `for (auto &w : workers) w.join()`.
    llvm::DenseSet<const VarDecl *> Members;
    // Entering a loop that joins every thread of the container joins them
    // all, including on the path where the container is empty.
    llvm::DenseSet<const Stmt *> JoinLoops;
    std::function<void(const Stmt *)> FindLoops = [&](const Stmt *S) {
      if (!S)
        return;
      if (const auto *Loop = dyn_cast<CXXForRangeStmt>(S))
        if (const auto *Range = dyn_cast_or_null<DeclRefExpr>(
                Loop->getRangeInit() ? Loop->getRangeInit()->IgnoreParenImpCasts()
                                     : nullptr))
          if (Range->getDecl() == Spawn.Handle && Loop->getLoopVariable()) {
            Members.insert(Loop->getLoopVariable());
            JoinLoops.insert(Loop->getRangeStmt());
          }
      for (const Stmt *Child : S->children())
        FindLoops(Child);
    };
    if (Spawn.Handle)
      FindLoops(Function.function()->getBody());
    auto IsJoin = [&](const CFGElement &Element) {
      if (!Spawn.Handle)
        return false;
      if (std::optional<CFGAutomaticObjDtor> Dtor =
              Element.getAs<CFGAutomaticObjDtor>())
        return Dtor->getVarDecl() == Spawn.Handle;
      std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
      if (S && JoinLoops.contains(S->getStmt()))
        return true;
      const auto *Call = S ? dyn_cast<CXXMemberCallExpr>(S->getStmt()) : nullptr;
      if (!Call || !Call->getMethodDecl() ||
          !Call->getMethodDecl()->getIdentifier())
        return false;
      const Expr *Object = Call->getImplicitObjectArgument()
                               ? Call->getImplicitObjectArgument()->IgnoreParenImpCasts()
                               : nullptr;
      if (const auto *Element = dyn_cast_or_null<CXXOperatorCallExpr>(Object))
        if (Element->getOperator() == OO_Subscript && Element->getNumArgs() > 0)
          Object = Element->getArg(0)->IgnoreParenImpCasts();
      const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object);
      llvm::StringRef Name = Call->getMethodDecl()->getName();
      return Ref &&
             (Ref->getDecl() == Spawn.Handle ||
              Members.contains(dyn_cast<VarDecl>(Ref->getDecl()))) &&
             (Name == "join" || Name == "get" || Name == "wait");
    };
    llvm::DenseSet<const Stmt *> &Region = Data->RegionStmts[I];
    llvm::SmallVector<const CFGBlock *, 8> Work;
    llvm::DenseSet<const CFGBlock *> Seen;
    // Within the spawning block, only what follows the spawn.
    bool After = false, Joined = false;
    for (const CFGElement &Element : *Start) {
      std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
      if (After && IsJoin(Element)) {
        Joined = true;
        break;
      }
      if (S && S->getStmt() == Spawn.Site)
        After = true;
      else if (After && S)
        Region.insert(S->getStmt());
    }
    if (!Joined)
      for (const CFGBlock::AdjacentBlock &Succ : Start->succs())
        if (const CFGBlock *Next = Succ.getReachableBlock())
          Work.push_back(Next);
    while (!Work.empty()) {
      const CFGBlock *Block = Work.pop_back_val();
      if (!Seen.insert(Block).second)
        continue;
      bool Stop = false;
      for (const CFGElement &Element : *Block) {
        if (IsJoin(Element)) {
          Stop = true;
          break;
        }
        if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
          Region.insert(S->getStmt());
      }
      if (Stop)
        continue;
      for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
        if (const CFGBlock *Next = Succ.getReachableBlock())
          Work.push_back(Next);
    }
    // Functions called in the region overlap the thread as well.
    llvm::DenseSet<const FunctionDecl *> &Called = Data->RegionFunctions[I];
    for (const Stmt *S : Region)
      if (const auto *Call = dyn_cast<CallExpr>(S))
        if (const FunctionDecl *Callee = definitionOf(Call->getDirectCallee()))
          for (const FunctionDecl *Reached : Data->reachable(Callee))
            Called.insert(Reached);
  }
}

bool ThreadModel::overlaps(unsigned Spawn, const Stmt *S) const {
  auto It = Data->RegionStmts.find(Spawn);
  return It != Data->RegionStmts.end() && It->second.contains(S);
}

bool ThreadModel::runTogether(unsigned A, unsigned B) const {
  const ThreadSpawn &First = Spawns[A];
  const ThreadSpawn &Second = Spawns[B];
  // A spawn reached again before its thread is joined (a loop that does not
  // join in the iteration) runs alongside itself.
  if (A == B)
    return overlaps(A, First.Site);
  if (First.Spawner != Second.Spawner)
    return true;
  return overlaps(A, Second.Site) || overlaps(B, First.Site);
}

bool ThreadModel::joinedBefore(unsigned Spawn, const FunctionDecl *Function,
                               const Stmt *At) const {
  const FieldDecl *Field = Spawns[Spawn].MemberHandle;
  if (!Field || !Function->getBody())
    return false;
  const SourceManager &SM = Function->getASTContext().getSourceManager();
  std::function<bool(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
      if (const CXXMethodDecl *Method = Call->getMethodDecl())
        if (Method->getIdentifier() && Method->getName() == "join")
          if (const auto *Member = dyn_cast_or_null<MemberExpr>(
                  Call->getImplicitObjectArgument()
                      ? Call->getImplicitObjectArgument()->IgnoreParenImpCasts()
                      : nullptr))
            if (Member->getMemberDecl() == Field &&
                SM.isBeforeInTranslationUnit(Call->getBeginLoc(),
                                             At->getBeginLoc()))
              return true;
    for (const Stmt *Child : S->children())
      if (Find(Child))
        return true;
    return false;
  };
  return Find(Function->getBody());
}

bool ThreadModel::calledDuring(unsigned Spawn,
                               const FunctionDecl *Function) const {
  auto It = Data->RegionFunctions.find(Spawn);
  return It != Data->RegionFunctions.end() && It->second.contains(Function);
}

} // namespace iterguard
