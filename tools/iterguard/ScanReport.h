//===--- ScanReport.h - What a scan found, for every output format -*- C++ -*-===//
//
// The text, JSON and SARIF writers all print this one struct, so the formats
// cannot disagree on which findings a run reported.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_SCANREPORT_H
#define ITERGUARD_TOOLS_SCANREPORT_H

#include "Report/ResolvedFinding.h"
#include <string>
#include <vector>

namespace iterguard {

struct UnparsedUnit {
  std::string File;
  /// The one-line error printed on stderr.
  std::string Error;
};

struct ScanReport {
  /// Sorted, de-duplicated and fingerprinted; baseline entries removed.
  std::vector<ResolvedFinding> Findings;
  size_t TranslationUnits = 0;
  std::vector<UnparsedUnit> Unparsed;
  /// Findings hidden because the baseline lists them.
  size_t HiddenByBaseline = 0;
  /// Absolute directory that printed paths are relative to (the working
  /// directory of the run).
  std::string Root;
};

} // namespace iterguard

#endif // ITERGUARD_TOOLS_SCANREPORT_H
