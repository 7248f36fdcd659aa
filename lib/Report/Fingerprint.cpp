//===--- Fingerprint.cpp - Identities that survive line shifts --*- C++ -*-===//

#include "Report/Fingerprint.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace iterguard {

/// The line with runs of whitespace made one space and the ends trimmed, so
/// re-indenting the code does not change the fingerprint.
static std::string collapsedWhitespace(llvm::StringRef Line) {
  std::string Out;
  bool PendingSpace = false;
  for (char C : Line.trim()) {
    if (llvm::isSpace(C)) {
      PendingSpace = true;
      continue;
    }
    if (PendingSpace)
      Out += ' ';
    PendingSpace = false;
    Out += C;
  }
  return Out;
}

void assignFingerprints(std::vector<ResolvedFinding> &Findings,
                        llvm::StringRef Root) {
  llvm::StringMap<unsigned> Occurrences;
  for (ResolvedFinding &F : Findings) {
    std::string Key;
    llvm::raw_string_ostream(Key)
        << F.CheckName << '\0' << relativePath(F.Loc.File, Root) << '\0'
        << collapsedWhitespace(F.Loc.LineText) << '\0' << F.Message;
    unsigned Occurrence = Occurrences[Key]++;
    Key += '\0';
    Key += std::to_string(Occurrence);
    F.Fingerprint.clear();
    llvm::raw_string_ostream(F.Fingerprint)
        << llvm::format_hex_no_prefix(llvm::xxh3_64bits(Key), 16);
  }
}

} // namespace iterguard
