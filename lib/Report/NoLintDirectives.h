//===--- NoLintDirectives.h - clang-tidy's NOLINT comments -------*- C++ -*-===//
//
// Problem: users silence findings with NOLINT comments and expect the
// standalone tool and the compiler plugin to honour them exactly as
// clang-tidy does, without linking clang-tidy.
//
// Semantics (clang-tidy's): NOLINT silences its own line, NOLINTNEXTLINE the
// line after it, and NOLINTBEGIN ... NOLINTEND every line between them. Each
// may carry a parenthesized, comma-separated list of check globs; without one
// it silences every check. A NOLINTBEGIN without a matching NOLINTEND (or the
// reverse) silences nothing and is reported as a problem. A diagnostic inside
// a macro expansion is silenced by a directive at any location of its
// expansion chain.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_REPORT_NOLINTDIRECTIVES_H
#define ITERGUARD_REPORT_NOLINTDIRECTIVES_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace iterguard {

/// The NOLINT directives of one file's text.
class NoLintDirectives {
public:
  explicit NoLintDirectives(llvm::StringRef Buffer);
  ~NoLintDirectives();
  NoLintDirectives(NoLintDirectives &&);
  NoLintDirectives &operator=(NoLintDirectives &&);

  /// True when a diagnostic of CheckName on the 1-based Line is silenced.
  bool suppresses(unsigned Line, llvm::StringRef CheckName) const;

  /// A NOLINTBEGIN or NOLINTEND without its partner.
  struct Problem {
    unsigned Line;
    unsigned Column;
    std::string Message; ///< e.g. "unmatched 'NOLINTBEGIN' comment without a
                         ///< subsequent 'NOLINTEND' comment"
  };
  llvm::ArrayRef<Problem> problems() const;

private:
  struct Impl;
  std::unique_ptr<Impl> Data;
};

/// Applies NOLINT directives to locations of one translation unit, parsing
/// each file at most once.
class NoLintFilter {
public:
  explicit NoLintFilter(const clang::SourceManager &SM);
  ~NoLintFilter();

  /// True when a diagnostic of CheckName at Loc is silenced, looking at Loc's
  /// spelling and at every location of its macro expansion chain.
  bool isSuppressed(clang::SourceLocation Loc, llvm::StringRef CheckName);

private:
  const NoLintDirectives *directivesFor(clang::FileID File);

  const clang::SourceManager &SM;
  llvm::DenseMap<clang::FileID, std::unique_ptr<NoLintDirectives>> Cache;
};

} // namespace iterguard

#endif // ITERGUARD_REPORT_NOLINTDIRECTIVES_H
