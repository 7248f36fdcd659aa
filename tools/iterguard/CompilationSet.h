//===--- CompilationSet.h - Which translation units to scan -------*- C++ -*-===//
//
// Decides the compile command of every translation unit to scan from the
// command line: a compilation database given with -p or found by walking up
// from the first source, or the compiler arguments after "--". Every problem
// becomes one error message; nothing here prints.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_COMPILATIONSET_H
#define ITERGUARD_TOOLS_COMPILATIONSET_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace iterguard {

struct CompilationRequest {
  /// The -p directory, or empty.
  std::string BuildPath;
  /// Sources named on the command line, as given.
  std::vector<std::string> Sources;
  /// The database made from the arguments after "--", if there was one.
  std::unique_ptr<clang::tooling::CompilationDatabase> FixedDatabase;
};

/// One compile command per translation unit, sorted by file name, ready to
/// run: output and dependency-file options removed, syntax-only.
llvm::Expected<std::vector<clang::tooling::CompileCommand>>
selectCompilations(CompilationRequest Request);

/// Path with symlinks resolved, as findings name files; Path itself when it
/// cannot be resolved.
std::string resolvedPath(llvm::StringRef Path);

/// The absolute path of Command's main file.
std::string absoluteSourcePath(const clang::tooling::CompileCommand &Command);

/// The compile command of one file for the language server, prepared like
/// selectCompilations' commands. It comes from the nearest
/// compile_commands.json above File, inferred from the most similar entry when
/// File is not listed (a header, a new file); without a database, from
/// compile_flags.txt; otherwise it is "clang++ -std=c++17 File" run in File's
/// directory. Heuristic says when the command was guessed. The error is a
/// database that cannot be loaded.
llvm::Expected<clang::tooling::CompileCommand>
compileCommandForFile(llvm::StringRef File);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_COMPILATIONSET_H
