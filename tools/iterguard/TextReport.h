//===--- TextReport.h - Compiler-style text output ----------------*- C++ -*-===//
//
// Prints findings the way Clang prints diagnostics, which editors and CI
// problem matchers already parse:
//   path:line:col: warning: message [check-name]
// followed by the source line and a caret, then each fix-it in Clang's
// parseable form (fix-it:"path":{line:col-line:col}:"replacement"), then each
// note the same way.
// Paths below the report root (the working directory) are printed relative
// to it.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_TEXTREPORT_H
#define ITERGUARD_TOOLS_TEXTREPORT_H

#include "ScanReport.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

namespace iterguard {

void printTextReport(const ScanReport &Report, llvm::raw_ostream &OS);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_TEXTREPORT_H
