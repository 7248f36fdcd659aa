//===--- ApplyFixes.h - Writing fix-its into source files ---------*- C++ -*-===//
//
// --fix applies the fix-its of the reported findings. Each file is rewritten
// atomically (a temporary file beside it, then a rename), so it is either
// fully fixed or untouched, and no file is written unless every file can be.
// Edits that overlap an earlier one in the same file are skipped rather than
// merged.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_APPLYFIXES_H
#define ITERGUARD_TOOLS_APPLYFIXES_H

#include "Report/ResolvedFinding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

namespace iterguard {

/// Applies every fix-it of Findings; returns the number of edits applied, or
/// the first file that could not be read or written.
llvm::Expected<unsigned> applyFixes(llvm::ArrayRef<ResolvedFinding> Findings);

} // namespace iterguard

#endif // ITERGUARD_TOOLS_APPLYFIXES_H
