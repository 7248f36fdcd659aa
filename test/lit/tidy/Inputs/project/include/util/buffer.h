// The project's own vector-like buffer. iterguard learns how it behaves from
// the ExtraContainers option in .clang-tidy.
#ifndef UTIL_BUFFER_H
#define UTIL_BUFFER_H

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

} // namespace util

#endif
