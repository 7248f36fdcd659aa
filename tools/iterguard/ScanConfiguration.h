//===--- ScanConfiguration.h - Settings for one group of sources --*- C++ -*-===//
//
// What applies to the sources below one .iterguard.yaml (or all sources with
// --config): the analysis options, including the checks its "checks" key
// selects before --checks, and the path exclusions of its "exclude" key.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_SCANCONFIGURATION_H
#define ITERGUARD_TOOLS_SCANCONFIGURATION_H

#include "AnalysisOptions.h"
#include "Config/ConfigFile.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace iterguard {

class ScanConfiguration {
public:
  /// The settings of Config (or the defaults when Config is null), with the
  /// command line's --checks globs (empty when not given) applied last.
  /// Errors name the file or option.
  static llvm::Expected<ScanConfiguration>
  create(const ConfigFile *Config, llvm::StringRef CommandLineChecks);

  const AnalysisOptions &options() const { return Options; }
  /// True when File (absolute) matches an "exclude" glob.
  bool excludes(llvm::StringRef File) const;

private:
  struct Exclusion {
    /// GlobPattern keeps a StringRef into its pattern, so the text lives on
    /// the heap where moves of the configuration cannot invalidate it.
    std::unique_ptr<std::string> Pattern;
    llvm::GlobPattern Glob;
  };
  AnalysisOptions Options;
  std::vector<Exclusion> Exclusions;
};

/// Checks the names in a clang-tidy style glob list (Origin names where it
/// came from in the error) and returns the catalog's available checks it
/// enables.
llvm::Expected<llvm::SmallVector<CheckId, 3>>
selectChecks(llvm::StringRef Globs, llvm::StringRef Origin);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_SCANCONFIGURATION_H
