//===--- FunctionSummaries.cpp - What calls do to containers ----*- C++ -*-===//

#include "Analysis/FunctionSummaries.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/KeyPresence.h"
#include "Analysis/MutationPaths.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace iterguard {

// Summaries only grow and are bounded, so propagation ends by itself; the
// bound only protects against a modelling mistake turning into a hang.
static constexpr unsigned MaxPropagationRounds = 32;
// Notes deeper than this no longer help anyone read the story.
static constexpr unsigned MaxChainLength = 8;

namespace {

struct CallSite {
  const CallExpr *Call;
  const FunctionDecl *Callee;
};

/// The definition a call reaches when it is not dispatched virtually.
const FunctionDecl *staticCallee(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return nullptr;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee)) {
    bool Devirtualized =
        Method->hasAttr<FinalAttr>() || Method->getParent()->hasAttr<FinalAttr>();
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens()))
        Devirtualized |= ME->hasQualifier();
    if (Method->isVirtual() && !Devirtualized)
      return nullptr;
  }
  const FunctionDecl *Definition = nullptr;
  if (!Callee->hasBody(Definition))
    return nullptr;
  return Definition;
}

/// Member operator calls pass the object as argument 0.
unsigned argumentShift(const CallExpr *Call, const FunctionDecl *Callee) {
  return isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
}

const Expr *argumentFor(const CallExpr *Call, const FunctionDecl *Callee,
                        unsigned Param) {
  unsigned Index = Param + argumentShift(Call, Callee);
  return Index < Call->getNumArgs() ? Call->getArg(Index) : nullptr;
}

/// The parameter of Function that E reads, seeing through copies of it.
std::optional<unsigned> parameterIndexOf(const Expr *E,
                                         const FunctionDecl *Function) {
  for (unsigned Depth = 0; E && Depth < 4; ++Depth) {
    E = ignoreTransparent(E);
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      E = Construct->getNumArgs() ? Construct->getArg(0) : nullptr;
      continue;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl()))
        if (Param->getDeclContext() == Function)
          return Param->getFunctionScopeIndex();
    return std::nullopt;
  }
  return std::nullopt;
}

} // namespace

struct FunctionSummaries::FunctionInfo {
  FunctionInfo(const FunctionDecl *Function, const ContainerTypes &Types)
      : Function(Function), Reassigned(Function->getBody()),
        Access(Types, Reassigned) {}

  const FunctionDecl *Function;
  ReassignedVariables Reassigned;
  ContainerAccess Access;
  std::vector<MutationSummary> Entries;
  std::vector<CallSite> Calls;
  /// Whether the body pushes onto, and pops from, a container its callers
  /// can name: only then may a pop remove an element of its own.
  bool PushesVisible = false;
  bool PopsVisible = false;
  /// Pops that remove an element the function pushed (MutationPaths.h).
  llvm::DenseSet<const CallExpr *> OwnPops;
  /// Built on demand while summarizing, released afterwards.
  std::unique_ptr<FunctionCFG> Graph;
  bool GraphTried = false;

  const FunctionCFG *graph() {
    if (!GraphTried) {
      GraphTried = true;
      Graph = FunctionCFG::build(Function, Function->getASTContext());
    }
    return Graph.get();
  }

  void forgetEntries() {
    Entries.clear();
    Calls.clear();
    PushesVisible = PopsVisible = false;
  }

  /// Whether a container named by Key is visible to callers.
  bool isVisibleToCallers(const ContainerKey &Key) const {
    if (!Key.Root) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      return Method && !Method->isStatic() &&
             !Method->getParent()->isLambda();
    }
    if (const auto *Param = dyn_cast<ParmVarDecl>(Key.Root))
      if (Param->getDeclContext() == Function) {
        QualType T = Param->getType();
        if (T->isPointerType())
          return Reassigned.isNeverReassigned(Param);
        return T->isReferenceType();
      }
    const auto *Var = dyn_cast<VarDecl>(Key.Root);
    if (!Var)
      return false;
    if (Var->hasGlobalStorage() && !Var->isStaticLocal())
      return true;
    // A lambda modifies what it captured by reference in its creator, whose
    // variable the caller names the same way.
    const auto *Method = dyn_cast<CXXMethodDecl>(Function);
    if (!Method || !Method->getParent()->isLambda())
      return false;
    for (const LambdaCapture &Capture : Method->getParent()->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == Var &&
          Capture.getCaptureKind() == LCK_ByRef)
        return true;
    return false;
  }

  bool add(MutationSummary Entry) {
    for (MutationSummary &Existing : Entries)
      if (Existing.Container == Entry.Container &&
          Existing.Invalidation == Entry.Invalidation &&
          Existing.Method == Entry.Method) {
        // An unconditional entry covers a conditional one, and an insert of
        // any key covers one of a known key, not the reverse.
        bool WhenTrue = Existing.OnlyWhenReturnsTrue && Entry.OnlyWhenReturnsTrue;
        std::optional<unsigned> Key =
            Existing.KeyParam == Entry.KeyParam ? Entry.KeyParam : std::nullopt;
        if (Existing.OnlyWhenReturnsTrue == WhenTrue && Existing.KeyParam == Key)
          return false;
        // Tell the story of the unconditional entry; a wider key alone
        // keeps the story it had, which may be the operation itself.
        if (Existing.OnlyWhenReturnsTrue != WhenTrue)
          Existing = std::move(Entry);
        Existing.OnlyWhenReturnsTrue = WhenTrue;
        Existing.KeyParam = Key;
        return true;
      }
    Entries.push_back(std::move(Entry));
    return true;
  }

  void collectContainerCall(const ContainerCall &OnContainer) {
    if (!isVisibleToCallers(OnContainer.Container))
      return;
    EndChange Change = endChangeOf(OnContainer.Method);
    PushesVisible |=
        Change == EndChange::PushBack || Change == EndChange::PushFront;
    PopsVisible |=
        Change == EndChange::PopBack || Change == EndChange::PopFront;
    if (OnContainer.Invalidation == Effect::None ||
        OwnPops.contains(OnContainer.Call))
      return;
    MutationSummary Entry;
    Entry.Container = OnContainer.Container;
    Entry.Invalidation = OnContainer.Invalidation;
    Entry.Method = OnContainer.Method;
    Entry.Site = OnContainer.Call;
    if (OnContainer.FirstArg)
      Entry.PositionParam = parameterIndexOf(OnContainer.FirstArg, Function);
    if (const Expr *Key = insertedKeyOf(OnContainer))
      Entry.KeyParam = unchangedKeyParameter(Key, Function, Access);
    if (Function->getReturnType()->isBooleanType())
      if (const FunctionCFG *Flow = graph())
        Entry.OnlyWhenReturnsTrue =
            returnsTrueAfter(*Flow, Access, OnContainer.Call);
    add(std::move(Entry));
  }

  void collect(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (std::optional<ContainerCall> OnContainer =
              Access.asContainerCall(Call)) {
        collectContainerCall(*OnContainer);
      } else if (const FunctionDecl *Callee = staticCallee(Call)) {
        Calls.push_back({Call, Callee});
      }
    }
    for (const Stmt *Child : S->children())
      collect(Child);
  }
};

/// Translates a callee's container key into the caller's terms.
static std::optional<ContainerKey>
translate(const ContainerKey &CalleeKey, const CallExpr *Call,
          const FunctionDecl *Callee, const ContainerAccess &CallerAccess) {
  std::optional<ContainerKey> Base;
  if (!CalleeKey.Root) {
    const Expr *Object = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Object = Member->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) &&
             Call->getNumArgs() > 0)
      Object = Call->getArg(0);
    Base = CallerAccess.objectKey(Object);
  } else if (const auto *Param = dyn_cast<ParmVarDecl>(CalleeKey.Root);
             Param && Param->getDeclContext() == Callee) {
    Base = CallerAccess.objectKey(
        argumentFor(Call, Callee, Param->getFunctionScopeIndex()));
  } else {
    // A global, or a variable a lambda captured by reference: the caller
    // names the same object the same way.
    return CalleeKey;
  }
  if (!Base)
    return std::nullopt;
  Base->Fields.append(CalleeKey.Fields.begin(), CalleeKey.Fields.end());
  return Base;
}

FunctionSummaries::FunctionSummaries(
    llvm::ArrayRef<const FunctionDecl *> Functions,
    const ContainerTypes &Types) {
  for (const FunctionDecl *Function : Functions) {
    if (!Function->getBody() || Infos.count(Function))
      continue;
    auto Info = std::make_unique<FunctionInfo>(Function, Types);
    Info->collect(Function->getBody());
    Order.push_back(Function);
    Infos[Function] = std::move(Info);
  }
  propagate();
  if (findOwnElementPops()) {
    collectAll();
    propagate();
  }
  for (const FunctionDecl *Function : Order)
    Infos[Function]->Graph.reset();
}

void FunctionSummaries::collectAll() {
  for (const FunctionDecl *Function : Order) {
    FunctionInfo &Info = *Infos[Function];
    Info.forgetEntries();
    Info.collect(Function->getBody());
  }
}

bool FunctionSummaries::findOwnElementPops() {
  bool Found = false;
  for (const FunctionDecl *Function : Order) {
    FunctionInfo &Info = *Infos[Function];
    if (!Info.PushesVisible || !Info.PopsVisible)
      continue;
    const FunctionCFG *Flow = Info.graph();
    if (!Flow)
      continue;
    // The summaries so far include every pop, so they may only overstate
    // what a call does to the container.
    auto MayModify = [&](const CallExpr *Call, const ContainerKey &Key) {
      return llvm::any_of(
          mutationsOf(Call, Info.Access),
          [&](const CallMutation &M) { return M.Container == Key; });
    };
    Info.OwnPops = popsOfOwnElements(*Flow, Info.Access, MayModify);
    Found |= !Info.OwnPops.empty();
  }
  return Found;
}

FunctionSummaries::~FunctionSummaries() = default;

const FunctionSummaries::FunctionInfo *
FunctionSummaries::infoOf(const FunctionDecl *Function) const {
  auto It = Infos.find(Function);
  return It == Infos.end() ? nullptr : It->second.get();
}

void FunctionSummaries::propagate() {
  for (unsigned Round = 0; Round < MaxPropagationRounds; ++Round) {
    bool Changed = false;
    for (const FunctionDecl *Function : Order) {
      FunctionInfo &Info = *Infos[Function];
      for (const CallSite &Site : Info.Calls) {
        const FunctionInfo *Callee = infoOf(Site.Callee);
        if (!Callee)
          continue;
        for (unsigned I = 0; I < Callee->Entries.size(); ++I) {
          const MutationSummary &From = Callee->Entries[I];
          std::optional<ContainerKey> Key =
              translate(From.Container, Site.Call, Site.Callee, Info.Access);
          if (!Key || !Info.isVisibleToCallers(*Key))
            continue;
          MutationSummary Entry;
          Entry.Container = std::move(*Key);
          Entry.Invalidation = From.Invalidation;
          Entry.Method = From.Method;
          Entry.Site = Site.Call;
          Entry.Callee = Site.Callee;
          Entry.CalleeEntry = I;
          if (From.PositionParam)
            if (const Expr *Arg =
                    argumentFor(Site.Call, Site.Callee, *From.PositionParam))
              Entry.PositionParam = parameterIndexOf(Arg, Function);
          if (From.KeyParam)
            if (const Expr *Arg =
                    argumentFor(Site.Call, Site.Callee, *From.KeyParam))
              Entry.KeyParam = unchangedKeyParameter(Arg, Function, Info.Access);
          Changed |= Info.add(std::move(Entry));
        }
      }
    }
    if (!Changed)
      return;
  }
}

const ContainerAccess &
FunctionSummaries::accessOf(const FunctionDecl *Function) const {
  const FunctionInfo *Info = infoOf(Function);
  assert(Info && "only summarized functions have a classifier here");
  return Info->Access;
}

llvm::ArrayRef<MutationSummary>
FunctionSummaries::of(const FunctionDecl *Function) const {
  const FunctionInfo *Info = infoOf(Function);
  return Info ? llvm::ArrayRef<MutationSummary>(Info->Entries)
              : llvm::ArrayRef<MutationSummary>();
}

bool FunctionSummaries::summarizes(const CallExpr *Call) const {
  const FunctionDecl *Callee = staticCallee(Call);
  return Callee && infoOf(Callee);
}

std::vector<CallMutation>
FunctionSummaries::mutationsOf(const CallExpr *Call,
                               const ContainerAccess &CallerAccess) const {
  std::vector<CallMutation> Result;
  const FunctionDecl *Callee = staticCallee(Call);
  const FunctionInfo *Info = Callee ? infoOf(Callee) : nullptr;
  if (!Info)
    return Result;
  for (const MutationSummary &Entry : Info->Entries) {
    std::optional<ContainerKey> Key =
        translate(Entry.Container, Call, Callee, CallerAccess);
    if (!Key)
      continue;
    CallMutation Mutation;
    Mutation.Container = std::move(*Key);
    Mutation.Invalidation = Entry.Invalidation;
    Mutation.Method = Entry.Method;
    Mutation.OnlyWhenReturnsTrue = Entry.OnlyWhenReturnsTrue;
    if (Entry.PositionParam)
      Mutation.PositionArg = argumentFor(Call, Callee, *Entry.PositionParam);
    if (Entry.KeyParam)
      Mutation.KeyArg = argumentFor(Call, Callee, *Entry.KeyParam);
    const FunctionDecl *StepFunction = Callee;
    const MutationSummary *Step = &Entry;
    while (Step && Mutation.Chain.size() < MaxChainLength) {
      Mutation.Chain.push_back({StepFunction, Step});
      const FunctionInfo *Next = Step->Callee ? infoOf(Step->Callee) : nullptr;
      if (!Next || Step->CalleeEntry >= Next->Entries.size())
        break;
      StepFunction = Step->Callee;
      Step = &Next->Entries[Step->CalleeEntry];
    }
    Result.push_back(std::move(Mutation));
  }
  return Result;
}

} // namespace iterguard
