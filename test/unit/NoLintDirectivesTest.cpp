//===--- NoLintDirectivesTest.cpp - Tests for NOLINT handling ---*- C++ -*-===//
//
// The expectations mirror clang-tidy 19, checked against its binary on the
// same layouts (see clang-tools-extra/test/clang-tidy/infrastructure/nolint*).
//
//===----------------------------------------------------------------------===//

#include "Report/NoLintDirectives.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using iterguard::NoLintDirectives;
using iterguard::NoLintFilter;

namespace {

constexpr llvm::StringLiteral Invalidated = "iterguard-invalidated-iterator";
constexpr llvm::StringLiteral Escape = "iterguard-range-loop-address-escape";
constexpr llvm::StringLiteral Other = "bugprone-use-after-move";

const char *const UnmatchedBegin = "unmatched 'NOLINTBEGIN' comment without "
                                   "a subsequent 'NOLINTEND' comment";
const char *const UnmatchedEnd = "unmatched 'NOLINTEND' comment without a "
                                 "previous 'NOLINTBEGIN' comment";

//===----------------------------------------------------------------------===//
// NOLINT on the same line
//===----------------------------------------------------------------------===//

TEST(NoLintDirectivesTest, NoLintWithoutListSilencesEveryCheckOnItsLine) {
  NoLintDirectives D("int a;\n"
                     "int b; // NOLINT\n"
                     "int c;\n");
  EXPECT_FALSE(D.suppresses(1, Invalidated));
  EXPECT_TRUE(D.suppresses(2, Invalidated));
  EXPECT_TRUE(D.suppresses(2, Other));
  EXPECT_FALSE(D.suppresses(3, Invalidated));
  EXPECT_TRUE(D.problems().empty());
}

TEST(NoLintDirectivesTest, NoLintListSilencesOnlyListedChecks) {
  NoLintDirectives D(
      "int a; // NOLINT(iterguard-invalidated-iterator)\n"
      "int b; // NOLINT(some-check, iterguard-invalidated-iterator)\n"
      "int c; // NOLINT(  iterguard-invalidated-iterator  )\n");
  for (unsigned Line = 1; Line <= 3; ++Line) {
    EXPECT_TRUE(D.suppresses(Line, Invalidated)) << Line;
    EXPECT_FALSE(D.suppresses(Line, Escape)) << Line;
  }
}

TEST(NoLintDirectivesTest, WrongCheckNameDoesNotSilence) {
  NoLintDirectives D("int a; // NOLINT(for-some-other-check)\n"
                     "int b; // NOLINT(iterguard-invalidated-iterators)\n");
  EXPECT_FALSE(D.suppresses(1, Invalidated));
  EXPECT_FALSE(D.suppresses(2, Invalidated));
}

TEST(NoLintDirectivesTest, CheckListTakesGlobs) {
  NoLintDirectives D("int a; // NOLINT(iterguard-*)\n"
                     "int b; // NOLINT(*)\n"
                     "int c; // NOLINT(iterguard-*-iterator)\n");
  EXPECT_TRUE(D.suppresses(1, Invalidated));
  EXPECT_TRUE(D.suppresses(1, Escape));
  EXPECT_FALSE(D.suppresses(1, Other));
  EXPECT_TRUE(D.suppresses(2, Other));
  EXPECT_TRUE(D.suppresses(3, Invalidated));
  EXPECT_FALSE(D.suppresses(3, Escape));
}

TEST(NoLintDirectivesTest, EmptyListSilencesNothing) {
  NoLintDirectives D("int a; // NOLINT()\n"
                     "int b; // NOLINT( , )\n");
  EXPECT_FALSE(D.suppresses(1, Invalidated));
  EXPECT_FALSE(D.suppresses(2, Invalidated));
}

TEST(NoLintDirectivesTest, NegativeGlobsInAListAreIgnored) {
  NoLintDirectives D("int a; // NOLINT(-iterguard-invalidated-iterator)\n"
                     "int b; // NOLINT(*,-iterguard-invalidated-iterator)\n");
  // Only negative: nothing left to silence.
  EXPECT_FALSE(D.suppresses(1, Invalidated));
  EXPECT_FALSE(D.suppresses(1, Other));
  // The exclusion is dropped, so '*' silences the excluded check too.
  EXPECT_TRUE(D.suppresses(2, Invalidated));
}

TEST(NoLintDirectivesTest, UnclosedListSilencesEveryCheck) {
  // The ')' must be on the same line; the list is otherwise ignored.
  NoLintDirectives D("int a; // NOLINT(some-other-check\n"
                     "int b; // )\n"
                     "int c; /* NOLINT(some-other-check\n"
                     "          some-other-check) */\n");
  EXPECT_TRUE(D.suppresses(1, Invalidated));
  EXPECT_FALSE(D.suppresses(2, Invalidated));
  EXPECT_TRUE(D.suppresses(3, Invalidated));
}

TEST(NoLintDirectivesTest, ListMustFollowTheWordImmediately) {
  NoLintDirectives D("int a; // NOLINT (some-other-check)\n"
                     "int b; // NOLINT without-brackets, some-other-check\n");
  EXPECT_TRUE(D.suppresses(1, Invalidated));
  EXPECT_TRUE(D.suppresses(2, Invalidated));
}

TEST(NoLintDirectivesTest, DirectiveWordIsUppercaseAndEndsAtANonLetter) {
  NoLintDirectives D("int a; // nolint\n"
                     "int b; // NOLINTXYZ\n"
                     "int c; // NOLINTNOLINT\n"
                     "int d; // NOLINT1\n"
                     "int e; // NOLINT_X\n"
                     "int f; // NOLINT: reason\n");
  EXPECT_FALSE(D.suppresses(1, Invalidated));
  EXPECT_FALSE(D.suppresses(2, Invalidated));
  EXPECT_FALSE(D.suppresses(3, Invalidated));
  EXPECT_TRUE(D.suppresses(4, Invalidated));
  EXPECT_TRUE(D.suppresses(5, Invalidated));
  EXPECT_TRUE(D.suppresses(6, Invalidated));
}

TEST(NoLintDirectivesTest, TextOutsideCommentsCountsAsInClangTidy) {
  // clang-tidy scans the raw text, so these silence their lines as well.
  NoLintDirectives D("const char *S = \"NOLINT\";\n"
                     "int MYNOLINT;\n"
                     "/* NOLINT */ int c;\n"
                     "int d; /* NOLINT(iterguard-*) */ int e;\n");
  EXPECT_TRUE(D.suppresses(1, Invalidated));
  EXPECT_TRUE(D.suppresses(2, Invalidated));
  EXPECT_TRUE(D.suppresses(3, Invalidated));
  EXPECT_TRUE(D.suppresses(4, Invalidated));
  EXPECT_FALSE(D.suppresses(4, Other));
}

TEST(NoLintDirectivesTest, SeveralDirectivesOnOneLine) {
  NoLintDirectives D("int a; // NOLINT(some-check) NOLINT(iterguard-*)\n"
                     "int b; // NOLINTNEXTLINE(bugprone-*) NOLINT(other)\n"
                     "int c;\n");
  EXPECT_TRUE(D.suppresses(1, Invalidated));
  EXPECT_FALSE(D.suppresses(2, Other));
  EXPECT_TRUE(D.suppresses(3, Other));
  EXPECT_FALSE(D.suppresses(3, Invalidated));
}

//===----------------------------------------------------------------------===//
// NOLINTNEXTLINE
//===----------------------------------------------------------------------===//

TEST(NoLintDirectivesTest, NextLineSilencesOnlyTheFollowingLine) {
  NoLintDirectives D("// NOLINTNEXTLINE\n"
                     "int a;\n"
                     "int b;\n"
                     "int c; // NOLINTNEXTLINE(iterguard-*)\n"
                     "int d;\n");
  EXPECT_FALSE(D.suppresses(1, Invalidated));
  EXPECT_TRUE(D.suppresses(2, Invalidated));
  EXPECT_TRUE(D.suppresses(2, Other));
  EXPECT_FALSE(D.suppresses(3, Invalidated));
  // Not its own line: NOLINTNEXTLINE is not a NOLINT.
  EXPECT_FALSE(D.suppresses(4, Invalidated));
  EXPECT_TRUE(D.suppresses(5, Invalidated));
  EXPECT_FALSE(D.suppresses(5, Other));
  EXPECT_FALSE(D.suppresses(6, Invalidated));
}

TEST(NoLintDirectivesTest, NextLineSkipsNoBlankLines) {
  NoLintDirectives D("// NOLINTNEXTLINE\n"
                     "\n"
                     "int a;\n");
  EXPECT_TRUE(D.suppresses(2, Invalidated));
  EXPECT_FALSE(D.suppresses(3, Invalidated));
}

TEST(NoLintDirectivesTest, CrLfLineEndingsCountLinesOnce) {
  NoLintDirectives D("int a;\r\n"
                     "// NOLINTNEXTLINE(iterguard-*)\r\n"
                     "int b;\r\n"
                     "int c; // NOLINT\r\n");
  EXPECT_FALSE(D.suppresses(2, Invalidated));
  EXPECT_TRUE(D.suppresses(3, Invalidated));
  EXPECT_TRUE(D.suppresses(4, Other));
  EXPECT_FALSE(D.suppresses(5, Other));
}

//===----------------------------------------------------------------------===//
// NOLINTBEGIN / NOLINTEND
//===----------------------------------------------------------------------===//

TEST(NoLintDirectivesTest, BlockWithoutListSilencesEveryCheckInside) {
  NoLintDirectives D("int a;\n"
                     "// NOLINTBEGIN\n"
                     "int b;\n"
                     "int c;\n"
                     "// NOLINTEND\n"
                     "int d;\n");
  EXPECT_FALSE(D.suppresses(1, Invalidated));
  EXPECT_TRUE(D.suppresses(3, Invalidated));
  EXPECT_TRUE(D.suppresses(4, Other));
  EXPECT_FALSE(D.suppresses(6, Invalidated));
  EXPECT_TRUE(D.problems().empty());
}

TEST(NoLintDirectivesTest, BlockWithListSilencesOnlyListedChecks) {
  NoLintDirectives D("// NOLINTBEGIN(iterguard-invalidated-iterator, "
                     "bugprone-*)\n"
                     "int a;\n"
                     "// NOLINTEND(iterguard-invalidated-iterator,bugprone-*)\n"
                     "int b;\n");
  // The lists pair up because whitespace around entries is ignored.
  EXPECT_TRUE(D.problems().empty());
  EXPECT_TRUE(D.suppresses(2, Invalidated));
  EXPECT_TRUE(D.suppresses(2, Other));
  EXPECT_FALSE(D.suppresses(2, Escape));
  EXPECT_FALSE(D.suppresses(4, Invalidated));
}

TEST(NoLintDirectivesTest, NestedBlocks) {
  NoLintDirectives D("// NOLINTBEGIN(iterguard-*)\n"
                     "int a;\n"
                     "// NOLINTBEGIN(bugprone-*)\n"
                     "int b;\n"
                     "// NOLINTEND(bugprone-*)\n"
                     "int c;\n"
                     "// NOLINTEND(iterguard-*)\n"
                     "int d;\n");
  EXPECT_TRUE(D.problems().empty());
  EXPECT_TRUE(D.suppresses(2, Invalidated));
  EXPECT_FALSE(D.suppresses(2, Other));
  EXPECT_TRUE(D.suppresses(4, Invalidated));
  EXPECT_TRUE(D.suppresses(4, Other));
  EXPECT_TRUE(D.suppresses(6, Escape));
  EXPECT_FALSE(D.suppresses(6, Other));
  EXPECT_FALSE(D.suppresses(8, Invalidated));
}

TEST(NoLintDirectivesTest, NestedBlocksWithTheSameList) {
  NoLintDirectives D("// NOLINTBEGIN\n"
                     "// NOLINTBEGIN\n"
                     "int a;\n"
                     "// NOLINTEND\n"
                     "int b;\n"
                     "// NOLINTEND\n"
                     "int c;\n");
  EXPECT_TRUE(D.problems().empty());
  EXPECT_TRUE(D.suppresses(3, Invalidated));
  EXPECT_TRUE(D.suppresses(5, Invalidated));
  EXPECT_FALSE(D.suppresses(7, Invalidated));
}

TEST(NoLintDirectivesTest, OverlappingBlocksDoNotPair) {
  // An end may only close the innermost block: the END(iterguard-*) does not
  // match BEGIN(bugprone-*) and is reported, and BEGIN(iterguard-*) is then
  // never closed.
  NoLintDirectives D("// NOLINTBEGIN(iterguard-*)\n"
                     "int a;\n"
                     "// NOLINTBEGIN(bugprone-*)\n"
                     "int b;\n"
                     "// NOLINTEND(iterguard-*)\n"
                     "int c;\n"
                     "// NOLINTEND(bugprone-*)\n"
                     "int d;\n");
  EXPECT_FALSE(D.suppresses(2, Invalidated));
  EXPECT_FALSE(D.suppresses(4, Invalidated));
  EXPECT_TRUE(D.suppresses(4, Other));
  EXPECT_TRUE(D.suppresses(6, Other));
  EXPECT_FALSE(D.suppresses(6, Invalidated));
  EXPECT_FALSE(D.suppresses(8, Other));

  ASSERT_EQ(D.problems().size(), 2u);
  EXPECT_EQ(D.problems()[0].Line, 1u);
  EXPECT_EQ(D.problems()[0].Column, 4u);
  EXPECT_EQ(D.problems()[0].Message, UnmatchedBegin);
  EXPECT_EQ(D.problems()[1].Line, 5u);
  EXPECT_EQ(D.problems()[1].Column, 4u);
  EXPECT_EQ(D.problems()[1].Message, UnmatchedEnd);
}

TEST(NoLintDirectivesTest, UnmatchedBeginSilencesNothingAndIsReported) {
  NoLintDirectives D("int a;\n"
                     "  /* NOLINTBEGIN(iterguard-*) */\n"
                     "int b;\n"
                     "int c; // NOLINT\n");
  EXPECT_FALSE(D.suppresses(3, Invalidated));
  // Line directives still work in a file with a broken block.
  EXPECT_TRUE(D.suppresses(4, Invalidated));
  ASSERT_EQ(D.problems().size(), 1u);
  EXPECT_EQ(D.problems()[0].Line, 2u);
  EXPECT_EQ(D.problems()[0].Column, 6u);
  EXPECT_EQ(D.problems()[0].Message, UnmatchedBegin);
}

TEST(NoLintDirectivesTest, UnmatchedEndSilencesNothingAndIsReported) {
  NoLintDirectives D("int a;\n"
                     "int b;\n"
                     "// NOLINTEND\n");
  EXPECT_FALSE(D.suppresses(1, Invalidated));
  EXPECT_FALSE(D.suppresses(2, Invalidated));
  ASSERT_EQ(D.problems().size(), 1u);
  EXPECT_EQ(D.problems()[0].Line, 3u);
  EXPECT_EQ(D.problems()[0].Column, 4u);
  EXPECT_EQ(D.problems()[0].Message, UnmatchedEnd);
}

TEST(NoLintDirectivesTest, EndWithADifferentListDoesNotClose) {
  // "*" is spelled differently from no list at all, so these do not pair.
  NoLintDirectives D("// NOLINTBEGIN\n"
                     "int a;\n"
                     "// NOLINTEND(*)\n");
  EXPECT_FALSE(D.suppresses(2, Invalidated));
  ASSERT_EQ(D.problems().size(), 2u);
  EXPECT_EQ(D.problems()[0].Line, 1u);
  EXPECT_EQ(D.problems()[0].Message, UnmatchedBegin);
  EXPECT_EQ(D.problems()[1].Line, 3u);
  EXPECT_EQ(D.problems()[1].Message, UnmatchedEnd);

  // The list order matters too.
  NoLintDirectives Swapped("// NOLINTBEGIN(a,b)\n"
                           "int a;\n"
                           "// NOLINTEND(b,a)\n");
  EXPECT_EQ(Swapped.problems().size(), 2u);
}

TEST(NoLintDirectivesTest, StrayEndLeavesTheOpenBlockIntact) {
  NoLintDirectives D("// NOLINTBEGIN(iterguard-*)\n"
                     "int a;\n"
                     "// NOLINTEND(bugprone-*)\n"
                     "int b;\n"
                     "// NOLINTEND(iterguard-*)\n");
  EXPECT_TRUE(D.suppresses(2, Invalidated));
  EXPECT_TRUE(D.suppresses(4, Invalidated));
  ASSERT_EQ(D.problems().size(), 1u);
  EXPECT_EQ(D.problems()[0].Line, 3u);
  EXPECT_EQ(D.problems()[0].Message, UnmatchedEnd);
}

TEST(NoLintDirectivesTest, EmptyBlockListSilencesNothing) {
  NoLintDirectives D("// NOLINTBEGIN()\n"
                     "int a;\n"
                     "// NOLINTEND()\n");
  EXPECT_TRUE(D.problems().empty());
  EXPECT_FALSE(D.suppresses(2, Invalidated));
}

TEST(NoLintDirectivesTest, BlockEdgesFollowTheDirectivePosition) {
  // clang-tidy silences what lies after the BEGIN and before the END.
  NoLintDirectives D("int a; // NOLINTBEGIN\n"
                     "int b;\n"
                     "int c; // NOLINTEND\n"
                     "int d;\n"
                     "/* NOLINTBEGIN */ int e;\n"
                     "int f;\n"
                     "/* NOLINTEND */ int g;\n"
                     "/* NOLINTBEGIN */ int h; /* NOLINTEND */\n");
  EXPECT_TRUE(D.problems().empty());
  EXPECT_FALSE(D.suppresses(1, Invalidated));
  EXPECT_TRUE(D.suppresses(2, Invalidated));
  EXPECT_TRUE(D.suppresses(3, Invalidated));
  EXPECT_FALSE(D.suppresses(4, Invalidated));
  EXPECT_TRUE(D.suppresses(5, Invalidated));
  EXPECT_TRUE(D.suppresses(6, Invalidated));
  EXPECT_FALSE(D.suppresses(7, Invalidated));
  EXPECT_TRUE(D.suppresses(8, Invalidated));
}

//===----------------------------------------------------------------------===//
// NoLintFilter on real source locations
//===----------------------------------------------------------------------===//

class NoLintFilterTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code,
             clang::tooling::FileContentMappings Headers = {}) {
    Filter.reset();
    AST.reset();
    // The AST's buffers point into the header strings without copying them,
    // so the strings live as long as the AST.
    HeaderContents = std::move(Headers);
    AST = clang::tooling::buildASTFromCodeWithArgs(
        Code, {"-std=c++17"}, "input.cc", "iterguard-unittests",
        std::make_shared<clang::PCHContainerOperations>(),
        clang::tooling::getClangStripDependencyFileAdjuster(), HeaderContents);
    ASSERT_TRUE(AST);
    ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    Filter = std::make_unique<NoLintFilter>(AST->getSourceManager());
  }

  clang::SourceLocation varLoc(llvm::StringRef Name) {
    using namespace clang::ast_matchers;
    const auto *Var = selectFirst<clang::VarDecl>(
        "v", match(varDecl(hasName(Name)).bind("v"), AST->getASTContext()));
    EXPECT_NE(Var, nullptr) << Name.str();
    return Var ? Var->getLocation() : clang::SourceLocation();
  }

  bool silenced(llvm::StringRef Var, llvm::StringRef Check = Invalidated) {
    return Filter->isSuppressed(varLoc(Var), Check);
  }

  clang::tooling::FileContentMappings HeaderContents;
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<NoLintFilter> Filter;
};

TEST_F(NoLintFilterTest, LineDirectives) {
  parse("int a;\n"
        "int b; // NOLINT\n"
        "int c; // NOLINT(iterguard-*)\n"
        "int d; // NOLINT(other-check)\n"
        "// NOLINTNEXTLINE(iterguard-invalidated-iterator)\n"
        "int e;\n"
        "int f;\n");
  EXPECT_FALSE(silenced("a"));
  EXPECT_TRUE(silenced("b"));
  EXPECT_TRUE(silenced("c"));
  EXPECT_FALSE(silenced("c", Other));
  EXPECT_FALSE(silenced("d"));
  EXPECT_TRUE(silenced("e"));
  EXPECT_FALSE(silenced("e", Escape));
  EXPECT_FALSE(silenced("f"));
}

TEST_F(NoLintFilterTest, Blocks) {
  parse("// NOLINTBEGIN(iterguard-*)\n"
        "int a;\n"
        "// NOLINTEND(iterguard-*)\n"
        "int b;\n"
        "// NOLINTBEGIN\n"
        "int c;\n");
  EXPECT_TRUE(silenced("a"));
  EXPECT_FALSE(silenced("a", Other));
  EXPECT_FALSE(silenced("b"));
  EXPECT_FALSE(silenced("c"));
}

TEST_F(NoLintFilterTest, InvalidLocationIsNeverSilenced) {
  parse("int a; // NOLINT\n");
  EXPECT_FALSE(Filter->isSuppressed(clang::SourceLocation(), Invalidated));
}

TEST_F(NoLintFilterTest, MacroInvocationLineSilencesTheExpansion) {
  parse("#define DECLARE_IN_MACRO(Name) int Name##_v = 0;\n"
        "#define DECLARE_X int x = 0;\n"
        "#define DECLARE_Y int y = 0;\n"
        "DECLARE_X // NOLINT(iterguard-*)\n"
        "DECLARE_Y\n"
        "DECLARE_IN_MACRO(p) // NOLINT\n"
        "DECLARE_IN_MACRO(q)\n"
        "// NOLINTNEXTLINE\n"
        "DECLARE_IN_MACRO(r)\n");
  // 'x' is spelled in the definition; the NOLINT is on the invocation.
  EXPECT_TRUE(silenced("x"));
  EXPECT_FALSE(silenced("x", Other));
  EXPECT_FALSE(silenced("y"));
  // The pasted names are spelled in scratch space, which holds no directives.
  EXPECT_TRUE(silenced("p_v"));
  EXPECT_FALSE(silenced("q_v"));
  EXPECT_TRUE(silenced("r_v"));
}

TEST_F(NoLintFilterTest, DirectiveInTheMacroDefinition) {
  parse("#define DECLARE_A int a = 0; // NOLINT\n"
        "#define DECLARE(Name) int Name = 0; // NOLINT(iterguard-*)\n"
        "#define TWICE DECLARE(c) // NOLINT(bugprone-*)\n"
        "DECLARE_A\n"
        "DECLARE(b)\n"
        "TWICE\n");
  EXPECT_TRUE(silenced("a", Other));
  // 'b' is spelled on the invocation line, but expanded through the
  // definition, whose NOLINT applies.
  EXPECT_TRUE(silenced("b"));
  EXPECT_FALSE(silenced("b", Other));
  // 'c' passes through both definitions.
  EXPECT_TRUE(silenced("c"));
  EXPECT_TRUE(silenced("c", Other));
  EXPECT_FALSE(silenced("c", "misc-unused-using-decls"));
}

TEST_F(NoLintFilterTest, EachFileHasItsOwnDirectives) {
  parse("#include \"header.h\"\n"
        "int a; // NOLINT\n"
        "int b;\n",
        {{"header.h", "int h1;\n"
                      "int h2; // NOLINTBEGIN\n"}});
  EXPECT_TRUE(silenced("a"));
  EXPECT_FALSE(silenced("b"));
  // Line 2 of the header is not line 2 of the main file, and the header's
  // unmatched block silences nothing.
  EXPECT_FALSE(silenced("h1"));
  EXPECT_FALSE(silenced("h2"));
}

} // namespace
