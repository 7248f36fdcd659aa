//===--- InvalidatedIteratorCheck.cpp - iterguard-invalidated-iterator ----===//
//
// The analysis lives in lib/Checks/InvalidatedIteratorAnalysis.cpp; this
// adapter only selects it.
//
//===----------------------------------------------------------------------===//

#include "InvalidatedIteratorCheck.h"
