//===--- ConfigFile.cpp - .iterguard.yaml -----------------------*- C++ -*-===//

#include "Config/ConfigFile.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

using iterguard::ConfigFile;

LLVM_YAML_IS_SEQUENCE_VECTOR(ConfigFile::Operation)
LLVM_YAML_IS_SEQUENCE_VECTOR(ConfigFile::Container)

namespace llvm {
namespace yaml {

template <> struct ScalarEnumerationTraits<iterguard::Effect> {
  static void enumeration(IO &Io, iterguard::Effect &Value) {
    using iterguard::Effect;
    Io.enumCase(Value, "none", Effect::None);
    Io.enumCase(Value, "all", Effect::InvalidatesAll);
    Io.enumCase(Value, "at-or-after", Effect::InvalidatesAtOrAfter);
    Io.enumCase(Value, "iterators-only", Effect::InvalidatesIteratorsOnly);
    Io.enumCase(Value, "erased", Effect::InvalidatesErased);
  }
};

template <> struct ScalarEnumerationTraits<iterguard::Produces> {
  static void enumeration(IO &Io, iterguard::Produces &Value) {
    using iterguard::Produces;
    Io.enumCase(Value, "nothing", Produces::Nothing);
    Io.enumCase(Value, "iterator", Produces::Iterator);
    Io.enumCase(Value, "iterator-pair", Produces::IteratorPair);
    Io.enumCase(Value, "reference", Produces::Reference);
    Io.enumCase(Value, "pointer", Produces::Pointer);
  }
};

template <> struct ScalarEnumerationTraits<iterguard::ContainerFamily> {
  static void enumeration(IO &Io, iterguard::ContainerFamily &Value) {
    using iterguard::ContainerFamily;
    Io.enumCase(Value, "contiguous", ContainerFamily::Contiguous);
    Io.enumCase(Value, "deque", ContainerFamily::Deque);
    Io.enumCase(Value, "node-ordered", ContainerFamily::NodeOrdered);
    Io.enumCase(Value, "node-hash", ContainerFamily::NodeHash);
    Io.enumCase(Value, "open-addressing", ContainerFamily::OpenAddressing);
  }
};

template <> struct MappingTraits<ConfigFile::Operation> {
  static void mapping(IO &Io, ConfigFile::Operation &Op) {
    Io.mapRequired("method", Op.Method);
    Io.mapOptional("invalidates", Op.Invalidates, iterguard::Effect::None);
    Io.mapOptional("returns", Op.Returns, iterguard::Produces::Nothing);
  }
};

template <> struct MappingTraits<ConfigFile::Container> {
  static void mapping(IO &Io, ConfigFile::Container &C) {
    Io.mapRequired("name", C.Name);
    Io.mapOptional("like", C.Like);
    Io.mapOptional("family", C.Family);
    Io.mapOptional("operations", C.Operations);
  }
  static std::string validate(IO &, ConfigFile::Container &C) {
    if (C.Like.empty() == !C.Family.has_value())
      return "container '" + C.Name +
             "' needs exactly one of 'like' and 'family'";
    if (!C.Like.empty() && !C.Operations.empty())
      return "container '" + C.Name +
             "' takes 'operations' only with 'family'";
    return "";
  }
};

template <> struct MappingTraits<ConfigFile> {
  static void mapping(IO &Io, ConfigFile &Config) {
    Io.mapOptional("containers", Config.Containers);
    Io.mapOptional("views", Config.Views);
    Io.mapOptional("executors", Config.Executors);
    Io.mapOptional("locks", Config.Locks);
    Io.mapOptional("guards", Config.Guards);
    Io.mapOptional("lock-functions", Config.LockFunctions);
    Io.mapOptional("unlock-functions", Config.UnlockFunctions);
    Io.mapOptional("checks", Config.Checks);
    Io.mapOptional("exclude", Config.Exclude);
  }
};

} // namespace yaml
} // namespace llvm

namespace iterguard {

namespace {

/// The last "key:" that starts before Column on Line.
std::optional<std::string> keyBefore(llvm::StringRef Line, size_t Column) {
  static const llvm::Regex KeyPattern("([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:");
  std::optional<std::string> Key;
  llvm::StringRef Rest = Line.take_front(Column);
  llvm::SmallVector<llvm::StringRef, 2> Match;
  while (KeyPattern.match(Rest, &Match)) {
    Key = Match[1].str();
    Rest = Rest.drop_front(Match[0].end() - Rest.begin());
  }
  return Key;
}

/// The YAML key whose value holds the position Line:Column (1-based line,
/// 0-based column): a key earlier on the same line (flow style), or the
/// nearest less indented "key:" line above (block style).
std::optional<std::string> enclosingKey(llvm::StringRef Text, unsigned Line,
                                        size_t Column) {
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  Text.split(Lines, '\n');
  if (Line == 0 || Line > Lines.size())
    return std::nullopt;
  if (std::optional<std::string> Key = keyBefore(Lines[Line - 1], Column))
    return Key;
  for (unsigned I = Line - 1; I-- > 0;) {
    llvm::StringRef Above = Lines[I];
    llvm::StringRef Content = Above.ltrim(" -");
    if (Content.empty() || Content.starts_with("#"))
      continue;
    if (Above.size() - Content.size() >= Column)
      continue;
    return keyBefore(Above, Above.size());
  }
  return std::nullopt;
}

/// Keeps the first diagnostic of the YAML parser as one line that names the
/// key it is about.
struct FirstDiagnostic {
  std::string Path;
  llvm::StringRef Source;
  std::string Text;

  static void handle(const llvm::SMDiagnostic &Diag, void *Context) {
    auto *Self = static_cast<FirstDiagnostic *>(Context);
    if (!Self->Text.empty())
      return;
    std::string Message = Diag.getMessage().str();
    if (!llvm::StringRef(Message).contains("key"))
      if (std::optional<std::string> Key = enclosingKey(
              Self->Source, Diag.getLineNo(), Diag.getColumnNo()))
        Message = "invalid value for '" + *Key + "': " + Message;
    Self->Text = Self->Path + ":" + std::to_string(Diag.getLineNo()) + ":" +
                 std::to_string(Diag.getColumnNo() + 1) + ": " + Message;
  }
};

} // namespace

llvm::Expected<ConfigFile> ConfigFile::parse(llvm::StringRef Text,
                                             llvm::StringRef Path) {
  ConfigFile Config;
  Config.Path = Path.str();
  Config.Text = Text.str();
  FirstDiagnostic Diagnostic{Path.str(), Text, ""};
  llvm::yaml::Input Input(Text, nullptr, &FirstDiagnostic::handle, &Diagnostic);
  if (!Text.trim().empty())
    Input >> Config;
  if (Input.error())
    return llvm::createStringError(
        Input.error(), Diagnostic.Text.empty()
                           ? Path.str() + ": invalid configuration"
                           : Diagnostic.Text);
  return Config;
}

llvm::Expected<ConfigFile> ConfigFile::load(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read configuration '%s': %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  return parse((*Buffer)->getBuffer(), Path);
}

llvm::Error ConfigFile::applyTo(AnalysisOptions &Options) const {
  for (const Container &C : Containers) {
    if (!C.Like.empty()) {
      if (llvm::Error Err = Options.Containers.addLike(C.Name, C.Like))
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            positionOf(C.Like) + llvm::toString(std::move(Err)));
      continue;
    }
    ContainerSpec Spec;
    Spec.Name = ContainerModel::normalizeName(C.Name);
    Spec.Family = *C.Family;
    for (const Operation &Op : C.Operations)
      Spec.Operations.push_back({Op.Method, Op.Invalidates, Op.Returns});
    Options.Containers.add(std::move(Spec));
  }
  for (const std::string &View : Views)
    Options.ViewTypes.push_back(View);
  for (const std::string &Executor : Executors)
    Options.ExecutorFunctions.push_back(Executor);
  llvm::append_range(Options.LockTypes, Locks);
  llvm::append_range(Options.GuardTypes, Guards);
  llvm::append_range(Options.LockFunctions, LockFunctions);
  llvm::append_range(Options.UnlockFunctions, UnlockFunctions);
  return llvm::Error::success();
}

std::string ConfigFile::positionOf(llvm::StringRef Needle) const {
  size_t Offset = llvm::StringRef(Text).find(Needle);
  if (Needle.empty() || Offset == llvm::StringRef::npos)
    return Path + ": ";
  llvm::StringRef Before = llvm::StringRef(Text).take_front(Offset);
  size_t LineStart = Before.rfind('\n') + 1; // npos + 1 == 0
  return Path + ":" + std::to_string(Before.count('\n') + 1) + ":" +
         std::to_string(Offset - LineStart + 1) + ": ";
}

std::optional<std::string> findConfigFileAbove(llvm::StringRef File) {
  llvm::SmallString<256> Dir(File);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_filename(Dir);
  while (!Dir.empty()) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, ".iterguard.yaml");
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return std::nullopt;
}

} // namespace iterguard
