// RUN: %check_iterguard %s iterguard-range-loop-address-escape --check-suffix=LIBSTDCXX -- -std=c++17
// RUN: %check_iterguard %s iterguard-range-loop-address-escape --check-suffix=MOCK -- -std=c++17 -nostdinc++ -isystem %mock_std
// RUN: %check_iterguard %s iterguard-range-loop-address-escape --check-suffix=LIBSTDCXX --check-suffix=CXX20 -- -std=c++20

// Reference loop variables that still name per-iteration storage: a
// reference bound to a temporary converted from the element, or to the value
// a proxy iterator returns. No fix-it is offered for them, nor for copies
// whose declaration cannot simply become a reference.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>
#if __cplusplus >= 202002L
#include <ranges>
#endif

//===----------------------------------------------------------------------===//
// A converting reference over std::map<std::string, int>
//===----------------------------------------------------------------------===//

// The map's element is std::pair<const std::string, int>; binding it to a
// reference to std::pair<std::string, int> copies it into a temporary.
std::vector<const std::string *> frequentWords(const std::map<std::string, int> &counts) {
  std::vector<const std::string *> words;
  for (const std::pair<std::string, int> &entry : counts)
    if (entry.second > 10)
      words.push_back(&entry.first);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: address of per-iteration variable 'entry' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-4]]:43: note: 'entry' is bound to a temporary converted from 'std::pair<const std::basic_string<char>, int>' in each iteration
  // CHECK-MESSAGES-MOCK: :[[@LINE-5]]:43: note: 'entry' is bound to a temporary converted from 'value_type' in each iteration
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: stored in 'words' here, which outlives the iteration
  // CHECK-FIXES: for (const std::pair<std::string, int> &entry : counts)
  return words;
}

// Fine: the exact element type binds to the element.
std::vector<const std::string *> frequentWordsExactType(const std::map<std::string, int> &counts) {
  std::vector<const std::string *> words;
  for (const std::pair<const std::string, int> &entry : counts)
    if (entry.second > 10)
      words.push_back(&entry.first);
  return words;
}

// Fine: 'const auto &' deduces the exact element type.
std::vector<const std::string *> frequentWordsAuto(const std::map<std::string, int> &counts) {
  std::vector<const std::string *> words;
  for (const auto &entry : counts)
    if (entry.second > 10)
      words.push_back(&entry.first);
  return words;
}

std::vector<std::string_view> rareWords(const std::map<std::string, int> &counts) {
  std::vector<std::string_view> words;
  for (const std::pair<std::string, int> &entry : counts)
    if (entry.second == 1)
      words.push_back(entry.first);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: view of per-iteration variable 'entry' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-4]]:43: note: 'entry' is bound to a temporary converted from 'std::pair<const std::basic_string<char>, int>' in each iteration
  // CHECK-MESSAGES-MOCK: :[[@LINE-5]]:43: note: 'entry' is bound to a temporary converted from 'value_type' in each iteration
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: stored in 'words' here, which outlives the iteration
  // CHECK-FIXES: for (const std::pair<std::string, int> &entry : counts)
  return words;
}

// Fine: the temporary is only read within the iteration.
int totalCount(const std::map<std::string, int> &counts) {
  int total = 0;
  for (const std::pair<std::string, int> &entry : counts)
    total += entry.second;
  return total;
}

// A copy of another type than the element: the declaration cannot become a
// reference, so no fix-it.
std::vector<const std::string *> wordsByCopy(const std::map<std::string, int> &counts) {
  std::vector<const std::string *> words;
  for (std::pair<std::string, int> entry : counts)
    words.push_back(&entry.first);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: address of per-iteration variable 'entry' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'entry' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'words' here, which outlives the iteration
  // CHECK-FIXES: for (std::pair<std::string, int> entry : counts)
  return words;
}

//===----------------------------------------------------------------------===//
// A converting reference over C strings
//===----------------------------------------------------------------------===//

std::vector<const char *> normalizedArgs(const std::vector<const char *> &rawArgs) {
  std::vector<const char *> args;
  for (const std::string &arg : rawArgs)
    args.push_back(arg.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: address of per-iteration variable 'arg' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'arg' is bound to a temporary converted from 'const char *' in each iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'args' here, which outlives the iteration
  // CHECK-FIXES: for (const std::string &arg : rawArgs)
  return args;
}

// Fine: the strings are copied into the result.
std::vector<std::string> copiedArgs(const std::vector<const char *> &rawArgs) {
  std::vector<std::string> args;
  for (const std::string &arg : rawArgs)
    args.push_back(arg);
  return args;
}

//===----------------------------------------------------------------------===//
// An iterator whose operator* returns by value
//===----------------------------------------------------------------------===//

// A generator-like range: each dereference reads the next line into a new
// std::string.
class LineReader {
public:
  class iterator {
  public:
    std::string operator*() const;
    iterator &operator++();
    bool operator!=(const iterator &Other) const;
  };
  iterator begin() const;
  iterator end() const;
};

std::vector<std::string_view> nonEmptyLines(const LineReader &reader) {
  std::vector<std::string_view> lines;
  for (const auto &line : reader)
    if (!line.empty())
      lines.push_back(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: view of per-iteration variable 'line' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: 'line' is bound to a temporary the iterator returns in each iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'lines' here, which outlives the iteration
  // CHECK-FIXES: for (const auto &line : reader)
  return lines;
}

std::vector<const char *> commentLines(const LineReader &reader) {
  std::vector<const char *> comments;
  for (auto &&line : reader)
    if (!line.empty() && line[0] == '#')
      comments.push_back(line.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: address of per-iteration variable 'line' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'line' is bound to a temporary the iterator returns in each iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: stored in 'comments' here, which outlives the iteration
  // CHECK-FIXES: for (auto &&line : reader)
  return comments;
}

// A copy of a value the iterator returns: there is no element to refer to,
// so no fix-it.
std::vector<std::string_view> allLines(const LineReader &reader) {
  std::vector<std::string_view> lines;
  for (std::string line : reader)
    lines.push_back(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: view of per-iteration variable 'line' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'line' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'lines' here, which outlives the iteration
  // CHECK-FIXES: for (std::string line : reader)
  return lines;
}

// Fine: the lines are copied.
std::vector<std::string> ownedLines(const LineReader &reader) {
  std::vector<std::string> lines;
  for (const auto &line : reader)
    lines.push_back(line);
  return lines;
}

//===----------------------------------------------------------------------===//
// Copies over a temporary range, and copies the body modifies: no fix-it
//===----------------------------------------------------------------------===//

std::vector<std::string> splitCommandLine(const std::string &command);

// A reference would not help: the vector splitCommandLine returns dies when
// the loop ends.
std::vector<const char *> commandArgv(const std::string &command) {
  std::vector<const char *> argv;
  for (auto arg : splitCommandLine(command))
    argv.push_back(arg.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: address of per-iteration variable 'arg' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'arg' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'argv' here, which outlives the iteration
  // CHECK-FIXES: for (auto arg : splitCommandLine(command))
  return argv;
}

// Fine: copies of the temporary vector's strings.
std::vector<std::string> commandWords(const std::string &command) {
  std::vector<std::string> words;
  for (auto word : splitCommandLine(command))
    words.push_back(word);
  return words;
}

// The body appends to the copy, so it cannot become a const reference.
std::vector<const char *> backupPaths(const std::vector<std::string> &paths) {
  std::vector<const char *> backups;
  for (auto path : paths) {
    path += ".bak";
    backups.push_back(path.c_str());
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:28: warning: address of per-iteration variable 'path' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'path' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: stored in 'backups' here, which outlives the iteration
  // CHECK-FIXES: for (auto path : paths) {
  return backups;
}

// Fine: the modified copy is moved into the result.
std::vector<std::string> backupPathCopies(const std::vector<std::string> &paths) {
  std::vector<std::string> backups;
  for (auto path : paths) {
    path += ".bak";
    backups.push_back(std::move(path));
  }
  return backups;
}

// Fine: a string_view loop variable views the element, not itself.
std::vector<std::string_view> pathViews(const std::vector<std::string> &paths) {
  std::vector<std::string_view> views;
  for (std::string_view path : paths)
    views.push_back(path);
  return views;
}

//===----------------------------------------------------------------------===//
// std::vector<bool>, whose iterator returns a proxy by value
//===----------------------------------------------------------------------===//

// The mocks have no std::vector<bool> specialization.
#ifndef _LIBCPP_VERSION

// Each callback writes through a proxy object that died with its iteration.
std::vector<std::function<void()>> completionCallbacks(std::vector<bool> &finished) {
  std::vector<std::function<void()>> callbacks;
  for (auto &&done : finished)
    callbacks.push_back([&done] { done = true; });
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-1]]:25: warning: by-reference capture of per-iteration variable 'done' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-3]]:15: note: 'done' is bound to a temporary the iterator returns in each iteration
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-3]]:5: note: stored in 'callbacks' here, which outlives the iteration
  // CHECK-FIXES: for (auto &&done : finished)
  return callbacks;
}

// Fine: a copy of the proxy still refers to the bit in 'finished'.
std::vector<std::function<void()>> completionCallbacksByProxyCopy(std::vector<bool> &finished) {
  std::vector<std::function<void()>> callbacks;
  for (auto &&done : finished)
    callbacks.push_back([done]() mutable { done = true; });
  return callbacks;
}

std::vector<std::function<bool()>> featureChecks(const std::vector<bool> &enabled) {
  std::vector<std::function<bool()>> checks;
  for (const auto &on : enabled)
    checks.push_back([&] { return bool(on); });
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-1]]:22: warning: by-reference capture of per-iteration variable 'on' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-3]]:20: note: 'on' is bound to a temporary the iterator returns in each iteration
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-3]]:5: note: stored in 'checks' here, which outlives the iteration
  // CHECK-FIXES: for (const auto &on : enabled)
  return checks;
}

// A bool converted from the proxy: not the element's type, so no fix-it.
std::vector<std::function<bool()>> featureChecksByCopy(const std::vector<bool> &enabled) {
  std::vector<std::function<bool()>> checks;
  for (bool on : enabled)
    checks.push_back([&on] { return on; });
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-1]]:22: warning: by-reference capture of per-iteration variable 'on' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-3]]:13: note: 'on' is a copy of the element, made for one iteration
  // CHECK-MESSAGES-LIBSTDCXX: :[[@LINE-3]]:5: note: stored in 'checks' here, which outlives the iteration
  // CHECK-FIXES: for (bool on : enabled)
  return checks;
}

// Fine: the lambda keeps its own copy of the bool.
std::vector<std::function<bool()>> featureChecksCapturedByValue(const std::vector<bool> &enabled) {
  std::vector<std::function<bool()>> checks;
  for (bool on : enabled)
    checks.push_back([on] { return on; });
  return checks;
}

#endif // _LIBCPP_VERSION

//===----------------------------------------------------------------------===//
// A transform view, whose iterator returns what the function returns
//===----------------------------------------------------------------------===//

#if __cplusplus >= 202002L
std::string toUpper(const std::string &text);

std::vector<std::string_view> upperCaseNames(const std::vector<std::string> &names) {
  std::vector<std::string_view> upper;
  for (const auto &name : names | std::views::transform(toUpper))
    upper.push_back(name);
  // CHECK-MESSAGES-CXX20: :[[@LINE-1]]:21: warning: view of per-iteration variable 'name' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES-CXX20: :[[@LINE-3]]:20: note: 'name' is bound to a temporary the iterator returns in each iteration
  // CHECK-MESSAGES-CXX20: :[[@LINE-3]]:5: note: stored in 'upper' here, which outlives the iteration
  // CHECK-FIXES: for (const auto &name : names | std::views::transform(toUpper))
  return upper;
}

// Fine: the transformed strings are copied.
std::vector<std::string> upperCaseNameCopies(const std::vector<std::string> &names) {
  std::vector<std::string> upper;
  for (const auto &name : names | std::views::transform(toUpper))
    upper.push_back(name);
  return upper;
}
#endif
