//===--- LspAnalysis.cpp - Analyze one open document ------------*- C++ -*-===//

#include "LspAnalysis.h"
#include "CompilationSet.h"
#include "Config/ConfigFile.h"
#include "ScanConfiguration.h"
#include "TranslationUnitScan.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <algorithm>
#include <map>

namespace iterguard {

std::string canonicalFilePath(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Absolute, Real))
    return std::string(Real);
  return std::string(Absolute);
}

static llvm::Expected<ScanConfiguration>
configurationFor(llvm::StringRef Source, const LspAnalysisSettings &Settings) {
  std::string ConfigPath = Settings.ConfigPath;
  if (ConfigPath.empty() && !Source.empty())
    ConfigPath = findConfigFileAbove(Source).value_or("");
  std::optional<ConfigFile> Config;
  if (!ConfigPath.empty()) {
    llvm::Expected<ConfigFile> Loaded = ConfigFile::load(ConfigPath);
    if (!Loaded)
      return Loaded.takeError();
    Config = std::move(*Loaded);
  }
  return ScanConfiguration::create(Config ? &*Config : nullptr,
                                   Settings.Checks);
}

llvm::Error checkSettings(const LspAnalysisSettings &Settings) {
  return configurationFor("", Settings).takeError();
}

/// Renames every file of F to its canonical path, so findings compare equal to
/// the documents whichever path Clang opened them by.
static void canonicalizeFiles(ResolvedFinding &F,
                              std::map<std::string, std::string> &Cache) {
  auto Canonical = [&](std::string &File) {
    auto [It, Inserted] = Cache.try_emplace(File);
    if (Inserted)
      It->second = canonicalFilePath(File);
    File = It->second;
  };
  Canonical(F.Loc.File);
  for (ResolvedNote &Note : F.Notes)
    Canonical(Note.Loc.File);
  for (ResolvedFix &Fix : F.Fixes)
    Canonical(Fix.File);
}

DocumentAnalysis analyzeDocument(llvm::StringRef Path,
                                 const std::vector<OpenFileText> &Open,
                                 const LspAnalysisSettings &Settings) {
  DocumentAnalysis Analysis;
  auto Fail = [&](llvm::Error Err) {
    Analysis.Result = DocumentAnalysis::Failed;
    Analysis.Problem = llvm::toString(std::move(Err));
    return std::move(Analysis);
  };
  llvm::Expected<ScanConfiguration> Config = configurationFor(Path, Settings);
  if (!Config)
    return Fail(Config.takeError());
  std::string Canonical = canonicalFilePath(Path);
  if (Config->options().EnabledChecks.empty() || Config->excludes(Canonical))
    return Analysis;
  llvm::Expected<clang::tooling::CompileCommand> Command =
      compileCommandForFile(Path);
  if (!Command)
    return Fail(Command.takeError());
  Analysis.CommandHeuristic = Command->Heuristic;

  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  auto Add = [&](llvm::StringRef File, const std::string &Text) {
    Overlay->addFile(File, /*ModificationTime=*/0,
                     llvm::MemoryBuffer::getMemBuffer(Text, File));
  };
  for (const OpenFileText &File : Open)
    Add(File.Path, *File.Text);
  // The database may name the source through a symlink of its own.
  std::string Source = absoluteSourcePath(*Command);
  if (!Overlay->exists(Source) && canonicalFilePath(Source) == Canonical)
    for (const OpenFileText &File : Open)
      if (canonicalFilePath(File.Path) == Canonical) {
        Add(Source, *File.Text);
        break;
      }

  ScanResult Scan = scanTranslationUnit(*Command, Config->options(), Overlay);
  if (!Scan.Parsed) {
    Analysis.Result = DocumentAnalysis::Unparsed;
    Analysis.Problem = Scan.Error;
    return Analysis;
  }
  std::map<std::string, std::string> Cache;
  for (ResolvedFinding &F : Scan.Findings) {
    canonicalizeFiles(F, Cache);
    if (!Config->excludes(F.Loc.File))
      Analysis.Findings.push_back(std::move(F));
  }
  std::sort(Analysis.Findings.begin(), Analysis.Findings.end());
  Analysis.Findings.erase(std::unique(Analysis.Findings.begin(),
                                      Analysis.Findings.end(), isSameFinding),
                          Analysis.Findings.end());
  return Analysis;
}

} // namespace iterguard
