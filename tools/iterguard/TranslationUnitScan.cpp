//===--- TranslationUnitScan.cpp - Analyze one translation unit -*- C++ -*-===//

#include "TranslationUnitScan.h"
#include "CompilationSet.h"
#include "Analyzer.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;

namespace iterguard {

namespace {

/// Joins the lines of a diagnostic into one: some of Clang's messages list
/// inheritance paths on lines of their own, and every iterguard error is one
/// line on stderr.
std::string joinLines(llvm::StringRef Text) {
  std::string Joined;
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Text.split(Lines, '\n', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (Line.empty())
      continue;
    if (!Joined.empty())
      Joined += llvm::StringRef(Joined).ends_with(":") ? " " : "; ";
    Joined += Line;
  }
  return Joined;
}

/// Counts errors and remembers the first one, instead of printing them.
class FirstErrorCollector : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !FirstError.empty())
      return;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    // A #line directive can put a newline into the file name, too.
    FirstError = joinLines(Text);
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      PresumedLoc Where =
          Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (Where.isValid())
        FirstError = joinLines((llvm::Twine(Where.getFilename()) + ":" +
                                llvm::Twine(Where.getLine()) + ":" +
                                llvm::Twine(Where.getColumn()) + ": " + Text)
                                   .str());
    }
  }

  std::string FirstError;
};

class AnalysisConsumer : public ASTConsumer {
public:
  AnalysisConsumer(const AnalysisOptions &Options, ScanResult &Result)
      : Options(Options), Result(Result) {}

  void HandleTranslationUnit(ASTContext &Context) override {
    const SourceManager &SM = Context.getSourceManager();
    for (const Finding &F : analyzeTranslationUnit(Context, Options))
      Result.Findings.push_back(resolveFinding(F, SM));
  }

private:
  const AnalysisOptions &Options;
  ScanResult &Result;
};

class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(const AnalysisOptions &Options, ScanResult &Result)
      : Options(Options), Result(Result) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<AnalysisConsumer>(Options, Result);
  }

private:
  const AnalysisOptions &Options;
  ScanResult &Result;
};

/// Refuses a main file that is not C++ text before Clang parses it: an error
/// for a binary file, a skip note for an empty one.
bool isScannableSource(const tooling::CompileCommand &Command,
                       llvm::vfs::FileSystem &FS, ScanResult &Result) {
  std::string Path = absoluteSourcePath(Command);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      FS.getBufferForFile(Path);
  if (!Buffer) {
    Result.Parsed = false;
    Result.Error = "cannot read '" + Command.Filename +
                   "': " + Buffer.getError().message();
    return false;
  }
  llvm::StringRef Text = (*Buffer)->getBuffer();
  // Source text never holds a NUL byte; object files and images do early.
  if (Text.take_front(64 * 1024).contains('\0')) {
    Result.Parsed = false;
    Result.Error = "cannot parse '" + Command.Filename +
                   "': it is a binary file, not C++ source";
    return false;
  }
  if (Text.trim().empty()) {
    Result.Skipped = "'" + Command.Filename + "' is empty; nothing to analyze";
    return false;
  }
  return true;
}

} // namespace

ScanResult
scanTranslationUnit(const tooling::CompileCommand &Command,
                    const AnalysisOptions &Options,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Overlay) {
  ScanResult Result;
  // Each scan has its own working directory, so scans can run in parallel.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS =
      llvm::vfs::createPhysicalFileSystem();
  if (Overlay) {
    auto Layered = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(FS);
    Layered->pushOverlay(Overlay);
    FS = Layered;
  }
  FS->setCurrentWorkingDirectory(Command.Directory);
  if (!isScannableSource(Command, *FS, Result))
    return Result;
  llvm::IntrusiveRefCntPtr<FileManager> Files(
      new FileManager(FileSystemOptions(), FS));

  FirstErrorCollector Errors;
  tooling::ToolInvocation Invocation(
      Command.CommandLine, std::make_unique<AnalysisAction>(Options, Result),
      Files.get(), std::make_shared<PCHContainerOperations>());
  Invocation.setDiagnosticConsumer(&Errors);
  // A crash in one translation unit must not take the others down with it.
  bool Ran = false;
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { Ran = Invocation.run(); })) {
    Result.Parsed = false;
    Result.Findings.clear();
    Result.Error = "internal error while analyzing '" + Command.Filename +
                   "'; please report it with this file";
    return Result;
  }

  if (!Ran || Errors.getNumErrors() > 0) {
    Result.Parsed = false;
    Result.Findings.clear();
    std::string Count = std::to_string(Errors.getNumErrors());
    Result.Error = "cannot parse '" + Command.Filename + "'";
    if (Errors.getNumErrors() > 0)
      Result.Error += " (" + Count +
                      (Errors.getNumErrors() == 1 ? " error" : " errors") +
                      "; first: " + Errors.FirstError + ")";
  }
  return Result;
}

} // namespace iterguard
