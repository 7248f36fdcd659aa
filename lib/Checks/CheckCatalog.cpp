//===--- CheckCatalog.cpp - The checks iterguard knows ----------*- C++ -*-===//

#include "Checks/CheckCatalog.h"

namespace iterguard {

static const CheckInfo Catalog[] = {
    {CheckId::InvalidatedIterator, "iterguard-invalidated-iterator",
     "Finds iterators, element references, pointers and views that are used "
     "after a container operation that may have invalidated them.",
     true},
    {CheckId::RangeLoopAddressEscape, "iterguard-range-loop-address-escape",
     "Finds the address of, or a reference to, a per-iteration range-for "
     "variable that escapes the iteration.",
     true},
    {CheckId::UnsynchronizedContainerWrite,
     "iterguard-unsynchronized-container-write",
     "Finds writes to a container shared between threads that are made "
     "without the lock that guards it.",
     true},
};

llvm::ArrayRef<CheckInfo> allChecks() { return Catalog; }

const CheckInfo &checkInfo(CheckId Id) {
  for (const CheckInfo &Info : Catalog)
    if (Info.Id == Id)
      return Info;
  llvm_unreachable("every CheckId has a catalog entry");
}

std::optional<CheckId> findCheck(llvm::StringRef Name) {
  for (const CheckInfo &Info : Catalog)
    if (Info.Name == Name)
      return Info.Id;
  return std::nullopt;
}

} // namespace iterguard
