//===--- DisplayNames.cpp - How code entities are named in messages -------===//

#include "Report/DisplayNames.h"
#include "clang/AST/DeclCXX.h"

namespace iterguard {

std::string functionDisplayName(const clang::FunctionDecl *Function) {
  if (const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(Function))
    if (Method->getParent()->isLambda())
      return "lambda";
  return Function->getNameAsString();
}

} // namespace iterguard
