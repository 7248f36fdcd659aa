//===--- FindingFilter.h - Suppression and de-duplication ---------*- C++ -*-===//
//
// Infrastructure every check shares, so no check implements it again: drops
// findings located in system headers (after macro expansion, where the user
// wrote the code) and findings silenced by NOLINT comments (a NOLINT on a
// note's line drops just that note, as in clang-tidy), merges findings
// that template instantiations produced more than once at the same place with
// the same message, and sorts the rest by location.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_REPORT_FINDINGFILTER_H
#define ITERGUARD_REPORT_FINDINGFILTER_H

#include "Report/Finding.h"
#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace iterguard {

std::vector<Finding> filterFindings(std::vector<Finding> Findings,
                                    const clang::SourceManager &SM);

} // namespace iterguard

#endif // ITERGUARD_REPORT_FINDINGFILTER_H
