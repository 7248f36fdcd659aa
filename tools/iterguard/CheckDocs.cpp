//===--- CheckDocs.cpp - Each check's documentation page --------*- C++ -*-===//

#include "CheckDocs.h"

namespace iterguard {

namespace {
struct CheckPage {
  llvm::StringRef Check;
  llvm::StringRef Markdown;
};
} // namespace

static const CheckPage Pages[] = {
#include "CheckDocs.inc"
};

std::optional<llvm::StringRef> checkDocumentation(llvm::StringRef CheckName) {
  for (const CheckPage &Page : Pages)
    if (Page.Check == CheckName)
      return Page.Markdown;
  return std::nullopt;
}

} // namespace iterguard
