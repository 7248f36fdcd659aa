// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// Correct code from the real-world benchmark (bench/triage.md) that earlier
// versions reported; each must stay silent, with the real bug it resembles
// reported beside it.

#include <list>
#include <map>
#include <set>

//===----------------------------------------------------------------------===//
// erase(first, last) on node containers: `last` ends the range, it is not in it
//===----------------------------------------------------------------------===//

// Fine: reduced from rocksdb 7.8.3, db/range_tombstone_fragmenter.cc. On the
// first iteration `it` is still begin(), and erase(begin(), it) erases
// nothing; later it erases the elements before `it`.
int flushEndKeys(std::set<int> &endKeys, int nextStart) {
  int flushed = 0;
  auto it = endKeys.begin();
  bool reachedNext = false;
  for (; it != endKeys.end() && !reachedNext; ++it) {
    if (nextStart <= *it) {
      reachedNext = true;
      endKeys.erase(endKeys.begin(), it);
    }
    for (auto flushIt = it; flushIt != endKeys.end(); ++flushIt)
      flushed += *flushIt;
  }
  return flushed;
}

// Fine: the same with a map, whose erase takes const_iterators.
int dropBefore(std::map<int, int> &counts, int key) {
  auto it = counts.begin();
  while (it != counts.end() && it->first < key)
    ++it;
  counts.erase(counts.begin(), it);
  return it == counts.end() ? 0 : it->second;
}

// Fine: a list, with the end of the range named first.
int dropPrefix(std::list<int> &items) {
  auto last = items.begin();
  auto first = items.begin();
  items.erase(first, last);
  return last == items.end() ? 0 : *last;
}

// The real bug beside them: an iterator inside the erased range.
int readErasedFirst(std::set<int> &endKeys) {
  auto first = endKeys.begin();
  auto it = endKeys.find(3);
  endKeys.erase(first, it);
  return *first;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'first' used after 'endKeys.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: iterator 'first' into 'endKeys' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: container 'endKeys' modified here by 'erase'
}
