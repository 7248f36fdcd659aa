//===--- LspUri.h - file: URIs and paths ------------------------*- C++ -*-===//
//
// The language server names documents by URI. Only file: URIs name files
// iterguard can analyze; anything else (untitled:, a remote scheme) is refused.
// Paths are POSIX paths: the tool does not build on Windows.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_LSPURI_H
#define ITERGUARD_TOOLS_LSPURI_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace iterguard {

/// The absolute path a file: URI names, percent-decoded; nullopt for another
/// scheme or a host other than localhost.
std::optional<std::string> pathFromFileUri(llvm::StringRef Uri);

/// The file: URI of an absolute path, with every byte outside RFC 3986's
/// unreserved characters and '/' percent-encoded.
std::string fileUriFromPath(llvm::StringRef Path);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_LSPURI_H
