//===--- KeyPresence.cpp - Keys known to be in a map or set -----*- C++ -*-===//

#include "Analysis/KeyPresence.h"
#include "Analysis/BranchConditions.h"
#include "Analysis/ForwardDataflow.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/FunctionSummaries.h"
#include "Analysis/ReassignedVariables.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

using namespace clang;

namespace iterguard {

namespace {

// Wrappers around a key (copies, conversions of a pair) deeper than this
// are not looked through; real code has one or two.
constexpr unsigned MaxWrapperDepth = 8;

/// Names a key expression: a local variable or parameter and the fields
/// walked from it.
struct KeyPath {
  const VarDecl *Root = nullptr;
  llvm::SmallVector<const FieldDecl *, 2> Fields;

  bool operator==(const KeyPath &O) const {
    return Root == O.Root && Fields == O.Fields;
  }
};

/// "Key is in Container".
struct KnownKey {
  ContainerKey Container;
  KeyPath Key;
  /// No call can change the key behind the analysis' back.
  bool StableAcrossCalls = false;

  bool operator==(const KnownKey &O) const {
    return Container == O.Container && Key == O.Key &&
           StableAcrossCalls == O.StableAcrossCalls;
  }
};

/// An iterator variable holding `Lookup.Container.find(Lookup.Key)`.
struct FoundIterator {
  const VarDecl *Iterator = nullptr;
  KnownKey Lookup;

  bool operator==(const FoundIterator &O) const {
    return Iterator == O.Iterator && Lookup == O.Lookup;
  }
};

struct KeyFacts {
  llvm::SmallVector<KnownKey, 2> Present;
  llvm::SmallVector<FoundIterator, 1> Found;
};

/// Keeps in Into what From also holds; true when Into shrank.
template <typename Fact>
bool keepCommon(llvm::SmallVectorImpl<Fact> &Into, llvm::ArrayRef<Fact> From) {
  size_t Before = Into.size();
  llvm::erase_if(Into,
                 [&](const Fact &F) { return !llvm::is_contained(From, F); });
  return Into.size() != Before;
}

bool joinInto(KeyFacts &Into, const KeyFacts &From) {
  bool PresentChanged = keepCommon<KnownKey>(Into.Present, From.Present);
  bool FoundChanged = keepCommon<FoundIterator>(Into.Found, From.Found);
  return PresentChanged || FoundChanged;
}

bool isPrefix(llvm::ArrayRef<const FieldDecl *> Prefix,
              llvm::ArrayRef<const FieldDecl *> Path) {
  return Prefix.size() <= Path.size() &&
         std::equal(Prefix.begin(), Prefix.end(), Path.begin());
}

/// A change to one of the two paths changes the other.
bool overlaps(const KeyPath &A, const KeyPath &B) {
  return A.Root == B.Root &&
         (isPrefix(A.Fields, B.Fields) || isPrefix(B.Fields, A.Fields));
}

/// Object is Container or holds it.
bool holds(const ContainerKey &Object, const ContainerKey &Container) {
  return Object.Root == Container.Root &&
         isPrefix(Object.Fields, Container.Fields);
}

/// E seen through parentheses, temporaries, reads of a variable and copies,
/// none of which changes the key's value.
const Expr *ignoreCopies(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < MaxWrapperDepth; ++Depth) {
    E = ignoreTransparent(E);
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      if (Cast->getCastKind() != CK_LValueToRValue &&
          Cast->getCastKind() != CK_NoOp)
        return E;
      E = Cast->getSubExpr();
      continue;
    }
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct || Construct->getNumArgs() == 0 ||
        !Construct->getConstructor()->isCopyOrMoveConstructor())
      return E;
    E = Construct->getArg(0);
  }
  return E;
}

std::optional<KeyPath> keyPathOf(const Expr *E) {
  E = ignoreCopies(E);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var || !Var->hasLocalStorage())
      return std::nullopt;
    KeyPath Path;
    Path.Root = Var;
    return Path;
  }
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return std::nullopt;
    std::optional<KeyPath> Base = keyPathOf(Member->getBase());
    if (Base)
      Base->Fields.push_back(Field);
    return Base;
  }
  return std::nullopt;
}

/// A member type the associative container requirements name (key_type,
/// mapped_type), or a null type when the class does not declare it.
QualType memberType(const CXXRecordDecl *Record, llvm::StringRef Name) {
  ASTContext &Context = Record->getASTContext();
  for (const NamedDecl *Member : Record->lookup(&Context.Idents.get(Name)))
    if (const auto *Type = dyn_cast<TypeDecl>(Member))
      return Context.getTypeDeclType(Type);
  return QualType();
}

bool hasKeyType(const CXXRecordDecl *Record, const Expr *Key) {
  QualType KeyType = memberType(Record, "key_type");
  return !KeyType.isNull() &&
         Record->getASTContext().hasSameUnqualifiedType(
             KeyType.getNonReferenceType(),
             ignoreCopies(Key)->getType().getNonReferenceType());
}

/// The first element of a pair being built: `{k, v}`, `std::pair(k, v)`,
/// `std::make_pair(k, v)`, and conversions of those to the value type.
const Expr *pairFirst(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < MaxWrapperDepth; ++Depth) {
    E = ignoreTransparent(E)->IgnoreImpCasts();
    if (const auto *List = dyn_cast<InitListExpr>(E))
      return List->getNumInits() == 2 ? List->getInit(0) : nullptr;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 2)
        return Construct->getArg(0);
      if (Construct->getNumArgs() != 1)
        return nullptr;
      E = Construct->getArg(0);
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier() ||
        Callee->getName() != "make_pair" || Call->getNumArgs() != 2)
      return nullptr;
    return Call->getArg(0);
  }
  return nullptr;
}

const CXXMethodDecl *methodOf(const CallExpr *Call) {
  return dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
}

/// The object a member function or member operator is called on.
const Expr *objectOf(const CallExpr *Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return Member->getImplicitObjectArgument();
  if (isa<CXXOperatorCallExpr>(Call) && methodOf(Call) && Call->getNumArgs())
    return Call->getArg(0);
  return nullptr;
}

bool isConstMember(const CallExpr *Call) {
  const CXXMethodDecl *Method = methodOf(Call);
  return Method && Method->isConst();
}

/// A callee can change an argument bound to a parameter of type T.
bool mayChangeThrough(QualType T) {
  if (T->isReferenceType() || T->isPointerType())
    return !T->getPointeeType().isConstQualified();
  return false;
}

} // namespace

bool hasUniqueKeys(const ContainerSpec &Spec) {
  switch (Spec.Family) {
  case ContainerFamily::NodeOrdered:
  case ContainerFamily::NodeHash:
  case ContainerFamily::OpenAddressing:
    // Only unique-key containers say whether the insert took place.
    return Spec.resultOf("insert") == Produces::IteratorPair;
  case ContainerFamily::Contiguous:
  case ContainerFamily::Deque:
    return false;
  }
  return false;
}

const Expr *insertedKeyOf(const ContainerCall &Call) {
  if (!Call.Spec || !Call.Call || !hasUniqueKeys(*Call.Spec))
    return nullptr;
  const CXXMethodDecl *Method = methodOf(Call.Call);
  if (!Method)
    return nullptr;
  unsigned First = isa<CXXOperatorCallExpr>(Call.Call) ? 1 : 0;
  llvm::ArrayRef<const Expr *> Args(Call.Call->getArgs() + First,
                                    Call.Call->getNumArgs() - First);
  if (Args.empty())
    return nullptr;
  const CXXRecordDecl *Record = Method->getParent();
  bool IsMap = !memberType(Record, "mapped_type").isNull();
  llvm::StringRef Name = Call.Method;
  const Expr *Key = nullptr;
  if (llvm::is_contained({"operator[]", "at", "try_emplace", "insert_or_assign",
                          "FindAndConstruct", "getOrInsertDefault"},
                         Name))
    Key = Args[0];
  else if ((Name == "insert" || Name == "emplace") && Args.size() == 1)
    Key = IsMap ? pairFirst(Args[0]) : Args[0];
  else if (Name == "emplace" && Args.size() == 2 && IsMap)
    Key = Args[0];
  // The type check also rules out the hint of try_emplace(hint, k).
  return Key && hasKeyType(Record, Key) ? Key : nullptr;
}

bool keepsEveryKey(llvm::StringRef Method) {
  return llvm::is_contained(
      {// Inserts.
       "insert", "insert_or_assign", "emplace", "emplace_hint", "try_emplace",
       "operator[]", "merge", "rehash", "reserve", "FindAndConstruct",
       "getOrInsertDefault", "insert_as", "grow",
       // Lookups.
       "begin", "end", "cbegin", "cend", "rbegin", "rend", "crbegin", "crend",
       "find", "find_as", "count", "contains", "lower_bound", "upper_bound",
       "equal_range", "at", "lookup", "size", "empty", "max_size",
       "bucket_count"},
      Method);
}

std::optional<unsigned> unchangedKeyParameter(const Expr *Key,
                                              const FunctionDecl *Function,
                                              const ContainerAccess &Access) {
  std::optional<KeyPath> Path = keyPathOf(Key);
  if (!Path || !Path->Fields.empty())
    return std::nullopt;
  const auto *Param = dyn_cast<ParmVarDecl>(Path->Root);
  if (!Param || Param->getDeclContext() != Function ||
      !Access.reassigned().isNeverReassigned(Param))
    return std::nullopt;
  // An object taken by value or by non-const reference could still change
  // through its member functions.
  QualType T = Param->getType();
  if (T->isReferenceType() ? !T.getNonReferenceType().isConstQualified()
                           : !T->isScalarType())
    return std::nullopt;
  return Param->getFunctionScopeIndex();
}

struct KeyPresence::Impl {
  Impl(const FunctionCFG &Function, const ContainerAccess &Access,
       const FunctionSummaries *Summaries)
      : Function(Function), Access(Access), Summaries(Summaries) {}

  const FunctionCFG &Function;
  const ContainerAccess &Access;
  const FunctionSummaries *Summaries;
  /// Block ID -> facts at block entry; computed on the first question.
  std::vector<std::optional<KeyFacts>> Entry;
  bool Solved = false;
  /// What each summarized call may do, asked once per call.
  llvm::DenseMap<const CallExpr *, std::vector<CallMutation>> Mutations;

  void solve() {
    Solved = true;
    Entry = solveForward(
        Function, KeyFacts(),
        [&](const CFGBlock &Block, KeyFacts &State) {
          for (const CFGElement &Element : Block)
            if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
              transfer(S->getStmt(), State);
        },
        [](KeyFacts &Into, const KeyFacts &From) {
          return joinInto(Into, From);
        },
        [&](const CFGBlock &Block, unsigned Successor, KeyFacts &State) {
          onEdge(Block, Successor, State);
        });
  }

  std::optional<KeyFacts> factsBefore(const Stmt *Point) {
    if (!Solved)
      solve();
    const CFGBlock *Block = Function.blockOf(Point);
    if (!Block || !Entry[Block->getBlockID()])
      return std::nullopt;
    KeyFacts State = *Entry[Block->getBlockID()];
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>()) {
        if (S->getStmt() == Point)
          return State;
        transfer(S->getStmt(), State);
      }
    return std::nullopt;
  }

  /// The fact "Key is in Container", when Key can be followed.
  std::optional<KnownKey> knownKey(const ContainerKey &Container,
                                   const Expr *Key) const {
    std::optional<KeyPath> Path = keyPathOf(Key);
    if (!Path || !Access.reassigned().isChangedOnlyByAssignment(Path->Root))
      return std::nullopt;
    KnownKey Fact{Container, *Path, false};
    // A const key, or a plain local whose every change the analysis sees.
    Fact.StableAcrossCalls =
        ignoreCopies(Key)->getType().isConstQualified() ||
        (Path->Fields.empty() && !Path->Root->getType()->isReferenceType());
    return Fact;
  }

  static void add(KeyFacts &State, const KnownKey &Fact) {
    if (!llvm::is_contained(State.Present, Fact))
      State.Present.push_back(Fact);
  }

  /// A container call on a unique-key container.
  std::optional<ContainerCall> associativeCall(const Expr *E) const {
    std::optional<ContainerCall> Call = Access.asContainerCall(E);
    if (Call && hasUniqueKeys(*Call->Spec))
      return Call;
    return std::nullopt;
  }

  /// The lookup an iterator expression holds: `c.find(k)`, or a variable
  /// that was assigned one.
  std::optional<KnownKey> lookupIn(const Expr *E, const KeyFacts &State) const {
    // Conversions between iterator types keep the position.
    for (unsigned Depth = 0; E && Depth < MaxWrapperDepth; ++Depth) {
      E = ignoreTransparent(E)->IgnoreImpCasts();
      const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      if (!Construct || Construct->getNumArgs() != 1)
        break;
      E = Construct->getArg(0);
    }
    if (std::optional<ContainerCall> Find = associativeCall(E))
      return Find->Method == "find" && Find->FirstArg
                 ? knownKey(Find->Container, Find->FirstArg)
                 : std::nullopt;
    const VarDecl *Var = E ? referencedVar(E) : nullptr;
    for (const FoundIterator &Found : State.Found)
      if (Var && Found.Iterator == Var)
        return Found.Lookup;
    return std::nullopt;
  }

  bool isEndOf(const Expr *E, const ContainerKey &Container) const {
    std::optional<ContainerCall> End = associativeCall(ignoreTransparent(E));
    return End && End->Container == Container &&
           (End->Method == "end" || End->Method == "cend");
  }

  /// The key Condition tests, with the value Condition has when the key is
  /// there.
  std::optional<std::pair<KnownKey, bool>>
  presenceTest(const Expr *Condition, const KeyFacts &State) const {
    bool Negated = false;
    Condition = withoutNegations(Condition, Negated);
    if (std::optional<ContainerCall> Query = associativeCall(Condition)) {
      if ((Query->Method != "count" && Query->Method != "contains") ||
          !Query->FirstArg)
        return std::nullopt;
      if (std::optional<KnownKey> Fact =
              knownKey(Query->Container, Query->FirstArg))
        return std::make_pair(*Fact, !Negated);
      return std::nullopt;
    }
    std::optional<EqualityTest> Test = asEqualityTest(Condition);
    if (!Test)
      return std::nullopt;
    bool WhenPresent = Test->IsEqual == Negated;
    for (auto [Lookup, End] : {std::make_pair(Test->Left, Test->Right),
                               std::make_pair(Test->Right, Test->Left)})
      if (std::optional<KnownKey> Fact = lookupIn(Lookup, State))
        if (isEndOf(End, Fact->Container))
          return std::make_pair(*Fact, WhenPresent);
    return std::nullopt;
  }

  void onEdge(const CFGBlock &Block, unsigned Successor, KeyFacts &State) {
    if (Block.succ_size() != 2 || !Block.getLastCondition())
      return;
    std::optional<std::pair<KnownKey, bool>> Test =
        presenceTest(Block.getLastCondition(), State);
    if (Test && (Successor == 0) == Test->second)
      add(State, Test->first);
  }

  /// Facts about Var are void: it was declared again or changed.
  static void forgetVariable(KeyFacts &State, const VarDecl *Var) {
    auto Mentions = [&](const KnownKey &Fact) {
      return Fact.Key.Root == Var || Fact.Container.Root == Var;
    };
    llvm::erase_if(State.Present, Mentions);
    llvm::erase_if(State.Found, [&](const FoundIterator &Found) {
      return Found.Iterator == Var || Mentions(Found.Lookup);
    });
  }

  template <typename Pred> static void forgetKeys(KeyFacts &State, Pred Drop) {
    llvm::erase_if(State.Present, Drop);
    llvm::erase_if(State.Found, [&](const FoundIterator &Found) {
      return Drop(Found.Lookup);
    });
  }

  void bindIterator(KeyFacts &State, const VarDecl *Var, const Expr *Value) {
    if (!Value || Var->getType()->isReferenceType() ||
        !Access.reassigned().isChangedOnlyByAssignment(Var))
      return;
    if (std::optional<KnownKey> Lookup = lookupIn(Value, State))
      State.Found.push_back({Var, *Lookup});
  }

  /// Target (a variable or a part of one) gets a new value; Value, when it
  /// is a lookup, is what an iterator variable now holds.
  void changed(KeyFacts &State, const Expr *Target, const Expr *Value) {
    std::optional<KeyPath> Path = keyPathOf(Target);
    if (!Path)
      return;
    forgetKeys(State,
               [&](const KnownKey &Fact) { return overlaps(Fact.Key, *Path); });
    if (!Path->Fields.empty())
      return;
    forgetVariable(State, Path->Root);
    bindIterator(State, Path->Root, Value);
  }

  void transfer(const Stmt *S, KeyFacts &State) {
    if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D)) {
          forgetVariable(State, Var);
          bindIterator(State, Var, Var->getInit());
        }
      return;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(S)) {
      if (Assign->isAssignmentOp())
        changed(State, Assign->getLHS(),
                Assign->getOpcode() == BO_Assign ? Assign->getRHS() : nullptr);
      return;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(S)) {
      if (Unary->isIncrementDecrementOp())
        changed(State, Unary->getSubExpr(), nullptr);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S))
      transferCall(Call, State);
  }

  void transferCall(const CallExpr *Call, KeyFacts &State) {
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call)) {
      OverloadedOperatorKind Kind = Operator->getOperator();
      if (Operator->getNumArgs() > 0 &&
          (Operator->isAssignmentOp() || Kind == OO_PlusPlus ||
           Kind == OO_MinusMinus))
        changed(State, Operator->getArg(0),
                Kind == OO_Equal && Operator->getNumArgs() == 2
                    ? Operator->getArg(1)
                    : nullptr);
    }
    // A non-const member function may change its object, which may be a
    // key (`k.append(...)`).
    if (const Expr *Object = objectOf(Call); Object && !isConstMember(Call))
      if (std::optional<KeyPath> Path = keyPathOf(Object))
        forgetKeys(State, [&](const KnownKey &Fact) {
          return overlaps(Fact.Key, *Path);
        });
    std::optional<ContainerCall> OnContainer = Access.asContainerCall(Call);
    if (!OnContainer)
      forgetKeys(State,
                 [](const KnownKey &Fact) { return !Fact.StableAcrossCalls; });
    forgetKeys(State, [&](const KnownKey &Fact) {
      return mayRemoveFrom(Call, OnContainer, Fact.Container);
    });
    if (OnContainer)
      if (const Expr *Key = insertedKeyOf(*OnContainer))
        if (std::optional<KnownKey> Fact =
                knownKey(OnContainer->Container, Key))
          add(State, *Fact);
  }

  bool mayRemoveFrom(const CallExpr *Call,
                     const std::optional<ContainerCall> &OnContainer,
                     const ContainerKey &Container) {
    if (OnContainer) {
      if (OnContainer->Container == Container)
        return !isConstMember(Call) && !keepsEveryKey(OnContainer->Method);
      // c.swap(other), c.merge(other): the other container loses keys.
      return passesMutably(Call, Container, /*ByObject=*/false);
    }
    if (Summaries && Summaries->summarizes(Call)) {
      auto [It, Inserted] = Mutations.try_emplace(Call);
      if (Inserted)
        It->second = Summaries->mutationsOf(Call, Access);
      return llvm::any_of(It->second, [&](const CallMutation &Mutation) {
        return Mutation.Container == Container &&
               !keepsEveryKey(Mutation.Method);
      });
    }
    return passesMutably(Call, Container, /*ByObject=*/true);
  }

  /// Call gets Container, or an object holding it, in a way that lets the
  /// callee change it.
  bool passesMutably(const CallExpr *Call, const ContainerKey &Container,
                     bool ByObject) const {
    auto Holds = [&](const Expr *E) {
      std::optional<ContainerKey> Object = Access.objectKey(E);
      return Object && holds(*Object, Container);
    };
    if (const Expr *Object = objectOf(Call))
      if (ByObject && !isConstMember(Call) && Holds(Object))
        return true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    unsigned Shift = isa<CXXOperatorCallExpr>(Call) && methodOf(Call) ? 1 : 0;
    for (unsigned I = Shift; I < Call->getNumArgs(); ++I) {
      unsigned Param = I - Shift;
      if (Callee && Param < Callee->getNumParams() &&
          !mayChangeThrough(Callee->getParamDecl(Param)->getType()))
        continue;
      if (Holds(Call->getArg(I)))
        return true;
    }
    return false;
  }
};

KeyPresence::KeyPresence(const FunctionCFG &Function,
                         const ContainerAccess &Access,
                         const FunctionSummaries *Summaries)
    : Data(std::make_unique<Impl>(Function, Access, Summaries)) {}

KeyPresence::~KeyPresence() = default;

bool KeyPresence::isKnownPresentBefore(const ContainerKey &Container,
                                       const Expr *Key,
                                       const Stmt *Point) const {
  std::optional<KnownKey> Fact = Data->knownKey(Container, Key);
  if (!Fact)
    return false;
  std::optional<KeyFacts> State = Data->factsBefore(Point);
  return State && llvm::any_of(State->Present, [&](const KnownKey &Known) {
           return Known.Container == Container && Known.Key == Fact->Key;
         });
}

bool KeyPresence::insertsPresentKey(const ContainerCall &Call) const {
  const Expr *Key = insertedKeyOf(Call);
  return Key && isKnownPresentBefore(Call.Container, Key, Call.Call);
}

bool KeyPresence::insertsPresentKey(const CallMutation &Mutation,
                                    llvm::ArrayRef<CallMutation> All,
                                    const CallExpr *Call) const {
  if (!Mutation.KeyArg)
    return false;
  // The key stays until the callee inserts it only if nothing the callee
  // does may take it out first.
  bool MayRemove = llvm::any_of(All, [&](const CallMutation &Other) {
    return Other.Container == Mutation.Container &&
           !keepsEveryKey(Other.Method);
  });
  return !MayRemove &&
         isKnownPresentBefore(Mutation.Container, Mutation.KeyArg, Call);
}

} // namespace iterguard
