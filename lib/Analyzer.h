//===--- Analyzer.h - The single analysis entry point -------------*- C++ -*-===//
//
// The clang-tidy module, the standalone tool and the compiler plugin all call
// analyzeTranslationUnit with an AnalysisOptions, so their findings cannot
// drift apart.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYZER_H
#define ITERGUARD_ANALYZER_H

#include "AnalysisOptions.h"
#include "Report/Finding.h"
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace iterguard {

/// Runs the enabled checks over every function body of the translation unit
/// in Context that is not in a system header, template instantiations
/// included and uninstantiated patterns excluded.
///
/// The result is final: findings located in system headers or silenced by a
/// NOLINT comment are gone, each finding appears once however many template
/// instantiations produced it, and the list is sorted by location.
std::vector<Finding> analyzeTranslationUnit(clang::ASTContext &Context,
                                            const AnalysisOptions &Options);

} // namespace iterguard

#endif // ITERGUARD_ANALYZER_H
