//===--- AnalysisOptions.h - The one options struct ---------------*- C++ -*-===//
//
// Every front end fills this struct once (the clang-tidy checks from their
// CheckOptions, the standalone tool from its command line) and hands it to
// analyzeTranslationUnit. Nothing in the core reads options
// from anywhere else.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSISOPTIONS_H
#define ITERGUARD_ANALYSISOPTIONS_H

#include "Checks/CheckCatalog.h"
#include "Model/ContainerModel.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace iterguard {

struct AnalysisOptions {
  /// Checks to run; checks not listed cost nothing.
  llvm::SmallVector<CheckId, 3> EnabledChecks;

  ContainerModel Containers = ContainerModel::withDefaults();

  /// Class templates whose objects view a container's elements without owning
  /// them; they are invalidated together with the container's references.
  std::vector<std::string> ViewTypes = {"std::basic_string_view",
                                        "std::span"};

  /// Functions (member or free) that run a callable later or elsewhere, so
  /// a closure handed to them outlives the caller's statement.
  std::vector<std::string> ExecutorFunctions = {
      "post", "submit", "enqueue", "dispatch", "execute", "defer", "schedule"};

  /// Extra mutex-like classes (with lock()/unlock()) besides the standard
  /// mutexes and pthread_mutex_t.
  std::vector<std::string> LockTypes;

  /// Extra RAII guard classes: an object holds every mutex passed to its
  /// constructor until it is destroyed. Guard classes whose constructor and
  /// destructor bodies are visible are recognised without this list.
  std::vector<std::string> GuardTypes;

  /// Extra names of functions that lock, or unlock, a mutex: member
  /// functions of a mutex type, or free functions taking a pointer to it
  /// first. Lock/Unlock, lock/unlock, ReadLock/WriteLock and their unlocks
  /// are always known.
  std::vector<std::string> LockFunctions;
  std::vector<std::string> UnlockFunctions;

  bool isEnabled(CheckId Id) const {
    return llvm::is_contained(EnabledChecks, Id);
  }
};

} // namespace iterguard

#endif // ITERGUARD_ANALYSISOPTIONS_H
