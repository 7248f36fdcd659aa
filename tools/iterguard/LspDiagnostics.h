//===--- LspDiagnostics.h - Findings as LSP diagnostics ---------*- C++ -*-===//
//
// Turns a finding into what an editor shows: an LSP Diagnostic (severity
// Warning, source "iterguard", the check as its code, the notes as related
// information) and a quickfix CodeAction for its fix-its. A finding is one
// location, not a range; the diagnostic covers the identifier that starts
// there, or one character, so editors have something to underline.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_LSPDIAGNOSTICS_H
#define ITERGUARD_TOOLS_LSPDIAGNOSTICS_H

#include "LspText.h"
#include "Report/ResolvedFinding.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>

namespace iterguard {

/// The URI to show for a file a finding names.
using UriOfFile = llvm::function_ref<std::string(llvm::StringRef File)>;
/// The text of a file as the analysis saw it, or null when it is unknown.
using TextOfFile =
    llvm::function_ref<const std::string *(llvm::StringRef File)>;

/// The range a diagnostic or related location at Loc covers.
LspRange rangeOfLocation(const ResolvedLocation &Loc);

llvm::json::Value diagnosticFromFinding(const ResolvedFinding &F,
                                        UriOfFile UriOf);

/// The quickfix that applies F's fix-its, resolving the Diagnostic of F.
/// Nullopt when F has no fix-it or one of them edits a file whose text is
/// unknown: without the text, byte offsets cannot become LSP positions.
std::optional<llvm::json::Value>
quickFixFromFinding(const ResolvedFinding &F,
                    const llvm::json::Value &Diagnostic, TextOfFile TextOf,
                    UriOfFile UriOf);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_LSPDIAGNOSTICS_H
