//===--- Analyzer.cpp - The single analysis entry point ---------*- C++ -*-===//

#include "Analyzer.h"
#include "Analysis/ContainerAccess.h"
#include "Analysis/FunctionCFG.h"
#include "Analysis/FunctionSummaries.h"
#include "Checks/InvalidatedIteratorAnalysis.h"
#include "Analysis/ThreadModel.h"
#include "Checks/RangeLoopAddressEscapeAnalysis.h"
#include "Checks/UnsynchronizedWriteAnalysis.h"
#include "Report/FindingFilter.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SetVector.h"

using namespace clang;

namespace iterguard {

namespace {

/// Collects the function bodies worth analyzing: user code, instantiated
/// templates rather than their patterns, lambda call operators.
class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  explicit FunctionCollector(const SourceManager &SM) : SM(SM) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    // Nothing is reported from system headers, so their bodies (the bulk of
    // any translation unit that includes the standard library) are skipped.
    if (D && !isa<TranslationUnitDecl>(D) && isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *Function) {
    add(Function);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    const CXXMethodDecl *Call = Lambda->getCallOperator();
    if (const FunctionTemplateDecl *Generic =
            Lambda->getDependentCallOperator()) {
      for (const FunctionDecl *Instance : Generic->specializations())
        add(Instance);
      return true;
    }
    add(Call);
    return true;
  }

  llvm::ArrayRef<const FunctionDecl *> functions() const {
    return Functions.getArrayRef();
  }

private:
  bool isInSystemHeader(SourceLocation Loc) const {
    return Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc));
  }

  void add(const FunctionDecl *Function) {
    if (!Function || !Function->doesThisDeclarationHaveABody() ||
        Function->isDependentContext() || Function->isInvalidDecl() ||
        isInSystemHeader(Function->getLocation()))
      return;
    Functions.insert(Function);
  }

  const SourceManager &SM;
  llvm::SetVector<const FunctionDecl *> Functions;
};

} // namespace

std::vector<Finding> analyzeTranslationUnit(ASTContext &Context,
                                            const AnalysisOptions &Options) {
  // After errors that make the AST unreliable, findings would be noise.
  if (Context.getDiagnostics().hasUncompilableErrorOccurred())
    return {};

  FunctionCollector Collector(Context.getSourceManager());
  Collector.TraverseDecl(Context.getTranslationUnitDecl());

  ContainerTypes Types(Options);
  FunctionSummaries Summaries(Collector.functions(), Types);
  std::vector<Finding> Findings;
  // The thread check needs every function before it can decide any write.
  std::optional<ThreadModel> Threads;
  std::optional<UnsynchronizedWriteAnalysis> Writes;
  if (Options.isEnabled(CheckId::UnsynchronizedContainerWrite)) {
    Threads.emplace(Collector.functions(), Options);
    Writes.emplace(*Threads, Options);
  }
  for (const FunctionDecl *Function : Collector.functions()) {
    std::unique_ptr<FunctionCFG> Graph = FunctionCFG::build(Function, Context);
    if (!Graph)
      continue;
    const ContainerAccess &Access = Summaries.accessOf(Function);
    if (Options.isEnabled(CheckId::InvalidatedIterator))
      findInvalidatedIterators(*Graph, Access, &Summaries, Findings);
    if (Options.isEnabled(CheckId::RangeLoopAddressEscape))
      findRangeLoopAddressEscapes(*Graph, Access, Options, Findings);
    if (Writes) {
      Threads->computeRegions(*Graph);
      Writes->collect(*Graph, Access);
    }
  }
  if (Writes)
    Writes->report(Findings);
  return filterFindings(std::move(Findings), Context.getSourceManager());
}

} // namespace iterguard
