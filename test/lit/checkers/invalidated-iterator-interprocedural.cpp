// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// Mutations inside functions of the same translation unit: each function gets
// a summary of the containers its caller can name that it may modify (members
// of its object, the objects behind its reference and pointer parameters,
// globals), propagated over the call graph. A call then acts on the caller's
// handles as the operations it summarizes, and the finding tells the chain.

#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

//===----------------------------------------------------------------------===//
// A range-for over a member, modified by a method of the same object
//===----------------------------------------------------------------------===//

struct Subscriber {
  int id;
  bool once;
};

class EventBus {
public:
  void unsubscribe(int id) {
    for (auto it = subscribers_.begin(); it != subscribers_.end(); ++it) {
      if (it->id == id) {
        subscribers_.erase(it);
        return;
      }
    }
  }

  // The subscriber that unregisters itself while the bus notifies: erase
  // shifts the vector under the loop's iterator.
  void publish() {
    for (const Subscriber &s : subscribers_) {
      deliver(s.id);
      if (s.once)
        unsubscribe(s.id);
    }
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: 'unsubscribe' may invalidate the iterator of the enclosing range-for loop over 'subscribers_' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-6]]:5: note: range-for loop over 'subscribers_' starts here
    // CHECK-MESSAGES: :[[@LINE-16]]:22: note: container 'subscribers_' modified here by 'erase'
  }

  // Fine: the loop ends right after the call.
  void publishToFirstOnce() {
    for (const Subscriber &s : subscribers_) {
      if (s.once) {
        unsubscribe(s.id);
        break;
      }
    }
  }

  // Fine: the function returns right after the call.
  bool dropFirstOnce() {
    for (const Subscriber &s : subscribers_) {
      if (s.once) {
        unsubscribe(s.id);
        return true;
      }
    }
    return false;
  }

  // Fine: the other bus's subscribers are a different container.
  void forwardTo(EventBus &peer) {
    for (const Subscriber &s : subscribers_)
      peer.unsubscribe(s.id);
  }

  // Fine: a const method cannot modify the members.
  std::size_t countOnce() const {
    std::size_t n = 0;
    for (const Subscriber &s : subscribers_)
      n += isOnce(s.id) ? 1 : 0;
    return n;
  }

private:
  void deliver(int id);
  bool isOnce(int id) const {
    for (const Subscriber &s : subscribers_)
      if (s.id == id)
        return s.once;
    return false;
  }

  std::vector<Subscriber> subscribers_;
};

//===----------------------------------------------------------------------===//
// Chains of calls
//===----------------------------------------------------------------------===//

struct Task {
  int id;
  int attempts;
};

class WorkQueue {
public:
  // A failed task is retried by pushing it back onto the queue being drained,
  // three calls down.
  void drain() {
    for (Task &t : pending_)
      run(t);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'run' may invalidate the iterator of the enclosing range-for loop over 'pending_' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: range-for loop over 'pending_' starts here
    // CHECK-MESSAGES: :[[@LINE+23]]:7: note: 'run' calls 'retry' here
    // CHECK-MESSAGES: :[[@LINE+26]]:7: note: 'retry' calls 'enqueue' here
    // CHECK-MESSAGES: :[[@LINE+27]]:42: note: container 'pending_' modified here by 'push_back'
    pending_.clear();
  }

  // Fine: the retry goes to a different member.
  void drainToDeadLetters() {
    for (Task &t : pending_)
      if (!execute(t))
        park(t);
  }

  // Fine: a function that is only declared is assumed not to modify anything
  // (SPEC section 1).
  void drainWithHook() {
    for (Task &t : pending_)
      onDrained(t);
  }

private:
  void run(Task &t) {
    if (!execute(t))
      retry(t);
  }
  void retry(Task &t) {
    if (++t.attempts < 3)
      enqueue(t);
  }
  void enqueue(const Task &t) { pending_.push_back(t); }
  void park(const Task &t) { deadLetters_.push_back(t); }
  bool execute(Task &t);
  void onDrained(Task &t);

  std::vector<Task> pending_;
  std::vector<Task> deadLetters_;
};

//===----------------------------------------------------------------------===//
// Templates: one finding however many instantiations
//===----------------------------------------------------------------------===//

template <typename T> class Batcher {
public:
  void flush() {
    for (const T &item : items_)
      if (!send(item))
        requeue(item);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'requeue' may invalidate the iterator of the enclosing range-for loop over 'items_' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: range-for loop over 'items_' starts here
    // CHECK-MESSAGES: :[[@LINE+5]]:40: note: container 'items_' modified here by 'push_back'
  }

private:
  bool send(const T &item);
  void requeue(const T &item) { items_.push_back(item); }

  std::vector<T> items_;
};

template class Batcher<int>;
template class Batcher<std::string>;

void flushAll(Batcher<double> &prices) { prices.flush(); }

//===----------------------------------------------------------------------===//
// Another object's member, reached through a reference parameter
//===----------------------------------------------------------------------===//

struct Timer {
  int id;
  bool due;
};

struct TimerWheel {
  std::vector<Timer> timers;
  void cancel(int id) {
    for (auto it = timers.begin(); it != timers.end(); ++it)
      if (it->id == id) {
        timers.erase(it);
        return;
      }
  }
  void fire(const Timer &t) {
    if (t.due)
      cancel(t.id);
  }
};

void runDueTimers(TimerWheel &wheel) {
  for (const Timer &t : wheel.timers)
    wheel.fire(t);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'fire' may invalidate the iterator of the enclosing range-for loop over 'wheel.timers' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: range-for loop over 'wheel.timers' starts here
  // CHECK-MESSAGES: :[[@LINE-9]]:7: note: 'fire' calls 'cancel' here
  // CHECK-MESSAGES: :[[@LINE-16]]:16: note: container 'timers' modified here by 'erase'
}

// Fine: a copy of the wheel is a different object.
void runDueTimersOnCopy(TimerWheel &wheel) {
  TimerWheel pending = wheel;
  for (const Timer &t : wheel.timers)
    pending.fire(t);
}

//===----------------------------------------------------------------------===//
// The container passed by non-const reference or pointer
//===----------------------------------------------------------------------===//

void appendDefaults(std::vector<std::string> &names) {
  names.push_back("default");
}

std::string firstName(std::vector<std::string> &names) {
  auto it = names.begin();
  appendDefaults(names);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'appendDefaults' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'names' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: call to 'appendDefaults' may modify 'names'
  // CHECK-MESSAGES: :[[@LINE-10]]:9: note: container 'names' modified here by 'push_back'
}

void ensureTrailingSlash(std::string *path) { path->append("/"); }

std::size_t headLength(std::string &path) {
  std::string_view head = path;
  ensureTrailingSlash(&path);
  return head.size();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: view 'head' used after 'ensureTrailingSlash' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:27: note: view 'head' into 'path' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: call to 'ensureTrailingSlash' may modify 'path'
  // CHECK-MESSAGES: :[[@LINE-9]]:53: note: container '*path' modified here by 'append'
}

void grow(std::vector<int> &table) { table.resize(table.size() * 2 + 1); }
void rebuild(std::vector<int> &table) { grow(table); }

int firstSlot(std::vector<int> &table) {
  int &slot = table[0];
  rebuild(table);
  return slot;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'slot' used after 'rebuild' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: reference 'slot' into 'table' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: call to 'rebuild' may modify 'table'
  // CHECK-MESSAGES: :[[@LINE-9]]:41: note: 'rebuild' calls 'grow' here
  // CHECK-MESSAGES: :[[@LINE-11]]:44: note: container 'table' modified here by 'resize'
}

void removeAt(std::vector<int> &values, std::vector<int>::iterator pos) {
  values.erase(pos);
}

// The classic erase-in-loop bug, with the erase moved into a helper.
void removeZeros(std::vector<int> &values) {
  for (auto it = values.begin(); it != values.end(); ++it)
    if (*it == 0)
      removeAt(values, it);
  // CHECK-MESSAGES: :[[@LINE-3]]:56: warning: iterator 'it' used after 'removeAt' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:18: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: call to 'removeAt' may modify 'values'
  // CHECK-MESSAGES: :[[@LINE-11]]:10: note: container 'values' modified here by 'erase'
}

std::vector<int>::iterator removeAtAndNext(std::vector<int> &values,
                                           std::vector<int>::iterator pos) {
  return values.erase(pos);
}

// Fine: the helper returns the next valid iterator and the loop takes it.
void removeZerosFixed(std::vector<int> &values) {
  for (auto it = values.begin(); it != values.end();) {
    if (*it == 0)
      it = removeAtAndNext(values, it);
    else
      ++it;
  }
}

void transfer(std::vector<int> &from, std::vector<int> &to) {
  to.push_back(from.back());
}

// Fine: transfer modifies its second parameter only.
int transferKeepsSource(std::vector<int> &from, std::vector<int> &to) {
  auto it = from.begin();
  transfer(from, to);
  return *it;
}

int transferGrowsTarget(std::vector<int> &from, std::vector<int> &to) {
  auto it = to.begin();
  transfer(from, to);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'transfer' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'to' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: call to 'transfer' may modify 'to'
  // CHECK-MESSAGES: :[[@LINE-17]]:6: note: container 'to' modified here by 'push_back'
}

std::vector<int> withSentinel(std::vector<int> values) {
  values.push_back(-1);
  return values;
}

// Fine: the callee modifies its own copy.
int sentinelOnCopy(std::vector<int> &values) {
  auto it = values.begin();
  std::vector<int> padded = withSentinel(values);
  return *it + padded.back();
}

void padLocally(std::vector<int> &values) {
  std::vector<int> copy = values;
  copy.push_back(0);
}

// Fine: the callee copies the vector before growing the copy.
int padLocallyKeepsHandles(std::vector<int> &values) {
  int &first = values.front();
  padLocally(values);
  return first;
}

std::size_t countPositive(const std::vector<int> &values) {
  std::size_t n = 0;
  for (int v : values)
    n += v > 0;
  return n;
}

// Fine: a const reference parameter cannot be modified.
int countKeepsHandles(std::vector<int> &values) {
  auto it = values.begin();
  std::size_t n = countPositive(values);
  return *it + static_cast<int>(n);
}

void shrinkExternally(std::vector<int> &values);

// Fine: a function without a body is assumed not to modify its arguments
// (SPEC section 1).
int declaredOnly(std::vector<int> &values) {
  auto it = values.begin();
  shrinkExternally(values);
  return *it;
}

//===----------------------------------------------------------------------===//
// Virtual calls
//===----------------------------------------------------------------------===//

class Scheduler {
public:
  virtual ~Scheduler() = default;
  virtual void cancel(int id) { jobs_.clear(); }

  // Fine by design: a virtual call may reach an override this translation
  // unit does not show, so it is assumed not to modify anything (SPEC
  // section 1), even though Scheduler::cancel clears the jobs.
  void cancelAll() {
    for (int id : jobs_)
      cancel(id);
  }

  // A qualified call is not dispatched virtually.
  void cancelAllHere() {
    for (int id : jobs_)
      Scheduler::cancel(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'cancel' may invalidate the iterator of the enclosing range-for loop over 'jobs_' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: range-for loop over 'jobs_' starts here
    // CHECK-MESSAGES: :[[@LINE-16]]:39: note: container 'jobs_' modified here by 'clear'
  }

protected:
  std::vector<int> jobs_;
};

class OneShotScheduler final : public Scheduler {
public:
  void cancel(int id) override { jobs_.push_back(-id); }

  // The class is final, so the call can only reach this override.
  void cancelAllFinal() {
    for (int id : jobs_)
      cancel(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'cancel' may invalidate the iterator of the enclosing range-for loop over 'jobs_' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: range-for loop over 'jobs_' starts here
    // CHECK-MESSAGES: :[[@LINE-8]]:40: note: container 'jobs_' modified here by 'push_back'
  }
};

//===----------------------------------------------------------------------===//
// Node containers: insertion keeps iterators valid
//===----------------------------------------------------------------------===//

class Directory {
public:
  void addAlias(const std::string &name, int id) { byName_[name] = id; }
  void addRecent(int id) { recent_.push_back(id); }

  // Fine: inserting into a std::map invalidates nothing.
  void aliasEveryEntry() {
    for (const auto &entry : byName_)
      addAlias(entry.first + ".alias", entry.second);
  }

  // Fine: push_back on a std::list invalidates nothing.
  void repeatRecent() {
    for (int id : recent_)
      if (id > 0)
        addRecent(-id);
  }

private:
  std::map<std::string, int> byName_;
  std::list<int> recent_;
};

//===----------------------------------------------------------------------===//
// Known misses
//===----------------------------------------------------------------------===//

class Subject;

class Observer {
public:
  explicit Observer(Subject &subject) : subject_(subject) {}
  void onEvent();

private:
  Subject &subject_;
};

class Subject {
public:
  void detach(Observer *o) {
    for (auto it = observers_.begin(); it != observers_.end(); ++it)
      if (*it == o) {
        observers_.erase(it);
        return;
      }
  }

  // False negative: the observer reaches the subject through its own member
  // `subject_`, which the summary of onEvent cannot tie to this object.
  void notify() {
    for (Observer *o : observers_)
      o->onEvent();
  }

private:
  std::vector<Observer *> observers_;
};

void Observer::onEvent() { subject_.detach(this); }

class Reactor {
public:
  void remove(int fd) {
    for (auto it = handlers_.begin(); it != handlers_.end(); ++it)
      if (it->first == fd) {
        handlers_.erase(it);
        return;
      }
  }

  // False negative: a handler that calls remove() runs through std::function,
  // and calls through std::function are assumed not to modify anything.
  void poll() {
    for (auto &entry : handlers_)
      entry.second(entry.first);
  }

  void watch(int fd) {
    handlers_.push_back({fd, [this](int closed) { remove(closed); }});
  }

private:
  std::vector<std::pair<int, std::function<void(int)>>> handlers_;
};

// A lambda that modifies a container it captured by reference, called in a
// loop over that container.
void doubleAll(std::vector<int> &values) {
  auto append = [&values](int v) { values.push_back(2 * v); };
  for (int v : values)
    append(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'append' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: range-for loop over 'values' starts here
    // CHECK-MESSAGES: :[[@LINE-5]]:43: note: container 'values' modified here by 'push_back'
}

// False negative: a container returned by a call has no name to track.
class Playlist {
public:
  std::vector<int> &tracks() { return tracks_; }
  void repeatAll() {
    for (int t : tracks_)
      tracks().push_back(t);
  }

private:
  std::vector<int> tracks_;
};
