//===--- UnsynchronizedContainerWriteCheck.h - iterguard-unsynchronized-container-write ===//

#ifndef ITERGUARD_CHECKS_UNSYNCHRONIZEDCONTAINERWRITECHECK_H
#define ITERGUARD_CHECKS_UNSYNCHRONIZEDCONTAINERWRITECHECK_H

#include "CoreCheck.h"

namespace iterguard {

/// Finds writes to a container shared between threads that are made without
/// the lock that guards it.
///
/// For the user-facing documentation see:
/// docs/checks/unsynchronized-container-write.md
class UnsynchronizedContainerWriteCheck : public CoreCheck {
public:
  UnsynchronizedContainerWriteCheck(llvm::StringRef Name,
                                    clang::tidy::ClangTidyContext *Context)
      : CoreCheck(Name, Context, CheckId::UnsynchronizedContainerWrite) {}
};

} // namespace iterguard

#endif // ITERGUARD_CHECKS_UNSYNCHRONIZEDCONTAINERWRITECHECK_H
