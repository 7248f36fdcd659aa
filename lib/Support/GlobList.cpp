//===--- GlobList.cpp - clang-tidy style check globs ------------*- C++ -*-===//
//
// Each glob becomes an anchored regular expression. Entries are separated by
// ',' or by a newline (clang-tidy accepts both, which lets a multi-line
// Checks: value in a YAML file work without trailing commas).
//
//===----------------------------------------------------------------------===//

#include "Support/GlobList.h"

#include "llvm/ADT/SmallVector.h"
#include <string>

using llvm::StringRef;

namespace iterguard {

/// Builds "^...$" where every '*' matches any run of characters and every
/// other character, including regex metacharacters, stands for itself.
static std::string globToRegex(StringRef Glob) {
  llvm::SmallVector<StringRef, 4> Pieces;
  Glob.split(Pieces, '*');
  std::string Pattern = "^";
  for (size_t I = 0, E = Pieces.size(); I != E; ++I) {
    if (I != 0)
      Pattern += ".*";
    Pattern += llvm::Regex::escape(Pieces[I]);
  }
  Pattern += '$';
  return Pattern;
}

GlobList::GlobList(StringRef Globs, bool KeepNegativeGlobs) {
  StringRef Rest = Globs;
  while (!Rest.empty()) {
    size_t Separator = Rest.find_first_of(",\n");
    StringRef Entry = Rest.take_front(Separator);
    Rest = Separator == StringRef::npos ? StringRef()
                                        : Rest.drop_front(Separator + 1);

    // clang-tidy trims both before and after the '-', so "- foo" excludes foo.
    Entry = Entry.trim();
    bool IsPositive = !Entry.consume_front("-");
    Entry = Entry.trim();

    // An empty entry (",,", a lone "-", or "NOLINT()") can only match the
    // empty name, which no check has, so it is dropped; this keeps empty()
    // meaningful without changing any answer for a real check name.
    if (Entry.empty())
      continue;
    if (!IsPositive && !KeepNegativeGlobs)
      continue;
    Items.push_back({IsPositive, llvm::Regex(globToRegex(Entry))});
  }
}

bool GlobList::contains(StringRef Name) const {
  // The last matching glob decides, so search from the back.
  for (auto It = Items.rbegin(), E = Items.rend(); It != E; ++It)
    if (It->Pattern.match(Name))
      return It->IsPositive;
  return false;
}

} // namespace iterguard
