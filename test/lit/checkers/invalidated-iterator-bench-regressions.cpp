// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// Correct code from the real-world benchmark (bench/triage.md) that earlier
// versions reported; each must stay silent, with the real bug it resembles
// reported beside it.

#include <deque>
#include <list>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

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

//===----------------------------------------------------------------------===//
// pop_back of an element pushed after the handle's (cause B)
//===----------------------------------------------------------------------===//

struct Scope {
  int id;
};

struct ScopeDatabase {
  std::list<Scope> scopes;

  // Reduced from cppcheck 2.10, lib/symboldatabase.cpp, addNewFunction:
  // pop_back removes the scope this function pushed, never the caller's.
  void addNewScope(Scope **current, bool hasBody) {
    scopes.push_back({1});
    Scope *added = &scopes.back();
    if (hasBody)
      *current = added;
    else
      scopes.pop_back();
  }

  // Fine: reduced from createSymbolDatabaseFindAllScopes.
  int findAllScopes(bool hasBody) {
    scopes.push_back({0});
    Scope *scope = &scopes.back();
    addNewScope(&scope, hasBody);
    return scope->id;
  }

  // A callee that pops without having pushed on one of its paths.
  void dropScope(bool replace) {
    if (replace)
      scopes.push_back({1});
    scopes.pop_back();
  }

  // The real bug beside it: when `replace` is false, the caller's scope goes.
  int findThenDrop(bool replace) {
    scopes.push_back({0});
    Scope *scope = &scopes.back();
    dropScope(replace);
    return scope->id;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: pointer 'scope' used after 'dropScope' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:20: note: pointer 'scope' into 'scopes' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: call to 'dropScope' may modify 'scopes'
    // CHECK-MESSAGES: :[[@LINE-12]]:12: note: container 'scopes' modified here by 'pop_back'
  }

  // Fine: the same in one function; `scope` is no longer the back element
  // when pop_back runs.
  int pushThenPop() {
    scopes.push_back({0});
    Scope *scope = &scopes.back();
    scopes.push_back({1});
    scopes.pop_back();
    return scope->id;
  }

  // The real bug beside it: the second pop_back removes `scope`'s element.
  int pushThenPopTwice() {
    scopes.push_back({0});
    Scope *scope = &scopes.back();
    scopes.push_back({1});
    scopes.pop_back();
    scopes.pop_back();
    return scope->id;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: pointer 'scope' used after 'scopes.pop_back' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-6]]:20: note: pointer 'scope' into 'scopes' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'scopes' modified here by 'pop_back'
  }

  // The real bug: a push on one path only does not protect `scope`.
  int pushOnOnePathThenPop(bool extra) {
    Scope *scope = &scopes.back();
    if (extra)
      scopes.push_back({1});
    scopes.pop_back();
    return scope->id;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: pointer 'scope' used after 'scopes.pop_back' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-6]]:20: note: pointer 'scope' into 'scopes' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'scopes' modified here by 'pop_back'
  }
};

// Fine: a deque's push_front keeps references, and pop_front removes the
// element pushed in front of `first`.
int pushFrontThenPopFront(std::deque<int> &values) {
  int &first = values.front();
  values.push_front(0);
  values.pop_front();
  return first;
}

// The real bug beside it: without the push, pop_front removes `first`.
int popFront(std::deque<int> &values) {
  int &first = values.front();
  values.pop_front();
  return first;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'first' used after 'values.pop_front' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: reference 'first' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'pop_front'
}

//===----------------------------------------------------------------------===//
// A callee that removes only when it returns true (cause C)
//===----------------------------------------------------------------------===//

struct Value {
  int v;
  bool point;
  bool operator==(const Value &o) const { return v == o.v; }
};

// Removes `x` only when it returns true.
static bool removePoint(std::list<Value> &values, Value &x) {
  if (!x.point)
    return false;
  values.remove(x);
  return true;
}

// Fine: reduced from cppcheck 2.10, lib/token.cpp, removeContradiction.
// Whenever removePoint removed something the function returns before any
// loop steps on or any element reference is read again. On the first
// iteration of both loops `x` and `y` are both the first element, and
// removing `x` would remove `y`; `x == y` rules that out (cause G).
bool removeContradiction(std::list<Value> &values, bool rx, bool ry) {
  for (Value &x : values) {
    if (x.v == 0)
      continue;
    for (Value &y : values) {
      if (x == y)
        continue;
      if (x.point == y.point) {
        values.remove(x);
        values.remove(y);
        return true;
      }
      bool bail = false;
      if (rx && removePoint(values, x))
        bail = true;
      if (ry && removePoint(values, y))
        bail = true;
      if (bail)
        return true;
    }
  }
  return false;
}

// The real bug beside it: the loop goes on after a removal.
int removePoints(std::list<Value> &values) {
  int removed = 0;
  for (Value &x : values) {
    bool bail = false;
    if (removePoint(values, x))
      bail = true;
    if (bail)
      ++removed;
  }
  return removed;
  // CHECK-MESSAGES: :[[@LINE-6]]:9: warning: 'removePoint' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: range-for loop over 'values' starts here
  // CHECK-MESSAGES: :[[@LINE-46]]:10: note: container 'values' modified here by 'remove'
}

// Removes `x` whatever it returns.
static bool removeAndTell(std::list<Value> &values, Value &x) {
  values.remove(x);
  return x.point;
}

// The real bug: removeAndTell also removes when it returns false, and the
// loop goes on then.
bool removeUntilPoint(std::list<Value> &values) {
  for (Value &x : values)
    if (removeAndTell(values, x))
      return true;
  return false;
  // CHECK-MESSAGES: :[[@LINE-3]]:9: warning: 'removeAndTell' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: range-for loop over 'values' starts here
  // CHECK-MESSAGES: :[[@LINE-13]]:10: note: container 'values' modified here by 'remove'
}

//===----------------------------------------------------------------------===//
// Two loop variables compared unequal are not both the first element (cause G)
//===----------------------------------------------------------------------===//

// The real bug beside removeContradiction: without `x == y`, `y` may be the
// element removePoint removed.
bool removeThenRead(std::list<Value> &values) {
  for (Value &x : values) {
    if (x.v == 0)
      continue;
    for (Value &y : values)
      if (removePoint(values, x))
        return y.point;
  }
  return false;
  // CHECK-MESSAGES: :[[@LINE-3]]:16: warning: reference 'y' used after 'removePoint' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-6]]:19: note: reference 'y' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-6]]:11: note: call to 'removePoint' may modify 'values'
  // CHECK-MESSAGES: :[[@LINE-85]]:10: note: container 'values' modified here by 'remove'
}

// The real bug beside it: the inner loop steps on from the element it
// removed.
bool removeAllContradictions(std::list<Value> &values) {
  bool removed = false;
  for (Value &x : values) {
    if (x.v == 0)
      continue;
    for (Value &y : values) {
      if (x == y)
        continue;
      values.remove(y);
      removed = true;
    }
  }
  return removed;
  // CHECK-MESSAGES: :[[@LINE-5]]:14: warning: 'values.remove' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-9]]:5: note: range-for loop over 'values' starts here
}

//===----------------------------------------------------------------------===//
// Inserting a key that is already there inserts nothing (cause A)
//===----------------------------------------------------------------------===//

struct Edge {
  std::vector<Edge *> inputs;
};

// Fine: reduced from ninja 1.11.1, src/missing_deps.cc, PathExistsBetween.
// The recursive call passes the same `from`, which both paths before the
// loop made a key of `adjacency_`, so the callee's insert of `from` inserts
// nothing and `it` keeps its bucket.
class Scanner {
public:
  bool pathExistsBetween(Edge *from, Edge *to) {
    auto it = adjacency_.find(from);
    if (it != adjacency_.end()) {
      auto inner = it->second.find(to);
      if (inner != it->second.end())
        return inner->second;
    } else {
      it = adjacency_.insert(std::make_pair(from, Inner())).first;
    }
    bool found = false;
    for (Edge *e : to->inputs)
      if (e == from || pathExistsBetween(from, e)) {
        found = true;
        break;
      }
    it->second.insert({to, found});
    return found;
  }

private:
  using Inner = std::unordered_map<Edge *, bool>;
  std::unordered_map<Edge *, Inner> adjacency_;
};

// The real bug beside it: the recursive call passes another key, which the
// callee may insert, and the insert may rehash.
class SwappedScanner {
public:
  bool pathExistsBetween(Edge *from, Edge *to) {
    auto it = adjacency_.find(from);
    if (it == adjacency_.end())
      it = adjacency_.insert({from, {}}).first;
    bool found = false;
    for (Edge *e : to->inputs)
      if (e == from || pathExistsBetween(e, to)) {
        found = true;
        break;
      }
    it->second.insert({to, found});
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: iterator 'it' used after 'pathExistsBetween' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-11]]:15: note: iterator 'it' into 'adjacency_' obtained here
    // CHECK-MESSAGES: :[[@LINE-7]]:24: note: call to 'pathExistsBetween' may modify 'adjacency_'
    // CHECK-MESSAGES: :[[@LINE-11]]:23: note: container 'adjacency_' modified here by 'insert'
    return found;
  }

private:
  std::unordered_map<Edge *, std::unordered_map<Edge *, bool>> adjacency_;
};

// The real bug beside it: the callee also erases, so `from` may be gone by
// the time the callee inserts it again.
class ForgettingScanner {
public:
  bool pathExistsBetween(Edge *from, Edge *to) {
    auto it = adjacency_.find(from);
    if (it == adjacency_.end())
      it = adjacency_.insert({from, {}}).first;
    bool found = false;
    for (Edge *e : to->inputs)
      if (e == from || pathExistsBetween(from, e)) {
        found = true;
        break;
      }
    it->second.insert({to, found});
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: iterator 'it' used after 'pathExistsBetween' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-11]]:15: note: iterator 'it' into 'adjacency_' obtained here
    // CHECK-MESSAGES: :[[@LINE-7]]:24: note: call to 'pathExistsBetween' may modify 'adjacency_'
    // CHECK-MESSAGES: :[[@LINE-11]]:23: note: container 'adjacency_' modified here by 'insert'
    if (!found)
      adjacency_.erase(to);
    return found;
  }

private:
  std::unordered_map<Edge *, std::unordered_map<Edge *, bool>> adjacency_;
};

// Fine: `k` is a key on the only path that reaches the operator[], so it
// inserts nothing and cannot rehash.
int bumpKnown(std::unordered_map<int, int> &counts, int k) {
  auto first = counts.begin();
  if (counts.count(k))
    counts[k] += 1;
  return first->second;
}

// The real bug beside it: the key looked up is not the one inserted.
int bumpOther(std::unordered_map<int, int> &counts, int k, int j) {
  auto first = counts.begin();
  if (counts.count(k))
    counts[j] += 1;
  return first->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'first' used after 'counts.operator[]' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: iterator 'first' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: container 'counts' modified here by 'operator[]'
}

// The real bug beside it: the key changes between the lookup and the insert.
int bumpNext(std::unordered_map<int, int> &counts, int k) {
  auto first = counts.begin();
  if (counts.find(k) != counts.end()) {
    k = k + 1;
    counts[k] += 1;
  }
  return first->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'first' used after 'counts.operator[]' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-7]]:16: note: iterator 'first' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: container 'counts' modified here by 'operator[]'
}
