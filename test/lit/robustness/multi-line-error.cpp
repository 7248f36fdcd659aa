// Found by bench/robustness.py on clang/test/SemaCXX/accessible-base.cpp:
// Clang lists the inheritance paths of an ambiguous conversion on lines of
// their own, and the parse error took three lines of stderr. It is one line.
// RUN: %expect_exit 3 --one-line-stderr -- %iterguard --quiet %s -- -std=c++17 2>&1 | FileCheck %s
// CHECK: iterguard: error: cannot parse '{{.*}}multi-line-error.cpp' (1 error; first: {{.*}}multi-line-error.cpp:[[@LINE+6]]:{{[0-9]+}}: ambiguous conversion from derived class 'D' to base class 'A': struct D -> B -> A; struct D -> C -> A)

struct A {};
struct B : A {};
struct C : A {};
struct D : B, C {};
A *up(D *d) { return d; }
