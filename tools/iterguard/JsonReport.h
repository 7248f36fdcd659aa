//===--- JsonReport.h - Machine-readable findings -----------------*- C++ -*-===//
//
// --format=json: one object with the tool, every finding (location, check,
// message, fingerprint, notes, fix-its) and a summary. docs/usage.md documents
// the schema; its "version" changes only when a field changes meaning.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_JSONREPORT_H
#define ITERGUARD_TOOLS_JSONREPORT_H

#include "ScanReport.h"
#include "llvm/Support/raw_ostream.h"

namespace iterguard {

void printJsonReport(const ScanReport &Report, llvm::raw_ostream &OS);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_JSONREPORT_H
