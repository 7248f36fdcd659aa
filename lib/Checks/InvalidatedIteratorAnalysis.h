//===--- InvalidatedIteratorAnalysis.h - Findings for stale handles -*- C++ -*-===//
//
// Turns the stale uses computed by HandleStateAnalysis into findings of
// iterguard-invalidated-iterator: a use of a stale handle is reported at the
// use, with notes where the handle was obtained and where the container was
// modified; a stale hidden iterator of a range-for loop is reported at each
// modifying call that can reach the next iteration, with a note at the loop.
// A modification made inside called functions is told as a chain of notes
// from the call down to the container operation.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_CHECKS_INVALIDATEDITERATORANALYSIS_H
#define ITERGUARD_CHECKS_INVALIDATEDITERATORANALYSIS_H

#include "Report/Finding.h"
#include <vector>

namespace iterguard {

class ContainerAccess;
class FunctionCFG;
class FunctionSummaries;

void findInvalidatedIterators(const FunctionCFG &Function,
                              const ContainerAccess &Access,
                              const FunctionSummaries *Summaries,
                              std::vector<Finding> &Out);

} // namespace iterguard

#endif // ITERGUARD_CHECKS_INVALIDATEDITERATORANALYSIS_H
