//===--- Baseline.cpp - Accepting the findings a codebase has ---*- C++ -*-===//

#include "Baseline.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace iterguard {

static constexpr int64_t BaselineVersion = 1;

static llvm::Error badBaseline(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "invalid baseline '" + Path + "': " + Why);
}

llvm::Expected<Baseline> Baseline::load(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read baseline '" + Path +
                                       "': " + Buffer.getError().message());
  llvm::Expected<llvm::json::Value> Json =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Json)
    return badBaseline(Path, llvm::toString(Json.takeError()));
  const llvm::json::Object *Root = Json->getAsObject();
  if (!Root)
    return badBaseline(Path, "expected a JSON object");
  if (Root->getInteger("version") != BaselineVersion)
    return badBaseline(Path, "expected \"version\": 1");
  const llvm::json::Array *Findings = Root->getArray("findings");
  if (!Findings)
    return badBaseline(Path, "expected a \"findings\" array");
  Baseline Result;
  for (const llvm::json::Value &Entry : *Findings) {
    const llvm::json::Object *Finding = Entry.getAsObject();
    std::optional<llvm::StringRef> Fingerprint =
        Finding ? Finding->getString("fingerprint") : std::nullopt;
    if (!Fingerprint)
      return badBaseline(Path, "every finding needs a \"fingerprint\" string");
    Result.Fingerprints.insert(*Fingerprint);
  }
  return Result;
}

void Baseline::hideKnownFindings(ScanReport &Report) const {
  size_t Before = Report.Findings.size();
  llvm::erase_if(Report.Findings, [&](const ResolvedFinding &F) {
    return Fingerprints.contains(F.Fingerprint);
  });
  Report.HiddenByBaseline += Before - Report.Findings.size();
}

void writeBaseline(const ScanReport &Report, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("version", BaselineVersion);
    J.attributeArray("findings", [&] {
      for (const ResolvedFinding &F : Report.Findings)
        J.object([&] {
          J.attribute("fingerprint", F.Fingerprint);
          J.attribute("check", F.CheckName);
          J.attribute("file", relativePath(F.Loc.File, Report.Root));
          J.attribute("line", F.Loc.Line);
          J.attribute("message", F.Message);
        });
    });
  });
  OS << "\n";
}

} // namespace iterguard
