//===--- LspDiagnostics.cpp - Findings as LSP diagnostics -------*- C++ -*-===//

#include "LspDiagnostics.h"
#include "llvm/ADT/StringExtras.h"
#include <map>

namespace iterguard {

/// LSP's DiagnosticSeverity.Warning.
static constexpr int SeverityWarning = 2;

static bool isIdentifierChar(char C) { return llvm::isAlnum(C) || C == '_'; }

LspRange rangeOfLocation(const ResolvedLocation &Loc) {
  LspRange Range;
  Range.Start = positionOnLine(Loc.LineText, Loc.Line, Loc.Column);
  llvm::StringRef Rest = llvm::StringRef(Loc.LineText)
                             .drop_front(Loc.Column > 0 ? Loc.Column - 1 : 0);
  size_t Length = 0;
  if (!Rest.empty()) {
    Length =
        isIdentifierChar(Rest.front()) ? Rest.find_if_not(isIdentifierChar) : 1;
    if (Length == llvm::StringRef::npos)
      Length = Rest.size();
  }
  Range.End = Range.Start;
  // Counting whole bytes of the token keeps a non-ASCII character whole.
  llvm::StringRef Token = Rest.take_front(Length);
  while (Token.size() < Rest.size() && (Rest[Token.size()] & 0xC0) == 0x80)
    Token = Rest.take_front(Token.size() + 1);
  Range.End.Character += utf16Length(Token);
  return Range;
}

static llvm::json::Value locationJson(const ResolvedLocation &Loc,
                                      UriOfFile UriOf) {
  return llvm::json::Object{{"uri", UriOf(Loc.File)},
                            {"range", toJson(rangeOfLocation(Loc))}};
}

llvm::json::Value diagnosticFromFinding(const ResolvedFinding &F,
                                        UriOfFile UriOf) {
  llvm::json::Array Related;
  for (const ResolvedNote &Note : F.Notes)
    Related.push_back(
        llvm::json::Object{{"location", locationJson(Note.Loc, UriOf)},
                           {"message", Note.Message}});
  llvm::json::Object Diagnostic{{"range", toJson(rangeOfLocation(F.Loc))},
                                {"severity", SeverityWarning},
                                {"source", "iterguard"},
                                {"code", F.CheckName},
                                {"message", F.Message}};
  if (!Related.empty())
    Diagnostic["relatedInformation"] = std::move(Related);
  return Diagnostic;
}

std::optional<llvm::json::Value>
quickFixFromFinding(const ResolvedFinding &F,
                    const llvm::json::Value &Diagnostic, TextOfFile TextOf,
                    UriOfFile UriOf) {
  if (F.Fixes.empty())
    return std::nullopt;
  // One array of edits per URI; std::map keeps the JSON deterministic.
  std::map<std::string, llvm::json::Array> EditsByUri;
  std::string Title;
  for (const ResolvedFix &Fix : F.Fixes) {
    const std::string *Text = TextOf(Fix.File);
    if (!Text || Fix.Offset + Fix.Length > Text->size())
      return std::nullopt;
    LspRange Range{positionOfOffset(*Text, Fix.Offset),
                   positionOfOffset(*Text, Fix.Offset + Fix.Length)};
    EditsByUri[UriOf(Fix.File)].push_back(llvm::json::Object{
        {"range", toJson(Range)}, {"newText", Fix.Replacement}});
    llvm::StringRef Old =
        llvm::StringRef(*Text).substr(Fix.Offset, Fix.Length).trim();
    Title = "replace '" + Old.str() + "' with '" +
            llvm::StringRef(Fix.Replacement).trim().str() + "'";
  }
  if (F.Fixes.size() > 1)
    Title = "apply the fix-its of " + F.CheckName;
  llvm::json::Object Changes;
  for (auto &[Uri, Edits] : EditsByUri)
    Changes[Uri] = std::move(Edits);
  return llvm::json::Object{
      {"title", Title},
      {"kind", "quickfix"},
      {"diagnostics", llvm::json::Array{Diagnostic}},
      {"isPreferred", true},
      {"edit", llvm::json::Object{{"changes", std::move(Changes)}}}};
}

} // namespace iterguard
