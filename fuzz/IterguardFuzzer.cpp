//===--- IterguardFuzzer.cpp - Fuzz the parse and the analysis --*- C++ -*-===//
//
// A libFuzzer target: each input is one C++ source, parsed by Clang from
// memory and handed to analyzeTranslationUnit with every check enabled, then
// resolved and fingerprinted as the scanner does. Compiler diagnostics are
// discarded; only a crash, a sanitizer report or a timeout counts.
//
// The file system is in memory and holds only the input and the mock
// standard headers of the lit tests, so an input cannot include a real file
// (a hang on /dev/zero) and each parse stays small. Clang's debugging
// pragmas that crash on purpose are disabled.
//
//===----------------------------------------------------------------------===//

#include "AnalysisOptions.h"
#include "Analyzer.h"
#include "Checks/CheckCatalog.h"
#include "Report/Fingerprint.h"
#include "Report/ResolvedFinding.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

using namespace clang;

namespace {

constexpr const char *MockStdDir = "/mock-std";
constexpr const char *InputPath = "/fuzz/input.cpp";

struct MockHeader {
  std::string Path;
  std::unique_ptr<llvm::MemoryBuffer> Text;
};

/// Read once; every input gets a file system with these headers.
std::vector<MockHeader> &mockHeaders() {
  static std::vector<MockHeader> Headers;
  return Headers;
}

iterguard::AnalysisOptions &analysisOptions() {
  static iterguard::AnalysisOptions Options;
  return Options;
}

class AnalysisConsumer : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Context) override {
    std::vector<iterguard::ResolvedFinding> Resolved;
    for (const iterguard::Finding &F :
         iterguard::analyzeTranslationUnit(Context, analysisOptions()))
      Resolved.push_back(
          iterguard::resolveFinding(F, Context.getSourceManager()));
    iterguard::assignFingerprints(Resolved, "/fuzz");
  }
};

class AnalysisAction : public ASTFrontendAction {
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<AnalysisConsumer>();
  }
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(ITERGUARD_FUZZ_MOCK_STD, EC), End;
       !EC && It != End; It.increment(EC)) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
        llvm::MemoryBuffer::getFile(It->path());
    if (!Text)
      continue;
    mockHeaders().push_back(
        {(llvm::Twine(MockStdDir) + "/" + llvm::sys::path::filename(It->path()))
             .str(),
         std::move(*Text)});
  }
  if (EC || mockHeaders().empty()) {
    llvm::errs() << "iterguard-fuzzer: cannot read the mock headers in '"
                 << ITERGUARD_FUZZ_MOCK_STD << "'\n";
    std::exit(1);
  }
  for (const iterguard::CheckInfo &Check : iterguard::allChecks())
    if (Check.Available)
      analysisOptions().EnabledChecks.push_back(Check.Id);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  for (const MockHeader &Header : mockHeaders())
    FS->addFile(
        Header.Path, 0,
        llvm::MemoryBuffer::getMemBuffer(Header.Text->getBuffer(), Header.Path,
                                         /*RequiresNullTerminator=*/false));
  FS->addFile(InputPath, 0,
              llvm::MemoryBuffer::getMemBufferCopy(
                  llvm::StringRef(reinterpret_cast<const char *>(Data), Size),
                  InputPath));
  FS->setCurrentWorkingDirectory("/fuzz");
  llvm::IntrusiveRefCntPtr<FileManager> Files(
      new FileManager(FileSystemOptions(), FS));

  // Small limits keep a pathological input from dominating the run time.
  std::vector<std::string> Args = {"iterguard-fuzzer",
                                   "-fsyntax-only",
                                   "-std=c++20",
                                   "-nostdinc",
                                   "-isystem",
                                   MockStdDir,
                                   "-Xclang",
                                   "-disable-pragma-debug-crash",
                                   "-ftemplate-depth=128",
                                   "-fconstexpr-steps=100000",
                                   InputPath};
  IgnoringDiagConsumer Diagnostics;
  tooling::ToolInvocation Invocation(
      Args, std::make_unique<AnalysisAction>(), Files.get(),
      std::make_shared<PCHContainerOperations>());
  Invocation.setDiagnosticConsumer(&Diagnostics);
  Invocation.run();
  return 0;
}
