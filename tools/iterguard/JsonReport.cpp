//===--- JsonReport.cpp - Machine-readable findings -------------*- C++ -*-===//

#include "JsonReport.h"
#include "llvm/Support/JSON.h"

namespace iterguard {

static void writePosition(llvm::json::OStream &J, unsigned Line,
                          unsigned Column) {
  J.attribute("line", Line);
  J.attribute("column", Column);
}

static void writeLocation(llvm::json::OStream &J, const ResolvedLocation &Loc,
                          llvm::StringRef Root) {
  J.attribute("file", relativePath(Loc.File, Root));
  writePosition(J, Loc.Line, Loc.Column);
}

static void writeFinding(llvm::json::OStream &J, const ResolvedFinding &F,
                         llvm::StringRef Root) {
  J.object([&] {
    J.attribute("check", F.CheckName);
    J.attribute("message", F.Message);
    writeLocation(J, F.Loc, Root);
    J.attribute("fingerprint", F.Fingerprint);
    J.attributeArray("notes", [&] {
      for (const ResolvedNote &Note : F.Notes)
        J.object([&] {
          J.attribute("message", Note.Message);
          writeLocation(J, Note.Loc, Root);
        });
    });
    J.attributeArray("fixes", [&] {
      for (const ResolvedFix &Fix : F.Fixes)
        J.object([&] {
          J.attribute("file", relativePath(Fix.File, Root));
          J.attributeObject("begin", [&] {
            writePosition(J, Fix.BeginLine, Fix.BeginColumn);
          });
          J.attributeObject(
              "end", [&] { writePosition(J, Fix.EndLine, Fix.EndColumn); });
          J.attribute("replacement", Fix.Replacement);
        });
    });
  });
}

void printJsonReport(const ScanReport &Report, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("version", 1);
    J.attributeObject("tool", [&] {
      J.attribute("name", "iterguard");
      J.attribute("version", ITERGUARD_VERSION);
    });
    J.attributeArray("findings", [&] {
      for (const ResolvedFinding &F : Report.Findings)
        writeFinding(J, F, Report.Root);
    });
    J.attributeObject("summary", [&] {
      J.attribute("translationUnits", int64_t(Report.TranslationUnits));
      J.attribute("findings", int64_t(Report.Findings.size()));
      J.attribute("hiddenByBaseline", int64_t(Report.HiddenByBaseline));
      J.attributeArray("unparsed", [&] {
        for (const UnparsedUnit &Unit : Report.Unparsed)
          J.object([&] {
            J.attribute("file", relativePath(Unit.File, Report.Root));
            J.attribute("error", Unit.Error);
          });
      });
    });
  });
  OS << "\n";
}

} // namespace iterguard
