//===--- Compat.h - Differences between supported LLVM versions --*- C++ -*-===//
//
// Every API difference between the LLVM versions iterguard builds against is
// bridged here, so no other file tests LLVM_VERSION_MAJOR.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_SUPPORT_COMPAT_H
#define ITERGUARD_SUPPORT_COMPAT_H

#include "llvm/Config/llvm-config.h"

#endif // ITERGUARD_SUPPORT_COMPAT_H
