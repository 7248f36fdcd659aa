//===--- RangeLoopAddressEscapeCheck.cpp - iterguard-range-loop-address-escape ===//
//
// The analysis lives in lib/Checks/RangeLoopAddressEscapeAnalysis.cpp; this
// adapter only selects it.
//
//===----------------------------------------------------------------------===//

#include "RangeLoopAddressEscapeCheck.h"
