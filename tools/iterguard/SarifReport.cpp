//===--- SarifReport.cpp - SARIF 2.1.0 for code-scanning services -*- C++ -*-===//

#include "SarifReport.h"
#include "CheckDocs.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

namespace iterguard {

static constexpr llvm::StringLiteral SourceRoot = "SRCROOT";
static constexpr llvm::StringLiteral FingerprintKey = "iterguardFinding/v1";

/// Percent-encodes everything but RFC 3986's unreserved characters and '/'.
static std::string uriPath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C)) {
      Out += C;
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
    Out += llvm::hexdigit(C & 15, /*LowerCase=*/false);
  }
  return Out;
}

static void writeArtifact(llvm::json::OStream &J, llvm::StringRef File,
                          llvm::StringRef Root) {
  std::string Relative = relativePath(File, Root);
  J.attributeObject("artifactLocation", [&] {
    if (llvm::sys::path::is_absolute(Relative)) {
      J.attribute("uri", "file://" + uriPath(Relative));
      return;
    }
    J.attribute("uri", uriPath(Relative));
    J.attribute("uriBaseId", SourceRoot);
  });
}

/// SARIF counts columns in UTF-16 code units (columnKind utf16CodeUnits);
/// findings count bytes. Converts with the line's text.
static unsigned utf16Column(llvm::StringRef Line, unsigned ByteColumn) {
  unsigned Units = 0;
  for (size_t I = 0; I + 1 < ByteColumn && I < Line.size(); ++I) {
    unsigned char C = Line[I];
    if ((C & 0xC0) == 0x80)
      continue; // A continuation byte adds nothing.
    Units += (C >= 0xF0) ? 2 : 1; // Four-byte sequences are surrogate pairs.
  }
  return Units + 1 + (ByteColumn > Line.size() + 1
                          ? ByteColumn - Line.size() - 1
                          : 0);
}

static void writePhysicalLocation(llvm::json::OStream &J,
                                  const ResolvedLocation &Loc,
                                  llvm::StringRef Root) {
  J.attributeObject("physicalLocation", [&] {
    writeArtifact(J, Loc.File, Root);
    // With no end given, the region runs to the end of the start line, so
    // that is what the snippet holds.
    J.attributeObject("region", [&] {
      J.attribute("startLine", Loc.Line);
      J.attribute("startColumn", utf16Column(Loc.LineText, Loc.Column));
      J.attributeObject("snippet", [&] {
        J.attribute("text", llvm::StringRef(Loc.LineText)
                                .drop_front(Loc.Column ? Loc.Column - 1 : 0));
      });
    });
  });
}

static void writeText(llvm::json::OStream &J, llvm::StringRef Key,
                      llvm::StringRef Text) {
  J.attributeObject(Key, [&] { J.attribute("text", Text); });
}

static void writeRule(llvm::json::OStream &J, const CheckInfo &Info) {
  J.object([&] {
    J.attribute("id", Info.Name);
    writeText(J, "shortDescription", Info.Summary);
    writeText(J, "fullDescription", Info.Description);
    llvm::StringRef Page = checkDocumentation(Info.Name).value_or(Info.Summary);
    J.attributeObject("help", [&] {
      J.attribute("text", Page);
      J.attribute("markdown", Page);
    });
    J.attributeObject("defaultConfiguration",
                      [&] { J.attribute("level", "warning"); });
    J.attributeObject("properties", [&] {
      J.attributeArray("tags", [&] {
        J.value("correctness");
        if (Info.Id == CheckId::UnsynchronizedContainerWrite)
          J.value("concurrency");
      });
    });
  });
}

static void writeFixes(llvm::json::OStream &J, const ResolvedFinding &F,
                       llvm::StringRef Root) {
  if (F.Fixes.empty())
    return;
  J.attributeArray("fixes", [&] {
    J.object([&] {
      writeText(J, "description", "apply the suggested fix-it");
      J.attributeArray("artifactChanges", [&] {
        for (const ResolvedFix &Fix : F.Fixes)
          J.object([&] {
            writeArtifact(J, Fix.File, Root);
            J.attributeArray("replacements", [&] {
              J.object([&] {
                J.attributeObject("deletedRegion", [&] {
                  J.attribute("startLine", Fix.BeginLine);
                  J.attribute("startColumn", Fix.BeginColumn);
                  J.attribute("endLine", Fix.EndLine);
                  J.attribute("endColumn", Fix.EndColumn);
                });
                writeText(J, "insertedContent", Fix.Replacement);
              });
            });
          });
      });
    });
  });
}

static void writeResult(llvm::json::OStream &J, const ResolvedFinding &F,
                        llvm::ArrayRef<CheckId> Rules, llvm::StringRef Root) {
  J.object([&] {
    J.attribute("ruleId", F.CheckName);
    for (size_t I = 0; I < Rules.size(); ++I)
      if (checkInfo(Rules[I]).Name == F.CheckName)
        J.attribute("ruleIndex", int64_t(I));
    J.attribute("level", "warning");
    writeText(J, "message", F.Message);
    J.attributeArray("locations", [&] {
      J.object([&] { writePhysicalLocation(J, F.Loc, Root); });
    });
    if (!F.Notes.empty())
      J.attributeArray("relatedLocations", [&] {
        for (size_t I = 0; I < F.Notes.size(); ++I)
          J.object([&] {
            J.attribute("id", int64_t(I));
            writeText(J, "message", F.Notes[I].Message);
            writePhysicalLocation(J, F.Notes[I].Loc, Root);
          });
      });
    J.attributeObject("partialFingerprints",
                      [&] { J.attribute(FingerprintKey, F.Fingerprint); });
    writeFixes(J, F, Root);
  });
}

void printSarifReport(const ScanReport &Report,
                      llvm::ArrayRef<CheckId> EnabledChecks,
                      llvm::raw_ostream &OS) {
  // Rules are listed in catalog order, so ruleIndex is stable for a --checks.
  llvm::SmallVector<CheckId, 3> Rules;
  for (const CheckInfo &Info : allChecks())
    if (llvm::is_contained(EnabledChecks, Info.Id))
      Rules.push_back(Info.Id);

  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", "iterguard");
            J.attribute("version", ITERGUARD_VERSION);
            J.attribute("semanticVersion", ITERGUARD_VERSION);
            J.attributeArray("rules", [&] {
              for (CheckId Id : Rules)
                writeRule(J, checkInfo(Id));
            });
          });
        });
        J.attribute("columnKind", "utf16CodeUnits");
        J.attributeObject("originalUriBaseIds", [&] {
          J.attributeObject(SourceRoot, [&] {
            J.attribute("uri", "file://" +
                                     uriPath(llvm::StringRef(Report.Root).rtrim('/')) +
                                     "/");
          });
        });
        J.attributeArray("invocations", [&] {
          J.object([&] {
            J.attribute("executionSuccessful", Report.Unparsed.empty());
            J.attributeArray("toolExecutionNotifications", [&] {
              for (const UnparsedUnit &Unit : Report.Unparsed)
                J.object([&] {
                  J.attribute("level", "error");
                  writeText(J, "message", Unit.Error);
                  J.attributeArray("locations", [&] {
                    J.object([&] {
                      J.attributeObject("physicalLocation", [&] {
                        writeArtifact(J, Unit.File, Report.Root);
                      });
                    });
                  });
                });
            });
          });
        });
        J.attributeArray("results", [&] {
          for (const ResolvedFinding &F : Report.Findings)
            writeResult(J, F, Rules, Report.Root);
        });
      });
    });
  });
  OS << "\n";
}

} // namespace iterguard
