//===--- ParallelScan.cpp - Scanning many translation units -----*- C++ -*-===//

#include "ParallelScan.h"
#include "CompilationSet.h"
#include "Report/ResolvedFinding.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include <mutex>

namespace iterguard {

namespace {

/// Redraws one status line in place: "[done/total] file".
class ProgressLine {
public:
  ProgressLine(llvm::raw_ostream *OS, size_t Total) : OS(OS), Total(Total) {
    if (llvm::sys::fs::current_path(WorkingDir))
      WorkingDir.clear();
  }
  ~ProgressLine() {
    if (OS && Done)
      *OS << "\r\x1b[K";
  }

  void finished(const clang::tooling::CompileCommand &Command) {
    if (!OS)
      return;
    std::string File = absoluteSourcePath(Command);
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Done;
    *OS << "\r\x1b[K[" << Done << "/" << Total << "] "
        << relativePath(File, WorkingDir);
    OS->flush();
  }

private:
  llvm::raw_ostream *OS;
  size_t Total;
  size_t Done = 0;
  llvm::SmallString<256> WorkingDir;
  std::mutex Mutex;
};

} // namespace

std::vector<ScanResult>
scanInParallel(llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
               llvm::ArrayRef<const AnalysisOptions *> Options,
               const ParallelScanOptions &How) {
  std::vector<ScanResult> Results(Commands.size());
  ProgressLine Progress(How.Progress, Commands.size());
  unsigned Jobs = How.Jobs ? How.Jobs : llvm::hardware_concurrency().compute_thread_count();
  Jobs = std::max<unsigned>(1, std::min<size_t>(Jobs, Commands.size()));
  if (Jobs == 1) {
    for (size_t I = 0; I < Commands.size(); ++I) {
      Results[I] = scanTranslationUnit(Commands[I], *Options[I]);
      Progress.finished(Commands[I]);
    }
    return Results;
  }
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
  for (size_t I = 0; I < Commands.size(); ++I)
    Pool.async([&, I] {
      Results[I] = scanTranslationUnit(Commands[I], *Options[I]);
      Progress.finished(Commands[I]);
    });
  Pool.wait();
  return Results;
}

} // namespace iterguard
