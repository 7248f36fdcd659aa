//===--- DisplayNames.h - How code entities are named in messages -*- C++ -*-===//

#ifndef ITERGUARD_REPORT_DISPLAYNAMES_H
#define ITERGUARD_REPORT_DISPLAYNAMES_H

#include <string>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace iterguard {

/// The name a function has in messages; a lambda has none of its own and is
/// called "lambda".
std::string functionDisplayName(const clang::FunctionDecl *Function);

} // namespace iterguard

#endif // ITERGUARD_REPORT_DISPLAYNAMES_H
