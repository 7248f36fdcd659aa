//===--- Fingerprint.h - Identities that survive line shifts ------*- C++ -*-===//
//
// A finding's fingerprint names it independently of its line number, so a
// baseline keeps hiding a finding that only moved and code-scanning services
// (SARIF partialFingerprints) recognise it across commits. It hashes the
// check, the file relative to the report root, the finding's source line with
// its whitespace collapsed, and the message; the n-th identical finding in a
// file gets n into its hash, so repeated lines stay distinct.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_REPORT_FINGERPRINT_H
#define ITERGUARD_REPORT_FINGERPRINT_H

#include "Report/ResolvedFinding.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace iterguard {

/// Fills Fingerprint of every finding. Findings must be sorted (operator<),
/// which makes the occurrence numbers deterministic.
void assignFingerprints(std::vector<ResolvedFinding> &Findings,
                        llvm::StringRef Root);

} // namespace iterguard

#endif // ITERGUARD_REPORT_FINGERPRINT_H
