//===--- MutationPaths.cpp - On which paths a function mutates -*- C++ -*-===//

#include "Analysis/MutationPaths.h"
#include "Analysis/BooleanFacts.h"
#include "Analysis/ForwardDataflow.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/ReassignedVariables.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

using namespace clang;

namespace iterguard {

namespace {

/// Pushes counted per end; more are not worth telling apart, and the bound
/// keeps the lattice finite.
constexpr unsigned MaxCountedPushes = 16;

/// Elements the function pushed onto each end of one container and has not
/// popped since: the last Back elements and the first Front ones are its own.
struct OwnAtEnds {
  ContainerKey Container;
  unsigned Back = 0;
  unsigned Front = 0;

  bool operator==(const OwnAtEnds &O) const {
    return Container == O.Container && Back == O.Back && Front == O.Front;
  }
};

using OwnElements = llvm::SmallVector<OwnAtEnds, 2>;

/// Keeps, per container, the counts both paths guarantee.
bool joinInto(OwnElements &Into, const OwnElements &Incoming) {
  OwnElements Joined;
  for (const OwnAtEnds &Mine : Into)
    for (const OwnAtEnds &Theirs : Incoming)
      if (Mine.Container == Theirs.Container) {
        OwnAtEnds Both{Mine.Container, std::min(Mine.Back, Theirs.Back),
                       std::min(Mine.Front, Theirs.Front)};
        if (Both.Back || Both.Front)
          Joined.push_back(std::move(Both));
      }
  if (Joined == Into)
    return false;
  Into = std::move(Joined);
  return true;
}

void forget(OwnElements &State, const ContainerKey &Container) {
  llvm::erase_if(State, [&](const OwnAtEnds &Counts) {
    return Counts.Container == Container;
  });
}

OwnAtEnds &countsOf(OwnElements &State, const ContainerKey &Container) {
  for (OwnAtEnds &Counts : State)
    if (Counts.Container == Container)
      return Counts;
  State.push_back({Container, 0, 0});
  return State.back();
}

/// Operations that take elements out or bring foreign ones in without
/// invalidating anything, so the model gives them no effect.
bool movesElementsSilently(llvm::StringRef Method) {
  return llvm::is_contained({"swap", "splice", "splice_after", "merge"},
                            Method);
}

/// Takes one own element off the popped end when there is one there; a pop
/// that finds none may still take the last own element of the other end,
/// when the caller's elements are all gone.
bool popOwn(unsigned &PoppedEnd, unsigned &OtherEnd) {
  if (PoppedEnd > 0) {
    --PoppedEnd;
    return true;
  }
  if (OtherEnd > 0)
    --OtherEnd;
  return false;
}

class OwnPopFinder {
public:
  OwnPopFinder(const ContainerAccess &Access, MayModifyFn MayModify)
      : Access(Access), MayModify(MayModify) {}

  void transferBlock(const CFGBlock &Block, OwnElements &State,
                     llvm::DenseSet<const CallExpr *> *OwnPops) {
    for (const CFGElement &Element : Block)
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        if (const auto *Call = dyn_cast<CallExpr>(S->getStmt()))
          transferCall(Call, State, OwnPops);
  }

private:
  void transferCall(const CallExpr *Call, OwnElements &State,
                    llvm::DenseSet<const CallExpr *> *OwnPops) {
    std::optional<ContainerCall> OnContainer = Access.asContainerCall(Call);
    if (!OnContainer) {
      llvm::erase_if(State, [&](const OwnAtEnds &Counts) {
        return MayModify(Call, Counts.Container);
      });
      return;
    }
    bool Own = false;
    switch (endChangeOf(OnContainer->Method)) {
    case EndChange::PushBack: {
      unsigned &Back = countsOf(State, OnContainer->Container).Back;
      Back = std::min(Back + 1, MaxCountedPushes);
      return;
    }
    case EndChange::PushFront: {
      unsigned &Front = countsOf(State, OnContainer->Container).Front;
      Front = std::min(Front + 1, MaxCountedPushes);
      return;
    }
    case EndChange::PopBack: {
      OwnAtEnds &Counts = countsOf(State, OnContainer->Container);
      Own = popOwn(Counts.Back, Counts.Front);
      break;
    }
    case EndChange::PopFront: {
      OwnAtEnds &Counts = countsOf(State, OnContainer->Container);
      Own = popOwn(Counts.Front, Counts.Back);
      break;
    }
    case EndChange::None:
      if (OnContainer->Invalidation != Effect::None ||
          movesElementsSilently(OnContainer->Method))
        forget(State, OnContainer->Container);
      return;
    }
    if (Own && OwnPops)
      OwnPops->insert(Call);
    llvm::erase_if(State, [](const OwnAtEnds &Counts) {
      return Counts.Back == 0 && Counts.Front == 0;
    });
  }

  const ContainerAccess &Access;
  MayModifyFn MayModify;
};

std::optional<bool> factOf(const BooleanFacts &Facts, const VarDecl *Var) {
  for (const auto &[Known, Value] : Facts)
    if (Known == Var)
      return Value;
  return std::nullopt;
}

/// Sets Var to Value (or to unknown) in Facts.
void setFact(BooleanFacts &Facts, const VarDecl *Var, std::optional<bool> Value) {
  llvm::erase_if(Facts, [&](const auto &Fact) { return Fact.first == Var; });
  if (Value)
    Facts.push_back({Var, *Value});
}

/// What is known at a point of the function: the flags on every path, and,
/// when some path from the call reaches the point, the flags on all such
/// paths.
struct AfterCall {
  BooleanFacts Facts;
  std::optional<BooleanFacts> SinceCall;

  bool operator==(const AfterCall &O) const {
    return Facts == O.Facts && SinceCall == O.SinceCall;
  }
};

bool joinInto(AfterCall &Into, const AfterCall &Incoming) {
  AfterCall Joined;
  Joined.Facts = commonFacts(Into.Facts, Incoming.Facts);
  if (Into.SinceCall && Incoming.SinceCall)
    Joined.SinceCall = commonFacts(*Into.SinceCall, *Incoming.SinceCall);
  else
    Joined.SinceCall = Into.SinceCall ? Into.SinceCall : Incoming.SinceCall;
  // Sorted so equal sets compare equal whatever order the facts came in.
  llvm::sort(Joined.Facts);
  if (Joined.SinceCall)
    llvm::sort(*Joined.SinceCall);
  if (Joined == Into)
    return false;
  Into = std::move(Joined);
  return true;
}

/// Follows the flags of one function along the paths from a call, to tell
/// whether each of them leaves the function by returning true.
class ReturnAfterCall {
public:
  ReturnAfterCall(const FunctionCFG &Function, const ContainerAccess &Access,
                  const Expr *Site)
      : Function(Function), Access(Access), Site(Site) {}

  /// Runs the elements of Block; with Verify, clears Holds when a path
  /// from the call leaves other than through `return true`.
  void transferBlock(const CFGBlock &Block, AfterCall &State, bool Verify) {
    if (Verify && &Block == &Function.cfg().getExit() && State.SinceCall)
      Holds = false;
    for (const CFGElement &Element : Block)
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        transfer(S->getStmt(), State, Verify);
  }

  /// A branch on a flag adds its value on each edge; an edge that
  /// contradicts what the paths from the call know is not taken by them.
  void onEdge(const CFGBlock &Block, unsigned Successor, AfterCall &State) {
    bool Negated = false;
    const VarDecl *Flag = testedFlag(Block, Negated);
    if (!Flag || Block.succ_size() != 2)
      return;
    bool Value = (Successor == 0) != Negated;
    setFact(State.Facts, Flag, Value);
    if (State.SinceCall) {
      std::optional<bool> Known = factOf(*State.SinceCall, Flag);
      if (Known && *Known != Value)
        State.SinceCall.reset();
      else
        setFact(*State.SinceCall, Flag, Value);
    }
  }

  bool holds() const { return Holds; }

private:
  void transfer(const Stmt *S, AfterCall &State, bool Verify) {
    if (S == Site) {
      State.SinceCall = State.SinceCall
                            ? commonFacts(*State.SinceCall, State.Facts)
                            : State.Facts;
      return;
    }
    if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
      if (Verify && State.SinceCall &&
          !returnsTrue(Return->getRetValue(), *State.SinceCall))
        Holds = false;
      State.SinceCall.reset();
      return;
    }
    if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          store(Var, Var->getInit(), State);
      return;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(S))
      if (Assign->isAssignmentOp())
        if (const VarDecl *Var = referencedVar(Assign->getLHS()))
          store(Var,
                Assign->getOpcode() == BO_Assign ? Assign->getRHS() : nullptr,
                State);
  }

  bool isFlag(const VarDecl *Var) const {
    return Var->getType()->isBooleanType() && !Var->hasGlobalStorage() &&
           Access.reassigned().isChangedOnlyByAssignment(Var);
  }

  void store(const VarDecl *Var, const Expr *Value, AfterCall &State) {
    if (!isFlag(Var))
      return;
    std::optional<bool> Known = valueOf(Value, State.Facts);
    setFact(State.Facts, Var, Known);
    if (State.SinceCall)
      setFact(*State.SinceCall, Var, valueOf(Value, *State.SinceCall));
  }

  /// The value of E when it is a constant, a known flag or its negation.
  std::optional<bool> valueOf(const Expr *E, const BooleanFacts &Facts) const {
    if (!E || E->isValueDependent())
      return std::nullopt;
    bool Constant = false;
    if (E->EvaluateAsBooleanCondition(Constant, Function.context()))
      return Constant;
    E = E->IgnoreParenImpCasts();
    if (const auto *Not = dyn_cast<UnaryOperator>(E))
      if (Not->getOpcode() == UO_LNot)
        if (std::optional<bool> Inner = valueOf(Not->getSubExpr(), Facts))
          return !*Inner;
    const VarDecl *Var = referencedVar(E);
    return Var && isFlag(Var) ? factOf(Facts, Var) : std::nullopt;
  }

  bool returnsTrue(const Expr *Value, const BooleanFacts &Facts) const {
    std::optional<bool> Known = valueOf(Value, Facts);
    return Known && *Known;
  }

  /// The flag a two-way branch tests, as in `if (done)` or `if (!done)`.
  const VarDecl *testedFlag(const CFGBlock &Block, bool &Negated) const {
    const auto *E = dyn_cast_or_null<Expr>(Block.getTerminatorCondition());
    while (E) {
      E = E->IgnoreParenImpCasts();
      const auto *Not = dyn_cast<UnaryOperator>(E);
      if (!Not || Not->getOpcode() != UO_LNot)
        break;
      Negated = !Negated;
      E = Not->getSubExpr();
    }
    const VarDecl *Var = E ? referencedVar(E) : nullptr;
    return Var && isFlag(Var) ? Var : nullptr;
  }

  const FunctionCFG &Function;
  const ContainerAccess &Access;
  const Expr *Site;
  bool Holds = true;
};

} // namespace

llvm::DenseSet<const CallExpr *>
popsOfOwnElements(const FunctionCFG &Function, const ContainerAccess &Access,
                  MayModifyFn MayModify) {
  OwnPopFinder Finder(Access, MayModify);
  std::vector<std::optional<OwnElements>> Entry = solveForward(
      Function, OwnElements(),
      [&](const CFGBlock &Block, OwnElements &State) {
        Finder.transferBlock(Block, State, nullptr);
      },
      [](OwnElements &Into, const OwnElements &Incoming) {
        return joinInto(Into, Incoming);
      },
      [](const CFGBlock &, unsigned, OwnElements &) {});
  llvm::DenseSet<const CallExpr *> OwnPops;
  for (const CFGBlock *Block : Function.reversePostOrder())
    if (const std::optional<OwnElements> &In = Entry[Block->getBlockID()]) {
      OwnElements State = *In;
      Finder.transferBlock(*Block, State, &OwnPops);
    }
  return OwnPops;
}

bool returnsTrueAfter(const FunctionCFG &Function,
                      const ContainerAccess &Access, const Expr *Site) {
  if (!Function.function()->getReturnType()->isBooleanType() ||
      !Function.blockOf(Site))
    return false;
  ReturnAfterCall Paths(Function, Access, Site);
  std::vector<std::optional<AfterCall>> Entry = solveForward(
      Function, AfterCall(),
      [&](const CFGBlock &Block, AfterCall &State) {
        Paths.transferBlock(Block, State, /*Verify=*/false);
      },
      [](AfterCall &Into, const AfterCall &Incoming) {
        return joinInto(Into, Incoming);
      },
      [&](const CFGBlock &Block, unsigned Successor, AfterCall &State) {
        Paths.onEdge(Block, Successor, State);
      });
  for (const CFGBlock *Block : Function.reversePostOrder())
    if (const std::optional<AfterCall> &In = Entry[Block->getBlockID()]) {
      AfterCall State = *In;
      Paths.transferBlock(*Block, State, /*Verify=*/true);
    }
  return Paths.holds();
}

} // namespace iterguard
