// RUN: %check_iterguard %s iterguard-range-loop-address-escape -- -std=c++17 -I %S/Inputs/range-loop/user -isystem %S/Inputs/range-loop/system
// RUN: %check_iterguard %s iterguard-range-loop-address-escape -- -std=c++17 -nostdinc++ -isystem %mock_std -I %S/Inputs/range-loop/user -isystem %S/Inputs/range-loop/system

// Templates instantiated with several types, generic lambdas, project and
// system headers, and macros: each finding is reported once, at the
// template's line, and nothing is reported in system headers.

#include <job_registry.h>
#include <legacy_pool.h>
#include <map>
#include <string>
#include <vector>

struct BuildJob {
  std::string target;
  int attempts = 0;
};

struct TestJob {
  std::string suite;
  int attempts = 0;
};

// The finding in job_registry.h, once for both instantiations below. The body
// modifies the copy, so there is no fix-it.
// CHECK-MESSAGES: job_registry.h:15:26: warning: address of per-iteration variable 'job' escapes the loop iteration [iterguard-range-loop-address-escape]
// CHECK-MESSAGES: job_registry.h:13:14: note: 'job' is a copy of the element, made for one iteration
// CHECK-MESSAGES: job_registry.h:15:7: note: stored in 'pending_' here, which outlives the iteration

void retryFailed(const std::vector<BuildJob> &builds, const std::vector<TestJob> &tests) {
  JobRegistry<BuildJob> buildRegistry;
  buildRegistry.retryAll(builds);
  JobRegistry<TestJob> testRegistry;
  testRegistry.retryAll(tests);
  // Not reported: the same code in a system header.
  LegacyPool<BuildJob> legacy;
  legacy.retryAll(builds);
}

//===----------------------------------------------------------------------===//
// Function and class templates
//===----------------------------------------------------------------------===//

template <typename T>
std::vector<const T *> pointersTo(const std::vector<T> &values) {
  std::vector<const T *> pointers;
  for (T value : values)
    pointers.push_back(&value);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: address of per-iteration variable 'value' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'value' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'pointers' here, which outlives the iteration
  // CHECK-FIXES: for (const T& value : values)
  return pointers;
}

// Fine: the reference loop variable points into 'values'.
template <typename T>
std::vector<const T *> pointersInto(const std::vector<T> &values) {
  std::vector<const T *> pointers;
  for (const T &value : values)
    pointers.push_back(&value);
  return pointers;
}

// Fine for every T: a copied pointer still points to the caller's object.
template <typename T>
std::vector<T> copiesOf(const std::vector<T> &values) {
  std::vector<T> copies;
  for (T value : values)
    copies.push_back(value);
  return copies;
}

template <typename Job> class RetryQueue {
public:
  void addAll(const std::vector<Job> &jobs) {
    for (auto job : jobs)
      if (job.attempts < 3)
        queue_.push_back(&job);
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: address of per-iteration variable 'job' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'job' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: stored in 'queue_' here, which outlives the iteration
    // CHECK-FIXES: for (const auto& job : jobs)
  }

private:
  std::vector<const Job *> queue_;
};

// The converted element type differs between instantiations; the finding is
// reported once.
template <typename K, typename V>
std::vector<const K *> keysOf(const std::map<K, V> &map) {
  std::vector<const K *> keys;
  for (const std::pair<K, V> &entry : map)
    keys.push_back(&entry.first);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: address of per-iteration variable 'entry' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'entry' is bound to a temporary converted from '{{.+}}' in each iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'keys' here, which outlives the iteration
  // CHECK-FIXES: for (const std::pair<K, V> &entry : map)
  return keys;
}

void instantiate(const std::vector<int> &numbers, const std::vector<std::string> &names,
                 const std::vector<BuildJob> &builds, const std::vector<TestJob> &tests,
                 const std::vector<BuildJob *> &buildPointers,
                 const std::map<int, int> &ids, const std::map<std::string, int> &counts) {
  pointersTo(numbers);
  pointersTo(names);
  pointersTo(builds);
  pointersInto(names);
  copiesOf(names);
  copiesOf(buildPointers);
  RetryQueue<BuildJob>().addAll(builds);
  RetryQueue<TestJob>().addAll(tests);
  keysOf(ids);
  keysOf(counts);
}

//===----------------------------------------------------------------------===//
// Lambdas
//===----------------------------------------------------------------------===//

// A generic lambda called with two element types: one finding.
std::vector<const int *> allAttempts(const std::vector<BuildJob> &builds,
                                     const std::vector<TestJob> &tests) {
  std::vector<const int *> attempts;
  auto collect = [&attempts](const auto &jobs) {
    for (auto job : jobs)
      attempts.push_back(&job.attempts);
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: address of per-iteration variable 'job' escapes the loop iteration [iterguard-range-loop-address-escape]
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'job' is a copy of the element, made for one iteration
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'attempts' here, which outlives the iteration
    // CHECK-FIXES: for (const auto& job : jobs)
  };
  collect(builds);
  collect(tests);
  return attempts;
}

// Fine: a loop inside a lambda whose copy's address stays in the lambda.
std::size_t longestTarget(const std::vector<BuildJob> &builds) {
  auto longest = [](const std::vector<BuildJob> &jobs) {
    std::size_t result = 0;
    for (auto job : jobs) {
      const std::string *target = &job.target;
      result = target->size() > result ? target->size() : result;
    }
    return result;
  };
  return longest(builds);
}

//===----------------------------------------------------------------------===//
// Macros: the warning without a fix-it
//===----------------------------------------------------------------------===//

#define FOR_EACH_COPY(var, range) for (auto var : range)

std::vector<const BuildJob *> macroLoop(const std::vector<BuildJob> &builds) {
  std::vector<const BuildJob *> out;
  FOR_EACH_COPY(job, builds)
    out.push_back(&job);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: address of per-iteration variable 'job' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'job' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'out' here, which outlives the iteration
  // CHECK-FIXES: FOR_EACH_COPY(job, builds)
  return out;
}
