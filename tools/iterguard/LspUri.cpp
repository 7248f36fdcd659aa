//===--- LspUri.cpp - file: URIs and paths ----------------------*- C++ -*-===//

#include "LspUri.h"
#include "llvm/ADT/StringExtras.h"

namespace iterguard {

std::optional<std::string> pathFromFileUri(llvm::StringRef Uri) {
  if (!Uri.consume_front_insensitive("file://"))
    return std::nullopt;
  // "file:///p" has an empty host; "file://localhost/p" names this machine.
  size_t Slash = Uri.find('/');
  if (Slash == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef Host = Uri.take_front(Slash);
  if (!Host.empty() && !Host.equals_insensitive("localhost"))
    return std::nullopt;
  llvm::StringRef Encoded = Uri.drop_front(Slash);
  std::string Path;
  for (size_t I = 0; I < Encoded.size(); ++I) {
    char C = Encoded[I];
    if (C == '%' && I + 2 < Encoded.size() &&
        llvm::isHexDigit(Encoded[I + 1]) && llvm::isHexDigit(Encoded[I + 2])) {
      Path.push_back(static_cast<char>(
          llvm::hexFromNibbles(Encoded[I + 1], Encoded[I + 2])));
      I += 2;
      continue;
    }
    Path.push_back(C);
  }
  return Path;
}

std::string fileUriFromPath(llvm::StringRef Path) {
  std::string Uri = "file://";
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Uri.push_back(static_cast<char>(C));
      continue;
    }
    Uri.push_back('%');
    Uri.push_back(llvm::hexdigit(C >> 4));
    Uri.push_back(llvm::hexdigit(C & 0xF));
  }
  return Uri;
}

} // namespace iterguard
