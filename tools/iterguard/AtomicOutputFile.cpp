//===--- AtomicOutputFile.cpp - Reports that are whole or absent -*- C++ -*-===//

#include "AtomicOutputFile.h"

namespace iterguard {

static llvm::Error cannotWrite(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot write '" + Path + "': " + Why);
}

AtomicOutputFile::AtomicOutputFile(std::string Path,
                                   llvm::sys::fs::TempFile Temp)
    : Path(std::move(Path)), Temp(std::move(Temp)) {
  Stream = std::make_unique<llvm::raw_fd_ostream>(this->Temp->FD,
                                                  /*shouldClose=*/false);
}

llvm::Expected<std::unique_ptr<AtomicOutputFile>>
AtomicOutputFile::create(llvm::StringRef Path) {
  if (llvm::sys::fs::is_directory(Path))
    return cannotWrite(Path, "it is a directory");
  llvm::Expected<llvm::sys::fs::TempFile> Temp =
      llvm::sys::fs::TempFile::create(Path + ".tmp-%%%%%%");
  if (!Temp)
    return cannotWrite(Path, llvm::toString(Temp.takeError()));
  return std::unique_ptr<AtomicOutputFile>(
      new AtomicOutputFile(Path.str(), std::move(*Temp)));
}

AtomicOutputFile::~AtomicOutputFile() {
  if (!Temp)
    return;
  Stream.reset();
  llvm::consumeError(Temp->discard());
}

llvm::Error AtomicOutputFile::commit() {
  Stream->flush();
  if (Stream->has_error()) {
    std::string Why = Stream->error().message();
    Stream->clear_error();
    return cannotWrite(Path, Why);
  }
  Stream.reset();
  llvm::Error Kept = Temp->keep(Path);
  // keep() removes the temporary file itself when the rename fails.
  Temp.reset();
  if (Kept)
    return cannotWrite(Path, llvm::toString(std::move(Kept)));
  return llvm::Error::success();
}

} // namespace iterguard
