//===--- GlobListTest.cpp - Tests for clang-tidy style globs ----*- C++ -*-===//

#include "Support/GlobList.h"
#include "gtest/gtest.h"

using iterguard::GlobList;

namespace {

TEST(GlobListTest, PositiveGlobMatchesOnlyTheWholeName) {
  GlobList Globs("iterguard-invalidated-iterator");
  EXPECT_TRUE(Globs.contains("iterguard-invalidated-iterator"));
  // Anchored at both ends.
  EXPECT_FALSE(Globs.contains("iterguard-invalidated-iterators"));
  EXPECT_FALSE(Globs.contains("x-iterguard-invalidated-iterator"));
  EXPECT_FALSE(Globs.contains("iterguard-invalidated"));
}

TEST(GlobListTest, StarMatchesAnyRunIncludingNone) {
  GlobList Globs("iterguard-*");
  EXPECT_TRUE(Globs.contains("iterguard-invalidated-iterator"));
  EXPECT_TRUE(Globs.contains("iterguard-"));
  EXPECT_FALSE(Globs.contains("iterguard"));
  EXPECT_FALSE(Globs.contains("bugprone-use-after-move"));

  GlobList All("*");
  EXPECT_TRUE(All.contains("bugprone-use-after-move"));
  EXPECT_TRUE(All.contains("iterguard-range-loop-address-escape"));
}

TEST(GlobListTest, StarInTheMiddle) {
  GlobList Globs("iterguard-*-iterator");
  EXPECT_TRUE(Globs.contains("iterguard-invalidated-iterator"));
  EXPECT_TRUE(Globs.contains("iterguard-a-b-iterator"));
  EXPECT_FALSE(Globs.contains("iterguard-invalidated-iterators"));
  EXPECT_FALSE(Globs.contains("iterguard-range-loop-address-escape"));

  GlobList TwoStars("*-use-*");
  EXPECT_TRUE(TwoStars.contains("bugprone-use-after-move"));
  EXPECT_FALSE(TwoStars.contains("bugprone-use"));
}

TEST(GlobListTest, NameMatchedByNoGlobIsNotContained) {
  EXPECT_FALSE(GlobList("iterguard-a,iterguard-b").contains("iterguard-c"));
}

TEST(GlobListTest, LeadingDashExcludes) {
  GlobList Globs("-*,iterguard-invalidated-iterator");
  EXPECT_TRUE(Globs.contains("iterguard-invalidated-iterator"));
  EXPECT_FALSE(Globs.contains("iterguard-range-loop-address-escape"));
  EXPECT_FALSE(Globs.contains("bugprone-use-after-move"));

  GlobList OnlyNegative("-iterguard-*");
  EXPECT_FALSE(OnlyNegative.contains("iterguard-invalidated-iterator"));
  EXPECT_FALSE(OnlyNegative.contains("bugprone-use-after-move"));
}

TEST(GlobListTest, LastMatchingGlobWins) {
  GlobList ExcludeAfter("iterguard-*,-iterguard-range-*");
  EXPECT_TRUE(ExcludeAfter.contains("iterguard-invalidated-iterator"));
  EXPECT_FALSE(ExcludeAfter.contains("iterguard-range-loop-address-escape"));

  // The same globs in the other order: the broad positive comes last.
  GlobList IncludeAfter("-iterguard-range-*,iterguard-*");
  EXPECT_TRUE(IncludeAfter.contains("iterguard-range-loop-address-escape"));

  GlobList Flipping("a,-a,a,-a");
  EXPECT_FALSE(Flipping.contains("a"));
}

TEST(GlobListTest, WhitespaceAroundGlobsAndDashIsIgnored) {
  GlobList Globs("  -* ,\t iterguard-a  , -  iterguard-b ,iterguard-b-*\t");
  EXPECT_TRUE(Globs.contains("iterguard-a"));
  EXPECT_FALSE(Globs.contains("iterguard-b"));
  EXPECT_TRUE(Globs.contains("iterguard-b-c"));
  EXPECT_FALSE(Globs.contains("other"));
}

TEST(GlobListTest, NewlineSeparatesGlobsLikeAComma) {
  // A multi-line Checks: value in a YAML configuration needs no commas.
  GlobList Globs("-*\n  iterguard-a\n  -iterguard-b,\n  iterguard-c,\n");
  EXPECT_TRUE(Globs.contains("iterguard-a"));
  EXPECT_FALSE(Globs.contains("iterguard-b"));
  EXPECT_TRUE(Globs.contains("iterguard-c"));
  EXPECT_FALSE(Globs.contains("other"));
}

TEST(GlobListTest, RegexMetacharactersInNamesAreLiteral) {
  GlobList Dot("clang-analyzer-core.NullDereference");
  EXPECT_TRUE(Dot.contains("clang-analyzer-core.NullDereference"));
  EXPECT_FALSE(Dot.contains("clang-analyzer-coreXNullDereference"));

  GlobList Others("a+b,(c),[d],e|f,^g$,h?,i{2},j\\k");
  for (const char *Name :
       {"a+b", "(c)", "[d]", "e|f", "^g$", "h?", "i{2}", "j\\k"})
    EXPECT_TRUE(Others.contains(Name)) << Name;
  for (const char *Name : {"aab", "c", "d", "e", "f", "g", "h", "ii", "jk"})
    EXPECT_FALSE(Others.contains(Name)) << Name;
}

TEST(GlobListTest, NoLintDialectDropsNegativeGlobs) {
  GlobList Globs("*,-iterguard-invalidated-iterator",
                 /*KeepNegativeGlobs=*/false);
  EXPECT_TRUE(Globs.contains("iterguard-invalidated-iterator"));

  GlobList OnlyNegative("-iterguard-*", /*KeepNegativeGlobs=*/false);
  EXPECT_TRUE(OnlyNegative.empty());
  EXPECT_FALSE(OnlyNegative.contains("iterguard-invalidated-iterator"));
}

TEST(GlobListTest, EmptyListsContainNothing) {
  for (const char *Text : {"", "  ", ",", " , ,\n", "-"}) {
    GlobList Globs(Text);
    EXPECT_TRUE(Globs.empty()) << '"' << Text << '"';
    EXPECT_FALSE(Globs.contains("iterguard-invalidated-iterator"));
  }
  EXPECT_FALSE(GlobList("iterguard-a").empty());
  // Empty entries between real ones change nothing.
  EXPECT_TRUE(GlobList("a,,b").contains("b"));
}

} // namespace
