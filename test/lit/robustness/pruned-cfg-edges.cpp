// Clang's CFG keeps the edges it prunes (constant conditions, infinite loops,
// noreturn and unreachable calls) as null successors. A generic graph walk
// over them crashed on googletest's gtest-all.cc; FunctionCFG's own walk
// skips them. Each shape below must neither crash nor lose the findings on
// the live paths, and the pruned paths must stay silent.
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std
#include <map>
#include <vector>

int constantFalse(std::vector<int> &v) {
  auto it = v.begin();
  if (false)
    v.push_back(1);
  return *it;
}

int constantTrue(std::vector<int> &v) {
  auto it = v.begin();
  if (sizeof(int) > 0)
    v.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'v.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: iterator 'it' into 'v' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: container 'v' modified here by 'push_back'
}

int foreverWithBreak(std::vector<int> &v, int n) {
  auto it = v.begin();
  while (true) {
    if (n-- == 0)
      break;
  }
  for (;;) {
    v.clear();
    break;
  }
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'v.clear' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-11]]:13: note: iterator 'it' into 'v' obtained here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: container 'v' modified here by 'clear'
}

#define CLEAR(v)                                                               \
  do {                                                                         \
    (v).clear();                                                               \
  } while (0)
int doWhileZero(std::vector<int> &v) {
  int &first = v.front();
  CLEAR(v);
  return first;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'first' used after 'v.clear' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: reference 'first' into 'v' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: container 'v' modified here by 'clear'
  // CHECK-MESSAGES: :[[@LINE-9]]:9: note: expanded from macro 'CLEAR'
}

int doWhileZeroRefetched(std::vector<int> &v) {
  CLEAR(v);
  int &first = v.front();
  return first;
}

[[noreturn]] void fail();
int noreturnPath(std::map<int, int> &m, int key) {
  auto it = m.find(key);
  if (it == m.end())
    fail();
  m.erase(it);
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'm.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-6]]:13: note: iterator 'it' into 'm' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: container 'm' modified here by 'erase'
}

int noreturnBeforeTheUse(std::map<int, int> &m, int key) {
  auto it = m.find(key);
  if (it == m.end())
    fail();
  int value = it->second;
  m.erase(it);
  return value;
}

int unreachableDefault(std::vector<int> &v, int k) {
  auto it = v.begin();
  switch (k) {
  case 0:
    v.push_back(0);
    break;
  default:
    __builtin_unreachable();
  }
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'v.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-10]]:13: note: iterator 'it' into 'v' obtained here
  // CHECK-MESSAGES: :[[@LINE-8]]:7: note: container 'v' modified here by 'push_back'
}

template <bool Grow> int growIf(std::vector<int> &v) {
  auto it = v.begin();
  if constexpr (Grow)
    v.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'v.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: iterator 'it' into 'v' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: container 'v' modified here by 'push_back'
}
int growBoth(std::vector<int> &v) { return growIf<true>(v) + growIf<false>(v); }

int shortCircuitConstants(std::vector<int> &v) {
  auto it = v.begin();
  if (false && (v.push_back(1), true))
    return 0;
  if (true || (v.clear(), true))
    return *it;
  return 1;
}
