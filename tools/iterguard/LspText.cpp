//===--- LspText.cpp - LSP positions in text --------------------*- C++ -*-===//

#include "LspText.h"
#include <algorithm>

namespace iterguard {

/// UTF-16 units of the character whose UTF-8 sequence starts with Lead, or 0
/// for a continuation byte.
static unsigned unitsOfLeadByte(unsigned char Lead) {
  if ((Lead & 0xC0) == 0x80)
    return 0;
  // Four-byte sequences are outside the BMP: a surrogate pair.
  return Lead >= 0xF0 ? 2 : 1;
}

unsigned utf16Length(llvm::StringRef Text) {
  unsigned Units = 0;
  for (unsigned char C : Text)
    Units += unitsOfLeadByte(C);
  return Units;
}

LspPosition positionOfOffset(llvm::StringRef Text, size_t Offset) {
  Offset = std::min(Offset, Text.size());
  llvm::StringRef Before = Text.take_front(Offset);
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  LspPosition Position;
  Position.Line = Before.count('\n');
  Position.Character = utf16Length(Before.drop_front(LineStart));
  return Position;
}

size_t offsetOfPosition(llvm::StringRef Text, LspPosition Position) {
  size_t LineStart = 0;
  for (unsigned Line = 0; Line < Position.Line; ++Line) {
    size_t Newline = Text.find('\n', LineStart);
    if (Newline == llvm::StringRef::npos)
      return Text.size();
    LineStart = Newline + 1;
  }
  llvm::StringRef Line = Text.drop_front(LineStart);
  Line = Line.take_until([](char C) { return C == '\n'; });
  if (Line.ends_with("\r"))
    Line = Line.drop_back();
  unsigned Units = 0;
  size_t Byte = 0;
  while (Byte < Line.size() && Units < Position.Character) {
    Units += unitsOfLeadByte(Line[Byte]);
    ++Byte;
    // Step over the continuation bytes of the character just counted.
    while (Byte < Line.size() && unitsOfLeadByte(Line[Byte]) == 0)
      ++Byte;
  }
  return LineStart + Byte;
}

LspPosition positionOnLine(llvm::StringRef LineText, unsigned Line,
                           unsigned Column) {
  LspPosition Position;
  Position.Line = Line > 0 ? Line - 1 : 0;
  Position.Character =
      utf16Length(LineText.take_front(Column > 0 ? Column - 1 : 0));
  return Position;
}

llvm::json::Value toJson(LspPosition Position) {
  return llvm::json::Object{{"line", Position.Line},
                            {"character", Position.Character}};
}

llvm::json::Value toJson(const LspRange &Range) {
  return llvm::json::Object{{"start", toJson(Range.Start)},
                            {"end", toJson(Range.End)}};
}

std::optional<LspPosition> positionFromJson(const llvm::json::Value *Value) {
  const llvm::json::Object *Object = Value ? Value->getAsObject() : nullptr;
  if (!Object)
    return std::nullopt;
  std::optional<int64_t> Line = Object->getInteger("line");
  std::optional<int64_t> Character = Object->getInteger("character");
  if (!Line || !Character || *Line < 0 || *Character < 0)
    return std::nullopt;
  LspPosition Position;
  Position.Line = static_cast<unsigned>(*Line);
  Position.Character = static_cast<unsigned>(*Character);
  return Position;
}

std::optional<LspRange> rangeFromJson(const llvm::json::Value *Value) {
  const llvm::json::Object *Object = Value ? Value->getAsObject() : nullptr;
  if (!Object)
    return std::nullopt;
  std::optional<LspPosition> Start = positionFromJson(Object->get("start"));
  std::optional<LspPosition> End = positionFromJson(Object->get("end"));
  if (!Start || !End)
    return std::nullopt;
  return LspRange{*Start, *End};
}

} // namespace iterguard
