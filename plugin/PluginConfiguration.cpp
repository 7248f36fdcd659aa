//===--- PluginConfiguration.cpp - Settings of one plugin run ---*- C++ -*-===//

#include "PluginConfiguration.h"
#include "Config/ConfigFile.h"
#include "Support/GlobList.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace iterguard {

static llvm::Error argumentError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

llvm::Expected<PluginArguments>
PluginArguments::parse(llvm::ArrayRef<std::string> Args) {
  PluginArguments Result;
  for (llvm::StringRef Arg : Args) {
    auto [Key, Value] = Arg.split('=');
    if (Key == "checks" && Arg.contains('=')) {
      if (!Result.Checks.empty())
        Result.Checks += ",";
      Result.Checks += Value;
    } else if (Key == "config" && !Value.empty()) {
      Result.ConfigPath = Value.str();
    } else {
      return argumentError("unknown plugin argument '" + Arg +
                           "'; use -fplugin-arg-iterguard-checks=<globs> or "
                           "-fplugin-arg-iterguard-config=<file>");
    }
  }
  return Result;
}

/// A misspelled check name would otherwise select nothing without a word.
static llvm::Error checkNames(llvm::StringRef Globs, llvm::StringRef Origin) {
  llvm::SmallVector<llvm::StringRef, 4> Items;
  Globs.split(Items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim().ltrim('-').trim();
    if (!Item.empty() && !Item.contains('*') && !findCheck(Item))
      return argumentError("unknown check '" + Item + "' in " + Origin);
  }
  return llvm::Error::success();
}

llvm::Expected<PluginConfiguration>
PluginConfiguration::create(const PluginArguments &Args,
                            llvm::StringRef MainFile) {
  std::string Path = Args.ConfigPath;
  if (Path.empty())
    Path = findConfigFileAbove(MainFile).value_or("");
  std::optional<ConfigFile> Config;
  if (!Path.empty()) {
    llvm::Expected<ConfigFile> Loaded = ConfigFile::load(Path);
    if (!Loaded)
      return Loaded.takeError();
    Config = std::move(*Loaded);
  }

  std::string Globs = "iterguard-*";
  if (Config && !Config->Checks.empty()) {
    if (llvm::Error Err =
            checkNames(Config->Checks, "'checks' of " + Config->Path))
      return Err;
    Globs += "," + Config->Checks;
  }
  if (llvm::Error Err =
          checkNames(Args.Checks, "-fplugin-arg-iterguard-checks"))
    return Err;
  Globs += "," + Args.Checks;

  PluginConfiguration Result;
  GlobList Selected(Globs);
  Result.Options.EnabledChecks.clear();
  for (const CheckInfo &Info : allChecks())
    if (Info.Available && Selected.contains(Info.Name))
      Result.Options.EnabledChecks.push_back(Info.Id);
  if (!Config)
    return Result;

  if (llvm::Error Err = Config->applyTo(Result.Options))
    return Err;
  // "exclude" globs are relative to the directory of the file, as for the
  // standalone tool.
  llvm::SmallString<256> ConfigDir(Config->Path);
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
      return argumentError(
          Config->Path + ": invalid pattern '" + Pattern +
          "' in 'exclude': " + llvm::toString(Glob.takeError()));
    Result.Exclusions.push_back({std::move(Stored), std::move(*Glob)});
  }
  return Result;
}

bool PluginConfiguration::excludes(llvm::StringRef File) const {
  return llvm::any_of(Exclusions, [&](const Exclusion &Excluded) {
    return Excluded.Glob.match(File);
  });
}

} // namespace iterguard
