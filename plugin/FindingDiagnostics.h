//===--- FindingDiagnostics.h - Findings as compiler warnings ---*- C++ -*-===//
//
// The compiler plugin reports findings through the compiler's own
// DiagnosticsEngine, so they print, count and fail the build like any other
// warning: a warning at the finding, its fix-its, then one note per note.
//
// Clang prints a "[-Wgroup]" tag only for its built-in warning groups, and a
// custom diagnostic has none, so the check name goes into the text as
// "<message> [iterguard-<check>]", the form clang-tidy and the standalone tool
// print. Clang 19 does not map custom diagnostics by command-line flags
// either, so -w and -Werror are read from the engine and applied here: -w
// drops the findings, -Werror (without -Wno-error) reports them as errors.
// -Wno-<anything> cannot name them; -fplugin-arg-iterguard-checks=-* and
// NOLINT comments are the ways to silence them.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_PLUGIN_FINDINGDIAGNOSTICS_H
#define ITERGUARD_PLUGIN_FINDINGDIAGNOSTICS_H

#include "Report/Finding.h"
#include "llvm/ADT/ArrayRef.h"

namespace clang {
class DiagnosticsEngine;
} // namespace clang

namespace iterguard {

void reportFindings(llvm::ArrayRef<Finding> Findings,
                    clang::DiagnosticsEngine &Diags);

} // namespace iterguard

#endif // ITERGUARD_PLUGIN_FINDINGDIAGNOSTICS_H
