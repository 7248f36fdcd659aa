//===--- UnsynchronizedWriteAnalysis.h - Racing container writes --*- C++ -*-===//
//
// Finds the writes of iterguard-unsynchronized-container-write. Every access
// to a shared container (a global or static, a member of an object, a local
// captured by reference by a thread) is recorded with the locks certainly
// held there, including locks inherited by functions only ever called with
// them held. A write without an exclusive lock is reported when
//   (a) the container is accessed elsewhere while holding a lock M (the lock
//       most of its accesses hold), so M guards it, and the write does not
//       hold M exclusively (a shared lock of M, or another mutex, counts as
//       not holding it), or
//   (b) another access can run at the same time (ThreadModel) without a lock
//       both hold, at least one of them writing.
// Constructors and destructors, thread_local variables and containers local
// to one thread are never shared. Each write is reported once, and a race
// between two writes once, at the first of them.
//
// Writes are non-const container operations other than lookups, assignments
// to c[i], and assignments through a local iterator or element reference
// obtained from the container (`it->second.x = v`).
//
// Simplifications: handles copied or passed elsewhere are not followed for
// writes through them; accesses through
// other objects' members (other.items_) are not compared with this->items_.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_CHECKS_UNSYNCHRONIZEDWRITEANALYSIS_H
#define ITERGUARD_CHECKS_UNSYNCHRONIZEDWRITEANALYSIS_H

#include "AnalysisOptions.h"
#include "Report/Finding.h"
#include <memory>
#include <vector>

namespace iterguard {

class ContainerAccess;
class FunctionCFG;
class ThreadModel;

class UnsynchronizedWriteAnalysis {
public:
  UnsynchronizedWriteAnalysis(const ThreadModel &Threads,
                              const AnalysisOptions &Options);
  ~UnsynchronizedWriteAnalysis();

  /// Records the shared-container accesses and calls of one function.
  void collect(const FunctionCFG &Function, const ContainerAccess &Access);

  /// Decides every recorded write, once all functions are collected.
  void report(std::vector<Finding> &Out);

private:
  struct Impl;
  std::unique_ptr<Impl> Data;
};

} // namespace iterguard

#endif // ITERGUARD_CHECKS_UNSYNCHRONIZEDWRITEANALYSIS_H
