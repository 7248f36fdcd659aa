//===--- RangeLoopAddressEscapeCheck.h - iterguard-range-loop-address-escape ===//

#ifndef ITERGUARD_CHECKS_RANGELOOPADDRESSESCAPECHECK_H
#define ITERGUARD_CHECKS_RANGELOOPADDRESSESCAPECHECK_H

#include "CoreCheck.h"

namespace iterguard {

/// Finds the address of, or a reference to, a per-iteration range-for
/// variable that escapes the iteration.
///
/// For the user-facing documentation see:
/// docs/checks/range-loop-address-escape.md
class RangeLoopAddressEscapeCheck : public CoreCheck {
public:
  RangeLoopAddressEscapeCheck(llvm::StringRef Name,
                              clang::tidy::ClangTidyContext *Context)
      : CoreCheck(Name, Context, CheckId::RangeLoopAddressEscape) {}
};

} // namespace iterguard

#endif // ITERGUARD_CHECKS_RANGELOOPADDRESSESCAPECHECK_H
