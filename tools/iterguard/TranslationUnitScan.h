//===--- TranslationUnitScan.h - Analyze one translation unit -----*- C++ -*-===//
//
// Parses one translation unit with its compile command, runs the analysis core
// on it and returns its findings resolved to file positions. Compiler
// diagnostics are not printed; a translation unit that does not parse is
// reported as one message naming its first error. A binary source is refused
// before Clang sees it (its bytes would make an unreadable error line); an
// empty one is skipped with a note, since it cannot hold a bug. The language
// server passes an overlay of unsaved editor buffers, which shadows the disk.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_TRANSLATIONUNITSCAN_H
#define ITERGUARD_TOOLS_TRANSLATIONUNITSCAN_H

#include "AnalysisOptions.h"
#include "Report/ResolvedFinding.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <string>
#include <vector>

namespace iterguard {

struct ScanResult {
  std::vector<ResolvedFinding> Findings;
  bool Parsed = true;
  /// Why the translation unit could not be parsed, when !Parsed.
  std::string Error;
  /// Why a translation unit that parsed was not analyzed (an empty source).
  std::string Skipped;
};

/// Overlay, when given, is layered over the physical file system: its files
/// replace the ones on disk with the same path, for the source and headers.
ScanResult scanTranslationUnit(
    const clang::tooling::CompileCommand &Command,
    const AnalysisOptions &Options,
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Overlay = nullptr);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_TRANSLATIONUNITSCAN_H
