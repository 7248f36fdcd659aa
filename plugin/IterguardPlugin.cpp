//===--- IterguardPlugin.cpp - The compiler plugin --------------*- C++ -*-===//
//
// Runs iterguard's checks inside a normal compile:
//
//   clang++ -fplugin=iterguard-plugin.so -c x.cpp -o x.o
//
// The action is added after the main one, so code generation still happens,
// and its consumer analyzes the AST that compile already built: there is no
// second parse. Findings go through the compiler's DiagnosticsEngine.
//
//===----------------------------------------------------------------------===//

#include "Analyzer.h"
#include "FindingDiagnostics.h"
#include "PluginConfiguration.h"
#include "Report/ResolvedFinding.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

using namespace clang;

namespace iterguard {
namespace {

void reportError(DiagnosticsEngine &Diags, llvm::Error Err) {
  Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Error, "iterguard: %0"))
      << llvm::toString(std::move(Err));
}

class IterguardConsumer : public ASTConsumer {
public:
  IterguardConsumer(PluginConfiguration Config, DiagnosticsEngine &Diags)
      : Config(std::move(Config)), Diags(Diags) {}

  void HandleTranslationUnit(ASTContext &Context) override {
    const SourceManager &SM = Context.getSourceManager();
    auto IsExcluded = [&](SourceLocation Loc) {
      return Config.excludes(resolveLocation(Loc, SM).File);
    };
    // The checks are about C++ containers; C and Objective-C compiles that
    // share the flags are left alone, as clang-tidy leaves them.
    if (!Context.getLangOpts().CPlusPlus ||
        Config.options().EnabledChecks.empty() ||
        IsExcluded(SM.getLocForStartOfFile(SM.getMainFileID())))
      return;
    std::vector<Finding> Findings =
        analyzeTranslationUnit(Context, Config.options());
    llvm::erase_if(Findings,
                   [&](const Finding &F) { return IsExcluded(F.Loc); });
    reportFindings(Findings, Diags);
  }

private:
  PluginConfiguration Config;
  DiagnosticsEngine &Diags;
};

class IterguardAction : public PluginASTAction {
public:
  ActionType getActionType() override { return AddAfterMainAction; }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    llvm::Expected<PluginArguments> Parsed = PluginArguments::parse(Args);
    if (!Parsed) {
      reportError(CI.getDiagnostics(), Parsed.takeError());
      return false;
    }
    Arguments = std::move(*Parsed);
    return true;
  }

  std::unique_ptr<ASTConsumer>
  CreateASTConsumer(CompilerInstance &CI, llvm::StringRef InFile) override {
    llvm::Expected<PluginConfiguration> Config =
        PluginConfiguration::create(Arguments, InFile);
    if (!Config) {
      // The error fails the compile; the empty consumer keeps the main
      // action's consumer chain intact until then.
      reportError(CI.getDiagnostics(), Config.takeError());
      return std::make_unique<ASTConsumer>();
    }
    return std::make_unique<IterguardConsumer>(std::move(*Config),
                                               CI.getDiagnostics());
  }

private:
  PluginArguments Arguments;
};

} // namespace
} // namespace iterguard

// Adds the action to the compiler's plugin registry when -fplugin loads us.
static FrontendPluginRegistry::Add<iterguard::IterguardAction>
    Registration("iterguard", "iterguard's container checks as warnings");
