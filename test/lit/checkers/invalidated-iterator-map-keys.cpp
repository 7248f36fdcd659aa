// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// Erasing from a map by key: `m.erase(k)` removes the element the handles
// obtained with the same, unchanged key `k` point at (`m.find(k)`, `m[k]`,
// `m.at(k)`), and the element a range-for loop is on when `k` is that
// element's key (`for (auto &[id, s] : m) m.erase(id)`). A key that is not
// provably the same leaves the handles alone.

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

struct Session {
  int fd;
  bool closed;
};

//===----------------------------------------------------------------------===//
// Handles obtained with the erased key
//===----------------------------------------------------------------------===//

int findThenEraseSameKey(std::map<int, Session> &sessions, int id) {
  auto it = sessions.find(id);
  sessions.erase(id);
  return it->second.fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'sessions.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'sessions' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'sessions' modified here by 'erase'
}

// Fine: a different key, not provably equal to `id`.
int findThenEraseOtherKey(std::map<int, Session> &sessions, int id,
                          int stale) {
  auto it = sessions.find(id);
  sessions.erase(stale);
  return it->second.fd;
}

// Fine: the key changed between the lookup and the erase.
int findThenEraseNextKey(std::map<int, Session> &sessions, int id) {
  auto it = sessions.find(id);
  ++id;
  sessions.erase(id);
  return it->second.fd;
}

int referenceThenEraseSameKey(std::map<std::string, Session> &byName,
                              const std::string &name) {
  Session &s = byName.at(name);
  byName.erase(name);
  return s.fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 's' used after 'byName.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: reference 's' into 'byName' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'byName' modified here by 'erase'
}

int findThenEraseUnordered(std::unordered_map<int, Session> &sessions,
                           int id) {
  auto it = sessions.find(id);
  sessions.erase(id);
  return it->second.fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'sessions.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'sessions' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'sessions' modified here by 'erase'
}

// Fine: the handle is refetched after the erase.
bool findAgainAfterErase(std::unordered_map<int, Session> &sessions, int id) {
  auto it = sessions.find(id);
  if (it != sessions.end() && it->second.closed)
    sessions.erase(id);
  it = sessions.find(id);
  return it == sessions.end();
}

//===----------------------------------------------------------------------===//
// Range-for with structured bindings
//===----------------------------------------------------------------------===//

void closeFinished(std::map<int, Session> &sessions) {
  for (auto &[id, s] : sessions)
    if (s.closed)
      sessions.erase(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'sessions.erase' may invalidate the iterator of the enclosing range-for loop over 'sessions' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'sessions' starts here
}

void closeFinishedUnordered(std::unordered_map<int, Session> &sessions) {
  for (const auto &[id, s] : sessions)
    if (s.closed)
      sessions.erase(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'sessions.erase' may invalidate the iterator of the enclosing range-for loop over 'sessions' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'sessions' starts here
}

void closeFinishedByPair(std::map<int, Session> &sessions) {
  for (auto &entry : sessions)
    if (entry.second.closed)
      sessions.erase(entry.first);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'sessions.erase' may invalidate the iterator of the enclosing range-for loop over 'sessions' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'sessions' starts here
}

// Fine: the loop ends right after the erase.
void closeFirstFinished(std::map<int, Session> &sessions) {
  for (auto [id, s] : sessions) {
    if (s.closed) {
      sessions.erase(id);
      break;
    }
  }
}

// Fine: the iterator loop takes the iterator erase returns.
void closeFinishedWithIterator(std::map<int, Session> &sessions) {
  for (auto it = sessions.begin(); it != sessions.end();) {
    if (it->second.closed)
      it = sessions.erase(it);
    else
      ++it;
  }
}

void closeFinishedWithIteratorUnordered(
    std::unordered_map<int, Session> &sessions) {
  for (auto it = sessions.begin(); it != sessions.end();) {
    if (it->second.closed)
      it = sessions.erase(it);
    else
      ++it;
  }
}

// Fine: collect the keys first, erase after the loop.
void closeFinishedInTwoPasses(std::map<int, Session> &sessions) {
  std::vector<int> finished;
  for (const auto &[id, s] : sessions)
    if (s.closed)
      finished.push_back(id);
  for (int id : finished)
    sessions.erase(id);
}

// An iterator loop that erases by the key read through the iterator.
void closeFinishedByKeyThenIncrement(std::map<int, Session> &sessions) {
  for (auto it = sessions.begin(); it != sessions.end(); ++it)
    if (it->second.closed)
      sessions.erase(it->first);
  // CHECK-MESSAGES: :[[@LINE-3]]:60: warning: iterator 'it' used after 'sessions.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:18: note: iterator 'it' into 'sessions' obtained here
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: container 'sessions' modified here by 'erase'
}

//===----------------------------------------------------------------------===//
// Erasing by a parameter inside a member function
//===----------------------------------------------------------------------===//

class Server {
public:
  void close(int id) { sessions_.erase(id); }

  void reap() {
    for (auto &[id, s] : sessions_)
      if (s.closed)
        close(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'close' may invalidate the iterator of the enclosing range-for loop over 'sessions_' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: range-for loop over 'sessions_' starts here
    // CHECK-MESSAGES: :[[@LINE-8]]:34: note: container 'sessions_' modified here by 'erase'
  }

  // Fine: the loop ends right after the call.
  void closeByFd(int fd) {
    for (auto &[id, s] : sessions_) {
      if (s.fd == fd) {
        close(id);
        return;
      }
    }
  }

  int closeAndRead(int id) {
    auto it = sessions_.find(id);
    close(id);
    return it->second.fd;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: iterator 'it' used after 'close' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'it' into 'sessions_' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: call to 'close' may modify 'sessions_'
    // CHECK-MESSAGES: :[[@LINE-28]]:34: note: container 'sessions_' modified here by 'erase'
  }

  // Fine: the closed session is not the one the iterator points at.
  int closeOtherAndRead(int id, int other) {
    auto it = sessions_.find(id);
    close(other);
    return it->second.fd;
  }

private:
  std::map<int, Session> sessions_;
};

template <typename Map> void reapAll(Map &sessions) {
  for (auto &[id, s] : sessions)
    if (s.closed)
      sessions.erase(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'sessions.erase' may invalidate the iterator of the enclosing range-for loop over 'sessions' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'sessions' starts here
}

template void reapAll(std::map<int, Session> &);
template void reapAll(std::unordered_map<int, Session> &);

//===----------------------------------------------------------------------===//
// Known misses
//===----------------------------------------------------------------------===//

// By-value bindings copy the element, but the key still names the node the
// loop's hidden iterator points at.
void closeFinishedByValue(std::map<int, Session> &sessions) {
  for (auto [id, s] : sessions)
    if (s.closed)
      sessions.erase(id);
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'sessions.erase' may invalidate the iterator of the enclosing range-for loop over 'sessions' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'sessions' starts here
}

// The same with a by-value pair.
void closeFinishedByValuePair(std::map<int, Session> &sessions) {
  for (auto entry : sessions)
    if (entry.second.closed)
      sessions.erase(entry.first);
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'sessions.erase' may invalidate the iterator of the enclosing range-for loop over 'sessions' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'sessions' starts here
}

// False negative: equal literal keys are not recognised as the same key.
int findThenEraseLiteral(std::map<std::string, int> &counts) {
  auto it = counts.find("total");
  counts.erase("total");
  return it->second;
}

// A key copied out of the element still names that element.
int eraseByCopiedKey(std::map<int, Session> &sessions) {
  auto it = sessions.begin();
  int id = it->first;
  sessions.erase(id);
  return it->second.fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'sessions.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: iterator 'it' into 'sessions' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'sessions' modified here by 'erase'
}
