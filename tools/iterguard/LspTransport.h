//===--- LspTransport.h - LSP message framing on stdio ----------*- C++ -*-===//
//
// The base protocol of LSP: every message is a header block with a
// Content-Length, an empty line, then that many bytes of JSON. Reading happens
// on one thread; writing may happen from any thread, one whole message at a
// time. Nothing here looks inside the JSON beyond serializing it.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_LSPTRANSPORT_H
#define ITERGUARD_TOOLS_LSPTRANSPORT_H

#include "llvm/Support/JSON.h"
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>

namespace iterguard {

class LspTransport {
public:
  /// In and Out must be in binary mode: Content-Length counts bytes.
  LspTransport(std::FILE *In, std::FILE *Out) : In(In), Out(Out) {}

  /// The body of the next message; nullopt at the end of the input or when
  /// the framing is broken, which leaves no way to find the next message.
  /// Problems are one line on stderr.
  std::optional<std::string> readMessage();

  /// Frames and writes Message, then flushes. Safe to call from any thread.
  void send(const llvm::json::Value &Message);

  /// Writes "iterguard: lsp: " and Line to stderr as one piece, so lines from
  /// the reader and the analysis thread never interleave. stdout is the
  /// protocol's; every log goes here.
  void log(const llvm::Twine &Line);

private:
  std::optional<std::string> readHeaderLine();

  std::FILE *In;
  std::FILE *Out;
  std::mutex WriteMutex;
  std::mutex LogMutex;
};

} // namespace iterguard

#endif // ITERGUARD_TOOLS_LSPTRANSPORT_H
