//===--- ResolvedFinding.cpp - Findings that outlive their AST --*- C++ -*-===//

#include "Report/ResolvedFinding.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
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

ResolvedFinding resolveFinding(const Finding &F, const SourceManager &SM) {
  ResolvedFinding Resolved;
  Resolved.CheckName = checkInfo(F.Check).Name.str();
  Resolved.Loc = resolveLocation(F.Loc, SM);
  Resolved.Message = F.Message;
  for (const FindingNote &Note : F.Notes)
    Resolved.Notes.push_back({resolveLocation(Note.Loc, SM), Note.Message});
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
