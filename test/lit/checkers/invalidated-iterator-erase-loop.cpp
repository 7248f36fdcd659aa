// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// The classic erase-in-loop bug: c.erase(it) invalidates 'it', and the loop
// then increments or dereferences it. The finding is at that use. The fix is
// to continue from the iterator erase returns: it = c.erase(it).

#include <algorithm>
#include <deque>
#include <iterator>
#include <list>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

void consume(int);
bool isExpired(int);

struct Session {
  int id;
  bool closed;
};

//===----------------------------------------------------------------------===//
// std::vector
//===----------------------------------------------------------------------===//

void eraseNegativesFromVector(std::vector<int> &values) {
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (*it < 0)
      values.erase(it);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:56: warning: iterator 'it' used after 'values.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: container 'values' modified here by 'erase'
}

void eraseNegativesFromVectorFixed(std::vector<int> &values) {
  for (auto it = values.begin(); it != values.end();) {
    if (*it < 0)
      it = values.erase(it);
    else
      ++it;
  }
}

// Post-increment does not help for a vector: the elements after the erased
// one move down, so the incremented iterator is invalidated too.
void eraseWithPostIncrementFromVector(std::vector<int> &values) {
  for (auto it = values.begin(); it != values.end();) {
    if (*it < 0)
      values.erase(it++);
    else
      ++it;
  }
  // CHECK-MESSAGES: :[[@LINE-6]]:34: warning: iterator 'it' used after 'values.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-7]]:18: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-6]]:14: note: container 'values' modified here by 'erase'
}

// The erase-remove idiom never holds an iterator across the erase.
void eraseRemoveIdiom(std::vector<int> &values) {
  values.erase(std::remove_if(values.begin(), values.end(), isExpired),
               values.end());
}

// Leaving the loop right after the erase is fine.
bool eraseFirstMatchAndStop(std::vector<int> &values, int target) {
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (*it == target) {
      values.erase(it);
      return true;
    }
  }
  return false;
}

void eraseFirstMatchAndBreak(std::vector<int> &values, int target) {
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (*it == target) {
      values.erase(it);
      break;
    }
  }
}

// Dereferencing after the erase, in a while loop.
int sumAfterEraseInWhileLoop(std::vector<int> &values) {
  int sum = 0;
  auto it = values.begin();
  while (it != values.end()) {
    if (isExpired(*it))
      values.erase(it);
    sum += *it;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: iterator 'it' used after 'values.erase' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-6]]:13: note: iterator 'it' into 'values' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:14: note: container 'values' modified here by 'erase'
    ++it;
  }
  return sum;
}

int useAfterSingleErase(std::vector<Session> &sessions) {
  auto it = sessions.begin();
  sessions.erase(it);
  return it->id;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'sessions.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'sessions' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'sessions' modified here by 'erase'
}

//===----------------------------------------------------------------------===//
// std::string
//===----------------------------------------------------------------------===//

void stripSpaces(std::string &text) {
  for (auto it = text.begin(); it != text.end(); ++it) {
    if (*it == ' ')
      text.erase(it);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:52: warning: iterator 'it' used after 'text.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: iterator 'it' into 'text' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'text' modified here by 'erase'
}

void stripSpacesFixed(std::string &text) {
  for (auto it = text.begin(); it != text.end();) {
    if (*it == ' ')
      it = text.erase(it);
    else
      ++it;
  }
}

//===----------------------------------------------------------------------===//
// std::deque
//===----------------------------------------------------------------------===//

void eraseExpiredFromDeque(std::deque<int> &timers) {
  for (auto it = timers.begin(); it != timers.end(); ++it) {
    if (isExpired(*it))
      timers.erase(it);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:56: warning: iterator 'it' used after 'timers.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: iterator 'it' into 'timers' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: container 'timers' modified here by 'erase'
}

void eraseExpiredFromDequeFixed(std::deque<int> &timers) {
  for (auto it = timers.begin(); it != timers.end();) {
    if (isExpired(*it))
      it = timers.erase(it);
    else
      ++it;
  }
}

//===----------------------------------------------------------------------===//
// std::list
//===----------------------------------------------------------------------===//

void eraseClosedFromList(std::list<Session> &sessions) {
  for (auto it = sessions.begin(); it != sessions.end(); ++it) {
    if (it->closed)
      sessions.erase(it);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:60: warning: iterator 'it' used after 'sessions.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: iterator 'it' into 'sessions' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: container 'sessions' modified here by 'erase'
}

void eraseClosedFromListFixed(std::list<Session> &sessions) {
  for (auto it = sessions.begin(); it != sessions.end();) {
    if (it->closed)
      it = sessions.erase(it);
    else
      ++it;
  }
}

// The successor is saved before the erase; list nodes never move.
void eraseClosedFromListWithSavedNext(std::list<Session> &sessions) {
  for (auto it = sessions.begin(); it != sessions.end();) {
    auto next = std::next(it);
    if (it->closed)
      sessions.erase(it);
    it = next;
  }
}

// list::remove_if does the loop internally.
void removeClosedFromList(std::list<Session> &sessions) {
  sessions.remove_if([](const Session &s) { return s.closed; });
}

// Erasing one node leaves iterators to the other nodes valid.
int otherListIteratorAfterErase(std::list<int> &values) {
  auto first = values.begin();
  auto second = std::next(first);
  values.erase(second);
  return *first;
}

int listFrontAfterErasingBegin(std::list<int> &values) {
  int &first = values.front();
  values.erase(values.begin());
  return first;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'first' used after 'values.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: reference 'first' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'erase'
}

//===----------------------------------------------------------------------===//
// std::map and std::set
//===----------------------------------------------------------------------===//

void eraseExpiredFromMap(std::map<int, Session> &byId) {
  for (auto it = byId.begin(); it != byId.end(); ++it) {
    if (it->second.closed)
      byId.erase(it);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:52: warning: iterator 'it' used after 'byId.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: iterator 'it' into 'byId' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'byId' modified here by 'erase'
}

void eraseExpiredFromMapFixed(std::map<int, Session> &byId) {
  for (auto it = byId.begin(); it != byId.end();) {
    if (it->second.closed)
      it = byId.erase(it);
    else
      ++it;
  }
}

// Erasing by the key of the current element erases the current element.
void eraseExpiredFromMapByKey(std::map<int, Session> &byId) {
  for (auto it = byId.begin(); it != byId.end(); ++it) {
    if (it->second.closed)
      byId.erase(it->first);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:52: warning: iterator 'it' used after 'byId.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: iterator 'it' into 'byId' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'byId' modified here by 'erase'
}

// Another element's node is not touched by the erase.
int otherMapIteratorAfterErase(std::map<int, int> &counts) {
  auto low = counts.find(1);
  auto high = counts.find(2);
  if (low == counts.end() || high == counts.end())
    return 0;
  counts.erase(high);
  return low->second;
}

int mapValueReferenceAfterErase(std::map<std::string, int> &counts,
                                const std::string &key) {
  auto it = counts.find(key);
  int &count = it->second;
  counts.erase(it);
  return count;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'count' used after 'counts.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: reference 'count' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'erase'
}

void eraseExpiredFromSet(std::set<int> &deadlines) {
  for (auto it = deadlines.begin(); it != deadlines.end(); ++it) {
    if (isExpired(*it))
      deadlines.erase(it);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:62: warning: iterator 'it' used after 'deadlines.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: iterator 'it' into 'deadlines' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: container 'deadlines' modified here by 'erase'
}

void eraseExpiredFromSetFixed(std::set<int> &deadlines) {
  for (auto it = deadlines.begin(); it != deadlines.end();) {
    if (isExpired(*it))
      it = deadlines.erase(it);
    else
      ++it;
  }
}

void eraseExpiredFromSetByValue(std::set<int> &deadlines) {
  for (auto it = deadlines.begin(); it != deadlines.end(); ++it) {
    if (isExpired(*it))
      deadlines.erase(*it);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:62: warning: iterator 'it' used after 'deadlines.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: iterator 'it' into 'deadlines' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: container 'deadlines' modified here by 'erase'
}

//===----------------------------------------------------------------------===//
// Unordered containers
//===----------------------------------------------------------------------===//

void eraseClosedFromUnorderedMap(std::unordered_map<int, Session> &byId) {
  for (auto it = byId.begin(); it != byId.end(); ++it) {
    if (it->second.closed)
      byId.erase(it);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:52: warning: iterator 'it' used after 'byId.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: iterator 'it' into 'byId' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'byId' modified here by 'erase'
}

void eraseClosedFromUnorderedMapFixed(
    std::unordered_map<int, Session> &byId) {
  for (auto it = byId.begin(); it != byId.end();) {
    if (it->second.closed)
      it = byId.erase(it);
    else
      ++it;
  }
}

void eraseExpiredFromUnorderedSet(std::unordered_set<int> &ids) {
  auto it = ids.begin();
  while (it != ids.end()) {
    if (isExpired(*it))
      ids.erase(it);
    ++it;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: iterator 'it' used after 'ids.erase' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-6]]:13: note: iterator 'it' into 'ids' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:11: note: container 'ids' modified here by 'erase'
  }
}

void eraseExpiredFromUnorderedSetFixed(std::unordered_set<int> &ids) {
  auto it = ids.begin();
  while (it != ids.end()) {
    if (isExpired(*it))
      it = ids.erase(it);
    else
      ++it;
  }
}

//===----------------------------------------------------------------------===//
// A generic helper instantiated for several containers
//===----------------------------------------------------------------------===//

// Reported once, although instantiated for vector, list and set.
template <typename Container, typename Predicate>
void eraseIfBuggy(Container &c, Predicate pred) {
  for (auto it = c.begin(); it != c.end(); ++it) {
    if (pred(*it))
      c.erase(it);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:46: warning: iterator 'it' used after 'c.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: iterator 'it' into 'c' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'c' modified here by 'erase'
}

template <typename Container, typename Predicate>
void eraseIfFixed(Container &c, Predicate pred) {
  for (auto it = c.begin(); it != c.end();) {
    if (pred(*it))
      it = c.erase(it);
    else
      ++it;
  }
}

void instantiateEraseIf(std::vector<int> &v, std::list<int> &l,
                        std::set<int> &s) {
  auto negative = [](int x) { return x < 0; };
  eraseIfBuggy(v, negative);
  eraseIfBuggy(l, negative);
  eraseIfBuggy(s, negative);
  eraseIfFixed(v, negative);
  eraseIfFixed(l, negative);
  eraseIfFixed(s, negative);
}
