// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// std::deque: growing at either end invalidates iterators but not references
// or pointers; insertion in the middle, resize, clear and erase invalidate
// everything; pop_front/pop_back only the removed element.

#include <cstddef>
#include <deque>
#include <string>

void consume(int);

struct Job {
  int id;
  int priority;
};

//===----------------------------------------------------------------------===//
// Growth at the ends: iterators are invalidated
//===----------------------------------------------------------------------===//

int iteratorAfterPushBack(std::deque<int> &queue) {
  auto head = queue.begin();
  queue.push_back(1);
  return *head;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'head' used after 'queue.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'head' into 'queue' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'queue' modified here by 'push_back'
}

int iteratorAfterPushFront(std::deque<int> &queue) {
  auto head = queue.begin();
  queue.push_front(1);
  return *head;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'head' used after 'queue.push_front' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'head' into 'queue' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'queue' modified here by 'push_front'
}

int iteratorAfterEmplaceBack(std::deque<Job> &jobs) {
  auto it = jobs.begin();
  jobs.emplace_back(Job{1, 2});
  return it->priority;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'jobs.emplace_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'jobs' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'jobs' modified here by 'emplace_back'
}

bool endAfterEmplaceFront(std::deque<Job> &jobs) {
  auto end = jobs.end();
  jobs.emplace_front(Job{1, 2});
  return jobs.begin() == end;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: iterator 'end' used after 'jobs.emplace_front' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: iterator 'end' into 'jobs' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'jobs' modified here by 'emplace_front'
}

// The iterator is refetched after the growth.
int iteratorRefetchedAfterPushBack(std::deque<int> &queue) {
  auto head = queue.begin();
  queue.push_back(1);
  head = queue.begin();
  return *head;
}

//===----------------------------------------------------------------------===//
// Growth at the ends: references and pointers stay valid
//===----------------------------------------------------------------------===//

int referenceAcrossPushBackAndPushFront(std::deque<int> &queue) {
  int &first = queue.front();
  queue.push_back(1);
  queue.push_front(2);
  return first;
}

int pointerAcrossEmplace(std::deque<Job> &jobs) {
  Job *last = &jobs.back();
  jobs.emplace_back(Job{3, 4});
  jobs.emplace_front(Job{5, 6});
  return last->id;
}

int referenceReturnedByEmplaceBack(std::deque<Job> &jobs) {
  Job &added = jobs.emplace_back(Job{3, 4});
  jobs.push_back(Job{5, 6});
  return added.priority;
}

// Breadth-first traversal: the node being expanded stays put while its
// children are appended behind it.
struct Graph {
  int childCount(int node) const;
  int child(int node, int index) const;
};

int breadthFirst(const Graph &graph, int root) {
  std::deque<int> frontier;
  frontier.push_back(root);
  int visited = 0;
  while (!frontier.empty()) {
    const int &node = frontier.front();
    for (int i = 0; i < graph.childCount(node); ++i)
      frontier.push_back(graph.child(node, i));
    consume(node);
    frontier.pop_front();
    ++visited;
  }
  return visited;
}

//===----------------------------------------------------------------------===//
// Middle insertion, resize, clear, erase: everything is invalidated
//===----------------------------------------------------------------------===//

int referenceAfterInsertInMiddle(std::deque<int> &values) {
  int &second = values[1];
  values.insert(values.begin() + 1, 5);
  return second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'second' used after 'values.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: reference 'second' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'insert'
}

int pointerAfterEmplace(std::deque<int> &values) {
  int *fourth = &values[3];
  values.emplace(values.begin(), 1);
  return *fourth;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: pointer 'fourth' used after 'values.emplace' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: pointer 'fourth' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'emplace'
}

int referenceAfterResize(std::deque<int> &values) {
  int &last = values.back();
  values.resize(1);
  return last;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'last' used after 'values.resize' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: reference 'last' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'resize'
}

int referenceAfterErase(std::deque<int> &values) {
  int &fourth = values.at(3);
  values.erase(values.begin() + 1);
  return fourth;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'fourth' used after 'values.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: reference 'fourth' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'erase'
}

int referenceAfterClear(std::deque<std::string> &lines) {
  const std::string &first = lines.front();
  lines.clear();
  return static_cast<int>(first.size());
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: reference 'first' used after 'lines.clear' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:30: note: reference 'first' into 'lines' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'lines' modified here by 'clear'
}

//===----------------------------------------------------------------------===//
// pop_front / pop_back: only the removed element
//===----------------------------------------------------------------------===//

int frontReferenceAfterPopFront(std::deque<Job> &jobs) {
  Job &next = jobs.front();
  jobs.pop_front();
  return next.id;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'next' used after 'jobs.pop_front' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: reference 'next' into 'jobs' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'jobs' modified here by 'pop_front'
}

// The element at the other end is not removed.
int backReferenceAfterPopFront(std::deque<Job> &jobs) {
  Job &last = jobs.back();
  jobs.pop_front();
  return last.id;
}

int backReferenceAfterPopBack(std::deque<int> &values) {
  int &last = values.back();
  values.pop_back();
  return last;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'last' used after 'values.pop_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: reference 'last' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'pop_back'
}

// The element at the other end is not removed.
int frontReferenceAfterPopBack(std::deque<int> &values) {
  int &first = values.front();
  values.pop_back();
  return first;
}

// An iterator to an element other than the first survives pop_front.
int thirdIteratorAfterPopFront(std::deque<int> &values) {
  auto third = values.begin() + 2;
  values.pop_front();
  return *third;
}

// pop_back also invalidates the past-the-end iterator ([deque.modifiers]).
bool endAfterPopBack(std::deque<int> &values) {
  auto end = values.end();
  values.pop_back();
  return values.begin() == end;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: iterator 'end' used after 'values.pop_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: iterator 'end' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'pop_back'
}

// The usual work queue: the job is copied out before it is popped.
void runJobs(std::deque<Job> &jobs) {
  while (!jobs.empty()) {
    Job job = jobs.front();
    jobs.pop_front();
    if (job.priority > 0)
      jobs.push_back(Job{job.id, job.priority - 1});
    consume(job.id);
  }
}

//===----------------------------------------------------------------------===//
// A class template over the queue type
//===----------------------------------------------------------------------===//

template <typename Task>
class Scheduler {
public:
  // Keeping an iterator across push_back is wrong for std::deque; reported
  // once although the class is instantiated for two task types.
  Task scheduleAfterFirst(const Task &task) {
    auto first = queue_.begin();
    queue_.push_back(task);
    return *first;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: iterator 'first' used after 'queue_.push_back' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:18: note: iterator 'first' into 'queue_' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'queue_' modified here by 'push_back'
  }

  // Keeping a reference across push_back is fine for std::deque.
  Task scheduleAfterFirstByReference(const Task &task) {
    const Task &first = queue_.front();
    queue_.push_back(task);
    return first;
  }

private:
  std::deque<Task> queue_;
};

void instantiateScheduler() {
  Scheduler<int> numbers;
  numbers.scheduleAfterFirst(1);
  numbers.scheduleAfterFirstByReference(1);
  Scheduler<Job> jobs;
  jobs.scheduleAfterFirst(Job{1, 2});
  jobs.scheduleAfterFirstByReference(Job{1, 2});
}
