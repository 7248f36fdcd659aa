//===--- ParallelScan.h - Scanning many translation units ---------*- C++ -*-===//
//
// Runs scanTranslationUnit over a list of compile commands on a pool of
// threads. Results come back in the order of the commands, whatever order the
// threads finished in, so every report is identical for every -j.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_PARALLELSCAN_H
#define ITERGUARD_TOOLS_PARALLELSCAN_H

#include "TranslationUnitScan.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

namespace iterguard {

struct ParallelScanOptions {
  /// Threads to use; 0 means one per hardware thread.
  unsigned Jobs = 0;
  /// Where to draw the "[n/total] file" progress line, or null for none.
  llvm::raw_ostream *Progress = nullptr;
};

/// Scans Commands[I] with *Options[I]; returns the results in command order.
std::vector<ScanResult>
scanInParallel(llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
               llvm::ArrayRef<const AnalysisOptions *> Options,
               const ParallelScanOptions &How);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_PARALLELSCAN_H
