//===--- InvalidatedIteratorAnalysis.cpp - Findings for stale handles -----===//

#include "Checks/InvalidatedIteratorAnalysis.h"
#include "Analysis/ContainerAccess.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/HandleStateAnalysis.h"
#include "Report/Messages.h"
#include "clang/AST/Decl.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace iterguard {

// More notes than this bury the story; the warning already names the first.
static constexpr size_t MaxCauseNotes = 3;

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

namespace {

class StaleUseReporter {
public:
  StaleUseReporter(const ContainerAccess &Access, std::vector<Finding> &Out)
      : Access(Access), Out(Out) {}

  void report(const StaleUse &Use) {
    if (Use.Causes.empty())
      return;
    if (Use.RangeLoop)
      reportRangeLoop(Use);
    else
      reportHandleUse(Use);
  }

private:
  /// The container call behind an invalidating call expression.
  std::optional<ContainerCall> callOf(const CallExpr *Cause) const {
    return Access.asContainerCall(Cause);
  }

  FindingNote modifiedNote(const CallExpr *Cause) const {
    std::optional<ContainerCall> Call = callOf(Cause);
    return {Cause->getExprLoc(),
            renderMessage(MessageId::NoteContainerModified,
                          {Call->Container.displayName(), Call->Method})};
  }

  void reportHandleUse(const StaleUse &Use) {
    std::optional<ContainerCall> First = callOf(Use.Causes.front());
    if (!First)
      return;
    Finding F;
    F.Check = CheckId::InvalidatedIterator;
    F.Loc = Use.Use->getExprLoc();
    F.Message = renderMessage(
        MessageId::UseAfterInvalidation,
        {kindIndex(Use.Kind), Use.Handle->getNameAsString(),
         First->Container.memberCallName(First->Method)});
    SourceLocation OriginLoc = Use.Handle->isImplicit() || !Use.Origin ||
                                       Use.Origin->getBeginLoc().isInvalid()
                                   ? Use.Handle->getLocation()
                                   : Use.Origin->getBeginLoc();
    F.Notes.push_back(
        {OriginLoc, renderMessage(MessageId::NoteHandleObtained,
                                  {kindIndex(Use.Kind),
                                   Use.Handle->getNameAsString(),
                                   Use.Container.displayName()})});
    for (size_t I = 0; I < Use.Causes.size() && I < MaxCauseNotes; ++I)
      F.Notes.push_back(modifiedNote(Use.Causes[I]));
    Out.push_back(std::move(F));
  }

  void reportRangeLoop(const StaleUse &Use) {
    for (const CallExpr *Cause : Use.Causes) {
      std::optional<ContainerCall> Call = callOf(Cause);
      if (!Call)
        continue;
      Finding F;
      F.Check = CheckId::InvalidatedIterator;
      F.Loc = Cause->getExprLoc();
      F.Message = renderMessage(
          MessageId::RangeLoopInvalidation,
          {Call->Container.memberCallName(Call->Method),
           Call->Container.displayName()});
      F.Notes.push_back({Use.RangeLoop->getForLoc(),
                         renderMessage(MessageId::NoteRangeLoop,
                                       {Call->Container.displayName()})});
      Out.push_back(std::move(F));
    }
  }

  const ContainerAccess &Access;
  std::vector<Finding> &Out;
};

} // namespace

void findInvalidatedIterators(const FunctionCFG &Function,
                              const ContainerAccess &Access,
                              std::vector<Finding> &Out) {
  HandleStateAnalysis Analysis(Function, Access);
  Analysis.run();
  StaleUseReporter Reporter(Access, Out);
  for (const StaleUse &Use : Analysis.staleUses())
    Reporter.report(Use);
}

} // namespace iterguard
