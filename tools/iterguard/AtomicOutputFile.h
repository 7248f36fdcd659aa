//===--- AtomicOutputFile.h - Reports that are whole or absent ----*- C++ -*-===//
//
// --output, --write-baseline and friends write a temporary file beside the
// destination and rename it into place only when the run completes, so a
// crash, an error or an interrupted run never leaves a half-written report.
// The temporary file is created before any translation unit is scanned: an
// unwritable destination fails the run at once.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_TOOLS_ATOMICOUTPUTFILE_H
#define ITERGUARD_TOOLS_ATOMICOUTPUTFILE_H

#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <optional>
#include <string>

namespace iterguard {

class AtomicOutputFile {
public:
  /// Creates the temporary file for Path, or an error naming Path.
  static llvm::Expected<std::unique_ptr<AtomicOutputFile>>
  create(llvm::StringRef Path);
  /// Removes the temporary file unless commit() succeeded.
  ~AtomicOutputFile();

  llvm::raw_ostream &os() { return *Stream; }
  /// Flushes and renames the temporary file to the destination.
  llvm::Error commit();

private:
  AtomicOutputFile(std::string Path, llvm::sys::fs::TempFile Temp);

  std::string Path;
  std::optional<llvm::sys::fs::TempFile> Temp;
  std::unique_ptr<llvm::raw_fd_ostream> Stream;
};

} // namespace iterguard

#endif // ITERGUARD_TOOLS_ATOMICOUTPUTFILE_H
