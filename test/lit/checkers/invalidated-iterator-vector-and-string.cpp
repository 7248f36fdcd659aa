// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std
// RUN: %check_iterguard %s iterguard-invalidated-iterator --check-suffix=CXX20 -- -std=c++20

// Contiguous containers (std::vector, std::basic_string): growth, assignment
// and clearing invalidate every iterator, reference, pointer and view;
// erase and pop_back invalidate the handles at or after the position.

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

void consume(int);
void consumeText(std::string_view);
void log(const char *);

struct Sample {
  int id;
  double value;
};

//===----------------------------------------------------------------------===//
// std::vector growth: push_back, emplace_back, insert, resize, reserve
//===----------------------------------------------------------------------===//

int iteratorAfterPushBack(std::vector<int> &values) {
  auto first = values.begin();
  values.push_back(42);
  return *first;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'first' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: iterator 'first' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

// Refetching the iterator after the growth is fine.
int iteratorRefetchedAfterPushBack(std::vector<int> &values) {
  auto first = values.begin();
  values.push_back(42);
  first = values.begin();
  return *first;
}

double iteratorAfterEmplaceBack(std::vector<Sample> &samples) {
  auto it = samples.begin();
  samples.emplace_back(Sample{7, 0.5});
  return it->value;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'samples.emplace_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'samples' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: container 'samples' modified here by 'emplace_back'
}

// The reference that emplace_back returns is obtained after the growth.
double referenceReturnedByEmplaceBack(std::vector<Sample> &samples) {
  Sample &added = samples.emplace_back(Sample{7, 0.5});
  added.value *= 2;
  return added.value;
}

void referenceAfterPushBack(std::vector<int> &counters) {
  int &r = counters[0];
  counters.push_back(1);
  r++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: reference 'r' used after 'counters.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: reference 'r' into 'counters' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'counters' modified here by 'push_back'
}

// A copy of the element does not point into the vector.
void elementCopiedBeforePushBack(std::vector<int> &counters) {
  int r = counters[0];
  counters.push_back(1);
  r++;
  consume(r);
}

int pointerAfterPushBack(std::vector<int> &values) {
  int *p = &values[0];
  values.push_back(1);
  return *p;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: pointer 'p' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: pointer 'p' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

// An index survives reallocation.
int indexAfterPushBack(std::vector<int> &values) {
  std::size_t index = 0;
  values.push_back(1);
  return values[index];
}

int iteratorAfterInsert(std::vector<int> &values) {
  auto second = values.begin() + 1;
  values.insert(values.begin(), 0);
  return *second;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'second' used after 'values.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: iterator 'second' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'insert'
}

// insert returns a valid iterator to the inserted element.
int iteratorReturnedByInsert(std::vector<int> &values) {
  auto pos = values.begin() + 1;
  pos = values.insert(pos, 0);
  return *pos;
}

void staleIteratorPassedToInsert(std::vector<int> &values) {
  auto pos = values.begin();
  values.push_back(1);
  values.insert(pos, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: iterator 'pos' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: iterator 'pos' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

int dataPointerAfterResize(std::vector<int> &buffer, std::size_t n) {
  int *raw = buffer.data();
  buffer.resize(n);
  return raw[0];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pointer 'raw' used after 'buffer.resize' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: pointer 'raw' into 'buffer' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'buffer' modified here by 'resize'
}

// Pointer arithmetic on a handle yields a handle into the same buffer.
int offsetPointerAfterEmplaceBack(std::vector<int> &buffer) {
  int *third = buffer.data() + 2;
  buffer.emplace_back(9);
  return *third;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: pointer 'third' used after 'buffer.emplace_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: pointer 'third' into 'buffer' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'buffer' modified here by 'emplace_back'
}

double referenceAfterReserve(std::vector<Sample> &samples) {
  const Sample &front = samples.front();
  samples.reserve(1024);
  return front.value;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'front' used after 'samples.reserve' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: reference 'front' into 'samples' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: container 'samples' modified here by 'reserve'
}

int referenceAfterShrinkToFit(std::vector<int> &values) {
  const int &third = values.at(2);
  values.shrink_to_fit();
  return third;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'third' used after 'values.shrink_to_fit' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:22: note: reference 'third' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'shrink_to_fit'
}

int elementReferenceThroughIterator(std::vector<int> &values) {
  auto it = values.begin();
  int &element = *it;
  values.emplace_back(3);
  element = 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: reference 'element' used after 'values.emplace_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:18: note: reference 'element' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'emplace_back'
  return element;
}

int addressOfDereferencedIterator(std::vector<int> &values) {
  int *p = &*values.begin();
  values.push_back(1);
  return *p;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: pointer 'p' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: pointer 'p' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

int copiedIteratorAfterPushBack(std::vector<int> &values) {
  auto it = values.begin();
  auto cursor = std::next(it);
  values.push_back(1);
  return *cursor;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'cursor' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: iterator 'cursor' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

int freeBeginAfterPushBack(std::vector<int> &values) {
  auto it = std::begin(values);
  values.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

int reverseIteratorAfterPushBack(std::vector<int> &values) {
  auto last = values.rbegin();
  values.push_back(1);
  return *last;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'last' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'last' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

// Brace-initialized handles are handles too.
int braceInitializedIteratorAfterPushBack(std::vector<int> &values) {
  auto it{values.begin()};
  values.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

//===----------------------------------------------------------------------===//
// std::vector: assign, operator=, clear, pop_back, erase
//===----------------------------------------------------------------------===//

int iteratorAfterAssign(std::vector<int> &values) {
  auto it = values.begin();
  values.assign(8, 0);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.assign' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'assign'
}

int iteratorAfterCopyAssignment(std::vector<int> &values,
                                const std::vector<int> &other) {
  auto it = values.cbegin();
  values = other;
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.operator=' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'operator='
}

bool endAfterClear(std::vector<int> &values) {
  auto last = values.end();
  values.clear();
  return last == values.begin();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'last' used after 'values.clear' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'last' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'clear'
}

int backReferenceAfterPopBack(std::vector<int> &stack) {
  int &top = stack.back();
  stack.pop_back();
  return top;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'top' used after 'stack.pop_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: reference 'top' into 'stack' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'stack' modified here by 'pop_back'
}

bool endAfterPopBack(std::vector<int> &stack) {
  auto end = stack.end();
  stack.pop_back();
  return stack.begin() == end;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: iterator 'end' used after 'stack.pop_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: iterator 'end' into 'stack' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'stack' modified here by 'pop_back'
}

// end() - 1 is the last element, which pop_back destroys.
int lastIteratorAfterPopBack(std::vector<int> &stack) {
  auto last = stack.end() - 1;
  stack.pop_back();
  return *last;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'last' used after 'stack.pop_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'last' into 'stack' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'stack' modified here by 'pop_back'
}

// Each iteration binds a fresh reference before popping.
void drainStack(std::vector<int> &stack) {
  while (!stack.empty()) {
    int &top = stack.back();
    consume(top);
    stack.pop_back();
  }
}

// Elements before the erased position stay where they are.
int iteratorBeforeErasedPosition(std::vector<int> &values) {
  auto first = values.begin();
  values.erase(values.begin() + 1);
  return *first;
}

int iteratorErasedTogetherWithRange(std::vector<int> &values) {
  auto from = values.begin();
  auto to = values.begin() + 3;
  values.erase(from, to);
  return *from;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'from' used after 'values.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: iterator 'from' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'erase'
}

// Erasing anywhere moves the last element.
int backReferenceAfterEraseInMiddle(std::vector<int> &values) {
  int &last = values.back();
  values.erase(values.begin() + 1);
  return last;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'last' used after 'values.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: reference 'last' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'erase'
}

// The same through std::prev(end()).
int lastIteratorAfterEraseInMiddle(std::vector<int> &values) {
  auto last = std::prev(values.end());
  values.erase(values.begin() + 1);
  return *last;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'last' used after 'values.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'last' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'erase'
}

//===----------------------------------------------------------------------===//
// std::vector: operations that keep handles valid
//===----------------------------------------------------------------------===//

// Swapping moves the buffer together with its handles: 'it' now points into
// 'other', which is still a valid element.
int iteratorAfterSwap(std::vector<int> &values, std::vector<int> &other) {
  auto it = values.begin();
  values.swap(other);
  return *it;
}

// Writing through a handle and calling const members never reallocates.
int writesThroughHandle(std::vector<int> &values) {
  auto it = values.begin();
  *it = 3;
  values[1] = 4;
  consume(static_cast<int>(values.size() + values.capacity()));
  return *it;
}

// The standard requires push_back of one of the vector's own elements to work.
void pushBackOwnElement(std::vector<int> &values) {
  values.push_back(values[0]);
  values.push_back(values.back());
}

// Handles into a const vector cannot be invalidated through it.
int constVectorAccess(const std::vector<int> &values) {
  auto it = values.begin();
  consume(static_cast<int>(values.size()));
  return *it;
}

//===----------------------------------------------------------------------===//
// A member vector and a function template
//===----------------------------------------------------------------------===//

class SampleBuffer {
public:
  double appendAndReportFirst(const Sample &sample) {
    const Sample &first = samples_.front();
    samples_.push_back(sample);
    return first.value;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: reference 'first' used after 'samples_.push_back' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:27: note: reference 'first' into 'samples_' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:14: note: container 'samples_' modified here by 'push_back'
  }

  // The reference is taken after the append.
  double reportFirstAfterAppend(const Sample &sample) {
    samples_.push_back(sample);
    const Sample &first = samples_.front();
    return first.value;
  }

private:
  std::vector<Sample> samples_;
};

// Instantiated for three element types below, reported once.
template <typename T>
T firstAfterAppend(std::vector<T> &items, const T &extra) {
  const T &first = items.front();
  items.push_back(extra);
  return first;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'first' used after 'items.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: reference 'first' into 'items' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'items' modified here by 'push_back'
}

// The template fixed: the element is copied before the append.
template <typename T>
T firstCopiedBeforeAppend(std::vector<T> &items, const T &extra) {
  T first = items.front();
  items.push_back(extra);
  return first;
}

void instantiateTemplates(std::vector<int> &ints, std::vector<double> &reals,
                          std::vector<std::string> &names) {
  firstAfterAppend(ints, 1);
  firstAfterAppend(reals, 2.0);
  firstAfterAppend(names, std::string("x"));
  firstCopiedBeforeAppend(ints, 1);
  firstCopiedBeforeAppend(names, std::string("x"));
}

//===----------------------------------------------------------------------===//
// std::string: views, c_str(), data(), iterators and references
//===----------------------------------------------------------------------===//

std::size_t viewAfterAppend(std::string &path) {
  std::string_view dir = path;
  path.append("/index.html");
  return dir.size();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: view 'dir' used after 'path.append' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:26: note: view 'dir' into 'path' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'path' modified here by 'append'
}

// The view is taken after the append.
std::size_t viewTakenAfterAppend(std::string &path) {
  path.append("/index.html");
  std::string_view full = path;
  return full.size();
}

void viewAfterPlusEquals(std::string &message) {
  std::string_view prefix(message);
  message += ": done";
  consumeText(prefix);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: view 'prefix' used after 'message.operator+=' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:27: note: view 'prefix' into 'message' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: container 'message' modified here by 'operator+='
}

// A view of a copy does not see the original grow.
void viewOfCopyAfterPlusEquals(std::string &message) {
  std::string saved = message;
  std::string_view prefix = saved;
  message += ": done";
  consumeText(prefix);
}

// The view is used before the append and refreshed after it.
void viewUsedBeforeAppendAndRefreshed(std::string &message) {
  std::string_view text = message;
  consumeText(text);
  message += "!";
  text = message;
  consumeText(text);
}

void viewFromFunctionalCastAfterAppend(std::string &message) {
  auto text = std::string_view(message);
  message += '!';
  consumeText(text);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: view 'text' used after 'message.operator+=' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: view 'text' into 'message' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: container 'message' modified here by 'operator+='
}

// Brace-initialized views are views too.
void braceInitializedViewAfterAppend(std::string &message) {
  std::string_view text{message};
  message += "!";
  consumeText(text);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: view 'text' used after 'message.operator+=' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: view 'text' into 'message' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: container 'message' modified here by 'operator+='
}

std::size_t substringOfViewAfterAppend(std::string &line) {
  std::string_view whole = line;
  auto head = whole.substr(0, 3);
  line += "\n";
  return head.size();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: view 'head' used after 'line.operator+=' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: view 'head' into 'line' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'line' modified here by 'operator+='
}

void cStrKeptAcrossPlusEquals(std::string &name) {
  const char *raw = name.c_str();
  name += '_';
  log(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: pointer 'raw' used after 'name.operator+=' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:21: note: pointer 'raw' into 'name' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'name' modified here by 'operator+='
}

// c_str() is called again after the mutation.
void cStrRefetchedAfterPlusEquals(std::string &name) {
  const char *raw = name.c_str();
  name += '_';
  raw = name.c_str();
  log(raw);
}

void dataAfterStringAssignment(std::string &buffer) {
  const char *bytes = buffer.data();
  buffer = "reset";
  log(bytes);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: pointer 'bytes' used after 'buffer.operator=' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: pointer 'bytes' into 'buffer' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'buffer' modified here by 'operator='
}

char iteratorAfterStringPushBack(std::string &text) {
  auto it = text.begin();
  text.push_back('!');
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'text.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'text' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'text' modified here by 'push_back'
}

void charReferenceAfterInsert(std::string &text) {
  char &c = text[0];
  text.insert(0, "> ");
  c = '#';
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: reference 'c' used after 'text.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: reference 'c' into 'text' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'text' modified here by 'insert'
}

void viewAfterReplace(std::string &text) {
  std::string_view before = text;
  text.replace(0, 1, "abc");
  consumeText(before);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: view 'before' used after 'text.replace' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: view 'before' into 'text' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'text' modified here by 'replace'
}

bool iteratorAfterStringClear(std::string &text) {
  auto end = text.end();
  text.clear();
  return end == text.begin();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'end' used after 'text.clear' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: iterator 'end' into 'text' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'text' modified here by 'clear'
}

// An index returned by find is a position, not a handle.
char indexAfterAppend(std::string &file) {
  std::size_t dot = file.find('.');
  file += ".bak";
  return file[dot];
}

// erase(0, n) shifts every character.
char charReferenceAfterEraseByIndex(std::string &text) {
  char &third = text[2];
  text.erase(0, 1);
  return third;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'third' used after 'text.erase' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: reference 'third' into 'text' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'text' modified here by 'erase'
}

class LineReader {
public:
  void appendChunk(std::string_view chunk) {
    std::string_view pending = buffer_;
    buffer_.append(chunk.data(), chunk.size());
    consumeText(pending);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: view 'pending' used after 'buffer_.append' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:32: note: view 'pending' into 'buffer_' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:13: note: container 'buffer_' modified here by 'append'
  }

  // The pending text is consumed before the buffer grows.
  void consumeThenAppend(std::string_view chunk) {
    std::string_view pending = buffer_;
    consumeText(pending);
    buffer_.append(chunk.data(), chunk.size());
  }

private:
  std::string buffer_;
};

//===----------------------------------------------------------------------===//
// std::span (C++20)
//===----------------------------------------------------------------------===//

#if __cplusplus >= 202002L
#include <span>

int sum(std::span<const int> values);

int spanAfterPushBack(std::vector<int> &values) {
  std::span<int> window = values;
  values.push_back(1);
  return window[0];
  // CHECK-MESSAGES-CXX20: :[[@LINE-1]]:10: warning: view 'window' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES-CXX20: :[[@LINE-4]]:27: note: view 'window' into 'values' obtained here
  // CHECK-MESSAGES-CXX20: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

int spanAfterResize(std::vector<int> &values) {
  std::span<const int> window(values);
  values.resize(100);
  return sum(window);
  // CHECK-MESSAGES-CXX20: :[[@LINE-1]]:14: warning: view 'window' used after 'values.resize' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES-CXX20: :[[@LINE-4]]:24: note: view 'window' into 'values' obtained here
  // CHECK-MESSAGES-CXX20: :[[@LINE-4]]:10: note: container 'values' modified here by 'resize'
}

int subspanAfterClear(std::vector<int> &values) {
  std::span<int> window = values;
  auto tail = window.subspan(1);
  values.clear();
  return static_cast<int>(tail.size());
  // CHECK-MESSAGES-CXX20: :[[@LINE-1]]:27: warning: view 'tail' used after 'values.clear' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES-CXX20: :[[@LINE-4]]:15: note: view 'tail' into 'values' obtained here
  // CHECK-MESSAGES-CXX20: :[[@LINE-4]]:10: note: container 'values' modified here by 'clear'
}

// The element is copied out of the span before the growth.
int elementCopiedOutOfSpan(std::vector<int> &values) {
  std::span<int> window = values;
  int first = window[0];
  values.push_back(1);
  return first;
}
#endif
