//===--- IterguardTidyModule.cpp - The iterguard clang-tidy module --------===//

#include "InvalidatedIteratorCheck.h"
#include "RangeLoopAddressEscapeCheck.h"
#include "Support/Compat.h"
#include "UnsynchronizedContainerWriteCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include ITERGUARD_CLANG_TIDY_REGISTRY_HEADER

using namespace clang::tidy;

namespace iterguard {

class IterguardModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<InvalidatedIteratorCheck>(
        checkInfo(CheckId::InvalidatedIterator).Name);
    Factories.registerCheck<RangeLoopAddressEscapeCheck>(
        checkInfo(CheckId::RangeLoopAddressEscape).Name);
    Factories.registerCheck<UnsynchronizedContainerWriteCheck>(
        checkInfo(CheckId::UnsynchronizedContainerWrite).Name);
  }
};

} // namespace iterguard

static ClangTidyModuleRegistry::Add<iterguard::IterguardModule>
    IterguardModuleRegistration(
        "iterguard-module",
        "Iterator invalidation and container data-race checks.");
