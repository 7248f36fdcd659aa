// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -I %S/Inputs/invalidated-iterator/user -isystem %S/Inputs/invalidated-iterator/system
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std -I %S/Inputs/invalidated-iterator/user -isystem %S/Inputs/invalidated-iterator/system

// Findings in project headers are reported once, at the header; nothing is
// reported inside system headers; a template is analyzed through its
// instantiations and each finding in it is reported once.

#include "inventory_cache.h"
// Included twice on purpose: the include guard keeps one copy.
#include "inventory_cache.h"
#include <legacy_buffer.h>

// The two findings of the project header, asserted here because findings are
// sorted by file and the header's path sorts first.
// CHECK-MESSAGES: inventory_cache.h:12:11: warning: iterator 'first' used after 'items.resize' may have invalidated it [iterguard-invalidated-iterator]
// CHECK-MESSAGES: inventory_cache.h:10:16: note: iterator 'first' into 'items' obtained here
// CHECK-MESSAGES: inventory_cache.h:11:9: note: container 'items' modified here by 'resize'
// CHECK-MESSAGES: inventory_cache.h:21:12: warning: reference 'first' used after 'items_.push_back' may have invalidated it [iterguard-invalidated-iterator]
// CHECK-MESSAGES: inventory_cache.h:19:25: note: reference 'first' into 'items_' obtained here
// CHECK-MESSAGES: inventory_cache.h:20:12: note: container 'items_' modified here by 'push_back'

#include <deque>
#include <list>
#include <string>
#include <vector>

void consume(int);

//===----------------------------------------------------------------------===//
// Headers
//===----------------------------------------------------------------------===//

void useProjectHeader(std::vector<int> &items) {
  firstItemAfterRestock(items, 3);
  InventoryCache<int> ints;
  ints.addAndReturnFirst(1);
  ints.addAndReturnLast(2);
  InventoryCache<std::string> names;
  names.addAndReturnFirst("bolt");
  InventoryCache<double> weights;
  weights.addAndReturnFirst(0.5);
  warmInventoryCache();
}

// Instantiating a system header's templates with the test's own types does
// not move their findings out of the system header.
struct Pixel {
  int r, g, b;
};

void useSystemHeader(std::vector<int> &ints, std::vector<Pixel> &pixels,
                     std::deque<int> &queue) {
  legacyFirstAfterAppend(ints);
  legacyFrontAfterGrow(ints, 1);
  legacyFrontAfterGrow(pixels, Pixel{1, 2, 3});
  legacyAppendWhileIterating(ints);
  legacyAppendWhileIterating(queue);
}

//===----------------------------------------------------------------------===//
// Function templates
//===----------------------------------------------------------------------===//

// One finding for the three instantiations.
template <typename Container>
int firstAfterPushBack(Container &c) {
  auto first = c.begin();
  c.push_back(typename Container::value_type());
  return static_cast<int>(*first);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: iterator 'first' used after 'c.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: iterator 'first' into 'c' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: container 'c' modified here by 'push_back'
}

// Reported for the vector and deque instantiations (once); the list
// instantiation alone would be silent because list insertion keeps
// iterators valid.
template <typename Container>
void appendWhileIterating(Container &c) {
  for (const auto &item : c)
    if (item < 0)
      c.push_back(-item);
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'c.push_back' may invalidate the iterator of the enclosing range-for loop over 'c' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'c' starts here
}

// Only instantiated for std::list, where keeping the iterator is fine.
template <typename Container>
int firstAfterPushBackOnNodes(Container &c) {
  auto first = c.begin();
  c.push_back(typename Container::value_type());
  return *first;
}

// False negative (by design): templates are analyzed through their
// instantiations, and this one is never instantiated.
template <typename T>
T neverInstantiated(std::vector<T> &values) {
  T &first = values.front();
  values.push_back(T());
  return first;
}

void instantiateFunctionTemplates(std::vector<int> &v, std::deque<long> &d,
                                  std::list<int> &l, std::vector<double> &r) {
  firstAfterPushBack(v);
  firstAfterPushBack(d);
  firstAfterPushBack(r);
  appendWhileIterating(v);
  appendWhileIterating(d);
  appendWhileIterating(l);
  firstAfterPushBackOnNodes(l);
}

//===----------------------------------------------------------------------===//
// Class templates and member templates
//===----------------------------------------------------------------------===//

template <typename T>
class History {
public:
  void record(const T &value);
  const T &latestAfterRecord(const T &value);

  template <typename Fn>
  void forEachThenAppend(Fn fn, const T &value) {
    for (const T &entry : entries_) {
      fn(entry);
      entries_.push_back(value);
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'entries_.push_back' may invalidate the iterator of the enclosing range-for loop over 'entries_' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:5: note: range-for loop over 'entries_' starts here
    }
  }

private:
  std::vector<T> entries_;
};

// Defined out of line; reported once for both instantiations.
template <typename T>
const T &History<T>::latestAfterRecord(const T &value) {
  const T &latest = entries_.back();
  entries_.push_back(value);
  return latest;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'latest' used after 'entries_.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:21: note: reference 'latest' into 'entries_' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'entries_' modified here by 'push_back'
}

template <typename T>
void History<T>::record(const T &value) {
  entries_.push_back(value);
}

void instantiateClassTemplates() {
  History<int> numbers;
  numbers.record(1);
  numbers.latestAfterRecord(2);
  numbers.forEachThenAppend([](int x) { consume(x); }, 3);
  numbers.forEachThenAppend([](int x) { consume(-x); }, 4);
  History<std::string> words;
  words.record("a");
  words.latestAfterRecord("b");
  words.forEachThenAppend([](const std::string &s) { consume(s.empty()); }, "c");
}

//===----------------------------------------------------------------------===//
// Generic lambdas
//===----------------------------------------------------------------------===//

void genericLambda(std::vector<int> &ints, std::deque<int> &queue) {
  auto firstAfterGrow = [](auto &c) {
    auto first = c.begin();
    c.push_back(0);
    return *first;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: iterator 'first' used after 'c.push_back' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:18: note: iterator 'first' into 'c' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: container 'c' modified here by 'push_back'
  };
  consume(firstAfterGrow(ints));
  consume(firstAfterGrow(queue));
}
