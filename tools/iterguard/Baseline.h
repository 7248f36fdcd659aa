//===--- Baseline.h - Accepting the findings a codebase has -----*- C++ -*-===//
//
// --write-baseline records the fingerprints of the current findings in a JSON
// file; --baseline hides the findings whose fingerprint it lists. Findings
// that only moved keep their fingerprint (Report/Fingerprint.h) and stay
// hidden; a new finding shows. The file also holds each finding's check, file,
// line and message so reviewers can read what was accepted.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_BASELINE_H
#define ITERGUARD_TOOLS_BASELINE_H

#include "ScanReport.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace iterguard {

struct Baseline {
  llvm::StringSet<> Fingerprints;

  /// Reads a file written by writeBaseline, or an error naming the file.
  static llvm::Expected<Baseline> load(llvm::StringRef Path);

  /// Removes the listed findings from Report and counts them.
  void hideKnownFindings(ScanReport &Report) const;
};

void writeBaseline(const ScanReport &Report, llvm::raw_ostream &OS);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_BASELINE_H
