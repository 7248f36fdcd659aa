//===--- CompilationSet.cpp - Which translation units to scan ---*- C++ -*-===//

#include "CompilationSet.h"
#include "Support/Compat.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
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

/// Loads a compile_commands.json. Its JSON is checked first: LLVM's reader
/// prints syntax errors itself and accepts a file cut off after complete
/// entries.
static llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadDatabase(llvm::StringRef JsonPath) {
  auto Buffer = llvm::MemoryBuffer::getFile(JsonPath, /*IsText=*/true);
  if (!Buffer)
    return error("cannot load '" + JsonPath +
                 "': " + Buffer.getError().message());
  llvm::Expected<llvm::json::Value> Json =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Json)
    return error("cannot load '" + JsonPath +
                 "': " + llvm::toString(Json.takeError()));
  if (!Json->getAsArray())
    return error("cannot load '" + JsonPath +
                 "': expected an array of compile commands");
  std::string Message;
  auto Database = JSONCompilationDatabase::loadFromFile(
      JsonPath, Message, JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return error("cannot load '" + JsonPath + "': " + Message);
  return std::unique_ptr<CompilationDatabase>(std::move(Database));
}

/// The nearest compile_commands.json in the directory of Source or above.
static std::optional<std::string> findDatabaseAbove(llvm::StringRef Source) {
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Source));
  while (!Dir.empty()) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, "compile_commands.json");
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return std::nullopt;
}

static llvm::Expected<std::unique_ptr<CompilationDatabase>>
openDatabase(CompilationRequest &Request) {
  if (!Request.BuildPath.empty()) {
    if (!llvm::sys::fs::is_directory(Request.BuildPath))
      return error("-p: no such directory: '" + Request.BuildPath + "'");
    std::string JsonPath = Request.BuildPath + "/compile_commands.json";
    if (!llvm::sys::fs::exists(JsonPath))
      return error("no compile_commands.json in '" + Request.BuildPath + "'");
    return loadDatabase(JsonPath);
  }
  if (Request.FixedDatabase)
    return std::move(Request.FixedDatabase);
  if (Request.Sources.empty())
    return error("nothing to scan: give source files, -p <build-dir>, or "
                 "'-- <compiler arguments>'");
  // A database found above the source is read exactly like one given with
  // -p: a source it does not list is an error, not a guessed command.
  if (std::optional<std::string> JsonPath =
          findDatabaseAbove(Request.Sources.front()))
    return loadDatabase(*JsonPath);
  std::string Message;
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

std::string resolvedPath(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return Path.str();
  return std::string(Real);
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

llvm::Expected<CompileCommand> compileCommandForFile(llvm::StringRef File) {
  std::unique_ptr<CompilationDatabase> Database;
  if (std::optional<std::string> JsonPath = findDatabaseAbove(File)) {
    auto Loaded = loadDatabase(*JsonPath);
    if (!Loaded)
      return Loaded.takeError();
    // Unlike the scanner, an editor opens headers and files the build does
    // not list yet; clangd's interpolation gives them a neighbour's flags.
    Database = inferMissingCompileCommands(std::move(*Loaded));
  } else {
    std::string Ignored;
    Database = CompilationDatabase::autoDetectFromSource(File, Ignored);
  }
  if (Database) {
    std::vector<CompileCommand> Found = Database->getCompileCommands(File);
    if (!Found.empty())
      return prepared(std::move(Found.front()));
  }
  CompileCommand Guessed(llvm::sys::path::parent_path(File), File,
                         {"clang++", "-std=c++17", File.str()}, "");
  Guessed.Heuristic = "no compilation database; clang++ -std=c++17";
  return prepared(std::move(Guessed));
}

} // namespace iterguard
