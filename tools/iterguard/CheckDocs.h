//===--- CheckDocs.h - Each check's documentation page ------------*- C++ -*-===//
//
// The pages under docs/checks/ are compiled into the binary (see
// cmake/EmbedCheckDocs.cmake): --explain prints them and SARIF carries them
// as rule help, with no dependency on where the docs were installed.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_CHECKDOCS_H
#define ITERGUARD_TOOLS_CHECKDOCS_H

#include "llvm/ADT/StringRef.h"
#include <optional>

namespace iterguard {

/// The Markdown page of CheckName, if the check has one.
std::optional<llvm::StringRef> checkDocumentation(llvm::StringRef CheckName);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_CHECKDOCS_H
