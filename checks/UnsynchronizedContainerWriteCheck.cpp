//===--- UnsynchronizedContainerWriteCheck.cpp - iterguard-unsynchronized-container-write ===//
//
// The analysis lives in lib/Checks/UnsynchronizedWriteAnalysis.cpp; this
// adapter only selects it.
//
//===----------------------------------------------------------------------===//

#include "UnsynchronizedContainerWriteCheck.h"
