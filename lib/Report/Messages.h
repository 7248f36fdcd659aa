//===--- Messages.h - The message catalogue -----------------------*- C++ -*-===//
//
// Every warning and note text iterguard prints lives in one table, in Clang's
// diagnostic format dialect: %0..%9 are arguments and %select{a|b}N picks an
// alternative by the integer argument N. Front ends receive rendered text, so
// the clang-tidy module, the standalone tool and the compiler plugin print the
// same words.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_REPORT_MESSAGES_H
#define ITERGUARD_REPORT_MESSAGES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <variant>

namespace iterguard {

enum class MessageId {
  // iterguard-invalidated-iterator
  UseAfterInvalidation,
  RangeLoopInvalidation,
  NoteHandleObtained,
  NoteContainerModified,
  NoteRangeLoop,
  NoteCallMayModify,
  NoteCallChain,
  // iterguard-range-loop-address-escape
  LoopVariableEscape,
  NotePerIterationVariable,
  NoteEscapeSink,
  // iterguard-unsynchronized-container-write
  UnsynchronizedWrite,
  NoteGuardedAccess,
  NoteConcurrentAccess,
  NoteThreadStart,
};

/// One argument: an integer for %select, text for plain substitution.
using MessageArg = std::variant<unsigned, std::string>;

/// The format string of Id.
llvm::StringRef messageFormat(MessageId Id);

/// Renders a Clang-dialect format string. Out-of-range arguments or select
/// indices are programming errors and assert.
std::string renderMessage(llvm::StringRef Format,
                          llvm::ArrayRef<MessageArg> Args);

inline std::string renderMessage(MessageId Id,
                                 llvm::ArrayRef<MessageArg> Args) {
  return renderMessage(messageFormat(Id), Args);
}

} // namespace iterguard

#endif // ITERGUARD_REPORT_MESSAGES_H
