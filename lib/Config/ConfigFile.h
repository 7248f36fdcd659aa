//===--- ConfigFile.h - .iterguard.yaml ---------------------------*- C++ -*-===//
//
// The project configuration file, read the same way by every front end: the
// standalone tool finds the nearest .iterguard.yaml above each source (or takes
// --config), the clang-tidy checks take its path in their ConfigFile option.
//
//   containers:
//     - name: my::Vector          # behaves like a standard container
//       like: std::vector
//     - name: my::Ring            # or an explicit operation table
//       family: deque
//       operations:
//         - { method: push, invalidates: iterators-only }
//         - { method: slot, returns: reference }
//   views: [my::StringRef]        # extra view class templates
//   executors: [run_later]        # extra functions that run a callable later
//   locks: [my::SpinLock]         # extra mutex types (lock()/unlock())
//   guards: [my::SpinGuard]       # extra RAII guard classes
//   lock-functions: [Acquire]     # extra names of functions that lock
//   unlock-functions: [Release]   # ... and that unlock
//   checks: "-iterguard-range-loop-address-escape"  # not read by clang-tidy
//   exclude: ["third_party/*"]    # not read by clang-tidy; relative paths
//
// Every key is checked: an unknown key or a wrong value is an error naming the
// file, line and column.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_CONFIG_CONFIGFILE_H
#define ITERGUARD_CONFIG_CONFIGFILE_H

#include "AnalysisOptions.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace iterguard {

struct ConfigFile {
  struct Operation {
    std::string Method;
    Effect Invalidates = Effect::None;
    Produces Returns = Produces::Nothing;
  };
  struct Container {
    std::string Name;
    std::string Like;
    std::optional<ContainerFamily> Family;
    std::vector<Operation> Operations;
  };
  std::vector<Container> Containers;
  std::vector<std::string> Views;
  std::vector<std::string> Executors;
  std::vector<std::string> Locks;
  std::vector<std::string> Guards;
  std::vector<std::string> LockFunctions;
  std::vector<std::string> UnlockFunctions;
  /// Check globs applied before --checks (standalone tool and compiler
  /// plugin; clang-tidy has its own Checks key).
  std::string Checks;
  /// Path globs of files not to scan or report, relative to the directory of
  /// the configuration file unless absolute.
  std::vector<std::string> Exclude;
  /// Where the file was read from; errors and relative globs use it.
  std::string Path;
  /// The file's text, to point errors found after parsing at their line.
  std::string Text;

  /// Parses Text; errors read "Path:line:col: message" and name the key.
  static llvm::Expected<ConfigFile> parse(llvm::StringRef Text,
                                          llvm::StringRef Path);
  static llvm::Expected<ConfigFile> load(llvm::StringRef Path);

  /// "Path:line:col: " of the first occurrence of Needle in the file, or
  /// "Path: ", to point errors found after parsing at their place.
  std::string positionOf(llvm::StringRef Needle) const;

  /// Adds the configured containers, views, executors and locks to Options.
  llvm::Error applyTo(AnalysisOptions &Options) const;
};

/// The nearest ".iterguard.yaml" in the directory of File or above it.
std::optional<std::string> findConfigFileAbove(llvm::StringRef File);

} // namespace iterguard

#endif // ITERGUARD_CONFIG_CONFIGFILE_H
