//===--- PluginConfiguration.h - Settings of one plugin run -----*- C++ -*-===//
//
// What the compiler plugin applies to one compile: the checks selected by
// "iterguard-*", then the "checks" key of the configuration file, then the
// -fplugin-arg-iterguard-checks globs; the file's containers, views,
// executors and locks; and its "exclude" globs. The file is the one given with
// -fplugin-arg-iterguard-config, or else the nearest .iterguard.yaml above the
// main file, as the standalone tool picks it.
//
// The standalone tool's ScanConfiguration does the same for the scanner; it
// lives in tools/ and carries scanner-only state, so the plugin builds its own
// from the shared pieces in lib/ (ConfigFile, GlobList, CheckCatalog).
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_PLUGIN_PLUGINCONFIGURATION_H
#define ITERGUARD_PLUGIN_PLUGINCONFIGURATION_H

#include "AnalysisOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"
#include <memory>
#include <string>
#include <vector>

namespace iterguard {

/// The plugin's own arguments, each passed as -fplugin-arg-iterguard-<arg>.
struct PluginArguments {
  /// Every checks=<globs> argument, joined with ',' so the last glob wins.
  std::string Checks;
  /// The last config=<file> argument; empty for the nearest .iterguard.yaml.
  std::string ConfigPath;

  /// Errors name the argument that is not checks=... or config=....
  static llvm::Expected<PluginArguments>
  parse(llvm::ArrayRef<std::string> Args);
};

class PluginConfiguration {
public:
  /// Loads the configuration that applies to MainFile. Errors name the file
  /// or the argument. Unlike the scanner, selecting no check is not an error:
  /// checks=-* is how one compile opts out.
  static llvm::Expected<PluginConfiguration> create(const PluginArguments &Args,
                                                    llvm::StringRef MainFile);

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

} // namespace iterguard

#endif // ITERGUARD_PLUGIN_PLUGINCONFIGURATION_H
