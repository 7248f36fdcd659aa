//===--- CheckCatalog.cpp - The checks iterguard knows ----------*- C++ -*-===//

#include "Checks/CheckCatalog.h"

namespace iterguard {

static const CheckInfo Catalog[] = {
    {CheckId::InvalidatedIterator, "iterguard-invalidated-iterator",
     "Finds iterators, element references, pointers and views that are used "
     "after a container operation that may have invalidated them.",
     "Reports a use of an iterator, element reference, pointer or view after "
     "an operation on its container that may invalidate it on some path, "
     "following the container model (reallocation of contiguous containers, "
     "rehashing of hash containers, erasure of node-based elements), including "
     "containers modified inside a range-for over them, directly or through "
     "the functions the loop calls. Dereferencing an invalidated handle is "
     "undefined behaviour that usually reads freed memory.",
     true},
    {CheckId::RangeLoopAddressEscape, "iterguard-range-loop-address-escape",
     "Finds the address of, or a reference to, a per-iteration range-for "
     "variable that escapes the iteration.",
     "Reports taking the address of a per-iteration range-for variable (a "
     "copy or a temporary made for each element), or capturing it by "
     "reference in a lambda, when the pointer or closure outlives the "
     "iteration: stored in an outer container or variable, returned, thrown, "
     "or handed to a thread or executor. Every such pointer dangles once the "
     "iteration ends; a fix-it binds the variable by const reference when "
     "that is provably the same program.",
     true},
    {CheckId::UnsynchronizedContainerWrite,
     "iterguard-unsynchronized-container-write",
     "Finds writes to a container shared between threads that are made "
     "without the lock that guards it.",
     "Reports a write to a container shared between threads (a member, a "
     "global, or a local handed to a thread, async task or executor) that is "
     "made without holding the mutex that guards the container's other "
     "accesses, or that races with a read, iteration or write in another "
     "thread with no common lock. Concurrent modification of a standard "
     "container is a data race: undefined behaviour that corrupts the "
     "container or crashes the reader.",
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
