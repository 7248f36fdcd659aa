//===--- IterguardMain.cpp - The iterguard command-line scanner -*- C++ -*-===//
//
// Parses the command line, selects the translation units, scans them in
// parallel with the analysis core, and prints the findings of all of them
// once, sorted, in the chosen format. Every error is one line on stderr and a
// documented exit code (ExitCode.h); report files are written atomically.
//
//===----------------------------------------------------------------------===//

#include "ApplyFixes.h"
#include "AtomicOutputFile.h"
#include "Baseline.h"
#include "CheckDocs.h"
#include "Checks/CheckCatalog.h"
#include "CompilationSet.h"
#include "Config/ConfigFile.h"
#include "ExitCode.h"
#include "JsonReport.h"
#include "LspServer.h"
#include "ParallelScan.h"
#include "Report/Fingerprint.h"
#include "SarifReport.h"
#include "ScanConfiguration.h"
#include "TextReport.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <unistd.h>

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

// -j and --format are parsed here rather than by cl::opt's typed parsers,
// which print their own errors and would break the one-error-line rule.
static cl::opt<std::string>
    Jobs("j", cl::value_desc("N"), cl::Prefix,
         cl::desc("Translation units to scan in parallel (default: one per\n"
                  "hardware thread). The report is the same for every N."),
         cl::cat(IterguardCategory));

static cl::opt<std::string> ChecksGlobs(
    "checks", cl::value_desc("globs"),
    cl::desc("Comma-separated globs of checks to run, clang-tidy style:\n"
             "'-' excludes, the last matching glob wins. Applied after the\n"
             "'checks' key of .iterguard.yaml (default: iterguard-*)."),
    cl::cat(IterguardCategory));

static cl::opt<std::string> ConfigPath(
    "config", cl::value_desc("file"),
    cl::desc("Configuration file to use instead of the nearest\n"
             ".iterguard.yaml above each source."),
    cl::cat(IterguardCategory));

enum class ReportFormat { Text, Json, Sarif };
static cl::opt<std::string>
    FormatName("format", cl::value_desc("text|json|sarif"), cl::init("text"),
               cl::desc("Report format: compiler-style warnings (default),\n"
                        "one JSON object (docs/usage.md), or SARIF 2.1.0."),
               cl::cat(IterguardCategory));

static cl::opt<std::string> OutputPath(
    "output", cl::value_desc("file"),
    cl::desc("Write the report to <file> instead of stdout; the file is\n"
             "replaced only when the run completes."),
    cl::cat(IterguardCategory));

static cl::opt<std::string> BaselinePath(
    "baseline", cl::value_desc("file"),
    cl::desc("Hide the findings recorded in <file> by --write-baseline."),
    cl::cat(IterguardCategory));

static cl::opt<std::string> WriteBaselinePath(
    "write-baseline", cl::value_desc("file"),
    cl::desc("Record the fingerprints of the current findings in <file>."),
    cl::cat(IterguardCategory));

static cl::opt<std::string>
    Shard("shard", cl::value_desc("K/N"),
          cl::desc("Scan only the K-th of N deterministic slices of the\n"
                   "translation units (1 <= K <= N)."),
          cl::cat(IterguardCategory));

static cl::opt<bool> Fix("fix",
                         cl::desc("Apply the fix-its of the findings to the "
                                  "source files (only safe fix-its exist)."),
                         cl::cat(IterguardCategory));

static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the enabled checks and exit."),
                                cl::cat(IterguardCategory));

static cl::opt<std::string>
    Explain("explain", cl::value_desc("check"),
            cl::desc("Print the documentation of <check> and exit."),
            cl::cat(IterguardCategory));

static cl::opt<bool> Quiet("quiet",
                           cl::desc("Print neither the progress line nor the "
                                    "summary on stderr."),
                           cl::cat(IterguardCategory));

static cl::opt<bool> Lsp("lsp",
                         cl::desc("Run as a Language Server on stdin and "
                                  "stdout (docs/editors.md)."),
                         cl::cat(IterguardCategory));

static void printVersion(raw_ostream &OS) {
  OS << "iterguard " ITERGUARD_VERSION " (built with LLVM " LLVM_VERSION_STRING
        ")\n";
}

static int fail(ExitCode Code, const Twine &Message) {
  errs() << "iterguard: error: " << Message << "\n";
  return Code;
}

/// K and N of --shard=K/N.
static Expected<std::pair<unsigned, unsigned>> parseShard(StringRef Text) {
  auto [K, N] = Text.split('/');
  unsigned Index = 0, Count = 0;
  if (K.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Index == 0 ||
      Index > Count)
    return createStringError(inconvertibleErrorCode(),
                             "--shard: expected K/N with 1 <= K <= N, got '" +
                                 Text + "'");
  return std::make_pair(Index, Count);
}

static Expected<unsigned> parseJobs(StringRef Text) {
  unsigned Count = 0;
  if (Text.empty())
    return 0;
  if (Text.getAsInteger(10, Count))
    return createStringError(inconvertibleErrorCode(),
                             "-j: expected a number of parallel jobs, got '" +
                                 Text + "'");
  return Count;
}

static Expected<ReportFormat> parseFormat(StringRef Name) {
  if (Name == "text")
    return ReportFormat::Text;
  if (Name == "json")
    return ReportFormat::Json;
  if (Name == "sarif")
    return ReportFormat::Sarif;
  return createStringError(inconvertibleErrorCode(),
                           "--format: expected text, json or sarif, got '" +
                               Name + "'");
}

/// Opens an atomically written report file, or returns null for stdout.
static Expected<std::unique_ptr<AtomicOutputFile>>
openReport(StringRef Path) {
  if (Path.empty() || Path == "-")
    return nullptr;
  return AtomicOutputFile::create(Path);
}

static int explainCheck(StringRef Name) {
  std::optional<StringRef> Page = checkDocumentation(Name);
  if (!findCheck(Name) || !Page)
    return fail(UsageError, "unknown check '" + Name +
                                "' in --explain; --list-checks shows the checks");
  outs() << *Page;
  return NoFindings;
}

/// Parses the options; returns the first line of the parser's complaint on
/// failure. cl's value parsers print straight to stderr, so stderr is pointed
/// at a temporary file while parsing, to keep the one-error-line contract.
static std::optional<std::string> parseCommandLine(int argc,
                                                   const char **argv) {
  std::string Messages;
  raw_string_ostream MessageStream(Messages);
  int SavedStderr = -1, CaptureFd = -1;
  SmallString<128> CapturePath;
  // --help and --version print and exit inside the parser; let them be.
  bool PrintsAndExits = llvm::any_of(ArrayRef(argv, argc), [](StringRef Arg) {
    return Arg.ltrim('-').starts_with("help") ||
           Arg.ltrim('-') == "version";
  });
  if (!PrintsAndExits &&
      !sys::fs::createTemporaryFile("iterguard-options", "txt", CaptureFd,
                                    CapturePath)) {
    errs().flush();
    SavedStderr = ::dup(2);
    ::dup2(CaptureFd, 2);
  }
  bool Parsed = cl::ParseCommandLineOptions(
      argc, argv,
      "finds invalidated iterators, escaping range-for addresses and "
      "unsynchronized container writes\n\n"
      "  iterguard [options] [<source>...] [-- <compiler arguments>]\n",
      &MessageStream);
  if (SavedStderr >= 0) {
    errs().flush();
    ::dup2(SavedStderr, 2);
    ::close(SavedStderr);
    ::close(CaptureFd);
    if (auto Captured = MemoryBuffer::getFile(CapturePath))
      Messages = (*Captured)->getBuffer().str() + Messages;
    sys::fs::remove(CapturePath);
  }
  if (Parsed)
    return std::nullopt;
  StringRef First = StringRef(Messages).trim().split('\n').first;
  First.consume_front("iterguard: ");
  return First.trim().str();
}

static std::string plural(size_t Count, StringRef One, StringRef Many) {
  return std::to_string(Count) + " " + (Count == 1 ? One : Many).str();
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
  std::optional<std::string> ParseError = parseCommandLine(argc, argv);
  if (ParseError)
    return fail(UsageError, *ParseError);
  if (Lsp)
    return runLanguageServer(ConfigPath, ChecksGlobs);

  if (Explain.getNumOccurrences())
    return explainCheck(Explain);

  // The command line alone decides --list-checks and the early errors; a
  // configuration's "checks" key is applied per source below.
  Expected<SmallVector<CheckId, 3>> Checks =
      selectChecks("iterguard-*," + ChecksGlobs, "--checks");
  if (!Checks)
    return fail(UsageError, toString(Checks.takeError()));
  if (ListChecks) {
    outs() << "Enabled checks:\n";
    for (CheckId Id : *Checks)
      outs() << "    " << checkInfo(Id).Name << "\n";
    outs() << "\n";
    return NoFindings;
  }

  Expected<unsigned> JobCount = parseJobs(Jobs);
  if (!JobCount)
    return fail(UsageError, toString(JobCount.takeError()));
  Expected<ReportFormat> Format = parseFormat(FormatName);
  if (!Format)
    return fail(UsageError, toString(Format.takeError()));

  std::optional<std::pair<unsigned, unsigned>> ShardSlice;
  if (!Shard.empty()) {
    auto Parsed = parseShard(Shard);
    if (!Parsed)
      return fail(UsageError, toString(Parsed.takeError()));
    ShardSlice = *Parsed;
  }

  std::optional<Baseline> KnownFindings;
  if (!BaselinePath.empty()) {
    Expected<Baseline> Loaded = Baseline::load(BaselinePath);
    if (!Loaded)
      return fail(UsageError, toString(Loaded.takeError()));
    KnownFindings = std::move(*Loaded);
  }

  if (FixedDatabase && Sources.empty())
    return fail(UsageError, "no source files given before '--'");
  CompilationRequest Request;
  Request.BuildPath = BuildPath;
  Request.Sources.assign(Sources.begin(), Sources.end());
  Request.FixedDatabase = std::move(FixedDatabase);
  auto Commands = selectCompilations(std::move(Request));
  if (!Commands)
    return fail(UsageError, toString(Commands.takeError()));

  // Every configuration is read before anything is scanned, so a broken one
  // stops the run with a usage error and no partial output.
  std::map<std::string, ScanConfiguration> ConfigByPath;
  std::vector<clang::tooling::CompileCommand> Selected;
  std::vector<const ScanConfiguration *> ConfigOfCommand;
  for (clang::tooling::CompileCommand &Command : *Commands) {
    std::string Source = absoluteSourcePath(Command);
    std::string Path = ConfigPath;
    if (Path.empty())
      Path = findConfigFileAbove(Source).value_or("");
    auto It = ConfigByPath.find(Path);
    if (It == ConfigByPath.end()) {
      std::optional<ConfigFile> Config;
      if (!Path.empty()) {
        Expected<ConfigFile> Loaded = ConfigFile::load(Path);
        if (!Loaded)
          return fail(UsageError, toString(Loaded.takeError()));
        Config = std::move(*Loaded);
      }
      Expected<ScanConfiguration> Created = ScanConfiguration::create(
          Config ? &*Config : nullptr, ChecksGlobs);
      if (!Created)
        return fail(UsageError, toString(Created.takeError()));
      It = ConfigByPath.emplace(Path, std::move(*Created)).first;
    }
    if (It->second.excludes(resolvedPath(Source)))
      continue;
    Selected.push_back(std::move(Command));
    ConfigOfCommand.push_back(&It->second);
  }
  if (llvm::all_of(ConfigByPath, [](const auto &Entry) {
        return Entry.second.options().EnabledChecks.empty();
      }))
    return fail(UsageError,
                ChecksGlobs.empty()
                    ? Twine("no checks enabled: the configuration's 'checks' "
                            "key disables them all")
                    : "no checks enabled by --checks='" + ChecksGlobs + "'");

  if (ShardSlice) {
    auto [Index, Count] = *ShardSlice;
    std::vector<clang::tooling::CompileCommand> InShard;
    std::vector<const ScanConfiguration *> ConfigInShard;
    for (size_t I = 0; I < Selected.size(); ++I)
      if (I % Count == Index - 1) {
        InShard.push_back(std::move(Selected[I]));
        ConfigInShard.push_back(ConfigOfCommand[I]);
      }
    Selected = std::move(InShard);
    ConfigOfCommand = std::move(ConfigInShard);
  }

  // Report files are created before the scan, so an unwritable path fails
  // in a second rather than after the whole scan.
  auto ReportFile = openReport(OutputPath);
  if (!ReportFile)
    return fail(UsageError, toString(ReportFile.takeError()));
  std::unique_ptr<AtomicOutputFile> BaselineFile;
  if (!WriteBaselinePath.empty()) {
    auto Opened = AtomicOutputFile::create(WriteBaselinePath);
    if (!Opened)
      return fail(UsageError, toString(Opened.takeError()));
    BaselineFile = std::move(*Opened);
  }

  std::vector<const AnalysisOptions *> OptionsOfCommand;
  for (const ScanConfiguration *Config : ConfigOfCommand)
    OptionsOfCommand.push_back(&Config->options());
  ParallelScanOptions How;
  How.Jobs = *JobCount;
  if (!Quiet && errs().is_displayed())
    How.Progress = &errs();
  std::vector<ScanResult> Results =
      scanInParallel(Selected, OptionsOfCommand, How);

  ScanReport Report;
  // Findings name files with symlinks resolved, so the root must be too, or
  // a checkout reached through a symlink would get absolute paths and other
  // fingerprints.
  SmallString<256> WorkingDir;
  if (!sys::fs::current_path(WorkingDir))
    Report.Root = resolvedPath(WorkingDir);
  Report.TranslationUnits = Selected.size();
  for (size_t I = 0; I < Results.size(); ++I) {
    ScanResult &Result = Results[I];
    if (!Result.Skipped.empty())
      errs() << "iterguard: warning: " << Result.Skipped << "\n";
    if (!Result.Parsed) {
      errs() << "iterguard: error: " << Result.Error << "\n";
      Report.Unparsed.push_back(
          {absoluteSourcePath(Selected[I]), Result.Error});
    }
    for (ResolvedFinding &F : Result.Findings)
      if (!ConfigOfCommand[I]->excludes(F.Loc.File))
        Report.Findings.push_back(std::move(F));
  }
  // A header included by several translation units reports its findings once.
  llvm::stable_sort(Report.Findings);
  Report.Findings.erase(std::unique(Report.Findings.begin(),
                                    Report.Findings.end(), isSameFinding),
                        Report.Findings.end());
  assignFingerprints(Report.Findings, Report.Root);

  if (BaselineFile)
    writeBaseline(Report, BaselineFile->os());
  if (KnownFindings)
    KnownFindings->hideKnownFindings(Report);

  std::vector<CheckId> Enabled;
  for (const auto &Entry : ConfigByPath)
    for (CheckId Id : Entry.second.options().EnabledChecks)
      if (!llvm::is_contained(Enabled, Id))
        Enabled.push_back(Id);
  raw_ostream &OS = *ReportFile ? (*ReportFile)->os() : outs();
  switch (*Format) {
  case ReportFormat::Text:
    printTextReport(Report, OS);
    break;
  case ReportFormat::Json:
    printJsonReport(Report, OS);
    break;
  case ReportFormat::Sarif:
    printSarifReport(Report, Enabled, OS);
    break;
  }
  // Fix-its go first: a file that cannot be fixed fails the run, and a
  // failed run leaves no report file.
  if (Fix) {
    Expected<unsigned> Applied = applyFixes(Report.Findings);
    if (!Applied)
      return fail(UsageError, toString(Applied.takeError()));
    if (!Quiet)
      errs() << "iterguard: applied " << plural(*Applied, "fix-it", "fix-its")
             << "\n";
  }
  for (AtomicOutputFile *File : {ReportFile->get(), BaselineFile.get()})
    if (File)
      if (Error Err = File->commit())
        return fail(UsageError, toString(std::move(Err)));
  outs().flush();

  if (!Quiet) {
    errs() << "iterguard: " << plural(Report.Findings.size(), "finding",
                                      "findings")
           << " in "
           << plural(Report.TranslationUnits, "translation unit",
                     "translation units");
    if (!Report.Unparsed.empty())
      errs() << " (" << Report.Unparsed.size() << " could not be parsed)";
    if (Report.HiddenByBaseline)
      errs() << "; " << Report.HiddenByBaseline << " hidden by the baseline";
    errs() << "\n";
  }

  if (!Report.Unparsed.empty())
    return ParseFailure;
  return Report.Findings.empty() ? NoFindings : FindingsReported;
}
