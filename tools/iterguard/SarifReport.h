//===--- SarifReport.h - SARIF 2.1.0 for code-scanning services ---*- C++ -*-===//
//
// --format=sarif: one run with the rule metadata of every enabled check (id,
// short and full description, the documentation page as help), each finding
// with its notes as related locations and fix-its as SARIF fixes, and
// partialFingerprints that do not depend on line numbers. Paths below the
// working directory are relative to the SRCROOT base, so SARIF files from
// different checkouts or shards merge.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_SARIFREPORT_H
#define ITERGUARD_TOOLS_SARIFREPORT_H

#include "Checks/CheckCatalog.h"
#include "ScanReport.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace iterguard {

void printSarifReport(const ScanReport &Report,
                      llvm::ArrayRef<CheckId> EnabledChecks,
                      llvm::raw_ostream &OS);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_SARIFREPORT_H
