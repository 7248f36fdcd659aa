//===--- RangeLoopAddressEscapeAnalysis.h - Findings for escapes -*- C++ -*-===//
//
// Turns the escapes found by LoopVariableEscapeAnalysis into findings of
// iterguard-range-loop-address-escape: the warning at the escaping expression,
// a note at the loop variable saying why it is per-iteration storage, a note
// where the value is stored or run, and, when it is provably safe, a fix-it
// that declares the variable as a const reference to the element.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_CHECKS_RANGELOOPADDRESSESCAPEANALYSIS_H
#define ITERGUARD_CHECKS_RANGELOOPADDRESSESCAPEANALYSIS_H

#include "AnalysisOptions.h"
#include "Report/Finding.h"
#include <vector>

namespace iterguard {

class ContainerAccess;
class FunctionCFG;

void findRangeLoopAddressEscapes(const FunctionCFG &Function,
                                 const ContainerAccess &Access,
                                 const AnalysisOptions &Options,
                                 std::vector<Finding> &Out);

} // namespace iterguard

#endif // ITERGUARD_CHECKS_RANGELOOPADDRESSESCAPEANALYSIS_H
