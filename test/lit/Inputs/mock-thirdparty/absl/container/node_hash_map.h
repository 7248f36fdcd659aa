// Mock of Abseil's absl/container/node_hash_map.h for iterguard's lit tests.
// The slots hold pointers to heap nodes, so a rehash moves the pointers but
// not the values.
// As in Abseil, the class lives in the LTS inline namespace
// (absl::lts_20230802::node_hash_map). Unlike Abseil, the operations are
// declared in the class itself rather than inherited from raw_hash_map.
#ifndef MOCK_ABSL_CONTAINER_NODE_HASH_MAP_H
#define MOCK_ABSL_CONTAINER_NODE_HASH_MAP_H

#pragma GCC system_header

#include <cstddef>
#include <memory>
#include <utility>

#include "absl/base/config.h"
#include "absl/container/internal/hash_function_defaults.h"

namespace absl {
ABSL_NAMESPACE_BEGIN

template <class K, class V,
          class Hash = container_internal::hash_default_hash<K>,
          class Eq = container_internal::hash_default_eq<K>,
          class Allocator = std::allocator<std::pair<const K, V>>>
class node_hash_map {
public:
  using key_type = K;
  using mapped_type = V;
  using value_type = std::pair<const K, V>;
  using size_type = std::size_t;
  using iterator = container_internal::raw_hash_iterator<value_type>;
  using const_iterator =
      container_internal::raw_hash_iterator<const value_type>;

  node_hash_map();
  node_hash_map(const node_hash_map &);
  ~node_hash_map();
  node_hash_map &operator=(const node_hash_map &);

  iterator begin();
  iterator end();
  const_iterator begin() const;
  const_iterator end() const;
  bool empty() const;
  size_type size() const;
  void clear();
  void reserve(size_type n);
  void rehash(size_type n);
  std::pair<iterator, bool> insert(const value_type &value);
  std::pair<iterator, bool> insert(value_type &&value);
  template <class... Args> std::pair<iterator, bool> emplace(Args &&...args);
  template <class... Args>
  std::pair<iterator, bool> try_emplace(const key_type &k, Args &&...args);
  template <class M>
  std::pair<iterator, bool> insert_or_assign(const key_type &k, M &&v);
  iterator find(const key_type &key);
  const_iterator find(const key_type &key) const;
  bool contains(const key_type &key) const;
  size_type count(const key_type &key) const;
  mapped_type &at(const key_type &key);
  const mapped_type &at(const key_type &key) const;
  mapped_type &operator[](const key_type &key);
  size_type erase(const key_type &key);
  void erase(const_iterator cit);
  void erase(iterator it);
  void swap(node_hash_map &that);
};

ABSL_NAMESPACE_END
} // namespace absl

#endif // MOCK_ABSL_CONTAINER_NODE_HASH_MAP_H
