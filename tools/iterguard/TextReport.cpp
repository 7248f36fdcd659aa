//===--- TextReport.cpp - Compiler-style text output ------------*- C++ -*-===//

#include "TextReport.h"

namespace iterguard {

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

static void printLocation(const ResolvedLocation &Loc, llvm::StringRef Root,
                          llvm::raw_ostream &OS) {
  OS << relativePath(Loc.File, Root) << ":" << Loc.Line << ":"
     << Loc.Column << ": ";
}

void printTextReport(const ScanReport &Report, llvm::raw_ostream &OS) {
  for (const ResolvedFinding &F : Report.Findings) {
    printLocation(F.Loc, Report.Root, OS);
    OS << "warning: " << F.Message << " [" << F.CheckName << "]\n";
    printSnippet(F.Loc, OS);
    for (const ResolvedFix &Fix : F.Fixes) {
      OS << "fix-it:\"";
      OS.write_escaped(relativePath(Fix.File, Report.Root));
      OS << "\":{" << Fix.BeginLine << ":" << Fix.BeginColumn << "-"
         << Fix.EndLine << ":" << Fix.EndColumn << "}:\"";
      OS.write_escaped(Fix.Replacement);
      OS << "\"\n";
    }
    for (const ResolvedNote &Note : F.Notes) {
      printLocation(Note.Loc, Report.Root, OS);
      OS << "note: " << Note.Message << "\n";
      printSnippet(Note.Loc, OS);
    }
  }
}

} // namespace iterguard
