// Mock of LLVM's llvm/ADT/DenseMap.h for iterguard's lit tests. As in LLVM,
// the buckets are DenseMapPair (a std::pair with getFirst/getSecond) stored in
// one open-addressing array, and the iterator is the class DenseMapIterator.
//
// DenseMap declares its operations itself. SmallDenseMap keeps LLVM's real
// layout: every operation is inherited from the CRTP base DenseMapBase, as
// they are for DenseMap in LLVM.
#ifndef MOCK_LLVM_ADT_DENSEMAP_H
#define MOCK_LLVM_ADT_DENSEMAP_H

#pragma GCC system_header

#include <cstddef>
#include <utility>

namespace llvm {

template <typename T> struct DenseMapInfo {};

namespace detail {
template <typename KeyT, typename ValueT>
struct DenseMapPair : public std::pair<KeyT, ValueT> {
  KeyT &getFirst();
  const KeyT &getFirst() const;
  ValueT &getSecond();
  const ValueT &getSecond() const;
};
} // namespace detail

template <typename KeyT, typename ValueT, typename KeyInfoT, typename Bucket,
          bool IsConst = false>
class DenseMapIterator {
public:
  using value_type = Bucket;
  using pointer = value_type *;
  using reference = value_type &;

  DenseMapIterator();
  reference operator*() const;
  pointer operator->() const;
  DenseMapIterator &operator++();
  DenseMapIterator operator++(int);
  friend bool operator==(const DenseMapIterator &LHS,
                         const DenseMapIterator &RHS);
  friend bool operator!=(const DenseMapIterator &LHS,
                         const DenseMapIterator &RHS);
};

template <typename KeyT, typename ValueT,
          typename KeyInfoT = DenseMapInfo<KeyT>,
          typename BucketT = detail::DenseMapPair<KeyT, ValueT>>
class DenseMap {
public:
  using size_type = unsigned;
  using key_type = KeyT;
  using mapped_type = ValueT;
  using value_type = BucketT;
  using iterator = DenseMapIterator<KeyT, ValueT, KeyInfoT, BucketT>;
  using const_iterator =
      DenseMapIterator<KeyT, ValueT, KeyInfoT, BucketT, true>;

  explicit DenseMap(unsigned InitialReserve = 0);
  DenseMap(const DenseMap &Other);
  DenseMap(DenseMap &&Other);
  ~DenseMap();
  DenseMap &operator=(const DenseMap &Other);
  DenseMap &operator=(DenseMap &&Other);

  iterator begin();
  iterator end();
  const_iterator begin() const;
  const_iterator end() const;
  bool empty() const;
  unsigned size() const;
  void reserve(size_type NumEntries);
  void clear();
  bool contains(const KeyT &Val) const;
  size_type count(const KeyT &Val) const;
  iterator find(const KeyT &Val);
  const_iterator find(const KeyT &Val) const;
  ValueT lookup(const KeyT &Val) const;
  std::pair<iterator, bool> insert(const std::pair<KeyT, ValueT> &KV);
  std::pair<iterator, bool> insert(std::pair<KeyT, ValueT> &&KV);
  template <typename... Ts>
  std::pair<iterator, bool> try_emplace(const KeyT &Key, Ts &&...Args);
  template <typename V>
  std::pair<iterator, bool> insert_or_assign(const KeyT &Key, V &&Val);
  bool erase(const KeyT &Val);
  void erase(iterator I);
  ValueT &operator[](const KeyT &Key);
  ValueT &operator[](KeyT &&Key);
};

template <typename DerivedT, typename KeyT, typename ValueT, typename KeyInfoT,
          typename BucketT>
class DenseMapBase {
public:
  using size_type = unsigned;
  using iterator = DenseMapIterator<KeyT, ValueT, KeyInfoT, BucketT>;

  iterator begin();
  iterator end();
  unsigned size() const;
  void clear();
  iterator find(const KeyT &Val);
  std::pair<iterator, bool> insert(const std::pair<KeyT, ValueT> &KV);
  template <typename... Ts>
  std::pair<iterator, bool> try_emplace(const KeyT &Key, Ts &&...Args);
  bool erase(const KeyT &Val);
  void erase(iterator I);
  ValueT &operator[](const KeyT &Key);
};

template <typename KeyT, typename ValueT, unsigned InlineBuckets = 4,
          typename KeyInfoT = DenseMapInfo<KeyT>,
          typename BucketT = detail::DenseMapPair<KeyT, ValueT>>
class SmallDenseMap
    : public DenseMapBase<
          SmallDenseMap<KeyT, ValueT, InlineBuckets, KeyInfoT, BucketT>, KeyT,
          ValueT, KeyInfoT, BucketT> {
public:
  explicit SmallDenseMap(unsigned NumInitBuckets = 0);
};

} // namespace llvm

#endif // MOCK_LLVM_ADT_DENSEMAP_H
