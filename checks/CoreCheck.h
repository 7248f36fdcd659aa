//===--- CoreCheck.h - clang-tidy adapter for the analysis core ---*- C++ -*-===//
//
// The one place clang-tidy meets the core: runs analyzeTranslationUnit once per
// translation unit for the check that owns it and reports the findings through
// clang-tidy's diagnostics, notes and fix-its. Options are read once, in the
// constructor, into the core's AnalysisOptions.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_CHECKS_CORECHECK_H
#define ITERGUARD_CHECKS_CORECHECK_H

#include "AnalysisOptions.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace iterguard {

class CoreCheck : public clang::tidy::ClangTidyCheck {
public:
  CoreCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
            CheckId Id);

  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  AnalysisOptions Analysis;
  std::string ViewTypes;
  std::string ExtraContainers;
  std::string ConfigFilePath;
  std::string ExecutorFunctions;
  std::string LockTypes;
};

} // namespace iterguard

#endif // ITERGUARD_CHECKS_CORECHECK_H
