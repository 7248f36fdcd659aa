//===--- TextReport.cpp - Compiler-style text output ------------*- C++ -*-===//

#include "TextReport.h"
#include "llvm/Support/FileSystem.h"

namespace iterguard {

static std::string displayPath(llvm::StringRef File,
                               llvm::StringRef WorkingDir) {
  if (!WorkingDir.empty() && File.starts_with(WorkingDir) &&
      File.drop_front(WorkingDir.size()).starts_with("/"))
    return File.drop_front(WorkingDir.size() + 1).str();
  return File.str();
}

// Clang's snippet layout: a right-aligned line number, a bar, the line with
// tabs expanded, and a caret under the column.
static constexpr unsigned TabStop = 8;
static constexpr unsigned LineNumberWidth = 5;

static void printSnippet(const ResolvedLocation &Loc, llvm::raw_ostream &OS) {
  if (Loc.Line == 0)
    return;
  std::string Expanded;
  unsigned CaretColumn = 0;
  for (size_t I = 0; I < Loc.LineText.size(); ++I) {
    if (I + 1 == Loc.Column)
      CaretColumn = Expanded.size();
    if (Loc.LineText[I] == '\t')
      Expanded.append(TabStop - Expanded.size() % TabStop, ' ');
    else
      Expanded += Loc.LineText[I];
  }
  if (Loc.Column > Loc.LineText.size())
    CaretColumn = Expanded.size();
  OS.indent(LineNumberWidth - std::min<unsigned>(
                                  LineNumberWidth,
                                  std::to_string(Loc.Line).size()))
      << Loc.Line << " | " << Expanded << "\n";
  OS.indent(LineNumberWidth) << " | ";
  OS.indent(CaretColumn) << "^\n";
}

static void printLocation(const ResolvedLocation &Loc,
                          llvm::StringRef WorkingDir, llvm::raw_ostream &OS) {
  OS << displayPath(Loc.File, WorkingDir) << ":" << Loc.Line << ":"
     << Loc.Column << ": ";
}

void printTextReport(llvm::ArrayRef<ResolvedFinding> Findings,
                     llvm::raw_ostream &OS) {
  llvm::SmallString<256> WorkingDir;
  if (llvm::sys::fs::current_path(WorkingDir))
    WorkingDir.clear();
  for (const ResolvedFinding &F : Findings) {
    printLocation(F.Loc, WorkingDir, OS);
    OS << "warning: " << F.Message << " [" << F.CheckName << "]\n";
    printSnippet(F.Loc, OS);
    for (const ResolvedFix &Fix : F.Fixes) {
      OS << "fix-it:\"";
      OS.write_escaped(displayPath(Fix.File, WorkingDir));
      OS << "\":{" << Fix.BeginLine << ":" << Fix.BeginColumn << "-"
         << Fix.EndLine << ":" << Fix.EndColumn << "}:\"";
      OS.write_escaped(Fix.Replacement);
      OS << "\"\n";
    }
    for (const ResolvedNote &Note : F.Notes) {
      printLocation(Note.Loc, WorkingDir, OS);
      OS << "note: " << Note.Message << "\n";
      printSnippet(Note.Loc, OS);
    }
  }
}

} // namespace iterguard
