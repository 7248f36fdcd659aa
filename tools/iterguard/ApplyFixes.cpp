//===--- ApplyFixes.cpp - Writing fix-its into source files -----*- C++ -*-===//

#include "ApplyFixes.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace iterguard {

static llvm::Error fileError(const std::string &File, const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot apply fix-its to '" + File +
                                     "': " + What);
}

/// Writes Text to File through a temporary file in the same directory.
static llvm::Error writeAtomically(const std::string &File,
                                   llvm::StringRef Text) {
  llvm::SmallString<256> Temporary;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          File + ".iterguard-%%%%%%", FD, Temporary))
    return fileError(File, EC.message());
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      llvm::sys::fs::remove(Temporary);
      return fileError(File, OS.error().message());
    }
  }
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(File, Status))
    llvm::sys::fs::setPermissions(Temporary, Status.permissions());
  if (std::error_code EC = llvm::sys::fs::rename(Temporary, File)) {
    llvm::sys::fs::remove(Temporary);
    return fileError(File, EC.message());
  }
  return llvm::Error::success();
}

llvm::Expected<unsigned> applyFixes(llvm::ArrayRef<ResolvedFinding> Findings) {
  std::map<std::string, std::vector<const ResolvedFix *>> ByFile;
  for (const ResolvedFinding &F : Findings)
    for (const ResolvedFix &Fix : F.Fixes)
      ByFile[Fix.File].push_back(&Fix);

  // Every file is checked and edited in memory first, so a file that cannot
  // be fixed stops the run before any file is written.
  std::vector<std::pair<std::string, std::string>> Rewritten;
  unsigned Applied = 0;
  for (auto &[File, Fixes] : ByFile) {
    // A read-only file is refused before anything is written; its mode bits
    // decide, since root may write any file.
    llvm::sys::fs::file_status Status;
    if (std::error_code EC = llvm::sys::fs::status(File, Status))
      return fileError(File, EC.message());
    if ((Status.permissions() & llvm::sys::fs::all_write) == 0 ||
        llvm::sys::fs::access(File, llvm::sys::fs::AccessMode::Write))
      return fileError(File, "the file is not writable");
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(File);
    if (!Buffer)
      return fileError(File, Buffer.getError().message());
    std::string Text = (*Buffer)->getBuffer().str();
    llvm::sort(Fixes, [](const ResolvedFix *A, const ResolvedFix *B) {
      return A->Offset < B->Offset;
    });
    std::vector<const ResolvedFix *> Kept;
    unsigned End = 0;
    for (const ResolvedFix *Fix : Fixes) {
      bool Duplicate = !Kept.empty() && Kept.back()->Offset == Fix->Offset &&
                       Kept.back()->Length == Fix->Length &&
                       Kept.back()->Replacement == Fix->Replacement;
      if (Duplicate || Fix->Offset < End ||
          Fix->Offset + Fix->Length > Text.size())
        continue;
      Kept.push_back(Fix);
      End = Fix->Offset + Fix->Length;
    }
    for (auto It = Kept.rbegin(); It != Kept.rend(); ++It)
      Text.replace((*It)->Offset, (*It)->Length, (*It)->Replacement);
    Rewritten.emplace_back(File, std::move(Text));
    Applied += Kept.size();
  }
  for (const auto &[File, Text] : Rewritten)
    if (llvm::Error Err = writeAtomically(File, Text))
      return std::move(Err);
  return Applied;
}

} // namespace iterguard
