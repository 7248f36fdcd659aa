//===--- ThreadPrivateObjects.h - Objects one thread owns ---------*- C++ -*-===//
//
// Problem: a member container of `this` is shared when its object is, but a
// worker pool often hands each thread an object of its own
// (`pool.emplace_back(&Job::process, this, &parts_[i])`), and the members of
// that object are then never touched by two threads at once.
//
// Semantics: a member function's object is thread-private when every call of
// it in the translation unit is made on
//   - a part of the object a thread entry's parameter points to, when each
//     thread gets its own: the entry is started once, in a loop, with
//     `&c[i]`, `c[i]` or `std::ref(c[i])` for the loop's counter i (stepped
//     by the loop and changed nowhere else), or with the reference variable
//     of a range-for, and any direct call of the entry passes `&c[K]` for a
//     constant K the counter starts above (the spawner's own share);
//   - a part of a local object of the caller that no thread shares;
//   - `this`, or a part of it, in a member function whose object is
//     thread-private itself.
// A part is the object itself, a data member (not through a pointer or
// reference member, unless every assignment to it points into the same
// object), or what a member function returns when every return is such a
// part of its `this` (an accessor like `Current()`). A parameter stands for
// what every call passes for it.
//
// Simplifications: the objects are not followed through std::function or
// calls whose callee is unknown; an object whose address is stored in a
// shared structure is not noticed. Every call site must agree, so one call
// on a shared object makes the member function's object shared everywhere.
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_THREADPRIVATEOBJECTS_H
#define ITERGUARD_ANALYSIS_THREADPRIVATEOBJECTS_H

#include "llvm/ADT/ArrayRef.h"
#include <memory>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace iterguard {

class ThreadModel;

class ThreadPrivateObjects {
public:
  ThreadPrivateObjects(llvm::ArrayRef<const clang::FunctionDecl *> Functions,
                       const ThreadModel &Threads);
  ~ThreadPrivateObjects();

  /// True when every call of Method is on an object one thread owns.
  bool hasPrivateObject(const clang::FunctionDecl *Method) const;

private:
  struct Impl;
  std::unique_ptr<Impl> Data;
};

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_THREADPRIVATEOBJECTS_H
