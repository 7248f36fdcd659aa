// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// A range-for loop keeps hidden iterators into the range. An invalidating
// call on the iterated container inside the body is reported at the call,
// with a note at the loop, when control can reach the next iteration from
// the call. Leaving the loop right after the call (break, return, throw,
// goto) is fine.

#include <cstddef>
#include <deque>
#include <list>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

bool needsSplit(int);
bool isDuplicate(int);
void consume(int);

struct Task {
  int id;
  int retries;
};

//===----------------------------------------------------------------------===//
// Growth inside the loop
//===----------------------------------------------------------------------===//

void appendWhileIterating(std::vector<int> &values) {
  for (int v : values)
    if (v < 0)
      values.push_back(-v);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'values.push_back' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'values' starts here
}

// Leaving the loop right after the growth.
void appendAndBreak(std::vector<int> &values) {
  for (int v : values) {
    if (v < 0) {
      values.push_back(-v);
      break;
    }
  }
}

bool appendAndReturn(std::vector<int> &values) {
  for (int v : values) {
    if (v < 0) {
      values.push_back(-v);
      return true;
    }
  }
  return false;
}

void appendAndThrow(std::vector<int> &values) {
  for (int v : values) {
    if (v < 0) {
      values.push_back(-v);
      throw std::runtime_error("negative value");
    }
  }
}

void appendAndGoto(std::vector<int> &values) {
  for (int v : values) {
    if (needsSplit(v)) {
      values.push_back(v / 2);
      goto done;
    }
  }
done:
  consume(0);
}

// continue goes to the next iteration.
void appendAndContinue(std::vector<int> &values) {
  for (int v : values) {
    if (v < 0) {
      values.push_back(-v);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'values.push_back' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'values' starts here
      continue;
    }
    consume(v);
  }
}

// The break only leaves the inner loop.
void appendAndBreakInnerLoop(std::vector<int> &values) {
  for (int v : values) {
    while (needsSplit(v)) {
      values.push_back(v / 2);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'values.push_back' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'values' starts here
      break;
    }
  }
}

// The break only leaves the switch.
void appendAndBreakSwitch(std::vector<int> &values) {
  for (int v : values) {
    switch (v) {
    case 0:
      values.push_back(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'values.push_back' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-5]]:3: note: range-for loop over 'values' starts here
      break;
    default:
      return;
    }
  }
}

// The break is conditional.
void appendAndMaybeBreak(std::vector<int> &values) {
  for (int v : values) {
    if (needsSplit(v)) {
      values.push_back(v / 2);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'values.push_back' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'values' starts here
      if (values.size() > 100)
        break;
    }
  }
}

// Two invalidating calls in the body, two findings.
void appendTwiceWhileIterating(std::vector<int> &values) {
  for (int v : values) {
    if (needsSplit(v))
      values.push_back(v / 2);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'values.push_back' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'values' starts here
    values.emplace_back(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'values.emplace_back' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-7]]:3: note: range-for loop over 'values' starts here
  }
}

// The element reference of the loop is also stale after the growth.
void appendThenWriteLoopElement(std::vector<int> &values) {
  for (int &v : values) {
    values.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'values.push_back' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: range-for loop over 'values' starts here
    v = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: reference 'v' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-6]]:15: note: reference 'v' into 'values' obtained here
    // CHECK-MESSAGES: :[[@LINE-6]]:12: note: container 'values' modified here by 'push_back'
  }
}

void clearWhileIterating(std::vector<int> &values) {
  for (int v : values)
    if (isDuplicate(v))
      values.clear();
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'values.clear' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'values' starts here
}

void escapeWhileIterating(std::string &text) {
  for (char c : text)
    if (c == '\\')
      text += '\\';
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'text.operator+=' may invalidate the iterator of the enclosing range-for loop over 'text' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'text' starts here
}

void insertIntoUnorderedMapWhileIterating(std::unordered_map<int, int> &m) {
  for (auto &entry : m)
    if (entry.second < 0)
      m[-entry.first] = 0;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'm.operator[]' may invalidate the iterator of the enclosing range-for loop over 'm' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'm' starts here
}

void insertIntoUnorderedSetWhileIterating(std::unordered_set<int> &ids) {
  for (int id : ids)
    if (id < 0)
      ids.insert(-id);
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'ids.insert' may invalidate the iterator of the enclosing range-for loop over 'ids' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'ids' starts here
}

void pushBackOnDequeWhileIterating(std::deque<Task> &tasks) {
  for (const Task &task : tasks)
    if (task.retries > 0)
      tasks.push_back(Task{task.id, task.retries - 1});
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'tasks.push_back' may invalidate the iterator of the enclosing range-for loop over 'tasks' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'tasks' starts here
}

// Erasing any element of a vector moves its end.
void eraseFromVectorWhileIterating(std::vector<int> &values) {
  for (int v : values)
    if (isDuplicate(v))
      values.erase(values.begin());
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'values.erase' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'values' starts here
}

// Erasing the current element of a map through its key.
void eraseCurrentKeyWhileIterating(std::map<int, Task> &tasks) {
  for (const auto &entry : tasks)
    if (entry.second.retries == 0)
      tasks.erase(entry.first);
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'tasks.erase' may invalidate the iterator of the enclosing range-for loop over 'tasks' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'tasks' starts here
}

void eraseCurrentKeyFromUnorderedMap(std::unordered_map<std::string, int> &m) {
  for (auto &entry : m)
    if (entry.second == 0)
      m.erase(entry.first);
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'm.erase' may invalidate the iterator of the enclosing range-for loop over 'm' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'm' starts here
}

// The same through a structured binding of the loop's element.
void eraseCurrentKeyThroughStructuredBinding(std::map<int, Task> &tasks) {
  for (auto &[id, task] : tasks)
    if (task.retries == 0)
      tasks.erase(id);
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'tasks.erase' may invalidate the iterator of the enclosing range-for loop over 'tasks' [iterguard-invalidated-iterator]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'tasks' starts here
}

//===----------------------------------------------------------------------===//
// Nested loops
//===----------------------------------------------------------------------===//

void growOuterFromInnerLoop(std::vector<std::vector<int>> &rows) {
  for (auto &row : rows)
    for (int v : row)
      if (needsSplit(v))
        rows.emplace_back();
        // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'rows.emplace_back' may invalidate the iterator of the enclosing range-for loop over 'rows' [iterguard-invalidated-iterator]
        // CHECK-MESSAGES: :[[@LINE-5]]:3: note: range-for loop over 'rows' starts here
}

void growInnerFromInnerLoop(std::vector<std::vector<int>> &rows) {
  for (auto &row : rows)
    for (int v : row)
      if (needsSplit(v))
        row.push_back(v / 2);
        // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'row.push_back' may invalidate the iterator of the enclosing range-for loop over 'row' [iterguard-invalidated-iterator]
        // CHECK-MESSAGES: :[[@LINE-4]]:5: note: range-for loop over 'row' starts here
}

//===----------------------------------------------------------------------===//
// Lookalikes that must stay silent
//===----------------------------------------------------------------------===//

void appendToDifferentContainer(const std::vector<int> &in,
                                std::vector<int> &out) {
  for (int v : in)
    out.push_back(v);
}

// The loop iterates over a copy.
void appendWhileIteratingCopy(std::vector<int> &values) {
  for (int v : std::vector<int>(values))
    if (needsSplit(v))
      values.push_back(v / 2);
}

// The growth happens after the loop.
void appendAfterLoop(std::vector<int> &values) {
  int sum = 0;
  for (int v : values)
    sum += v;
  values.push_back(sum);
}

// List, map and set insertion never invalidates iterators.
void appendToListWhileIterating(std::list<int> &values) {
  for (int v : values)
    if (v < 0)
      values.push_back(-v);
}

void insertIntoMapWhileIterating(std::map<int, Task> &tasks) {
  for (auto &entry : tasks)
    if (entry.second.retries > 0)
      tasks.emplace(entry.first + 1000, Task{entry.first, 0});
}

void insertIntoSetWhileIterating(std::set<int> &ids) {
  for (int id : ids)
    if (id < 0)
      ids.insert(-id);
}

// Writing through the loop variable and calling const members is fine.
void updateInPlace(std::vector<Task> &tasks) {
  for (Task &task : tasks) {
    task.retries = 0;
    consume(static_cast<int>(tasks.size()));
  }
}

// An index-based loop re-reads size() and indexes freshly each time.
void appendWithIndexLoop(std::vector<int> &values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (needsSplit(values[i]))
      values.push_back(values[i] / 2);
}

//===----------------------------------------------------------------------===//
// Members, lambdas and templates
//===----------------------------------------------------------------------===//

class Scheduler {
public:
  void retryFailed() {
    for (const Task &task : tasks_)
      if (task.retries > 0)
        tasks_.push_back(Task{task.id, task.retries - 1});
        // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'tasks_.push_back' may invalidate the iterator of the enclosing range-for loop over 'tasks_' [iterguard-invalidated-iterator]
        // CHECK-MESSAGES: :[[@LINE-4]]:5: note: range-for loop over 'tasks_' starts here
  }

  // The retries are collected first and appended after the loop.
  void retryFailedFixed() {
    std::vector<Task> retries;
    for (const Task &task : tasks_)
      if (task.retries > 0)
        retries.push_back(Task{task.id, task.retries - 1});
    for (const Task &task : retries)
      tasks_.push_back(task);
  }

private:
  std::vector<Task> tasks_;
};

void appendInsideLambda(std::vector<int> &values) {
  auto expand = [&values] {
    for (int v : values)
      if (needsSplit(v))
        values.push_back(v / 2);
        // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'values.push_back' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
        // CHECK-MESSAGES: :[[@LINE-4]]:5: note: range-for loop over 'values' starts here
  };
  expand();
}

// Reported once for vector and deque; silent for list.
template <typename Container>
void duplicateEach(Container &c) {
  for (const auto &item : c)
    c.push_back(item);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'c.push_back' may invalidate the iterator of the enclosing range-for loop over 'c' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: range-for loop over 'c' starts here
}

void instantiateDuplicateEach(std::vector<int> &v, std::deque<int> &d,
                              std::list<int> &l) {
  duplicateEach(v);
  duplicateEach(d);
  duplicateEach(l);
}
