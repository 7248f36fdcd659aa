//===--- MessagesTest.cpp - The message catalogue renderer ----------------===//

#include "Report/Messages.h"
#include "gtest/gtest.h"

namespace iterguard {
namespace {

TEST(Messages, SubstitutesTextAndSelects) {
  EXPECT_EQ(renderMessage("%select{iterator|reference}0 '%1' in '%2'",
                          {1u, std::string("r"), std::string("items")}),
            "reference 'r' in 'items'");
}

TEST(Messages, ArgumentsInsideSelectChoices) {
  EXPECT_EQ(renderMessage("%select{stored in '%1'|returned}0 here",
                          {0u, std::string("ptrs")}),
            "stored in 'ptrs' here");
}

TEST(Messages, EscapedPercentAndIntegers) {
  EXPECT_EQ(renderMessage("100%% of %0", {7u}), "100% of 7");
}

TEST(Messages, CatalogueEntriesRender) {
  EXPECT_EQ(renderMessage(MessageId::UseAfterInvalidation,
                          {0u, std::string("it"),
                           std::string("items.push_back")}),
            "iterator 'it' used after 'items.push_back' may have "
            "invalidated it");
  EXPECT_EQ(renderMessage(MessageId::NoteRangeLoop, {std::string("items")}),
            "range-for loop over 'items' starts here");
}

TEST(Messages, CatalogueFollowsDiagnosticStyle) {
  // Lower-case start, no trailing period, as in clang-tidy.
  for (MessageId Id :
       {MessageId::UseAfterInvalidation, MessageId::RangeLoopInvalidation,
        MessageId::NoteHandleObtained, MessageId::NoteContainerModified,
        MessageId::NoteRangeLoop}) {
    llvm::StringRef Format = messageFormat(Id);
    ASSERT_FALSE(Format.empty());
    EXPECT_FALSE(Format.ends_with(".")) << Format.str();
    char First = Format.front();
    EXPECT_TRUE(First == '%' || First == '\'' || (First >= 'a' && First <= 'z'))
        << Format.str();
  }
}

} // namespace
} // namespace iterguard
