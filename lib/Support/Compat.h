//===--- Compat.h - Differences between supported LLVM versions --*- C++ -*-===//
//
// Every API difference between the LLVM versions iterguard builds against is
// bridged here, so no other file tests LLVM_VERSION_MAJOR.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_SUPPORT_COMPAT_H
#define ITERGUARD_SUPPORT_COMPAT_H

#include "clang/AST/Attr.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <optional>

// LLVM 22 moved ClangTidyModuleRegistry into ClangTidyModule.h and made the old
// header warn when included. Only the name is defined here: lib/ includes no
// clang-tidy header.
#if LLVM_VERSION_MAJOR >= 22
#define ITERGUARD_CLANG_TIDY_REGISTRY_HEADER "clang-tidy/ClangTidyModule.h"
#else
#define ITERGUARD_CLANG_TIDY_REGISTRY_HEADER                                   \
  "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace iterguard {
namespace compat {

/// Makes Path absolute against CurrentDirectory (not the process's working
/// directory). LLVM 22 moved this overload from llvm::sys::fs to
/// llvm::sys::path.
inline void makeAbsolute(const llvm::Twine &CurrentDirectory,
                         llvm::SmallVectorImpl<char> &Path) {
#if LLVM_VERSION_MAJOR >= 22
  llvm::sys::path::make_absolute(CurrentDirectory, Path);
#else
  llvm::sys::fs::make_absolute(CurrentDirectory, Path);
#endif
}

/// DiagnosticOptions handed to a clang::DiagnosticRenderer that does not
/// outlive this object. LLVM 19 shares them through a reference-counted
/// pointer, LLVM 21 and later through a plain reference.
class RendererDiagnosticOptions {
public:
#if LLVM_VERSION_MAJOR >= 21
  clang::DiagnosticOptions &get() { return Options; }

private:
  clang::DiagnosticOptions Options;
#else
  clang::DiagnosticOptions *get() { return Options.get(); }

private:
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> Options =
      llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
#endif
};

/// An assert_exclusive_lock or assert_shared_lock attribute of Clang before
/// 22, which folds both into AssertCapabilityAttr.
struct LegacyAssertLock {
  bool Shared = false;
  llvm::ArrayRef<clang::Expr *> Named;
};

inline std::optional<LegacyAssertLock>
legacyAssertLock([[maybe_unused]] const clang::Attr *A) {
#if LLVM_VERSION_MAJOR < 22
  if (const auto *Exclusive = llvm::dyn_cast<clang::AssertExclusiveLockAttr>(A))
    return LegacyAssertLock{false,
                            {Exclusive->args_begin(), Exclusive->args_end()}};
  if (const auto *Shared = llvm::dyn_cast<clang::AssertSharedLockAttr>(A))
    return LegacyAssertLock{true, {Shared->args_begin(), Shared->args_end()}};
#endif
  return std::nullopt;
}

} // namespace compat
} // namespace iterguard

#endif // ITERGUARD_SUPPORT_COMPAT_H
