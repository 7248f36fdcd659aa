// RUN: %check_iterguard %s iterguard-range-loop-address-escape -- -std=c++17
// RUN: %check_iterguard %s iterguard-range-loop-address-escape --config=%S/Inputs/range-loop/config.yaml --check-suffix=CONFIGURED -- -std=c++17
// RUN: %check_iterguard %s iterguard-range-loop-address-escape --config=%S/Inputs/range-loop/config.yaml --check-suffix=CONFIGURED -- -std=c++17 -nostdinc++ -isystem %mock_std

// View types and executor functions from .iterguard.yaml ('views' and
// 'executors'), which add to the defaults (std::basic_string_view, std::span;
// post, submit, ...). The driver applies fix-its without the configuration,
// so they are asserted in the other files, not here.

#include <functional>
#include <string>
#include <vector>

namespace util {
// A non-owning view of a string, like llvm::StringRef.
class StringRef {
public:
  StringRef(const std::string &text) : data_(text.data()), size_(text.size()) {}
  const char *data() const { return data_; }
  std::size_t size() const { return size_; }

private:
  const char *data_;
  std::size_t size_;
};
} // namespace util

namespace sched {
void run_later(std::function<void()> task);
} // namespace sched

struct Pool {
  void post(std::function<void()> task);
};

void log(const std::string &line);

//===----------------------------------------------------------------------===//
// A configured view type
//===----------------------------------------------------------------------===//

// Without the configuration util::StringRef is an ordinary class, and these
// are not reported.
std::vector<util::StringRef> headerNames(const std::vector<std::string> &headers) {
  std::vector<util::StringRef> names;
  for (auto header : headers)
    names.push_back(util::StringRef(header));
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:21: warning: view of per-iteration variable 'header' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-3]]:13: note: 'header' is a copy of the element, made for one iteration
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-3]]:5: note: stored in 'names' here, which outlives the iteration
  return names;
}

std::vector<util::StringRef> headerNamesEmplaced(const std::vector<std::string> &headers) {
  std::vector<util::StringRef> names;
  for (std::string header : headers)
    names.emplace_back(header);
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:24: warning: view of per-iteration variable 'header' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-3]]:20: note: 'header' is a copy of the element, made for one iteration
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-3]]:5: note: stored in 'names' here, which outlives the iteration
  return names;
}

// Fine: views of the caller's strings.
std::vector<util::StringRef> headerNamesByReference(const std::vector<std::string> &headers) {
  std::vector<util::StringRef> names;
  for (const auto &header : headers)
    names.push_back(util::StringRef(header));
  return names;
}

//===----------------------------------------------------------------------===//
// A configured free executor function, and a default one
//===----------------------------------------------------------------------===//

// Without the configuration run_later is an ordinary function.
void logLater(const std::vector<std::string> &lines) {
  for (auto line : lines)
    sched::run_later([&line] { log(line); });
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:22: warning: by-reference capture of per-iteration variable 'line' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-3]]:13: note: 'line' is a copy of the element, made for one iteration
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-3]]:5: note: handed to 'run_later' here, which may run it after the iteration
}

// The defaults stay in effect with a configuration.
void logOnPool(Pool &pool, const std::vector<std::string> &lines) {
  for (auto line : lines)
    pool.post([&] { log(line); });
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: by-reference capture of per-iteration variable 'line' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'line' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: handed to 'pool.post' here, which may run it after the iteration
}

// Fine: a copy for each task.
void logLaterByValue(const std::vector<std::string> &lines) {
  for (auto line : lines)
    sched::run_later([line] { log(line); });
}
