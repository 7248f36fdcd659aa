//===--- ExitCode.h - The standalone tool's exit status -----------*- C++ -*-===//
//
// Documented in docs/usage.md. When several apply, UsageError wins over
// ParseFailure, which wins over FindingsReported.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_EXITCODE_H
#define ITERGUARD_TOOLS_EXITCODE_H

namespace iterguard {

enum ExitCode : int {
  NoFindings = 0,
  FindingsReported = 1,
  UsageError = 2,
  ParseFailure = 3,
};

} // namespace iterguard

#endif // ITERGUARD_TOOLS_EXITCODE_H
