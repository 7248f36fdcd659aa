//===--- ResolvedFinding.h - Findings that outlive their AST ------*- C++ -*-===//
//
// A Finding holds SourceLocations, which mean nothing once its translation
// unit is gone. Front ends that collect findings across translation units
// (the standalone tool, the language server) resolve them to file, line,
// column and the text of the line, and compare and print those.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_REPORT_RESOLVEDFINDING_H
#define ITERGUARD_REPORT_RESOLVEDFINDING_H

#include "Report/Finding.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <tuple>
#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace iterguard {

struct ResolvedLocation {
  /// Absolute path with symlinks resolved, so one header reached through
  /// different include paths is one file.
  std::string File;
  unsigned Line = 0;   ///< 1-based
  unsigned Column = 0; ///< 1-based, in bytes
  /// The source line the location is on, without its line terminator.
  std::string LineText;

  auto key() const { return std::tie(File, Line, Column); }
};

struct ResolvedNote {
  ResolvedLocation Loc;
  std::string Message;
};

struct ResolvedFix {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  /// The replaced range as 1-based line:column pairs, end exclusive.
  unsigned BeginLine = 0, BeginColumn = 0, EndLine = 0, EndColumn = 0;
  std::string Replacement;
};

struct ResolvedFinding {
  std::string CheckName;
  ResolvedLocation Loc;
  std::string Message;
  std::vector<ResolvedNote> Notes;
  std::vector<ResolvedFix> Fixes;
  /// Stable identity across line shifts; see Report/Fingerprint.h.
  std::string Fingerprint;
};

/// Orders by file, line, column, check and message: the order of every report.
bool operator<(const ResolvedFinding &A, const ResolvedFinding &B);
/// Same place, same check, same message: the same finding, whichever
/// translation unit reported it.
bool isSameFinding(const ResolvedFinding &A, const ResolvedFinding &B);

/// File relative to Root when it lies below it, otherwise File unchanged.
std::string relativePath(llvm::StringRef File, llvm::StringRef Root);

ResolvedLocation resolveLocation(clang::SourceLocation Loc,
                                 const clang::SourceManager &SM);
ResolvedFinding resolveFinding(const Finding &F, const clang::SourceManager &SM);

} // namespace iterguard

#endif // ITERGUARD_REPORT_RESOLVEDFINDING_H
