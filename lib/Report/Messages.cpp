//===--- Messages.cpp - The message catalogue -------------------*- C++ -*-===//

#include "Report/Messages.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/ErrorHandling.h"
#include <cassert>

namespace iterguard {

llvm::StringRef messageFormat(MessageId Id) {
  switch (Id) {
  case MessageId::UseAfterInvalidation:
    return "%select{iterator|reference|pointer|view}0 '%1' used after '%2' "
           "may have invalidated it";
  case MessageId::RangeLoopInvalidation:
    return "'%0' may invalidate the iterator of the enclosing range-for loop "
           "over '%1'";
  case MessageId::NoteHandleObtained:
    return "%select{iterator|reference|pointer|view}0 '%1' into '%2' "
           "obtained here";
  case MessageId::NoteContainerModified:
    return "container '%0' modified here by '%1'";
  case MessageId::NoteRangeLoop:
    return "range-for loop over '%0' starts here";
  case MessageId::NoteCallMayModify:
    return "call to '%0' may modify '%1'";
  case MessageId::NoteCallChain:
    return "'%0' calls '%1' here";
  case MessageId::LoopVariableEscape:
    return "%select{address of|reference to|view of|by-reference capture of}0 "
           "per-iteration variable '%1' escapes the loop iteration";
  case MessageId::NotePerIterationVariable:
    return "%select{'%1' is a copy of the element, made for one iteration|"
           "'%1' is bound to a temporary converted from '%2' in each "
           "iteration|'%1' is bound to a temporary the iterator returns in "
           "each iteration}0";
  case MessageId::NoteEscapeSink:
    return "%select{stored in '%1' here, which outlives the iteration|"
           "stored here, in storage that outlives the iteration|"
           "returned here|thrown here|"
           "run on a thread here that the iteration does not join|"
           "run by 'std::async' here without waiting for it in the iteration|"
           "handed to '%1' here, which may run it after the iteration}0";
  case MessageId::UnsynchronizedWrite:
    return "%select{'%1' modifies '%0' without holding '%2', which guards it "
           "elsewhere|'%1' modifies '%0' while holding '%2' only for "
           "reading|'%1' modifies '%0', which another thread may access at "
           "the same time}3";
  case MessageId::NoteGuardedAccess:
    return "'%0' is accessed here while holding '%1'";
  case MessageId::NoteConcurrentAccess:
    return "'%0' is %select{read|modified}1 here, possibly at the same time";
  case MessageId::NoteThreadStart:
    return "'%0' runs on a thread started here";
  }
  llvm_unreachable("every MessageId has a format");
}

static unsigned argIndex(char Digit, size_t NumArgs) {
  unsigned Index = Digit - '0';
  assert(Digit >= '0' && Digit <= '9' && Index < NumArgs &&
         "message argument out of range");
  (void)NumArgs;
  return Index;
}

std::string renderMessage(llvm::StringRef Format,
                          llvm::ArrayRef<MessageArg> Args) {
  std::string Out;
  Out.reserve(Format.size() + 32);
  while (!Format.empty()) {
    size_t Percent = Format.find('%');
    Out += Format.take_front(Percent);
    if (Percent == llvm::StringRef::npos)
      break;
    Format = Format.drop_front(Percent + 1);
    if (Format.consume_front("%")) {
      Out += '%';
      continue;
    }
    if (Format.consume_front("select{")) {
      size_t Close = Format.find('}');
      assert(Close != llvm::StringRef::npos && Close + 1 < Format.size() &&
             "malformed %select");
      llvm::SmallVector<llvm::StringRef, 4> Choices;
      Format.take_front(Close).split(Choices, '|');
      unsigned Index = argIndex(Format[Close + 1], Args.size());
      unsigned Choice = std::get<unsigned>(Args[Index]);
      assert(Choice < Choices.size() && "select index out of range");
      Out += renderMessage(Choices[Choice], Args);
      Format = Format.drop_front(Close + 2);
      continue;
    }
    assert(!Format.empty() && "dangling '%' in message");
    unsigned Index = argIndex(Format.front(), Args.size());
    if (const auto *Text = std::get_if<std::string>(&Args[Index]))
      Out += *Text;
    else
      Out += std::to_string(std::get<unsigned>(Args[Index]));
    Format = Format.drop_front();
  }
  return Out;
}

} // namespace iterguard
