//===--- ResolvedFinding.cpp - Findings that outlive their AST --*- C++ -*-===//

#include "Report/ResolvedFinding.h"
#include "Support/Compat.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/DiagnosticRenderer.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace iterguard {

bool operator<(const ResolvedFinding &A, const ResolvedFinding &B) {
  return std::tie(A.Loc.File, A.Loc.Line, A.Loc.Column, A.CheckName,
                  A.Message) < std::tie(B.Loc.File, B.Loc.Line, B.Loc.Column,
                                        B.CheckName, B.Message);
}

bool isSameFinding(const ResolvedFinding &A, const ResolvedFinding &B) {
  return A.Loc.key() == B.Loc.key() && A.CheckName == B.CheckName &&
         A.Message == B.Message;
}

std::string relativePath(llvm::StringRef File, llvm::StringRef Root) {
  Root = Root.rtrim('/');
  if (!Root.empty() && File.starts_with(Root) &&
      File.drop_front(Root.size()).starts_with("/"))
    return File.drop_front(Root.size() + 1).str();
  return File.str();
}

static std::string canonicalPath(FileID File, const SourceManager &SM) {
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
  if (!Entry)
    return SM.getBufferName(SM.getLocForStartOfFile(File)).str();
  llvm::StringRef Real = Entry->getFileEntry().tryGetRealPathName();
  if (!Real.empty())
    return Real.str();
  llvm::SmallString<256> Path(Entry->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

ResolvedLocation resolveLocation(SourceLocation Loc, const SourceManager &SM) {
  ResolvedLocation Resolved;
  if (Loc.isInvalid())
    return Resolved;
  // Where the user sees the code: the macro argument's spelling, otherwise
  // the place the macro was invoked.
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  auto [File, Offset] = SM.getDecomposedLoc(FileLoc);
  Resolved.File = canonicalPath(File, SM);
  Resolved.Line = SM.getLineNumber(File, Offset);
  Resolved.Column = SM.getColumnNumber(File, Offset);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (!Invalid) {
    size_t Start = Offset - (Resolved.Column - 1);
    size_t End = Buffer.find_first_of("\r\n", Start);
    Resolved.LineText = Buffer.slice(Start, End).str();
  }
  return Resolved;
}

namespace {

/// Collects the "expanded from macro" notes Clang's own renderer attaches to
/// a diagnostic inside a macro, so the standalone tool and the language
/// server show the same notes as clang-tidy and the compiler plugin.
class MacroExpansionNotes final : public DiagnosticRenderer {
public:
  MacroExpansionNotes(compat::RendererDiagnosticOptions &Options,
                      const SourceManager &SM,
                      std::vector<ResolvedNote> &Notes)
      : DiagnosticRenderer(Language, Options.get()), SM(SM), Notes(Notes) {}

  void addFor(SourceLocation Loc) {
    if (!Loc.isMacroID())
      return;
    SkipMessage = true;
    emitDiagnostic(FullSourceLoc(Loc, SM), DiagnosticsEngine::Note, "", {},
                   {});
  }

protected:
  void emitDiagnosticMessage(FullSourceLoc Loc, PresumedLoc,
                             DiagnosticsEngine::Level, StringRef Message,
                             ArrayRef<CharSourceRange>,
                             DiagOrStoredDiag) override {
    // The first message is the finding or note itself, already resolved.
    if (SkipMessage) {
      SkipMessage = false;
      return;
    }
    Notes.push_back({resolveLocation(Loc, SM), Message.str()});
  }
  void emitDiagnosticLoc(FullSourceLoc, PresumedLoc, DiagnosticsEngine::Level,
                         ArrayRef<CharSourceRange>) override {}
  void emitCodeContext(FullSourceLoc, DiagnosticsEngine::Level,
                       SmallVectorImpl<CharSourceRange> &,
                       ArrayRef<FixItHint>) override {}
  void emitIncludeLocation(FullSourceLoc, PresumedLoc) override {}
  void emitImportLocation(FullSourceLoc, PresumedLoc, StringRef) override {}
  void emitBuildingModuleLocation(FullSourceLoc, PresumedLoc,
                                  StringRef) override {}

private:
  static inline const LangOptions Language;
  const SourceManager &SM;
  std::vector<ResolvedNote> &Notes;
  bool SkipMessage = false;
};

} // namespace

ResolvedFinding resolveFinding(const Finding &F, const SourceManager &SM) {
  ResolvedFinding Resolved;
  Resolved.CheckName = checkInfo(F.Check).Name.str();
  Resolved.Loc = resolveLocation(F.Loc, SM);
  Resolved.Message = F.Message;
  compat::RendererDiagnosticOptions Options;
  MacroExpansionNotes MacroNotes(Options, SM, Resolved.Notes);
  MacroNotes.addFor(F.Loc);
  for (const FindingNote &Note : F.Notes) {
    Resolved.Notes.push_back({resolveLocation(Note.Loc, SM), Note.Message});
    MacroNotes.addFor(Note.Loc);
  }
  for (const FindingFix &Fix : F.Fixes) {
    CharSourceRange Range = Fix.Range;
    SourceLocation Begin = SM.getFileLoc(Range.getBegin());
    SourceLocation End = SM.getFileLoc(Range.getEnd());
    auto [File, BeginOffset] = SM.getDecomposedLoc(Begin);
    unsigned EndOffset = SM.getFileOffset(End);
    if (Range.isTokenRange())
      EndOffset += Lexer::MeasureTokenLength(End, SM, LangOptions());
    ResolvedFix Edit;
    Edit.File = canonicalPath(File, SM);
    Edit.Offset = BeginOffset;
    Edit.Length = EndOffset - BeginOffset;
    Edit.BeginLine = SM.getLineNumber(File, BeginOffset);
    Edit.BeginColumn = SM.getColumnNumber(File, BeginOffset);
    Edit.EndLine = SM.getLineNumber(File, EndOffset);
    Edit.EndColumn = SM.getColumnNumber(File, EndOffset);
    Edit.Replacement = Fix.Replacement;
    Resolved.Fixes.push_back(std::move(Edit));
  }
  return Resolved;
}

} // namespace iterguard
