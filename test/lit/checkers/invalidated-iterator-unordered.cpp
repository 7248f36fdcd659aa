// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// Node-based hash containers (std::unordered_map, std::unordered_set): any
// insertion may rehash, which invalidates iterators; the nodes never move, so
// references and pointers to elements stay valid. clear and assignment
// invalidate everything, erase only the erased element.

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

void consume(int);
int compute(int);

struct Entry {
  int hits;
  std::string value;
};

//===----------------------------------------------------------------------===//
// Iterators across insert, emplace, try_emplace, operator[], rehash, reserve
//===----------------------------------------------------------------------===//

int iteratorAfterInsert(std::unordered_map<int, int> &counts) {
  auto it = counts.find(1);
  counts.insert({2, 3});
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'counts.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'insert'
}

// The lookup is repeated after the insertion.
int iteratorRefetchedAfterInsert(std::unordered_map<int, int> &counts) {
  auto it = counts.find(1);
  counts.insert({2, 3});
  it = counts.find(1);
  return it->second;
}

int iteratorAfterEmplace(std::unordered_map<int, int> &counts) {
  auto it = counts.find(1);
  counts.emplace(2, 3);
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'counts.emplace' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'emplace'
}

int iteratorAfterTryEmplace(std::unordered_map<int, Entry> &cache) {
  auto it = cache.begin();
  cache.try_emplace(5, Entry{1, "x"});
  return it->second.hits;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'cache.try_emplace' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'cache' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'cache' modified here by 'try_emplace'
}

int iteratorAfterSubscript(std::unordered_map<std::string, int> &counts) {
  auto it = counts.find("alpha");
  counts["beta"]++;
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'counts.operator[]' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: container 'counts' modified here by 'operator[]'
}

int iteratorAfterRehash(std::unordered_map<int, int> &counts) {
  auto it = counts.begin();
  counts.rehash(64);
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'counts.rehash' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'rehash'
}

int iteratorAfterReserve(std::unordered_map<int, int> &counts) {
  auto it = counts.begin();
  counts.reserve(1024);
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'counts.reserve' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'reserve'
}

bool endAfterSubscript(std::unordered_map<int, int> &counts) {
  auto end = counts.end();
  counts[3] = 1;
  return counts.find(3) == end;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: iterator 'end' used after 'counts.operator[]' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: iterator 'end' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: container 'counts' modified here by 'operator[]'
}

int setIteratorAfterInsert(std::unordered_set<int> &ids) {
  auto it = ids.find(1);
  ids.insert(2);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'ids.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'ids' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: container 'ids' modified here by 'insert'
}

int setIteratorAfterEmplace(std::unordered_set<std::string> &names) {
  auto it = names.begin();
  names.emplace("x");
  return static_cast<int>(it->size());
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: iterator 'it' used after 'names.emplace' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'names' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'names' modified here by 'emplace'
}

// The iterator is taken from the insertion's result.
int iteratorFromInsertResult(std::unordered_map<int, int> &counts) {
  auto it = counts.insert({1, 2}).first;
  counts.rehash(100);
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'counts.rehash' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'rehash'
}

// The pair returned by insert holds an iterator too.
int pairFromInsertAfterRehash(std::unordered_map<int, int> &counts) {
  auto result = counts.insert({1, 2});
  counts.rehash(100);
  return result.first->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'result' used after 'counts.rehash' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: iterator 'result' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'rehash'
}

// A structured binding of emplace's result is the iterator.
int structuredBindingAfterEmplace(std::unordered_map<int, int> &counts) {
  auto [it, inserted] = counts.emplace(1, 2);
  counts.emplace(3, 4);
  return inserted ? it->second : 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'inserted' used after 'counts.emplace' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: iterator 'inserted' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'emplace'
}

//===----------------------------------------------------------------------===//
// References and pointers across insertion stay valid
//===----------------------------------------------------------------------===//

int referenceAcrossInsert(std::unordered_map<int, int> &counts) {
  int &count = counts[1];
  counts.insert({2, 1});
  count++;
  return count;
}

int pointerAcrossEmplaceAndRehash(std::unordered_map<int, Entry> &cache) {
  Entry *entry = &cache[1];
  cache.emplace(2, Entry{0, "y"});
  cache.rehash(128);
  return entry->hits;
}

int referenceFromIteratorAcrossSubscript(std::unordered_map<int, int> &m) {
  auto &slot = m.find(1)->second;
  m[2] = 4;
  return slot;
}

int setElementReferenceAcrossInsert(std::unordered_set<int> &ids) {
  const int &first = *ids.find(1);
  ids.insert(2);
  return first;
}

std::size_t referenceAcrossTryEmplace(std::unordered_map<int, std::string> &m) {
  std::string &name = m[1];
  m.try_emplace(2, "x");
  return name.size();
}

// A memoizing lookup: the iterator is used only before the insertion.
int memoized(std::unordered_map<int, int> &memo, int key) {
  auto it = memo.find(key);
  if (it != memo.end())
    return it->second;
  int &value = memo[key];
  value = compute(key);
  return value;
}

// Two entries inserted one after the other, both held by reference: a
// common way to build a symbol table.
int twoReferencesAcrossSubscripts(std::unordered_map<std::string, Entry> &t) {
  Entry &a = t["a"];
  Entry &b = t["b"];
  a.hits += b.hits;
  return a.hits;
}

//===----------------------------------------------------------------------===//
// clear, assignment and erase invalidate references too
//===----------------------------------------------------------------------===//

int referenceAfterClear(std::unordered_map<int, int> &counts) {
  int &count = counts[1];
  counts.clear();
  return count;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'count' used after 'counts.clear' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: reference 'count' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'clear'
}

int iteratorAfterAssignment(std::unordered_map<int, int> &counts,
                            const std::unordered_map<int, int> &fresh) {
  auto it = counts.begin();
  counts = fresh;
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'counts.operator=' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'operator='
}

int referenceAfterErasingItsElement(std::unordered_map<int, int> &counts) {
  auto it = counts.find(1);
  int &value = it->second;
  counts.erase(it);
  return value;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'value' used after 'counts.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: reference 'value' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'erase'
}

// Erasing one element leaves the other elements' references valid.
int referenceAfterErasingAnotherElement(std::unordered_map<int, Entry> &m) {
  Entry &kept = m[1];
  auto other = m.find(2);
  if (other != m.end())
    m.erase(other);
  return kept.hits;
}

//===----------------------------------------------------------------------===//
// A cache class with a member map
//===----------------------------------------------------------------------===//

class Cache {
public:
  // The iterator from the lookup is kept across an insertion.
  const std::string &lookupOrInsert(int key, int fallbackKey) {
    auto hit = entries_.find(key);
    entries_[fallbackKey].hits++;
    return hit->second.value;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: iterator 'hit' used after 'entries_.operator[]' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:16: note: iterator 'hit' into 'entries_' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: container 'entries_' modified here by 'operator[]'
  }

  // The reference survives the insertion.
  const std::string &touch(int key, int fallbackKey) {
    Entry &entry = entries_[key];
    entries_[fallbackKey].hits++;
    entry.hits++;
    return entry.value;
  }

private:
  std::unordered_map<int, Entry> entries_;
};

// Reported once although instantiated for two key types.
template <typename Key>
int countAfterInsert(std::unordered_map<Key, int> &counts, const Key &a,
                     const Key &b) {
  auto it = counts.find(a);
  counts.emplace(b, 0);
  return it == counts.end() ? 0 : it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'counts.emplace' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'emplace'
}

void instantiateCountAfterInsert(std::unordered_map<int, int> &byId,
                                 std::unordered_map<std::string, int> &byName) {
  countAfterInsert(byId, 1, 2);
  countAfterInsert(byName, std::string("a"), std::string("b"));
}
