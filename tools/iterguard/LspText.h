//===--- LspText.h - LSP positions in text ----------------------*- C++ -*-===//
//
// LSP positions count lines from 0 and characters in UTF-16 code units, while
// Clang counts lines from 1 and columns in bytes. These functions convert
// between the two on UTF-8 text, so a line with non-ASCII text still gets the
// right range. Lines end at '\n'; a '\r' before it is not part of the line
// for clamping. Invalid UTF-8 counts one unit per byte.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_LSPTEXT_H
#define ITERGUARD_TOOLS_LSPTEXT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <cstddef>
#include <optional>

namespace iterguard {

struct LspPosition {
  unsigned Line = 0;      ///< 0-based
  unsigned Character = 0; ///< 0-based, in UTF-16 code units
};

struct LspRange {
  LspPosition Start;
  LspPosition End; ///< exclusive
};

/// UTF-16 code units needed for the UTF-8 Text.
unsigned utf16Length(llvm::StringRef Text);

/// The position of byte Offset in Text; an offset past the end means the end.
LspPosition positionOfOffset(llvm::StringRef Text, size_t Offset);

/// The byte offset of Position in Text, clamped as LSP asks: a character past
/// the end of its line means the end of the line, a line past the end of the
/// text means the end of the text.
size_t offsetOfPosition(llvm::StringRef Text, LspPosition Position);

/// The position of a 1-based Line and 1-based byte Column on that line, whose
/// text is LineText.
LspPosition positionOnLine(llvm::StringRef LineText, unsigned Line,
                           unsigned Column);

llvm::json::Value toJson(LspPosition Position);
llvm::json::Value toJson(const LspRange &Range);
/// Reads {"line": L, "character": C}; nullopt when either is missing or
/// negative.
std::optional<LspPosition> positionFromJson(const llvm::json::Value *Value);
/// Reads {"start": P, "end": P}.
std::optional<LspRange> rangeFromJson(const llvm::json::Value *Value);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_LSPTEXT_H
