//===--- NoLintDirectives.cpp - clang-tidy's NOLINT comments ----*- C++ -*-===//
//
// Like clang-tidy, directives are found by scanning the raw text, not the
// comments: "NOLINT" followed by a run of letters names the directive, so
// "NOLINT" inside a string literal or an identifier such as "MYNOLINT" counts,
// while "NOLINTXYZ" and "nolint" do not. A '(' right after the name opens a
// check list that must close on the same line; without the ')' the list is
// ignored and the directive silences every check. Only positive globs of a
// list mean anything, and "NOLINT()" silences nothing.
//
// A NOLINTEND closes the innermost open NOLINTBEGIN only when both carry the
// same check list, compared after trimming the whitespace around each entry.
// Otherwise the NOLINTEND is unmatched and the NOLINTBEGIN stays open.
//
// Simplification: clang-tidy bounds a block by the byte offsets of its two
// directives, but this API answers per line. The NOLINTBEGIN line belongs to
// the block only when no code precedes the directive on it, and the NOLINTEND
// line only when code does. That is exact for the usual layouts ("// NOLINT..."
// on its own line, as a trailing comment, or as a leading /* ... */) and errs
// only on a line that has code on both sides of the directive.
//
//===----------------------------------------------------------------------===//

#include "Report/NoLintDirectives.h"
#include "Support/GlobList.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include <algorithm>
#include <optional>
#include <tuple>

using llvm::StringRef;

namespace iterguard {

namespace {

enum class DirectiveKind { NoLint, NoLintNextLine, NoLintBegin, NoLintEnd };

struct Directive {
  DirectiveKind Kind;
  size_t Offset; ///< Of the 'N' of "NOLINT".
  /// The check list with each entry trimmed; std::nullopt when there is no
  /// (closed) list. NOLINTBEGIN and NOLINTEND pair up by comparing these.
  std::optional<std::string> CheckList;
  GlobList Checks;
};

struct LineRule {
  unsigned Line;
  GlobList Checks;
};

struct Block {
  unsigned FirstLine;
  unsigned LastLine;
  GlobList Checks;
};

} // namespace

static std::optional<DirectiveKind> directiveKind(StringRef Word) {
  return llvm::StringSwitch<std::optional<DirectiveKind>>(Word)
      .Case("NOLINT", DirectiveKind::NoLint)
      .Case("NOLINTNEXTLINE", DirectiveKind::NoLintNextLine)
      .Case("NOLINTBEGIN", DirectiveKind::NoLintBegin)
      .Case("NOLINTEND", DirectiveKind::NoLintEnd)
      .Default(std::nullopt);
}

static std::string normalizeCheckList(StringRef List) {
  llvm::SmallVector<StringRef, 4> Entries;
  List.split(Entries, ',');
  for (StringRef &Entry : Entries)
    Entry = Entry.trim();
  return llvm::join(Entries, ",");
}

static std::vector<Directive> scanDirectives(StringRef Buffer) {
  static constexpr llvm::StringLiteral Marker = "NOLINT";
  std::vector<Directive> Found;
  size_t Pos = 0;
  while (true) {
    size_t Start = Buffer.find(Marker, Pos);
    if (Start == StringRef::npos)
      break;
    Pos = Start + Marker.size();
    while (Pos < Buffer.size() && llvm::isAlpha(Buffer[Pos]))
      ++Pos;
    std::optional<DirectiveKind> Kind = directiveKind(Buffer.slice(Start, Pos));
    if (!Kind)
      continue;

    std::optional<StringRef> RawList;
    if (Pos < Buffer.size() && Buffer[Pos] == '(') {
      ++Pos;
      size_t Close = Buffer.find_first_of("\n)", Pos);
      // An unclosed list is not consumed: scanning resumes inside it.
      if (Close != StringRef::npos && Buffer[Close] == ')') {
        RawList = Buffer.slice(Pos, Close);
        Pos = Close + 1;
      }
    }

    std::optional<std::string> CheckList;
    if (RawList)
      CheckList = normalizeCheckList(*RawList);
    Found.push_back({*Kind, Start, std::move(CheckList),
                     GlobList(RawList.value_or("*"),
                              /*KeepNegativeGlobs=*/false)});
  }
  return Found;
}

/// Offsets at which lines start, splitting lines exactly as
/// clang::SourceManager does ("\n", "\r\n" or a lone "\r") so that its line
/// numbers index this table.
static std::vector<size_t> lineStarts(StringRef Buffer) {
  std::vector<size_t> Starts{0};
  for (size_t I = 0, E = Buffer.size(); I != E; ++I) {
    if (Buffer[I] == '\r' && I + 1 != E && Buffer[I + 1] == '\n')
      ++I;
    if (Buffer[I] == '\n' || Buffer[I] == '\r')
      Starts.push_back(I + 1);
  }
  return Starts;
}

/// True when Prefix, the text of a line before a directive, holds anything
/// but whitespace and the comment that contains the directive.
static bool hasCodeBefore(StringRef Prefix) {
  while (true) {
    Prefix = Prefix.ltrim();
    if (Prefix.empty() || Prefix.starts_with("//"))
      return false;
    if (!Prefix.consume_front("/*"))
      return true;
    size_t Close = Prefix.find("*/");
    if (Close == StringRef::npos)
      return false;
    Prefix = Prefix.drop_front(Close + 2);
  }
}

struct NoLintDirectives::Impl {
  std::vector<size_t> LineStarts;
  /// NOLINT and NOLINTNEXTLINE, keyed by the line they silence, sorted.
  std::vector<LineRule> LineRules;
  /// Matched NOLINTBEGIN/NOLINTEND pairs, sorted by FirstLine.
  std::vector<Block> Blocks;
  std::vector<Problem> Problems;

  explicit Impl(StringRef Buffer);

  unsigned lineOf(size_t Offset) const {
    return std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset) -
           LineStarts.begin();
  }
  unsigned columnOf(size_t Offset) const {
    return Offset - LineStarts[lineOf(Offset) - 1] + 1;
  }
  void reportUnmatched(const Directive &D);
};

NoLintDirectives::Impl::Impl(StringRef Buffer)
    : LineStarts(lineStarts(Buffer)) {
  auto PrefixOf = [&](size_t Offset) {
    size_t LineStart = LineStarts[lineOf(Offset) - 1];
    return Buffer.slice(LineStart, Offset);
  };

  std::vector<Directive> Open;
  for (Directive &D : scanDirectives(Buffer)) {
    unsigned Line = lineOf(D.Offset);
    switch (D.Kind) {
    case DirectiveKind::NoLint:
      LineRules.push_back({Line, std::move(D.Checks)});
      break;
    case DirectiveKind::NoLintNextLine:
      LineRules.push_back({Line + 1, std::move(D.Checks)});
      break;
    case DirectiveKind::NoLintBegin:
      Open.push_back(std::move(D));
      break;
    case DirectiveKind::NoLintEnd: {
      // Blocks nest strictly: an end may only close the innermost block.
      if (Open.empty() || Open.back().CheckList != D.CheckList) {
        reportUnmatched(D);
        break;
      }
      Directive Begin = std::move(Open.back());
      Open.pop_back();
      unsigned First = lineOf(Begin.Offset);
      if (hasCodeBefore(PrefixOf(Begin.Offset)))
        ++First;
      unsigned Last = Line;
      if (!hasCodeBefore(PrefixOf(D.Offset)))
        --Last;
      if (First <= Last)
        Blocks.push_back({First, Last, std::move(Begin.Checks)});
      break;
    }
    }
  }
  for (const Directive &D : Open)
    reportUnmatched(D);

  llvm::stable_sort(LineRules, [](const LineRule &A, const LineRule &B) {
    return A.Line < B.Line;
  });
  llvm::stable_sort(Blocks, [](const Block &A, const Block &B) {
    return A.FirstLine < B.FirstLine;
  });
  llvm::stable_sort(Problems, [](const Problem &A, const Problem &B) {
    return std::tie(A.Line, A.Column) < std::tie(B.Line, B.Column);
  });
}

void NoLintDirectives::Impl::reportUnmatched(const Directive &D) {
  // clang-tidy's wording, so that users see one message from every front end.
  const char *Message =
      D.Kind == DirectiveKind::NoLintBegin
          ? "unmatched 'NOLINTBEGIN' comment without a subsequent "
            "'NOLINTEND' comment"
          : "unmatched 'NOLINTEND' comment without a previous "
            "'NOLINTBEGIN' comment";
  Problems.push_back({lineOf(D.Offset), columnOf(D.Offset), Message});
}

NoLintDirectives::NoLintDirectives(StringRef Buffer)
    : Data(std::make_unique<Impl>(Buffer)) {}

NoLintDirectives::~NoLintDirectives() = default;
NoLintDirectives::NoLintDirectives(NoLintDirectives &&) = default;
NoLintDirectives &NoLintDirectives::operator=(NoLintDirectives &&) = default;

bool NoLintDirectives::suppresses(unsigned Line, StringRef CheckName) const {
  auto Rule = llvm::lower_bound(
      Data->LineRules, Line,
      [](const LineRule &R, unsigned L) { return R.Line < L; });
  for (; Rule != Data->LineRules.end() && Rule->Line == Line; ++Rule)
    if (Rule->Checks.contains(CheckName))
      return true;

  for (const Block &B : Data->Blocks) {
    if (B.FirstLine > Line)
      break;
    if (Line <= B.LastLine && B.Checks.contains(CheckName))
      return true;
  }
  return false;
}

llvm::ArrayRef<NoLintDirectives::Problem> NoLintDirectives::problems() const {
  return Data->Problems;
}

NoLintFilter::NoLintFilter(const clang::SourceManager &SM) : SM(SM) {}

NoLintFilter::~NoLintFilter() = default;

const NoLintDirectives *NoLintFilter::directivesFor(clang::FileID File) {
  auto [It, Inserted] = Cache.try_emplace(File);
  if (!Inserted)
    return It->second.get();
  // As in clang-tidy, only files backed by a real file are read; built-in
  // buffers, the command line and scratch space hold no user comments.
  if (!SM.getNonBuiltinFilenameForID(File))
    return nullptr;
  std::optional<StringRef> Buffer = SM.getBufferDataOrNone(File);
  if (!Buffer)
    return nullptr;
  It->second = std::make_unique<NoLintDirectives>(*Buffer);
  return It->second.get();
}

bool NoLintFilter::isSuppressed(clang::SourceLocation Loc,
                                StringRef CheckName) {
  if (Loc.isInvalid())
    return false;
  // The spelling of each step of the expansion chain, innermost first: a
  // directive on the macro's definition or on any invocation silences it.
  while (true) {
    auto [File, Offset] = SM.getDecomposedSpellingLoc(Loc);
    if (const NoLintDirectives *Directives = directivesFor(File)) {
      bool Invalid = false;
      unsigned Line = SM.getLineNumber(File, Offset, &Invalid);
      if (!Invalid && Directives->suppresses(Line, CheckName))
        return true;
    }
    if (!Loc.isMacroID())
      return false;
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  }
}

} // namespace iterguard
