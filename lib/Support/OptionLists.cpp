//===--- OptionLists.cpp - List-valued options as text ----------*- C++ -*-===//

#include "Support/OptionLists.h"
#include "Model/ContainerModel.h"
#include "llvm/ADT/SmallVector.h"

namespace iterguard {

std::vector<std::string> splitOptionList(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Text.split(Parts, ';');
  std::vector<std::string> Items;
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (!Part.empty())
      Items.push_back(Part.str());
  }
  return Items;
}

std::string joinOptionList(llvm::ArrayRef<std::string> Items) {
  std::string Joined;
  for (const std::string &Item : Items) {
    if (!Joined.empty())
      Joined += ';';
    Joined += Item;
  }
  return Joined;
}

llvm::Error addContainersLike(ContainerModel &Model, llvm::StringRef Text) {
  for (const std::string &Item : splitOptionList(Text)) {
    auto [Name, Like] = llvm::StringRef(Item).split('=');
    Name = Name.trim();
    Like = Like.trim();
    if (Name.empty() || Like.empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "expected 'Name=LikeName', got '%s'",
                                     Item.c_str());
    if (llvm::Error Err = Model.addLike(Name, Like))
      return Err;
  }
  return llvm::Error::success();
}

} // namespace iterguard
