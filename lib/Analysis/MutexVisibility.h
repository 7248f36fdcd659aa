//===--- MutexVisibility.h - Who outside the TU can hold a mutex -*- C++ -*-===//
//
// Problem: lock inheritance sees only the callers in the translation unit. A
// function none of them calls (rocksdb's private `PopFirstFromCompactionQueue`
// called from another file under `mutex_`) is entered from elsewhere, and
// whether those callers hold its mutex is unknown.
//
// Semantics: code outside the translation unit may hold a mutex while calling
// a function unless one of these says it cannot:
//   - a member mutex of the function's class that no member function hands
//     out (by pointer or reference), when the function is public or not a
//     member of that class: its callers include code that cannot name it;
//   - a global mutex declared only in the main file, which no other file
//     names;
//   - a local mutex.
// A mutex reached through a parameter (`*mu`) is the caller's to hold, and
// a private or protected member function is called by members, which may
// hold the class's mutex.
//
// Simplifications: friends are members here only when they are member
// functions of the class; a public mutex data member is not counted as
// handed out (the class's own methods are the ones that lock it).
//
//===----------------------------------------------------------------------===//

#ifndef ITERGUARD_ANALYSIS_MUTEXVISIBILITY_H
#define ITERGUARD_ANALYSIS_MUTEXVISIBILITY_H

#include "Analysis/ContainerAccess.h"

namespace clang {
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace iterguard {

/// True when a caller outside the translation unit may call Function holding
/// Mutex, named as inside Function.
bool outsideCallersMayHold(const clang::FunctionDecl &Function,
                           const ContainerKey &Mutex,
                           const clang::SourceManager &SM);

/// True when code in Function can lock Mutex (named as in the member
/// functions of its class) under a name of its own, such as
/// `handle->db->mutex()`: the mutex is a public member, a member function
/// hands it out, Function is a member of its class, or it is not a member
/// mutex at all.
bool canReachMutex(const clang::FunctionDecl &Function,
                   const ContainerKey &Mutex);

} // namespace iterguard

#endif // ITERGUARD_ANALYSIS_MUTEXVISIBILITY_H
