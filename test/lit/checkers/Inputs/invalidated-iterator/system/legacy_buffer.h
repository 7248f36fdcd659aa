// A third-party header included with -isystem: nothing in it is reported,
// not even the instantiations the test file asks for.
#ifndef LEGACY_BUFFER_H
#define LEGACY_BUFFER_H

#include <vector>

inline int legacyFirstAfterAppend(std::vector<int> &buffer) {
  auto first = buffer.begin();
  buffer.push_back(0);
  return *first;
}

template <typename T>
T legacyFrontAfterGrow(std::vector<T> &buffer, const T &value) {
  const T &front = buffer.front();
  buffer.push_back(value);
  return front;
}

template <typename Container>
void legacyAppendWhileIterating(Container &c) {
  for (const auto &item : c)
    c.push_back(item);
}

#endif // LEGACY_BUFFER_H
