//===--- ScanConfiguration.cpp - Settings for sources ----------*- C++ -*-===//

#include "ScanConfiguration.h"
#include "CompilationSet.h"
#include "Support/GlobList.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace iterguard {

llvm::Expected<llvm::SmallVector<CheckId, 3>>
selectChecks(llvm::StringRef Globs, llvm::StringRef Origin) {
  llvm::SmallVector<llvm::StringRef, 4> Items;
  Globs.split(Items, ',', -1, false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim().ltrim('-').trim();
    if (!Item.empty() && !Item.contains('*') && !findCheck(Item))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "unknown check '%s' in %s; "
                                     "--list-checks shows the checks",
                                     Item.str().c_str(), Origin.str().c_str());
  }
  GlobList Selected(Globs);
  llvm::SmallVector<CheckId, 3> Checks;
  for (const CheckInfo &Info : allChecks())
    if (Info.Available && Selected.contains(Info.Name))
      Checks.push_back(Info.Id);
  return Checks;
}

llvm::Expected<ScanConfiguration>
ScanConfiguration::create(const ConfigFile *Config,
                          llvm::StringRef CommandLineChecks) {
  ScanConfiguration Result;
  std::string Globs = "iterguard-*";
  if (Config && !Config->Checks.empty()) {
    if (llvm::Error Err =
            selectChecks(Config->Checks, "'checks'").takeError())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     Config->positionOf(Config->Checks) +
                                         llvm::toString(std::move(Err)));
    Globs += "," + Config->Checks;
  }
  if (!CommandLineChecks.empty())
    Globs += "," + CommandLineChecks.str();
  llvm::Expected<llvm::SmallVector<CheckId, 3>> Checks =
      selectChecks(Globs, "--checks");
  if (!Checks)
    return Checks.takeError();
  Result.Options.EnabledChecks = *Checks;
  if (!Config)
    return Result;

  if (llvm::Error Err = Config->applyTo(Result.Options))
    return Err;
  // Patterns are matched against paths with symlinks resolved, as findings
  // name their files.
  llvm::SmallString<256> ConfigDir(resolvedPath(Config->Path));
  llvm::sys::fs::make_absolute(ConfigDir);
  llvm::sys::path::remove_filename(ConfigDir);
  llvm::sys::path::remove_dots(ConfigDir, /*remove_dot_dot=*/true);
  for (const std::string &Pattern : Config->Exclude) {
    llvm::SmallString<256> Absolute(Pattern);
    if (!llvm::sys::path::is_absolute(Absolute)) {
      Absolute = ConfigDir;
      llvm::sys::path::append(Absolute, Pattern);
    }
    auto Stored = std::make_unique<std::string>(Absolute.str());
    llvm::Expected<llvm::GlobPattern> Glob = llvm::GlobPattern::create(*Stored);
    if (!Glob)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          Config->positionOf(Pattern) + "invalid pattern '" + Pattern +
              "' in 'exclude': " +
              llvm::toString(Glob.takeError()));
    Result.Exclusions.push_back({std::move(Stored), std::move(*Glob)});
  }
  return Result;
}

bool ScanConfiguration::excludes(llvm::StringRef File) const {
  return llvm::any_of(Exclusions, [&](const Exclusion &Excluded) {
    return Excluded.Glob.match(File);
  });
}

} // namespace iterguard
