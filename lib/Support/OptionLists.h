//===--- OptionLists.h - List-valued options as text --------------*- C++ -*-===//
//
// clang-tidy CheckOptions are strings, so list options use clang-tidy's usual
// semicolon-separated form ("std::span;my::View"). Extra container types are
// "Name=LikeName" pairs in the same form ("my::Vector=std::vector").
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_SUPPORT_OPTIONLISTS_H
#define ITERGUARD_SUPPORT_OPTIONLISTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace iterguard {

class ContainerModel;

/// Splits on ';', trimming whitespace and dropping empty items.
std::vector<std::string> splitOptionList(llvm::StringRef Text);
std::string joinOptionList(llvm::ArrayRef<std::string> Items);

/// Adds every "Name=LikeName" pair of Text to Model.
llvm::Error addContainersLike(ContainerModel &Model, llvm::StringRef Text);

} // namespace iterguard

#endif // ITERGUARD_SUPPORT_OPTIONLISTS_H
