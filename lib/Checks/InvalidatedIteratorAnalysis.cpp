//===--- InvalidatedIteratorAnalysis.cpp - Findings for stale handles -----===//

#include "Checks/InvalidatedIteratorAnalysis.h"
#include "Analysis/ContainerAccess.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/FunctionSummaries.h"
#include "Analysis/HandleStateAnalysis.h"
#include "Report/DisplayNames.h"
#include "Report/Messages.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace iterguard {

// More causes than this bury the story; the warning already names the first.
static constexpr size_t MaxCausesExplained = 3;

static unsigned kindIndex(HandleKind Kind) {
  switch (Kind) {
  case HandleKind::Iterator:
    return 0;
  case HandleKind::Reference:
    return 1;
  case HandleKind::Pointer:
    return 2;
  case HandleKind::View:
    return 3;
  }
  llvm_unreachable("covered switch");
}

/// How the function Cause calls is named: a called closure by its variable.
static std::string calleeName(const CallExpr *Cause,
                              const FunctionDecl *Callee) {
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Cause))
    if (Operator->getOperator() == OO_Call && Operator->getNumArgs() > 0)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              Operator->getArg(0)->IgnoreParenImpCasts()))
        return Ref->getDecl()->getNameAsString();
  return functionDisplayName(Callee);
}

namespace {

/// How one invalidating call is told: the name the warning uses and the
/// notes from the call down to the container operation.
struct CauseStory {
  std::string Name;
  std::vector<FindingNote> Notes;
};

class StaleUseReporter {
public:
  StaleUseReporter(const ContainerAccess &Access,
                   const FunctionSummaries *Summaries, std::vector<Finding> &Out)
      : Access(Access), Summaries(Summaries), Out(Out) {}

  void report(const StaleUse &Use) {
    if (Use.RangeLoop)
      reportRangeLoop(Use);
    else
      reportHandleUse(Use);
  }

private:
  /// The story of Cause modifying Container. WarningAtCause says the warning
  /// itself already points at the call.
  std::optional<CauseStory> explain(const CallExpr *Cause,
                                    const ContainerKey &Container,
                                    bool WarningAtCause) const {
    CauseStory Story;
    if (std::optional<ContainerCall> Direct = Access.asContainerCall(Cause)) {
      Story.Name = Direct->Container.memberCallName(Direct->Method);
      if (!WarningAtCause)
        Story.Notes.push_back(
            {Cause->getExprLoc(),
             renderMessage(MessageId::NoteContainerModified,
                           {Direct->Container.displayName(), Direct->Method})});
      return Story;
    }
    if (!Summaries)
      return std::nullopt;
    for (const CallMutation &Mutation : Summaries->mutationsOf(Cause, Access)) {
      if (Mutation.Container != Container || Mutation.Chain.empty())
        continue;
      std::string Callee =
          calleeName(Cause, Mutation.Chain.front().Function);
      Story.Name = Callee;
      if (!WarningAtCause)
        Story.Notes.push_back(
            {Cause->getExprLoc(),
             renderMessage(MessageId::NoteCallMayModify,
                           {Callee, Container.displayName()})});
      for (const MutationStep &Step : Mutation.Chain) {
        const MutationSummary &Entry = *Step.Entry;
        if (Entry.Callee)
          Story.Notes.push_back(
              {Entry.Site->getExprLoc(),
               renderMessage(MessageId::NoteCallChain,
                             {functionDisplayName(Step.Function),
                              calleeName(Entry.Site, Entry.Callee)})});
        else
          Story.Notes.push_back(
              {Entry.Site->getExprLoc(),
               renderMessage(MessageId::NoteContainerModified,
                             {Entry.Container.displayName(), Entry.Method})});
      }
      return Story;
    }
    return std::nullopt;
  }

  void reportHandleUse(const StaleUse &Use) {
    std::vector<CauseStory> Stories;
    for (const CallExpr *Cause : Use.Causes) {
      if (Stories.size() == MaxCausesExplained)
        break;
      if (std::optional<CauseStory> Story =
              explain(Cause, Use.Container, /*WarningAtCause=*/false))
        Stories.push_back(std::move(*Story));
    }
    if (Stories.empty())
      return;
    Finding F;
    F.Check = CheckId::InvalidatedIterator;
    F.Loc = Use.Use->getExprLoc();
    F.Message = renderMessage(MessageId::UseAfterInvalidation,
                              {kindIndex(Use.Kind), Use.Name,
                               Stories.front().Name});
    SourceLocation OriginLoc = Use.Handle->isImplicit() || !Use.Origin ||
                                       Use.Origin->getBeginLoc().isInvalid()
                                   ? Use.Handle->getLocation()
                                   : Use.Origin->getBeginLoc();
    F.Notes.push_back(
        {OriginLoc, renderMessage(MessageId::NoteHandleObtained,
                                  {kindIndex(Use.Kind), Use.Name,
                                   Use.Container.displayName()})});
    for (CauseStory &Story : Stories)
      for (FindingNote &Note : Story.Notes)
        F.Notes.push_back(std::move(Note));
    Out.push_back(std::move(F));
  }

  void reportRangeLoop(const StaleUse &Use) {
    for (const CallExpr *Cause : Use.Causes) {
      std::optional<CauseStory> Story =
          explain(Cause, Use.Container, /*WarningAtCause=*/true);
      if (!Story)
        continue;
      Finding F;
      F.Check = CheckId::InvalidatedIterator;
      F.Loc = Cause->getExprLoc();
      F.Message = renderMessage(MessageId::RangeLoopInvalidation,
                                {Story->Name, Use.Container.displayName()});
      F.Notes.push_back({Use.RangeLoop->getForLoc(),
                         renderMessage(MessageId::NoteRangeLoop,
                                       {Use.Container.displayName()})});
      for (FindingNote &Note : Story->Notes)
        F.Notes.push_back(std::move(Note));
      Out.push_back(std::move(F));
    }
  }

  const ContainerAccess &Access;
  const FunctionSummaries *Summaries;
  std::vector<Finding> &Out;
};

} // namespace

void findInvalidatedIterators(const FunctionCFG &Function,
                              const ContainerAccess &Access,
                              const FunctionSummaries *Summaries,
                              std::vector<Finding> &Out) {
  HandleStateAnalysis Analysis(Function, Access, Summaries);
  Analysis.run();
  StaleUseReporter Reporter(Access, Summaries, Out);
  for (const StaleUse &Use : Analysis.staleUses())
    Reporter.report(Use);
}

} // namespace iterguard
