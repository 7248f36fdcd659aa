//===--- GlobList.h - clang-tidy style check globs ---------------*- C++ -*-===//
//
// A comma-separated list of globs where '*' matches any run of characters and
// a leading '-' excludes. As in clang-tidy, the last glob that matches a name
// decides, and surrounding whitespace (including newlines) is ignored. Used for
// --checks and for the check lists inside NOLINT(...) comments.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_SUPPORT_GLOBLIST_H
#define ITERGUARD_SUPPORT_GLOBLIST_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <vector>

namespace iterguard {

class GlobList {
public:
  /// With KeepNegativeGlobs false, "-foo" entries are dropped (the NOLINT
  /// dialect, where only positive globs mean anything).
  explicit GlobList(llvm::StringRef Globs, bool KeepNegativeGlobs = true);

  /// True when the last glob matching Name is positive.
  bool contains(llvm::StringRef Name) const;

  bool empty() const { return Items.empty(); }

private:
  struct Glob {
    bool IsPositive;
    llvm::Regex Pattern;
  };
  std::vector<Glob> Items;
};

} // namespace iterguard

#endif // ITERGUARD_SUPPORT_GLOBLIST_H
