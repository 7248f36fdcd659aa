// RUN: %check_iterguard %s iterguard-invalidated-iterator --config=%S/Inputs/config/containers.yaml -- -std=c++17

// User container types from .iterguard.yaml: one declared `like` a standard
// container, one with an explicit operation table.

#include <cstddef>

namespace util {

template <typename T> class Buffer {
public:
  T *begin();
  T *end();
  T &operator[](std::size_t Index);
  void push_back(const T &Value);
  std::size_t size() const;
};

template <typename T> class SlotRing {
public:
  struct iterator {
    T &operator*() const;
    iterator &operator++();
    bool operator!=(const iterator &) const;
  };
  iterator begin();
  iterator end();
  T &slot(std::size_t Index);
  void push(const T &Value);
  void reset();
};

// Not configured: iterguard knows nothing about it.
template <typename T> class Unknown {
public:
  T *begin();
  void push_back(const T &Value);
};

} // namespace util

//===----------------------------------------------------------------------===//
// A container configured like std::vector
//===----------------------------------------------------------------------===//

struct Frame {
  int id;
};

int likeVector(util::Buffer<Frame> &frames) {
  Frame &first = frames[0];
  frames.push_back(Frame{7});
  return first.id;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'first' used after 'frames.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:18: note: reference 'first' into 'frames' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'frames' modified here by 'push_back'
}

// Fine: the element is read before the buffer grows.
int likeVectorReadFirst(util::Buffer<Frame> &frames) {
  int id = frames[0].id;
  frames.push_back(Frame{7});
  return id;
}

//===----------------------------------------------------------------------===//
// A container with an explicit operation table
//===----------------------------------------------------------------------===//

int ringPushKeepsSlots(util::SlotRing<int> &ring) {
  auto it = ring.begin();
  int &slot = ring.slot(0);
  ring.push(4);
  // Fine: the table says push invalidates iterators only.
  int kept = slot;
  return kept + *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: iterator 'it' used after 'ring.push' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-7]]:13: note: iterator 'it' into 'ring' obtained here
  // CHECK-MESSAGES: :[[@LINE-6]]:8: note: container 'ring' modified here by 'push'
}

int ringResetDropsSlots(util::SlotRing<int> &ring) {
  int &slot = ring.slot(0);
  ring.reset();
  return slot;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reference 'slot' used after 'ring.reset' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: reference 'slot' into 'ring' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: container 'ring' modified here by 'reset'
}

// False negative: an unconfigured user container is not modelled.
int unknownContainer(util::Unknown<int> &values) {
  int *first = values.begin();
  values.push_back(1);
  return *first;
}
