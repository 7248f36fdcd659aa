//===--- CoreCheck.cpp - clang-tidy adapter for the analysis core -*- C++ -*-===//

#include "CoreCheck.h"
#include "Analyzer.h"
#include "Config/ConfigFile.h"
#include "Support/OptionLists.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace iterguard {

CoreCheck::CoreCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context,
                     CheckId Id)
    : ClangTidyCheck(Name, Context),
      ViewTypes(Options.get("ViewTypes", joinOptionList(
                                             AnalysisOptions().ViewTypes))),
      ExtraContainers(Options.get("ExtraContainers", "")),
      ConfigFilePath(Options.get("ConfigFile", "")),
      ExecutorFunctions(Options.get(
          "ExecutorFunctions",
          joinOptionList(AnalysisOptions().ExecutorFunctions))),
      LockTypes(Options.get("LockTypes", "")) {
  Analysis.ExecutorFunctions = splitOptionList(ExecutorFunctions);
  Analysis.LockTypes = splitOptionList(LockTypes);
  Analysis.EnabledChecks = {Id};
  Analysis.ViewTypes = splitOptionList(ViewTypes);
  if (llvm::Error Err = addContainersLike(Analysis.Containers,
                                          ExtraContainers))
    configurationDiag("invalid ExtraContainers option of '%0': %1")
        << Name << llvm::toString(std::move(Err));
  if (!ConfigFilePath.empty()) {
    llvm::Expected<ConfigFile> Config = ConfigFile::load(ConfigFilePath);
    llvm::Error Err = Config ? Config->applyTo(Analysis) : Config.takeError();
    if (Err)
      configurationDiag("invalid ConfigFile option of '%0': %1")
          << Name << llvm::toString(std::move(Err));
  }
}

void CoreCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ViewTypes", ViewTypes);
  Options.store(Opts, "ExtraContainers", ExtraContainers);
  Options.store(Opts, "ConfigFile", ConfigFilePath);
  Options.store(Opts, "ExecutorFunctions", ExecutorFunctions);
  Options.store(Opts, "LockTypes", LockTypes);
}

void CoreCheck::registerMatchers(MatchFinder *Finder) {
  // The core analyzes the whole translation unit at once; one match per
  // translation unit hands it the ASTContext.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

/// clang-tidy treats the text as a format string; ours is already rendered.
static std::string escapePercent(llvm::StringRef Text) {
  std::string Escaped;
  for (char C : Text) {
    if (C == '%')
      Escaped += '%';
    Escaped += C;
  }
  return Escaped;
}

void CoreCheck::check(const MatchFinder::MatchResult &Result) {
  for (const Finding &F : analyzeTranslationUnit(*Result.Context, Analysis)) {
    {
      DiagnosticBuilder Warning = diag(F.Loc, escapePercent(F.Message));
      for (const FindingFix &Fix : F.Fixes)
        Warning << FixItHint::CreateReplacement(Fix.Range, Fix.Replacement);
    }
    for (const FindingNote &Note : F.Notes)
      diag(Note.Loc, escapePercent(Note.Message), DiagnosticIDs::Note);
  }
}

} // namespace iterguard
