// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -isystem %S/../Inputs/mock-thirdparty
// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17 -isystem %S/../Inputs/mock-thirdparty -nostdinc++ -isystem %mock_std
// RUN: %check_iterguard %s iterguard-invalidated-iterator --config=%S/../Inputs/mock-thirdparty/user-containers.yaml --check-suffix=CONFIGURED -- -std=c++17 -isystem %S/../Inputs/mock-thirdparty

// Containers outside the standard library: the shipped defaults for
// llvm::SmallVector, llvm::DenseMap, absl::flat_hash_map and
// absl::node_hash_map (SPEC section 5), a class deriving from a standard
// container, and a user type joined to a family by .iterguard.yaml. The
// third-party headers are mocks under Inputs/mock-thirdparty, included as
// system headers as a real build would.

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <cstddef>
#include <string>
#include <vector>

struct Operand {
  int reg;
  bool isDef;
};

//===----------------------------------------------------------------------===//
// llvm::SmallVector: contiguous, iterators are raw pointers
//===----------------------------------------------------------------------===//

int smallVectorIteratorAcrossPushBack(llvm::SmallVector<Operand, 4> &ops) {
  auto it = ops.begin();
  ops.push_back(Operand{0, false});
  return it->reg;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'ops.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'ops' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: container 'ops' modified here by 'push_back'
}

int smallVectorReferenceAcrossPushBack(llvm::SmallVector<Operand, 4> &ops) {
  Operand &def = ops[0];
  ops.push_back(Operand{def.reg, false});
  return def.reg;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'def' used after 'ops.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:18: note: reference 'def' into 'ops' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: container 'ops' modified here by 'push_back'
}

int smallVectorImplPointerAcrossEmplace(llvm::SmallVectorImpl<int> &regs) {
  const int *raw = regs.data();
  regs.emplace_back(7);
  return raw[0];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pointer 'raw' used after 'regs.emplace_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: pointer 'raw' into 'regs' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'regs' modified here by 'emplace_back'
}

int smallVectorBackAcrossPopBack(llvm::SmallVector<int, 8> &stack) {
  int &top = stack.back();
  stack.pop_back();
  return top;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'top' used after 'stack.pop_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: reference 'top' into 'stack' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'stack' modified here by 'pop_back'
}

void smallVectorRangeForPushBack(llvm::SmallVector<Operand, 4> &ops) {
  for (const Operand &op : ops)
    if (op.isDef)
      ops.push_back(Operand{op.reg, false});
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'ops.push_back' may invalidate the iterator of the enclosing range-for loop over 'ops' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: range-for loop over 'ops' starts here
}

void addUsers(int value, llvm::SmallVectorImpl<int> &worklist) {
  if (value < 100)
    worklist.push_back(value * 2);
}

// The worklist bug: the callee appends to the vector being iterated.
void visitWorklistByRange(llvm::SmallVector<int, 16> &worklist) {
  for (int value : worklist)
    addUsers(value, worklist);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'addUsers' may invalidate the iterator of the enclosing range-for loop over 'worklist' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: range-for loop over 'worklist' starts here
  // CHECK-MESSAGES: :[[@LINE-9]]:14: note: container 'worklist' modified here by 'push_back'
}

// Fine: the worklist idiom pops before it pushes, and holds no handle.
void visitWorklist(llvm::SmallVector<int, 16> &worklist) {
  while (!worklist.empty()) {
    int value = worklist.pop_back_val();
    addUsers(value, worklist);
  }
}

// Fine: an index loop re-reads the buffer on every access.
void smallVectorIndexLoop(llvm::SmallVector<int, 8> &values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] > 0)
      values.push_back(-values[i]);
}

// Fine: the iterator erase returns is valid.
void smallVectorEraseLoop(llvm::SmallVector<int, 8> &values) {
  for (auto it = values.begin(); it != values.end();) {
    if (*it == 0)
      it = values.erase(it);
    else
      ++it;
  }
}

// Fine: pointers copied into another container are not tracked further, and
// reserve makes this particular use correct.
void smallVectorReserveThenPoint(llvm::SmallVector<int, 8> &values,
                                 std::vector<int *> &pointers) {
  values.reserve(values.size() + 4);
  for (int i = 0; i < 4; ++i) {
    values.push_back(i);
    pointers.push_back(&values.back());
  }
}

//===----------------------------------------------------------------------===//
// llvm::DenseMap: open addressing, insertion moves every element
//===----------------------------------------------------------------------===//

int denseMapIteratorAcrossInsert(llvm::DenseMap<int, int> &regToSlot) {
  auto it = regToSlot.find(1);
  regToSlot.insert({2, 0});
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'regToSlot.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'regToSlot' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: container 'regToSlot' modified here by 'insert'
}

int denseMapReferenceAcrossInsert(llvm::DenseMap<int, int> &regToSlot) {
  int &slot = regToSlot[1];
  regToSlot.insert({2, slot});
  return slot;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'slot' used after 'regToSlot.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: reference 'slot' into 'regToSlot' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: container 'regToSlot' modified here by 'insert'
}

int denseMapReferenceAcrossSubscript(llvm::DenseMap<int, int> &regToSlot,
                                     int reg) {
  int &slot = regToSlot[reg];
  regToSlot[reg + 1] = slot + 1;
  return slot;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'slot' used after 'regToSlot.operator[]' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: reference 'slot' into 'regToSlot' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: container 'regToSlot' modified here by 'operator[]'
}

int denseMapIteratorAcrossTryEmplace(llvm::DenseMap<int, int> &regToSlot) {
  auto it = regToSlot.find(1);
  regToSlot.try_emplace(3, 0);
  return it->getSecond();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'regToSlot.try_emplace' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'regToSlot' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: container 'regToSlot' modified here by 'try_emplace'
}

void denseMapRangeForSubscript(llvm::DenseMap<int, int> &aliases) {
  for (auto &entry : aliases)
    aliases[entry.second] += 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'aliases.operator[]' may invalidate the iterator of the enclosing range-for loop over 'aliases' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: range-for loop over 'aliases' starts here
}

// Fine: lookup, count and find never insert.
int denseMapReadOnlyLookups(llvm::DenseMap<int, int> &regToSlot, int reg) {
  int &slot = regToSlot[reg];
  int other = regToSlot.lookup(reg + 1);
  if (regToSlot.count(reg + 2) && regToSlot.find(reg + 3) != regToSlot.end())
    ++other;
  return slot + other;
}

//===----------------------------------------------------------------------===//
// absl::flat_hash_map: open addressing, in an inline LTS namespace
//===----------------------------------------------------------------------===//

int flatHashMapIteratorAcrossInsert(
    absl::flat_hash_map<std::string, int> &counts) {
  auto it = counts.find("calls");
  counts.insert({"returns", 0});
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'counts.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'insert'
}

int flatHashMapReferenceAcrossInsert(
    absl::flat_hash_map<std::string, int> &counts) {
  int &calls = counts["calls"];
  counts.insert({"returns", 0});
  return calls;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'calls' used after 'counts.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: reference 'calls' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'insert'
}

int flatHashMapReferenceAcrossTryEmplace(
    absl::flat_hash_map<std::string, int> &counts) {
  const int &calls = counts.at("calls");
  counts.try_emplace("returns", 0);
  return calls;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'calls' used after 'counts.try_emplace' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:22: note: reference 'calls' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'try_emplace'
}

void flatHashMapRangeForTryEmplace(absl::flat_hash_map<int, int> &parents) {
  for (const auto &[child, parent] : parents)
    parents.try_emplace(parent, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'parents.try_emplace' may invalidate the iterator of the enclosing range-for loop over 'parents' [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: range-for loop over 'parents' starts here
}

// Fine: the iterator is taken again after the insertion.
int flatHashMapRefetch(absl::flat_hash_map<std::string, int> &counts) {
  counts.insert({"returns", 0});
  auto it = counts.find("calls");
  return it == counts.end() ? 0 : it->second;
}

//===----------------------------------------------------------------------===//
// absl::node_hash_map: nodes stay put, only iterators are invalidated
//===----------------------------------------------------------------------===//

int nodeHashMapIteratorAcrossInsert(
    absl::node_hash_map<std::string, int> &counts) {
  auto it = counts.find("calls");
  counts.insert({"returns", 0});
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'counts.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'counts' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'counts' modified here by 'insert'
}

int nodeHashMapIteratorAcrossRehash(absl::node_hash_map<int, int> &ids) {
  auto it = ids.find(1);
  ids.rehash(128);
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'ids.rehash' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'ids' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: container 'ids' modified here by 'rehash'
}

// Fine: references into a node_hash_map survive insertion.
int nodeHashMapReferenceAcrossInsert(
    absl::node_hash_map<std::string, int> &counts) {
  int &calls = counts["calls"];
  counts.insert({"returns", 0});
  counts["throws"] = 0;
  return calls;
}

// Fine: so do pointers, across try_emplace and rehash.
int nodeHashMapPointerAcrossRehash(absl::node_hash_map<int, int> &ids) {
  int *first = &ids[1];
  ids.try_emplace(2, 0);
  ids.rehash(128);
  return *first;
}

//===----------------------------------------------------------------------===//
// One finding for a template instantiated with several maps
//===----------------------------------------------------------------------===//

template <typename Map> int cachedOrFresh(Map &cache, int key) {
  auto it = cache.find(key);
  cache[key + 1] = 0;
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'cache.operator[]' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'cache' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: container 'cache' modified here by 'operator[]'
}

template int cachedOrFresh(llvm::DenseMap<int, int> &, int);
template int cachedOrFresh(absl::flat_hash_map<int, int> &, int);
template int cachedOrFresh(absl::node_hash_map<int, int> &, int);

//===----------------------------------------------------------------------===//
// A class deriving publicly from a standard container
//===----------------------------------------------------------------------===//

struct Point {
  int x, y;
};

class Polyline : public std::vector<Point> {
public:
  // The vector being iterated is *this.
  void closeIfOpen() {
    for (const Point &p : *this)
      if (p.x != front().x)
        push_back(front());
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'push_back' may invalidate the iterator of the enclosing range-for loop over '*this' [iterguard-invalidated-iterator]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: range-for loop over '*this' starts here
  }
};

int polylineIteratorAcrossPushBack(Polyline &line) {
  auto last = line.end() - 1;
  line.push_back(Point{0, 0});
  return last->x;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'last' used after 'line.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: iterator 'last' into 'line' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'line' modified here by 'push_back'
}

// Fine: a copy of the polyline grows, not the one the iterator points into.
int polylineCopyGrows(Polyline &line) {
  auto first = line.begin();
  Polyline closed = line;
  closed.push_back(*first);
  return first->x;
}

//===----------------------------------------------------------------------===//
// A user container: unknown by default, known once configured
//===----------------------------------------------------------------------===//

namespace tsdb {
template <typename T> class SampleBuffer {
public:
  T *begin();
  T *end();
  T &operator[](std::size_t index);
  void push_back(const T &value);
  std::size_t size() const;
};
} // namespace tsdb

// False negative without configuration: nothing says SampleBuffer is a
// growable buffer; user-containers.yaml declares it like std::vector.
double sampleBufferReferenceAcrossPushBack(
    tsdb::SampleBuffer<double> &samples) {
  double &latest = samples[0];
  samples.push_back(latest * 2);
  return latest;
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:10: warning: reference 'latest' used after 'samples.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-4]]:20: note: reference 'latest' into 'samples' obtained here
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-4]]:11: note: container 'samples' modified here by 'push_back'
}

//===----------------------------------------------------------------------===//
// Known misses
//===----------------------------------------------------------------------===//

// SmallDenseMap inherits find and insert from DenseMapBase, as in LLVM's
// real headers; the object's own type decides.
int smallDenseMapIteratorAcrossInsert(llvm::SmallDenseMap<int, int> &slots) {
  auto it = slots.find(1);
  slots.insert({2, 0});
  return it->second;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: iterator 'it' used after 'slots.insert' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'slots' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: container 'slots' modified here by 'insert'
}
