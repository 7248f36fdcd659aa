//===--- IterguardMain.cpp - The iterguard command-line scanner -*- C++ -*-===//
//
// Parses the command line, selects the translation units, scans each with the
// analysis core, and prints the findings of all of them once, sorted. Every
// error is one line on stderr and a documented exit code (ExitCode.h).
//
//===----------------------------------------------------------------------===//

#include "ApplyFixes.h"
#include "Checks/CheckCatalog.h"
#include "CompilationSet.h"
#include "Config/ConfigFile.h"
#include "ExitCode.h"
#include "Support/GlobList.h"
#include "TextReport.h"
#include "TranslationUnitScan.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

using namespace llvm;
using namespace iterguard;

static cl::OptionCategory IterguardCategory("iterguard options");

static cl::list<std::string> Sources(cl::Positional, cl::desc("[<source>...]"),
                                     cl::cat(IterguardCategory));

static cl::opt<std::string> BuildPath(
    "p", cl::value_desc("build-dir"),
    cl::desc("Directory containing compile_commands.json. Without it the\n"
             "database is searched above the first source, unless compiler\n"
             "arguments follow '--'."),
    cl::cat(IterguardCategory));

static cl::opt<std::string> ChecksGlobs(
    "checks", cl::value_desc("globs"), cl::init("iterguard-*"),
    cl::desc("Comma-separated globs of checks to run, clang-tidy style:\n"
             "'-' excludes, the last matching glob wins."),
    cl::cat(IterguardCategory));

static cl::opt<std::string> ConfigPath(
    "config", cl::value_desc("file"),
    cl::desc("Configuration file to use instead of the nearest\n"
             ".iterguard.yaml above each source."),
    cl::cat(IterguardCategory));

static cl::opt<bool> Fix("fix",
                         cl::desc("Apply the fix-its of the findings to the "
                                  "source files (only safe fix-its exist)."),
                         cl::cat(IterguardCategory));

static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the enabled checks and exit."),
                                cl::cat(IterguardCategory));

static cl::opt<bool> Quiet("quiet",
                           cl::desc("Do not print the summary line on stderr."),
                           cl::cat(IterguardCategory));

static void printVersion(raw_ostream &OS) {
  OS << "iterguard " ITERGUARD_VERSION " (built with LLVM " LLVM_VERSION_STRING
        ")\n";
}

static int fail(ExitCode Code, const Twine &Message) {
  errs() << "iterguard: error: " << Message << "\n";
  return Code;
}

/// The checks selected by --checks, or an error naming an unknown check.
static Expected<SmallVector<CheckId, 3>> selectChecks(StringRef Globs) {
  SmallVector<StringRef, 4> Items;
  Globs.split(Items, ',', -1, false);
  for (StringRef Item : Items) {
    Item = Item.trim().ltrim('-').trim();
    if (!Item.empty() && !Item.contains('*') && !findCheck(Item))
      return createStringError(inconvertibleErrorCode(),
                               "unknown check '%s' in --checks; "
                               "--list-checks shows the checks",
                               Item.str().c_str());
  }
  GlobList Selected(Globs);
  SmallVector<CheckId, 3> Checks;
  for (const CheckInfo &Info : allChecks())
    if (Info.Available && Selected.contains(Info.Name))
      Checks.push_back(Info.Id);
  return Checks;
}

int main(int argc, const char **argv) {
  InitLLVM Init(argc, argv);
  llvm::CrashRecoveryContext::Enable();

  std::string FixedDatabaseError;
  std::unique_ptr<clang::tooling::CompilationDatabase> FixedDatabase =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(
          argc, argv, FixedDatabaseError);
  if (!FixedDatabaseError.empty())
    return fail(UsageError, FixedDatabaseError);

  cl::HideUnrelatedOptions(IterguardCategory);
  cl::SetVersionPrinter(printVersion);
  std::string ParseErrors;
  raw_string_ostream ParseErrorStream(ParseErrors);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "finds invalidated iterators, escaping range-for addresses and "
          "unsynchronized container writes\n\n"
          "  iterguard [options] [<source>...] [-- <compiler arguments>]\n",
          &ParseErrorStream)) {
    StringRef First = StringRef(ParseErrors).split('\n').first;
    First.consume_front("iterguard: ");
    return fail(UsageError, First.trim());
  }

  Expected<SmallVector<CheckId, 3>> Checks = selectChecks(ChecksGlobs);
  if (!Checks)
    return fail(UsageError, toString(Checks.takeError()));
  if (ListChecks) {
    outs() << "Enabled checks:\n";
    for (CheckId Id : *Checks)
      outs() << "    " << checkInfo(Id).Name << "\n";
    outs() << "\n";
    return NoFindings;
  }
  if (Checks->empty())
    return fail(UsageError, "no checks enabled by --checks='" + ChecksGlobs +
                                "'");

  if (FixedDatabase && Sources.empty())
    return fail(UsageError, "no source files given before '--'");
  CompilationRequest Request;
  Request.BuildPath = BuildPath;
  Request.Sources.assign(Sources.begin(), Sources.end());
  Request.FixedDatabase = std::move(FixedDatabase);
  auto Commands = selectCompilations(std::move(Request));
  if (!Commands)
    return fail(UsageError, toString(Commands.takeError()));

  AnalysisOptions BaseOptions;
  BaseOptions.EnabledChecks = *Checks;
  // Every configuration is read before anything is scanned, so a broken one
  // stops the run with a usage error and no partial output.
  std::map<std::string, AnalysisOptions> OptionsByConfig;
  std::vector<const AnalysisOptions *> OptionsOfCommand;
  for (const clang::tooling::CompileCommand &Command : *Commands) {
    std::string Path = ConfigPath;
    if (Path.empty()) {
      llvm::SmallString<256> Source(Command.Filename);
      llvm::sys::fs::make_absolute(Command.Directory, Source);
      Path = findConfigFileAbove(Source).value_or("");
    }
    auto [It, Inserted] = OptionsByConfig.try_emplace(Path, BaseOptions);
    if (Inserted && !Path.empty()) {
      Expected<ConfigFile> Config = ConfigFile::load(Path);
      Error Err = Config ? Config->applyTo(It->second) : Config.takeError();
      if (Err)
        return fail(UsageError, toString(std::move(Err)));
    }
    OptionsOfCommand.push_back(&It->second);
  }

  std::vector<ResolvedFinding> Findings;
  unsigned Unparsed = 0;
  for (size_t I = 0; I < Commands->size(); ++I) {
    const clang::tooling::CompileCommand &Command = (*Commands)[I];
    ScanResult Result = scanTranslationUnit(Command, *OptionsOfCommand[I]);
    if (!Result.Parsed) {
      ++Unparsed;
      errs() << "iterguard: error: " << Result.Error << "\n";
    }
    for (ResolvedFinding &F : Result.Findings)
      Findings.push_back(std::move(F));
  }
  // A header included by several translation units reports its findings once.
  llvm::stable_sort(Findings);
  Findings.erase(std::unique(Findings.begin(), Findings.end(), isSameFinding),
                 Findings.end());

  printTextReport(Findings, outs());
  outs().flush();
  if (Fix) {
    Expected<unsigned> Applied = applyFixes(Findings);
    if (!Applied)
      return fail(UsageError, toString(Applied.takeError()));
    if (!Quiet)
      errs() << "iterguard: applied " << *Applied
             << (*Applied == 1 ? " fix-it" : " fix-its") << "\n";
  }
  if (!Quiet)
    errs() << "iterguard: " << Findings.size()
           << (Findings.size() == 1 ? " finding" : " findings") << " in "
           << Commands->size()
           << (Commands->size() == 1 ? " translation unit" : " translation units")
           << (Unparsed ? " (" + Twine(Unparsed) + " could not be parsed)" : "")
           << "\n";

  if (Unparsed)
    return ParseFailure;
  return Findings.empty() ? NoFindings : FindingsReported;
}
