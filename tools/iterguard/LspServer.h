//===--- LspServer.h - The iterguard language server ------------*- C++ -*-===//
//
// `iterguard --lsp`: a Language Server Protocol server on stdin and stdout.
// It publishes the findings of every open document as diagnostics, with the
// notes as related information and the fix-its as quickfix code actions,
// whenever a document is opened, changed or saved. docs/editors.md describes
// the protocol subset and how editors start it.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_LSPSERVER_H
#define ITERGUARD_TOOLS_LSPSERVER_H

#include "llvm/ADT/StringRef.h"

namespace iterguard {

/// Serves until the "exit" notification or the end of the input, and returns
/// the exit status: 0 when "shutdown" came first, 1 otherwise, and 2 without
/// serving when ConfigPath (--config) or Checks (--checks) is bad.
int runLanguageServer(llvm::StringRef ConfigPath, llvm::StringRef Checks);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_LSPSERVER_H
