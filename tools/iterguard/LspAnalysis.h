//===--- LspAnalysis.h - Analyze one open document --------------*- C++ -*-===//
//
// What the language server runs for one document: the compile command from the
// compilation database above it (see compileCommandForFile), the settings of
// the .iterguard.yaml above it (or of --config), and a scan that reads the
// editor's unsaved text of every open document instead of the disk. The
// configuration and the database are read from disk on every analysis, so
// edits to them apply without restarting the server.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_LSPANALYSIS_H
#define ITERGUARD_TOOLS_LSPANALYSIS_H

#include "Report/ResolvedFinding.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace iterguard {

/// The command-line settings the server was started with.
struct LspAnalysisSettings {
  /// --config as an absolute path, or empty for the nearest .iterguard.yaml.
  std::string ConfigPath;
  /// --checks, or empty.
  std::string Checks;
};

/// The unsaved text of an open document under one of its paths.
struct OpenFileText {
  std::string Path;
  std::shared_ptr<const std::string> Text;
};

struct DocumentAnalysis {
  enum Outcome {
    Analyzed,
    /// The translation unit has compile errors; Problem names the first.
    Unparsed,
    /// The configuration or the compilation database is broken.
    Failed,
  };
  Outcome Result = Analyzed;
  /// Every finding of the translation unit, in any file; files are canonical
  /// paths (see canonicalFilePath) and "exclude" globs are applied.
  std::vector<ResolvedFinding> Findings;
  /// One line, when the Result is not Analyzed.
  std::string Problem;
  /// How the compile command was guessed, or empty when the database had it.
  std::string CommandHeuristic;
};

/// Path made absolute and normalized, with symlinks resolved when it exists:
/// the one name of a file, whichever way an editor or an #include reaches it.
std::string canonicalFilePath(llvm::StringRef Path);

/// Fails with one line when Settings name a configuration that cannot be
/// loaded or checks that do not exist.
llvm::Error checkSettings(const LspAnalysisSettings &Settings);

/// Analyzes the translation unit of the document at Path, reading the files
/// in Open from memory.
DocumentAnalysis analyzeDocument(llvm::StringRef Path,
                                 const std::vector<OpenFileText> &Open,
                                 const LspAnalysisSettings &Settings);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_LSPANALYSIS_H
