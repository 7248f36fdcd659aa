//===--- LspServer.cpp - The iterguard language server ----------*- C++ -*-===//
//
// The reader thread (the caller of runLanguageServer) handles every message
// and owns the protocol state; one analysis thread parses documents. Both meet
// under one mutex. An analysis works on a snapshot of the open documents, and
// its result is kept only if the document still has the version it analyzed,
// so a result made stale by a newer edit is never published.
//
//===----------------------------------------------------------------------===//

#include "LspServer.h"
#include "ExitCode.h"
#include "LspAnalysis.h"
#include "LspDiagnostics.h"
#include "LspTransport.h"
#include "LspUri.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

using namespace llvm;

namespace iterguard {

namespace {

using Clock = std::chrono::steady_clock;

/// A burst of keystrokes becomes one analysis of the last version.
constexpr std::chrono::milliseconds Debounce(200);

/// JSON-RPC's and LSP's error codes.
enum ErrorCode {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  ServerNotInitialized = -32002,
};

/// LSP's MessageType.Error, for window/showMessage.
constexpr int MessageTypeError = 1;

struct Document {
  std::string Uri;
  /// The path the URI names, which may differ from the canonical one.
  std::string UriPath;
  int64_t Version = 0;
  std::shared_ptr<const std::string> Text;
};

/// The findings of the last analysis of one document's translation unit.
struct UnitFindings {
  /// The version of every document that was open when it ran: its findings
  /// in a document hold only while that document keeps this version.
  std::map<std::string, int64_t> VersionSeen;
  std::vector<ResolvedFinding> Findings;
};

/// What the editor was last told about one document.
struct PublishedDiagnostics {
  int64_t Version = 0;
  std::vector<ResolvedFinding> Findings;
  /// Diagnostics[I] is the diagnostic of Findings[I].
  std::vector<json::Value> Diagnostics;
};

bool operator<=(const LspPosition &A, const LspPosition &B) {
  return std::tie(A.Line, A.Character) <= std::tie(B.Line, B.Character);
}

bool overlaps(const LspRange &A, const LspRange &B) {
  return A.Start <= B.End && B.Start <= A.End;
}

class LanguageServer {
public:
  LanguageServer(LspTransport &Transport, LspAnalysisSettings Settings)
      : Transport(Transport), Settings(std::move(Settings)) {}

  int run();

private:
  void handleRequest(StringRef Method, const json::Value &Id,
                     const json::Object *Params);
  void handleNotification(StringRef Method, const json::Object *Params);
  void reply(const json::Value &Id, json::Value Result);
  void replyError(const json::Value &Id, int Code, const Twine &Message);
  void notify(StringRef Method, json::Value Params);

  json::Value initializeResult() const;
  Expected<json::Value> codeActions(const json::Object *Params);
  Error didOpen(const json::Object *Params);
  Error didChange(const json::Object *Params);
  Error didSave(const json::Object *Params);
  Error didClose(const json::Object *Params);
  /// The canonical path of the open document Params names.
  Expected<std::string> openDocumentPath(const json::Object *Params);

  // These need Mutex held.
  void schedule(const std::string &Path, std::chrono::milliseconds Delay);
  /// Schedules the open documents whose last findings reach into Path: an
  /// edit of an open header changes what they see. (Includes without a
  /// finding are not tracked; didSave re-analyzes everything.)
  void scheduleSourcesReaching(const std::string &Path);
  void publish(const std::string &Path);
  std::string uriOf(StringRef File) const;

  void analyzeLoop();
  /// Finishes the analysis in progress, drops pending ones, joins the thread.
  void stopAnalysis();

  LspTransport &Transport;
  const LspAnalysisSettings Settings;
  bool Initialized = false;
  bool ShutdownRequested = false;

  std::mutex Mutex;
  std::condition_variable WorkChanged;
  bool Stopping = false;
  /// Open documents by canonical path, and that path of each open URI.
  std::map<std::string, Document> Documents;
  std::map<std::string, std::string> PathOfUri;
  /// When each document waiting for analysis is due.
  std::map<std::string, Clock::time_point> Pending;
  /// The document being analyzed, or empty.
  std::string InProgress;
  std::map<std::string, UnitFindings> Results;
  std::map<std::string, PublishedDiagnostics> Published;
  /// Configuration and database errors already shown, to show each once.
  std::set<std::string> ShownProblems;
  std::thread Analyzer;
};

Error invalidParams(const Twine &Message) {
  return createStringError(inconvertibleErrorCode(), Message);
}

/// Params.textDocument.uri, or an error naming what is missing.
Expected<std::string> documentUri(const json::Object *Params) {
  const json::Object *TextDocument =
      Params ? Params->getObject("textDocument") : nullptr;
  std::optional<StringRef> Uri =
      TextDocument ? TextDocument->getString("uri") : std::nullopt;
  if (!Uri)
    return invalidParams("missing textDocument.uri");
  return Uri->str();
}

int LanguageServer::run() {
  Analyzer = std::thread([this] { analyzeLoop(); });
  while (std::optional<std::string> Body = Transport.readMessage()) {
    Expected<json::Value> Parsed = json::parse(*Body);
    if (!Parsed) {
      std::string Message = toString(Parsed.takeError());
      Transport.log("error: invalid JSON message: " + Message);
      replyError(nullptr, ParseError, Message);
      continue;
    }
    const json::Object *Message = Parsed->getAsObject();
    if (!Message) {
      replyError(nullptr, InvalidRequest, "a message must be a JSON object");
      continue;
    }
    std::optional<StringRef> Method = Message->getString("method");
    const json::Value *Id = Message->get("id");
    // The server sends no requests, so a message without a method is a
    // response nobody waits for.
    if (!Method)
      continue;
    const json::Object *Params = Message->getObject("params");
    if (Id) {
      handleRequest(*Method, *Id, Params);
      continue;
    }
    if (*Method == "exit") {
      stopAnalysis();
      return ShutdownRequested ? 0 : 1;
    }
    handleNotification(*Method, Params);
  }
  stopAnalysis();
  return 1;
}

void LanguageServer::handleRequest(StringRef Method, const json::Value &Id,
                                   const json::Object *Params) {
  if (ShutdownRequested)
    return replyError(Id, InvalidRequest, "the server is shut down");
  if (Method == "initialize") {
    if (Initialized)
      return replyError(Id, InvalidRequest, "initialize was already received");
    Initialized = true;
    return reply(Id, initializeResult());
  }
  if (!Initialized)
    return replyError(Id, ServerNotInitialized,
                      "the first request must be initialize");
  if (Method == "shutdown") {
    stopAnalysis();
    ShutdownRequested = true;
    return reply(Id, nullptr);
  }
  if (Method == "textDocument/codeAction") {
    Expected<json::Value> Actions = codeActions(Params);
    if (!Actions)
      return replyError(Id, InvalidParams,
                        Method + ": " + toString(Actions.takeError()));
    return reply(Id, std::move(*Actions));
  }
  replyError(Id, MethodNotFound, "unknown method '" + Method + "'");
}

void LanguageServer::handleNotification(StringRef Method,
                                        const json::Object *Params) {
  // Before initialize and after shutdown, only exit counts.
  if (!Initialized || ShutdownRequested)
    return;
  // Anything else (initialized, $/cancelRequest, $/setTrace, configuration
  // changes) needs no action: requests are answered in order, at once.
  Error Err = Method == "textDocument/didOpen"     ? didOpen(Params)
              : Method == "textDocument/didChange" ? didChange(Params)
              : Method == "textDocument/didSave"   ? didSave(Params)
              : Method == "textDocument/didClose"  ? didClose(Params)
                                                   : Error::success();
  if (Err)
    Transport.log("error: " + Method + ": " + toString(std::move(Err)));
}

void LanguageServer::reply(const json::Value &Id, json::Value Result) {
  Transport.send(json::Object{
      {"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
}

void LanguageServer::replyError(const json::Value &Id, int Code,
                                const Twine &Message) {
  Transport.send(json::Object{
      {"jsonrpc", "2.0"},
      {"id", Id},
      {"error", json::Object{{"code", Code}, {"message", Message.str()}}}});
}

void LanguageServer::notify(StringRef Method, json::Value Params) {
  Transport.send(json::Object{
      {"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

json::Value LanguageServer::initializeResult() const {
  constexpr int SyncIncremental = 2;
  return json::Object{
      {"capabilities",
       json::Object{
           {"positionEncoding", "utf-16"},
           {"textDocumentSync",
            json::Object{{"openClose", true},
                         {"change", SyncIncremental},
                         {"save", json::Object{{"includeText", false}}}}},
           {"codeActionProvider",
            json::Object{{"codeActionKinds", json::Array{"quickfix"}}}},
       }},
      {"serverInfo",
       json::Object{{"name", "iterguard"}, {"version", ITERGUARD_VERSION}}}};
}

Expected<std::string>
LanguageServer::openDocumentPath(const json::Object *Params) {
  Expected<std::string> Uri = documentUri(Params);
  if (!Uri)
    return Uri.takeError();
  auto It = PathOfUri.find(*Uri);
  if (It == PathOfUri.end())
    return invalidParams("'" + *Uri + "' is not open");
  return It->second;
}

Error LanguageServer::didOpen(const json::Object *Params) {
  Expected<std::string> Uri = documentUri(Params);
  if (!Uri)
    return Uri.takeError();
  const json::Object *Item = Params->getObject("textDocument");
  std::optional<StringRef> Text = Item->getString("text");
  std::optional<int64_t> Version = Item->getInteger("version");
  if (!Text || !Version)
    return invalidParams("missing textDocument.text or textDocument.version");
  std::optional<std::string> UriPath = pathFromFileUri(*Uri);
  if (!UriPath)
    return invalidParams("'" + *Uri + "' is not a file: URI; not analyzed");
  std::string Path = canonicalFilePath(*UriPath);

  std::lock_guard<std::mutex> Lock(Mutex);
  Document &Doc = Documents[Path];
  if (!Doc.Uri.empty() && Doc.Uri != *Uri)
    PathOfUri.erase(Doc.Uri);
  Doc.Uri = *Uri;
  Doc.UriPath = *UriPath;
  Doc.Version = *Version;
  Doc.Text = std::make_shared<const std::string>(Text->str());
  PathOfUri[*Uri] = Path;
  schedule(Path, std::chrono::milliseconds(0));
  scheduleSourcesReaching(Path);
  return Error::success();
}

Error LanguageServer::didChange(const json::Object *Params) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Expected<std::string> Path = openDocumentPath(Params);
  if (!Path)
    return Path.takeError();
  std::optional<int64_t> Version =
      Params->getObject("textDocument")->getInteger("version");
  const json::Array *Changes = Params->getArray("contentChanges");
  if (!Version || !Changes)
    return invalidParams("missing textDocument.version or contentChanges");

  Document &Doc = Documents[*Path];
  std::string Text = *Doc.Text;
  for (const json::Value &Change : *Changes) {
    const json::Object *Object = Change.getAsObject();
    std::optional<StringRef> NewText =
        Object ? Object->getString("text") : std::nullopt;
    if (!NewText)
      return invalidParams("a content change without text");
    const json::Value *RangeValue = Object->get("range");
    if (!RangeValue) {
      Text = NewText->str();
      continue;
    }
    std::optional<LspRange> Range = rangeFromJson(RangeValue);
    if (!Range)
      return invalidParams("a content change with an invalid range");
    size_t Begin = offsetOfPosition(Text, Range->Start);
    size_t End = std::max(Begin, offsetOfPosition(Text, Range->End));
    Text.replace(Begin, End - Begin, NewText->str());
  }
  Doc.Version = *Version;
  Doc.Text = std::make_shared<const std::string>(std::move(Text));
  schedule(*Path, Debounce);
  scheduleSourcesReaching(*Path);
  return Error::success();
}

Error LanguageServer::didSave(const json::Object *Params) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Expected<std::string> Path = openDocumentPath(Params);
  if (!Path)
    return Path.takeError();
  // A saved header, configuration or database may change any open document.
  for (const auto &Entry : Documents)
    schedule(Entry.first, Debounce);
  return Error::success();
}

Error LanguageServer::didClose(const json::Object *Params) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Expected<std::string> Path = openDocumentPath(Params);
  if (!Path)
    return Path.takeError();
  std::string Uri = Documents[*Path].Uri;
  Documents.erase(*Path);
  PathOfUri.erase(Uri);
  Pending.erase(*Path);
  Results.erase(*Path);
  Published.erase(*Path);
  // The editor keeps a closed document's diagnostics until told otherwise.
  notify("textDocument/publishDiagnostics",
         json::Object{{"uri", Uri}, {"diagnostics", json::Array()}});
  return Error::success();
}

Expected<json::Value> LanguageServer::codeActions(const json::Object *Params) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Expected<std::string> Path = openDocumentPath(Params);
  if (!Path) {
    // The editor may ask for a document it never opened; it gets nothing.
    consumeError(Path.takeError());
    return json::Array();
  }
  std::optional<LspRange> Requested = rangeFromJson(Params->get("range"));
  if (!Requested)
    return invalidParams("missing range");
  if (const json::Object *Context = Params->getObject("context"))
    if (const json::Array *Only = Context->getArray("only"))
      if (llvm::none_of(*Only, [](const json::Value &Kind) {
            std::optional<StringRef> Name = Kind.getAsString();
            return Name && StringRef("quickfix").starts_with(*Name);
          }))
        return json::Array();

  json::Array Actions;
  auto Shown = Published.find(*Path);
  // Fix-its of an older version would edit the wrong text.
  if (Shown == Published.end() ||
      Shown->second.Version != Documents[*Path].Version)
    return Actions;
  // Only this document's text is known to be the one the fix-its were made
  // for; a fix-it that edits another file is not offered.
  auto TextOf = [&](StringRef File) -> const std::string * {
    return File == *Path ? Documents[*Path].Text.get() : nullptr;
  };
  auto UriOf = [&](StringRef File) { return uriOf(File); };
  const PublishedDiagnostics &Diagnostics = Shown->second;
  for (size_t I = 0; I < Diagnostics.Findings.size(); ++I) {
    const ResolvedFinding &F = Diagnostics.Findings[I];
    if (!overlaps(rangeOfLocation(F.Loc), *Requested))
      continue;
    if (std::optional<json::Value> Action =
            quickFixFromFinding(F, Diagnostics.Diagnostics[I], TextOf, UriOf))
      Actions.push_back(std::move(*Action));
  }
  return Actions;
}

void LanguageServer::schedule(const std::string &Path,
                              std::chrono::milliseconds Delay) {
  Pending[Path] = Clock::now() + Delay;
  WorkChanged.notify_one();
}

void LanguageServer::scheduleSourcesReaching(const std::string &Path) {
  for (const auto &[Unit, Found] : Results)
    if (Unit != Path &&
        llvm::any_of(Found.Findings, [&](const ResolvedFinding &F) {
          return F.Loc.File == Path;
        }))
      schedule(Unit, Debounce);
}

std::string LanguageServer::uriOf(StringRef File) const {
  auto Doc = Documents.find(File.str());
  return Doc == Documents.end() ? fileUriFromPath(File) : Doc->second.Uri;
}

void LanguageServer::publish(const std::string &Path) {
  auto Doc = Documents.find(Path);
  // Until its own analysis of this version is done, a document keeps what it
  // shows rather than flash a partial list.
  if (Doc == Documents.end() || Pending.count(Path) || InProgress == Path)
    return;
  int64_t Version = Doc->second.Version;
  PublishedDiagnostics Shown;
  Shown.Version = Version;
  for (const auto &[Unit, Found] : Results) {
    auto Seen = Found.VersionSeen.find(Path);
    if (Seen == Found.VersionSeen.end() || Seen->second != Version)
      continue;
    for (const ResolvedFinding &F : Found.Findings)
      if (F.Loc.File == Path)
        Shown.Findings.push_back(F);
  }
  // A header's finding arrives once from each open source that includes it.
  llvm::stable_sort(Shown.Findings);
  Shown.Findings.erase(
      std::unique(Shown.Findings.begin(), Shown.Findings.end(), isSameFinding),
      Shown.Findings.end());
  json::Array Diagnostics;
  for (const ResolvedFinding &F : Shown.Findings) {
    Shown.Diagnostics.push_back(
        diagnosticFromFinding(F, [&](StringRef File) { return uriOf(File); }));
    Diagnostics.push_back(Shown.Diagnostics.back());
  }
  // Sent under the mutex, so a didClose cannot overtake it.
  notify("textDocument/publishDiagnostics",
         json::Object{{"uri", Doc->second.Uri},
                      {"version", Version},
                      {"diagnostics", std::move(Diagnostics)}});
  Published[Path] = std::move(Shown);
}

void LanguageServer::analyzeLoop() {
  std::unique_lock<std::mutex> Lock(Mutex);
  while (!Stopping) {
    if (Pending.empty()) {
      WorkChanged.wait(Lock);
      continue;
    }
    auto Next = std::min_element(
        Pending.begin(), Pending.end(),
        [](const auto &A, const auto &B) { return A.second < B.second; });
    if (Next->second > Clock::now()) {
      WorkChanged.wait_until(Lock, Next->second);
      continue;
    }
    std::string Path = Next->first;
    Pending.erase(Next);
    auto Doc = Documents.find(Path);
    if (Doc == Documents.end())
      continue;
    std::string UriPath = Doc->second.UriPath;
    std::vector<OpenFileText> Open;
    UnitFindings Unit;
    for (const auto &[OpenPath, OpenDoc] : Documents) {
      Open.push_back({OpenPath, OpenDoc.Text});
      if (OpenDoc.UriPath != OpenPath)
        Open.push_back({OpenDoc.UriPath, OpenDoc.Text});
      Unit.VersionSeen[OpenPath] = OpenDoc.Version;
    }
    int64_t Version = Unit.VersionSeen[Path];

    InProgress = Path;
    Lock.unlock();
    Clock::time_point Start = Clock::now();
    DocumentAnalysis Analysis = analyzeDocument(UriPath, Open, Settings);
    auto Elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        Clock::now() - Start);
    Lock.lock();
    InProgress.clear();

    Doc = Documents.find(Path);
    if (Stopping || Doc == Documents.end())
      continue;
    if (Doc->second.Version != Version) {
      Transport.log("dropped the analysis of " + Path + " (version " +
                    Twine(Version) + "): a newer version arrived");
      continue;
    }
    if (!Analysis.CommandHeuristic.empty())
      Transport.log(Path + ": compile command guessed (" +
                    Analysis.CommandHeuristic + ")");
    if (Analysis.Result == DocumentAnalysis::Failed) {
      Transport.log("error: " + Analysis.Problem);
      if (ShownProblems.insert(Analysis.Problem).second)
        notify("window/showMessage",
               json::Object{{"type", MessageTypeError},
                            {"message", "iterguard: " + Analysis.Problem}});
      continue;
    }
    if (Analysis.Result == DocumentAnalysis::Unparsed) {
      // Mid-edit code often does not compile; the last findings stay.
      Transport.log("version " + Twine(Version) +
                    " not analyzed: " + Analysis.Problem);
      continue;
    }
    Transport.log("analyzed " + Path + " (version " + Twine(Version) + ") in " +
                  Twine(Elapsed.count()) +
                  " ms: " + Twine(Analysis.Findings.size()) + " findings");
    std::set<std::string> Touched = {Path};
    for (const ResolvedFinding &F : Results[Path].Findings)
      Touched.insert(F.Loc.File);
    for (const ResolvedFinding &F : Analysis.Findings)
      Touched.insert(F.Loc.File);
    Unit.Findings = std::move(Analysis.Findings);
    Results[Path] = std::move(Unit);
    for (const std::string &File : Touched)
      publish(File);
  }
}

void LanguageServer::stopAnalysis() {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Stopping = true;
    Pending.clear();
  }
  WorkChanged.notify_one();
  if (Analyzer.joinable())
    Analyzer.join();
}

} // namespace

int runLanguageServer(StringRef ConfigPath, StringRef Checks) {
  LspAnalysisSettings Settings;
  if (!ConfigPath.empty()) {
    SmallString<256> Absolute(ConfigPath);
    sys::fs::make_absolute(Absolute);
    Settings.ConfigPath = std::string(Absolute);
  }
  Settings.Checks = Checks.str();
  if (Error Err = checkSettings(Settings)) {
    errs() << "iterguard: error: " << toString(std::move(Err)) << "\n";
    return UsageError;
  }
  // Content-Length counts bytes; no newline translation may touch them.
  sys::ChangeStdinToBinary();
  sys::ChangeStdoutToBinary();
  LspTransport Transport(stdin, stdout);
  LanguageServer Server(Transport, std::move(Settings));
  return Server.run();
}

} // namespace iterguard
