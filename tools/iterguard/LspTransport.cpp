//===--- LspTransport.cpp - LSP message framing on stdio --------*- C++ -*-===//

#include "LspTransport.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace iterguard {

/// No editor sends a document this large; a bigger length is garbage.
static constexpr size_t MaxMessageBytes = size_t(1) << 30;

std::optional<std::string> LspTransport::readHeaderLine() {
  std::string Line;
  int C;
  while ((C = std::fgetc(In)) != EOF) {
    if (C == '\n') {
      if (!Line.empty() && Line.back() == '\r')
        Line.pop_back();
      return Line;
    }
    Line.push_back(static_cast<char>(C));
  }
  return std::nullopt;
}

std::optional<std::string> LspTransport::readMessage() {
  std::optional<size_t> Length;
  bool SawHeader = false;
  while (true) {
    std::optional<std::string> Line = readHeaderLine();
    if (!Line) {
      if (SawHeader)
        log("error: input ended inside a message header");
      return std::nullopt;
    }
    if (Line->empty()) {
      // Blank lines between messages are tolerated.
      if (!SawHeader)
        continue;
      break;
    }
    SawHeader = true;
    auto [Name, Value] = llvm::StringRef(*Line).split(':');
    if (!Name.trim().equals_insensitive("content-length"))
      continue; // Content-Type and unknown headers carry nothing we need.
    size_t Parsed = 0;
    if (Value.trim().getAsInteger(10, Parsed) || Parsed > MaxMessageBytes) {
      log("error: invalid Content-Length '" + Value.trim() + "'");
      return std::nullopt;
    }
    Length = Parsed;
  }
  if (!Length) {
    log("error: message without a Content-Length header");
    return std::nullopt;
  }
  std::string Body(*Length, '\0');
  if (std::fread(Body.data(), 1, Body.size(), In) != Body.size()) {
    log("error: input ended inside a message of " + llvm::Twine(*Length) +
        " bytes");
    return std::nullopt;
  }
  return Body;
}

void LspTransport::send(const llvm::json::Value &Message) {
  std::string Body;
  llvm::raw_string_ostream(Body) << Message;
  std::string Header =
      "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n";
  std::lock_guard<std::mutex> Lock(WriteMutex);
  std::fwrite(Header.data(), 1, Header.size(), Out);
  std::fwrite(Body.data(), 1, Body.size(), Out);
  std::fflush(Out);
}

void LspTransport::log(const llvm::Twine &Line) {
  std::string Text = ("iterguard: lsp: " + Line + "\n").str();
  std::lock_guard<std::mutex> Lock(LogMutex);
  llvm::errs() << Text;
  llvm::errs().flush();
}

} // namespace iterguard
