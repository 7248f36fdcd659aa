//===--- CheckCatalog.h - The checks iterguard knows --------------*- C++ -*-===//
//
// One table of every check: its stable identifier, its user-facing name, the
// summary sentence its documentation opens with, and whether it is available
// yet. The clang-tidy module, the standalone tool's --list-checks and the
// --checks glob filter all read this table, so the front ends cannot disagree
// on which checks exist.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_CHECKS_CHECKCATALOG_H
#define ITERGUARD_CHECKS_CHECKCATALOG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace iterguard {

enum class CheckId {
  InvalidatedIterator,
  RangeLoopAddressEscape,
  UnsynchronizedContainerWrite,
};

struct CheckInfo {
  CheckId Id;
  /// The name users select and suppress, e.g. "iterguard-invalidated-iterator".
  llvm::StringRef Name;
  /// The sentence the check's documentation page opens with.
  llvm::StringRef Summary;
  /// A paragraph on what is reported and why it is a bug, for rule metadata
  /// (SARIF fullDescription) and --list-checks readers who want more.
  llvm::StringRef Description;
  /// False for checks whose analysis has not landed yet; they are listed in
  /// the documentation but never registered or run.
  bool Available;
};

/// Every check, sorted by name.
llvm::ArrayRef<CheckInfo> allChecks();

const CheckInfo &checkInfo(CheckId Id);

std::optional<CheckId> findCheck(llvm::StringRef Name);

} // namespace iterguard

#endif // ITERGUARD_CHECKS_CHECKCATALOG_H
