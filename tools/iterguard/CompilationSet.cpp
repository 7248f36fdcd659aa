//===--- CompilationSet.cpp - Which translation units to scan ---*- C++ -*-===//

#include "CompilationSet.h"
#include "Support/Compat.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <algorithm>

using namespace clang::tooling;

namespace iterguard {

static llvm::Error error(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

static llvm::Expected<std::string> checkedSource(llvm::StringRef Source) {
  llvm::SmallString<256> Path(Source);
  if (std::error_code EC = llvm::sys::fs::make_absolute(Path))
    return error("cannot resolve '" + Source + "': " + EC.message());
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status))
    return error("no such file: '" + Source + "'");
  if (llvm::sys::fs::is_directory(Status))
    return error("'" + Source + "' is a directory, not a source file");
  return std::string(Path);
}

static llvm::Expected<std::unique_ptr<CompilationDatabase>>
openDatabase(CompilationRequest &Request) {
  std::string Message;
  if (!Request.BuildPath.empty()) {
    if (!llvm::sys::fs::is_directory(Request.BuildPath))
      return error("-p: no such directory: '" + Request.BuildPath + "'");
    std::string JsonPath = Request.BuildPath + "/compile_commands.json";
    if (!llvm::sys::fs::exists(JsonPath))
      return error("no compile_commands.json in '" + Request.BuildPath + "'");
    auto Database = JSONCompilationDatabase::loadFromFile(
        JsonPath, Message, JSONCommandLineSyntax::AutoDetect);
    if (!Database)
      return error("cannot load '" + JsonPath + "': " + Message);
    return Database;
  }
  if (Request.FixedDatabase)
    return std::move(Request.FixedDatabase);
  if (Request.Sources.empty())
    return error("nothing to scan: give source files, -p <build-dir>, or "
                 "'-- <compiler arguments>'");
  auto Database =
      CompilationDatabase::autoDetectFromSource(Request.Sources.front(), Message);
  if (!Database)
    return error("no compilation database found above '" +
                 Request.Sources.front() +
                 "'; use -p <build-dir> or '-- <compiler arguments>'");
  return Database;
}

static CompileCommand prepared(CompileCommand Command) {
  ArgumentsAdjuster Adjust = combineAdjusters(
      combineAdjusters(getClangStripOutputAdjuster(),
                       getClangStripDependencyFileAdjuster()),
      getClangSyntaxOnlyAdjuster());
  Command.CommandLine = Adjust(Command.CommandLine, Command.Filename);
  bool HasResourceDir = llvm::any_of(Command.CommandLine, [](llvm::StringRef A) {
    return A.starts_with("-resource-dir");
  });
  if (Command.CommandLine.empty())
    return Command;
  if (!HasResourceDir)
    Command.CommandLine.insert(Command.CommandLine.begin() + 1,
                               "-resource-dir=" ITERGUARD_CLANG_RESOURCE_DIR);
  // Without carets Clang also skips its "N errors generated." line; errors
  // reach the user as iterguard's own single line.
  Command.CommandLine.insert(Command.CommandLine.begin() + 1,
                             "-fno-caret-diagnostics");
  return Command;
}

std::string absoluteSourcePath(const CompileCommand &Command) {
  llvm::SmallString<256> Path(Command.Filename);
  compat::makeAbsolute(Command.Directory, Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

llvm::Expected<std::vector<CompileCommand>>
selectCompilations(CompilationRequest Request) {
  std::vector<std::string> Sources;
  for (const std::string &Source : Request.Sources) {
    llvm::Expected<std::string> Path = checkedSource(Source);
    if (!Path)
      return Path.takeError();
    Sources.push_back(std::move(*Path));
  }
  if (!Sources.empty())
    Request.Sources = Sources;

  auto Database = openDatabase(Request);
  if (!Database)
    return Database.takeError();

  if (Sources.empty()) {
    Sources = (*Database)->getAllFiles();
    if (Sources.empty())
      return error("the compilation database has no translation units");
  }
  std::sort(Sources.begin(), Sources.end());
  Sources.erase(std::unique(Sources.begin(), Sources.end()), Sources.end());

  std::vector<CompileCommand> Commands;
  for (const std::string &Source : Sources) {
    std::vector<CompileCommand> Found = (*Database)->getCompileCommands(Source);
    if (Found.empty())
      return error("'" + Source + "' is not in the compilation database");
    Commands.push_back(prepared(std::move(Found.front())));
  }
  return Commands;
}

} // namespace iterguard
