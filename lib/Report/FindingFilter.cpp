//===--- FindingFilter.cpp - Suppression and de-duplication -----*- C++ -*-===//

#include "Report/FindingFilter.h"
#include "Report/NoLintDirectives.h"
#include "clang/Basic/SourceManager.h"
#include <tuple>

using namespace clang;

namespace iterguard {

std::vector<Finding> filterFindings(std::vector<Finding> Findings,
                                    const SourceManager &SM) {
  NoLintFilter NoLint(SM);
  std::vector<Finding> Kept;
  Kept.reserve(Findings.size());
  for (Finding &F : Findings) {
    if (F.Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(F.Loc)))
      continue;
    llvm::StringRef Check = checkInfo(F.Check).Name;
    if (NoLint.isSuppressed(F.Loc, Check))
      continue;
    // As in clang-tidy, a NOLINT on a note's line drops that note only.
    llvm::erase_if(F.Notes, [&](const FindingNote &Note) {
      return NoLint.isSuppressed(Note.Loc, Check);
    });
    Kept.push_back(std::move(F));
  }

  auto Less = [&](const Finding &A, const Finding &B) {
    if (A.Loc != B.Loc)
      return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
    return std::tie(A.Check, A.Message) < std::tie(B.Check, B.Message);
  };
  std::stable_sort(Kept.begin(), Kept.end(), Less);
  // Instantiations of one template report at the same spelled location.
  auto Same = [](const Finding &A, const Finding &B) {
    return A.Loc == B.Loc && A.Check == B.Check && A.Message == B.Message;
  };
  Kept.erase(std::unique(Kept.begin(), Kept.end(), Same), Kept.end());
  return Kept;
}

} // namespace iterguard
