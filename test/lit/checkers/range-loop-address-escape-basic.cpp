// RUN: %check_iterguard %s iterguard-range-loop-address-escape -- -std=c++17

#include <string>
#include <vector>

//===----------------------------------------------------------------------===//
// The address of a by-value loop variable stored outside the loop
//===----------------------------------------------------------------------===//

std::vector<const std::string *> collectNames(const std::vector<std::string> &users) {
  std::vector<const std::string *> names;
  for (std::string name : users)
    names.push_back(&name);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: address of per-iteration variable 'name' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'name' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'names' here, which outlives the iteration
  // CHECK-FIXES: for (const std::string& name : users)
  return names;
}

// Fine: a reference loop variable points into the container.
std::vector<const std::string *> collectNamesByReference(const std::vector<std::string> &users) {
  std::vector<const std::string *> names;
  for (const std::string &name : users)
    names.push_back(&name);
  // CHECK-FIXES: for (const std::string &name : users)
  return names;
}

// Fine: the address is used only within the iteration.
std::size_t totalLength(const std::vector<std::string> &users) {
  std::size_t total = 0;
  for (std::string name : users) {
    const std::string *p = &name;
    total += p->size();
  }
  return total;
}

//===----------------------------------------------------------------------===//
// Through a local pointer stored away later
//===----------------------------------------------------------------------===//

const char *lastName(const std::vector<std::string> &users) {
  const char *last = nullptr;
  for (auto user : users) {
    const char *p = user.c_str();
    last = p;
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:26: warning: address of per-iteration variable 'user' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'user' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: stored in 'last' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& user : users) {
  return last;
}

// Fine: the local pointer is redirected before it is stored.
const char *firstLiteral(const std::vector<std::string> &users) {
  static const char Literal[] = "x";
  const char *last = nullptr;
  for (auto user : users) {
    const char *p = user.c_str();
    p = Literal;
    last = p;
  }
  return last;
}
