// Findings whose mutation, loop or use comes from a macro: the notes follow
// the macro backtrace as Clang prints it ("expanded from macro"), the same in
// every front end.
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std
#include <vector>
#include <map>

#define APPEND(c, x) (c).push_back(x)
#define APPEND_TWICE(c, x) \
  do {                     \
    APPEND(c, x);          \
    APPEND(c, x);          \
  } while (0)
#define DEREF(it) (*(it))
#define FOR_EACH(x, c) for (auto &x : c)
#define CHECK(cond) \
  do {              \
    if (!(cond))    \
      __builtin_trap(); \
  } while (0)

int mutationInMacroBody(std::vector<int> &v) {
  auto it = v.begin();
  APPEND(v, 1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'v.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'v' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: container 'v' modified here by 'push_back'
  // CHECK-MESSAGES: :[[@LINE-21]]:26: note: expanded from macro 'APPEND'
}

int nestedMacros(std::vector<int> &v) {
  auto it = v.begin();
  APPEND_TWICE(v, 1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'v.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'v' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: container 'v' modified here by 'push_back'
  // CHECK-MESSAGES: :[[@LINE-28]]:5: note: expanded from macro 'APPEND_TWICE'
  // CHECK-MESSAGES: :[[@LINE-32]]:26: note: expanded from macro 'APPEND'
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: container 'v' modified here by 'push_back'
  // CHECK-MESSAGES: :[[@LINE-30]]:5: note: expanded from macro 'APPEND_TWICE'
  // CHECK-MESSAGES: :[[@LINE-35]]:26: note: expanded from macro 'APPEND'
}

int useInMacroArgument(std::vector<int> &v) {
  auto it = v.begin();
  v.push_back(1);
  return DEREF(it);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: iterator 'it' used after 'v.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'v' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: container 'v' modified here by 'push_back'
}

void mutateInForEachMacro(std::vector<int> &v) {
  FOR_EACH(x, v) {
    if (x == 0)
      v.push_back(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'v.push_back' may invalidate the iterator of the enclosing range-for loop over 'v' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'v' starts here
  // CHECK-MESSAGES: :[[@LINE-46]]:24: note: expanded from macro 'FOR_EACH'
  }
}

void useInCheck(std::map<int, int> &m) {
  auto it = m.find(1);
  m.clear();
  CHECK(it->second > 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: iterator 'it' used after 'm.clear' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'm' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: container 'm' modified here by 'clear'
}

// Refetched after the macro's mutation: fine.
int refetchedAfterMacro(std::vector<int> &v) {
  APPEND_TWICE(v, 1);
  auto it = v.begin();
  return DEREF(it);
}

// The loop only reads; the append goes to another container.
void forEachIntoOther(const std::vector<int> &v, std::vector<int> &out) {
  FOR_EACH(x, v) {
    APPEND(out, x);
  }
}

void checkBeforeClear(std::map<int, int> &m) {
  auto it = m.find(1);
  CHECK(it->second > 0);
  m.clear();
}
