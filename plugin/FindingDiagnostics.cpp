//===--- FindingDiagnostics.cpp - Findings as warnings ----------*- C++ -*-===//

#include "FindingDiagnostics.h"
#include "clang/Basic/Diagnostic.h"

using namespace clang;

namespace iterguard {

void reportFindings(llvm::ArrayRef<Finding> Findings,
                    DiagnosticsEngine &Diags) {
  if (Findings.empty() || Diags.getIgnoreAllWarnings())
    return;
  // The text is passed as an argument, never as the format, so a '%' in a
  // message needs no escaping.
  unsigned WarningID =
      Diags.getWarningsAsErrors()
          ? Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0 [%1]")
          : Diags.getCustomDiagID(DiagnosticsEngine::Warning, "%0 [%1]");
  unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  for (const Finding &F : Findings) {
    // The builder emits the warning when it goes out of scope, which must
    // happen before its notes are reported.
    {
      DiagnosticBuilder Warning = Diags.Report(F.Loc, WarningID);
      Warning << F.Message << checkInfo(F.Check).Name;
      for (const FindingFix &Fix : F.Fixes)
        Warning << FixItHint::CreateReplacement(Fix.Range, Fix.Replacement);
    }
    for (const FindingNote &Note : F.Notes)
      Diags.Report(Note.Loc, NoteID) << Note.Message;
  }
}

} // namespace iterguard
