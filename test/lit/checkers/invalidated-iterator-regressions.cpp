// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// Correct code that earlier versions reported; each must stay silent, with
// the real bug it resembles reported beside it.

#include <list>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

//===----------------------------------------------------------------------===//
// erase(it++) on node containers: `it` moves on before the erase
//===----------------------------------------------------------------------===//

// Fine: `it` already points to the next node when the old one is erased.
void dropZeroCounts(std::map<int, int> &counts) {
  for (auto it = counts.begin(); it != counts.end();) {
    if (it->second == 0)
      counts.erase(it++);
    else
      ++it;
  }
}

// Fine: the same for a list, a set and an unordered map.
template <typename Container, typename Pred>
void dropIf(Container &items, Pred shouldDrop) {
  for (auto it = items.begin(); it != items.end();) {
    if (shouldDrop(*it))
      items.erase(it++);
    else
      ++it;
  }
}

void dropIfEverywhere(std::list<int> &l, std::set<int> &s) {
  dropIf(l, [](int v) { return v < 0; });
  dropIf(s, [](int v) { return v < 0; });
}

// Fine: the copy is erased, the iterator already moved past it.
int eraseCopyOfPostIncrement(std::unordered_map<int, int> &counts) {
  auto it = counts.find(3);
  if (it == counts.end())
    return 0;
  auto current = it++;
  counts.erase(current);
  return it == counts.end() ? 0 : it->second;
}

// The real bug beside it: erasing the iterator itself, then stepping it.
void dropZeroCountsWrongly(std::map<int, int> &counts) {
  for (auto it = counts.begin(); it != counts.end(); ++it)
    if (it->second == 0)
      counts.erase(it);
  // CHECK-MESSAGES: :[[@LINE-3]]:56: warning: iterator 'it' used after 'counts.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:18: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: container 'counts' modified here by 'erase'
}

// For a vector, erase(it++) is itself the bug: `it` now points past the
// erased element, which erase moved.
int eraseWithPostIncrementInVector(std::vector<int> &values) {
  auto it = values.begin();
  values.erase(it++);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'erase'
}

//===----------------------------------------------------------------------===//
// Unevaluated operands
//===----------------------------------------------------------------------===//

// Fine: noexcept(...) does not evaluate its operand.
bool derefCannotThrow(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return noexcept(*it);
}

//===----------------------------------------------------------------------===//
// Handles handed to a function that may give them a new value
//===----------------------------------------------------------------------===//

void reposition(std::vector<int> &values, std::vector<int>::iterator &it);

// Fine: reposition takes the iterator by non-const reference and may reset
// it; nothing is known to be stale afterwards.
int repositionAfterGrowth(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  reposition(values, it);
  return *it;
}

int peek(std::vector<int>::iterator it);

// A copy passed by value is a use of the stale iterator.
int peekAfterGrowth(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return peek(it);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

//===----------------------------------------------------------------------===//
// Lambdas: captured variables are the caller's, not the lambda's arguments
//===----------------------------------------------------------------------===//

// Fine: the lambda appends to `log`, which it captured; its argument is only
// read, so `it` into `values` stays valid.
int logSize(std::vector<int> &values, std::vector<int> &log) {
  auto record = [&log](std::vector<int> &x) { log.push_back(x.size()); };
  auto it = values.begin();
  record(values);
  return *it;
}
