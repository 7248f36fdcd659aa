// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -nostdinc++ -isystem %mock_std

// The container a handle comes from and the container that is modified are
// matched by object: a member reached through `this`, through a parameter or
// through nested members, a reference alias or a pointer alias all name the
// same container; copies and other objects do not.

#include <cstddef>
#include <string>
#include <vector>

void consume(int);
bool shouldGrow(int);

struct Inventory {
  std::vector<int> items;
  std::vector<int> reserved;
};

struct Warehouse {
  Inventory stock;
  std::string name;
};

std::vector<int> g_registry;

//===----------------------------------------------------------------------===//
// Members of this
//===----------------------------------------------------------------------===//

class Registry {
public:
  int explicitThis(int id) {
    auto it = this->items_.begin();
    items_.push_back(id);
    return *it;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: iterator 'it' used after 'items_.push_back' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'it' into 'items_' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'items_' modified here by 'push_back'
  }

  int implicitThis(int id) {
    int &first = items_.front();
    this->items_.push_back(id);
    return first;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: reference 'first' used after 'items_.push_back' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:18: note: reference 'first' into 'items_' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:18: note: container 'items_' modified here by 'push_back'
  }

  int referenceAliasToMember(int id) {
    auto &items = items_;
    auto it = items.begin();
    items_.push_back(id);
    return *it;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: iterator 'it' used after 'items_.push_back' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'it' into 'items_' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'items_' modified here by 'push_back'
  }

  // The other registry's vector is a different container.
  int otherObjectsMember(Registry &other, int id) {
    auto it = items_.begin();
    other.items_.push_back(id);
    return *it;
  }

  // A different member of the same object.
  int differentMember(int id) {
    auto it = items_.begin();
    pending_.push_back(id);
    return *it;
  }

  static int staticMember(int id) {
    int &first = s_defaults[0];
    s_defaults.push_back(id);
    return first;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: reference 'first' used after 's_defaults.push_back' may have invalidated it [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:18: note: reference 'first' into 's_defaults' obtained here
    // CHECK-MESSAGES: :[[@LINE-4]]:16: note: container 's_defaults' modified here by 'push_back'
  }

private:
  std::vector<int> items_;
  std::vector<int> pending_;
  static std::vector<int> s_defaults;
};

std::vector<int> Registry::s_defaults;

int globalContainer(int id) {
  int &first = g_registry[0];
  g_registry.push_back(id);
  return first;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'first' used after 'g_registry.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: reference 'first' into 'g_registry' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: container 'g_registry' modified here by 'push_back'
}

//===----------------------------------------------------------------------===//
// Members of other objects
//===----------------------------------------------------------------------===//

int memberOfReferenceParameter(Inventory &inv) {
  auto &first = inv.items.front();
  inv.items.push_back(1);
  return first;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'first' used after 'inv.items.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: reference 'first' into 'inv.items' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: container 'inv.items' modified here by 'push_back'
}

int memberOfPointerParameter(Inventory *inv) {
  auto it = inv->items.begin();
  inv->items.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'inv->items.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'inv->items' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: container 'inv->items' modified here by 'push_back'
}

int nestedMember(Warehouse &w) {
  int &first = w.stock.items[0];
  w.stock.items.push_back(1);
  return first;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'first' used after 'w.stock.items.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: reference 'first' into 'w.stock.items' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: container 'w.stock.items' modified here by 'push_back'
}

char nestedStringMember(Warehouse &w) {
  const char *name = w.name.c_str();
  w.name += " (closed)";
  return name[0];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pointer 'name' used after 'w.name.operator+=' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:22: note: pointer 'name' into 'w.name' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'w.name' modified here by 'operator+='
}

// Same member name, different objects.
int sameMemberOfDifferentObjects(Inventory &a, Inventory &b) {
  auto it = a.items.begin();
  b.items.push_back(1);
  return *it;
}

// A different member of the same object.
int differentMemberOfSameObject(Inventory &inv) {
  auto it = inv.items.begin();
  inv.reserved.push_back(1);
  return *it;
}

//===----------------------------------------------------------------------===//
// Reference and pointer aliases
//===----------------------------------------------------------------------===//

int handleThroughAliasMutationThroughMember(Inventory &inv) {
  auto &items = inv.items;
  auto it = items.begin();
  inv.items.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'inv.items.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'inv.items' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: container 'inv.items' modified here by 'push_back'
}

int handleThroughMemberMutationThroughAlias(Inventory &inv) {
  auto &items = inv.items;
  auto it = inv.items.begin();
  items.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'inv.items.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'inv.items' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'inv.items' modified here by 'push_back'
}

int aliasOfEnclosingObject(Warehouse &w) {
  auto &stock = w.stock;
  auto it = stock.items.begin();
  w.stock.items.emplace_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'w.stock.items.emplace_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'w.stock.items' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: container 'w.stock.items' modified here by 'emplace_back'
}

int mutationThroughPointerAlias(std::vector<int> &values) {
  auto *p = &values;
  auto it = values.begin();
  p->push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:6: note: container 'values' modified here by 'push_back'
}

int handleThroughPointerAlias(std::vector<int> &values) {
  auto *p = &values;
  auto it = p->begin();
  values.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

int mutationThroughDereferencedPointerAlias(std::vector<int> &values) {
  auto *p = &values;
  auto it = values.begin();
  (*p).push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'values' modified here by 'push_back'
}

int pointerAliasToMember(Inventory &inv) {
  auto *items = &inv.items;
  auto it = items->begin();
  inv.items.emplace_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'inv.items.emplace_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'inv.items' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: container 'inv.items' modified here by 'emplace_back'
}

// A const alias can still see the container change through the original.
int constReferenceAlias(std::vector<int> &values) {
  const auto &view = values;
  auto it = view.begin();
  values.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

// A copy is a different container.
int mutationOfCopy(Inventory &inv) {
  auto copy = inv.items;
  auto it = inv.items.begin();
  copy.push_back(1);
  return *it;
}

int handleIntoCopy(Inventory &inv) {
  std::vector<int> snapshot = inv.items;
  auto it = snapshot.begin();
  inv.items.push_back(1);
  return *it;
}

//===----------------------------------------------------------------------===//
// Handles held in a local struct or captured by a lambda
//===----------------------------------------------------------------------===//

struct Cursor {
  std::vector<int>::iterator pos;
};

int handleInLocalStruct(std::vector<int> &values) {
  Cursor cursor{values.begin()};
  values.push_back(1);
  return *cursor.pos;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: iterator 'cursor.pos' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: iterator 'cursor.pos' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

int handleCapturedByReference(std::vector<int> &values) {
  auto it = values.begin();
  auto read = [&] { return *it; };
  values.push_back(1);
  return read();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

int handleCapturedByValue(std::vector<int> &values) {
  auto it = values.begin();
  auto read = [it] { return *it; };
  values.push_back(1);
  return read();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

// The lambda is called before the growth.
int lambdaCalledBeforeGrowth(std::vector<int> &values) {
  auto it = values.begin();
  auto read = [&] { return *it; };
  int first = read();
  values.push_back(1);
  return first;
}

//===----------------------------------------------------------------------===//
// Idioms that must stay silent
//===----------------------------------------------------------------------===//

// Pointers copied into another container are not followed.
void collectAddresses(std::vector<int> &storage, std::vector<int *> &ptrs,
                      int n) {
  storage.reserve(n);
  for (int i = 0; i < n; ++i) {
    storage.push_back(i);
    ptrs.push_back(&storage.back());
  }
}

// An index-based loop indexes freshly after every growth.
void doubleWithIndexLoop(std::vector<int> &values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (shouldGrow(values[i]))
      values.push_back(values[i] * 2);
}

// The growth and the use are on different branches.
int growOrRead(std::vector<int> &values, bool grow) {
  auto it = values.begin();
  if (grow)
    values.push_back(1);
  else
    consume(*it);
  return 0;
}

int growAndReturnOrRead(std::vector<int> &values, bool grow) {
  auto it = values.begin();
  if (grow) {
    values.push_back(1);
    return 0;
  }
  return *it;
}

// The growth happens only on the path that refetches the iterator.
int growAndRefetch(std::vector<int> &values, bool grow) {
  auto it = values.begin();
  if (grow) {
    values.push_back(1);
    it = values.begin();
  }
  return *it;
}

// The growth may happen on one path: that is enough.
int maybeGrowThenRead(std::vector<int> &values, bool grow) {
  auto it = values.begin();
  if (grow)
    values.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: container 'values' modified here by 'push_back'
}

//===----------------------------------------------------------------------===//
// Containers without a name the analysis can follow
//===----------------------------------------------------------------------===//

class Store {
public:
  std::vector<int> &items();
};

// False negative: a container returned by a function call has no key.
int containerFromGetter(Store &store) {
  auto it = store.items().begin();
  store.items().push_back(1);
  return *it;
}

// False negative: a container that is itself an element of a container
// (reached through operator[]) has no key.
int containerInsideContainer(std::vector<std::vector<int>> &rows) {
  auto it = rows[0].begin();
  rows[0].push_back(1);
  return *it;
}

// Binding the inner container to a reference gives it a name.
int innerContainerThroughReference(std::vector<std::vector<int>> &rows) {
  auto &row = rows[0];
  auto it = row.begin();
  row.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'row.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'row' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: container 'row' modified here by 'push_back'
}

// The reference to the inner vector dangles when the outer vector grows.
std::size_t innerReferenceAfterOuterGrowth(std::vector<std::vector<int>> &rows) {
  auto &row = rows[0];
  rows.emplace_back();
  return row.size();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'row' used after 'rows.emplace_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: reference 'row' into 'rows' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'rows' modified here by 'emplace_back'
}
