//===--- Finding.h - One diagnosed bug, independent of front end -*- C++ -*-===//
//
// The analysis core reports plain structs; each front end decides how to show
// them (clang-tidy diagnostics, compiler warnings, text, JSON, SARIF). Messages
// are already rendered from the message catalogue, so every front end prints
// the same words.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_REPORT_FINDING_H
#define ITERGUARD_REPORT_FINDING_H

#include "Checks/CheckCatalog.h"
#include "clang/Basic/SourceLocation.h"
#include <string>
#include <vector>

namespace iterguard {

/// One note telling part of the story: where a handle was obtained, where the
/// container was modified, where the loop is.
struct FindingNote {
  clang::SourceLocation Loc;
  std::string Message;
};

/// A replacement a fix-it proposes. Only provably safe edits become fix-its.
struct FindingFix {
  clang::CharSourceRange Range;
  std::string Replacement;
};

struct Finding {
  CheckId Check;
  /// Where the bug happens: the stale use, the escaping address, the write.
  clang::SourceLocation Loc;
  std::string Message;
  std::vector<FindingNote> Notes;
  std::vector<FindingFix> Fixes;
};

} // namespace iterguard

#endif // ITERGUARD_REPORT_FINDING_H
