//===--- InvalidatedIteratorCheck.h - iterguard-invalidated-iterator -*- C++ -*-===//

#ifndef ITERGUARD_CHECKS_INVALIDATEDITERATORCHECK_H
#define ITERGUARD_CHECKS_INVALIDATEDITERATORCHECK_H

#include "CoreCheck.h"

namespace iterguard {

/// Finds iterators, element references, pointers and views that are used
/// after a container operation that may have invalidated them.
///
/// For the user-facing documentation see:
/// docs/checks/invalidated-iterator.md
class InvalidatedIteratorCheck : public CoreCheck {
public:
  InvalidatedIteratorCheck(llvm::StringRef Name,
                           clang::tidy::ClangTidyContext *Context)
      : CoreCheck(Name, Context, CheckId::InvalidatedIterator) {}
};

} // namespace iterguard

#endif // ITERGUARD_CHECKS_INVALIDATEDITERATORCHECK_H
