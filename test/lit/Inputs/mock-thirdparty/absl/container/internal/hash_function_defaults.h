// Mock of Abseil's hash_function_defaults.h and of the iterator shape of
// raw_hash_set, shared by flat_hash_map.h and node_hash_map.h.
#ifndef MOCK_ABSL_CONTAINER_INTERNAL_HASH_FUNCTION_DEFAULTS_H
#define MOCK_ABSL_CONTAINER_INTERNAL_HASH_FUNCTION_DEFAULTS_H

#pragma GCC system_header

#include <cstddef>

#include "absl/base/config.h"

namespace absl {
ABSL_NAMESPACE_BEGIN
namespace container_internal {

template <class T> struct hash_default_hash {
  std::size_t operator()(const T &) const;
};
template <class T> struct hash_default_eq {
  bool operator()(const T &, const T &) const;
};

/// The iterator of a raw_hash_set over value_type V.
template <class V> class raw_hash_iterator {
public:
  using value_type = V;
  using reference = V &;
  using pointer = V *;

  raw_hash_iterator();
  reference operator*() const;
  pointer operator->() const;
  raw_hash_iterator &operator++();
  raw_hash_iterator operator++(int);
  friend bool operator==(const raw_hash_iterator &a,
                         const raw_hash_iterator &b);
  friend bool operator!=(const raw_hash_iterator &a,
                         const raw_hash_iterator &b);
};

} // namespace container_internal
ABSL_NAMESPACE_END
} // namespace absl

#endif // MOCK_ABSL_CONTAINER_INTERNAL_HASH_FUNCTION_DEFAULTS_H
