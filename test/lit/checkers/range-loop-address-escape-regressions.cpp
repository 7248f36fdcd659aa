// RUN: %check_iterguard %s iterguard-range-loop-address-escape -- -std=c++17

// Correct code that earlier versions reported, beside the real escapes it
// resembles.

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

struct Widget {
  void refresh();
};

struct Pool {
  void post(std::function<void()> task);
};

//===----------------------------------------------------------------------===//
// Copies of non-owning values: the data lives elsewhere
//===----------------------------------------------------------------------===//

// Fine: the pointer value is copied, not the loop variable's address.
void keepPointers(const std::vector<Widget *> &widgets, std::vector<Widget *> &out) {
  for (auto widget : widgets)
    out.emplace_back(widget);
}

// Fine: data() of a string_view copy points into the viewed string.
void keepViewData(const std::vector<std::string_view> &views,
                  std::vector<const char *> &out) {
  for (auto view : views)
    out.push_back(view.data());
}

// Fine: returning a copy of a view returns the view, not the copy's storage.
std::string_view firstEmpty(const std::vector<std::string_view> &views) {
  for (auto view : views)
    if (view.empty())
      return view;
  return {};
}

//===----------------------------------------------------------------------===//
// Standard owning types copy what a pointer points to
//===----------------------------------------------------------------------===//

// Fine: std::string copies the characters.
void copyNames(const std::vector<std::string> &names, std::vector<std::string> &out) {
  for (auto name : names)
    out.push_back(name.c_str());
}

// Fine: the exception copies its message.
void rejectFirst(const std::vector<std::string> &names) {
  for (auto name : names)
    throw std::runtime_error(name.c_str());
}

// A user type that stores the pointer keeps it.
struct Rejected {
  explicit Rejected(const std::string *name) : name(name) {}
  const std::string *name;
};
void rejectFirstByPointer(const std::vector<std::string> &names) {
  for (auto name : names)
    throw Rejected(&name);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: address of per-iteration variable 'name' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'name' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: thrown here
  // CHECK-FIXES: for (const auto& name : names)
}

//===----------------------------------------------------------------------===//
// Threads kept in a variable declared before the loop
//===----------------------------------------------------------------------===//

// Fine: the thread is joined in the iteration that starts it.
void runOneByOne(const std::vector<int> &ids) {
  std::thread worker;
  for (int id : ids) {
    worker = std::thread([&] { (void)id; });
    worker.join();
  }
}

//===----------------------------------------------------------------------===//
// Fix-its
//===----------------------------------------------------------------------===//

// No fix-it: the body writes the range, which a reference would observe.
void rewriteWhileKeeping(std::vector<std::string> &names,
                         std::vector<const std::string *> &out) {
  for (auto name : names) {
    names[0] = "changed";
    out.push_back(&name);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: address of per-iteration variable 'name' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'name' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'out' here, which outlives the iteration
  // CHECK-FIXES: for (auto name : names) {
  }
}

// A spelled pointer type takes const after the star.
void refreshLater(Pool &pool, const std::vector<Widget *> &widgets) {
  for (Widget *widget : widgets)
    pool.post([&] { widget->refresh(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: by-reference capture of per-iteration variable 'widget' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'widget' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: handed to 'pool.post' here, which may run it after the iteration
  // CHECK-FIXES: for (Widget * const& widget : widgets)
}

//===----------------------------------------------------------------------===//
// A pointer stored outside and reset before the iteration ends
//===----------------------------------------------------------------------===//

struct Job {
  int id;
};
void process(const Job &job);

struct JobRunner {
  const Job *current_ = nullptr;

  // Fine: current_ no longer points to the copy when the iteration ends.
  void runAll(const std::vector<Job> &jobs) {
    for (auto job : jobs) {
      current_ = &job;
      process(job);
      current_ = nullptr;
    }
  }

  void runAllLeaky(const std::vector<Job> &jobs) {
    for (auto job : jobs) {
      current_ = &job;
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: address of per-iteration variable 'job' escapes the loop iteration [iterguard-range-loop-address-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'job' is a copy of the element, made for one iteration
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'current_' here, which outlives the iteration
      // CHECK-FIXES: for (const auto& job : jobs) {
      process(job);
    }
  }

  // The early return leaves current_ pointing to the dead copy.
  void runUntilFirstEmpty(const std::vector<Job> &jobs) {
    for (auto job : jobs) {
      current_ = &job;
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: address of per-iteration variable 'job' escapes the loop iteration [iterguard-range-loop-address-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'job' is a copy of the element, made for one iteration
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'current_' here, which outlives the iteration
      // CHECK-FIXES: for (const auto& job : jobs) {
      if (job.id == 0)
        return;
      current_ = nullptr;
    }
  }
};
