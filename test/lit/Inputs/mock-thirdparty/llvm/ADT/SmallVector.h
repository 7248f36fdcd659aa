// Mock of LLVM's llvm/ADT/SmallVector.h for iterguard's lit tests. As in LLVM,
// the iterators are raw pointers and SmallVector<T, N> derives from
// SmallVectorImpl<T>, which functions take by reference so callers can pass a
// SmallVector of any inline size. Unlike LLVM, every operation is declared in
// SmallVectorImpl itself rather than spread over SmallVectorTemplateCommon and
// SmallVectorTemplateBase.
#ifndef MOCK_LLVM_ADT_SMALLVECTOR_H
#define MOCK_LLVM_ADT_SMALLVECTOR_H

#pragma GCC system_header

#include <cstddef>
#include <initializer_list>

namespace llvm {

template <class Size_T> class SmallVectorBase {
protected:
  void *BeginX;
  Size_T Size = 0, Capacity;

public:
  std::size_t size() const { return Size; }
  std::size_t capacity() const { return Capacity; }
  bool empty() const { return !Size; }
};

template <typename T>
class SmallVectorImpl : public SmallVectorBase<unsigned> {
public:
  using size_type = std::size_t;
  using value_type = T;
  using iterator = T *;
  using const_iterator = const T *;
  using reference = T &;
  using const_reference = const T &;
  using pointer = T *;
  using const_pointer = const T *;

  SmallVectorImpl(const SmallVectorImpl &) = delete;
  ~SmallVectorImpl();

  iterator begin();
  const_iterator begin() const;
  iterator end();
  const_iterator end() const;
  pointer data();
  const_pointer data() const;
  reference operator[](size_type Idx);
  const_reference operator[](size_type Idx) const;
  reference front();
  const_reference front() const;
  reference back();
  const_reference back() const;

  void push_back(const T &Elt);
  void push_back(T &&Elt);
  template <typename... ArgTypes> reference emplace_back(ArgTypes &&...Args);
  void pop_back();
  T pop_back_val();
  void truncate(size_type N);
  void clear();
  void resize(size_type N);
  void resize(size_type N, const T &NV);
  void reserve(size_type N);
  template <typename ItTy> void append(ItTy in_start, ItTy in_end);
  void append(std::initializer_list<T> IL);
  void assign(size_type NumElts, const T &Elt);
  iterator erase(const_iterator CI);
  iterator erase(const_iterator CS, const_iterator CE);
  iterator insert(iterator I, const T &Elt);
  void swap(SmallVectorImpl &RHS);
  SmallVectorImpl &operator=(const SmallVectorImpl &RHS);
  SmallVectorImpl &operator=(SmallVectorImpl &&RHS);

protected:
  SmallVectorImpl() = default;
};

template <typename T, unsigned N = 4>
class SmallVector : public SmallVectorImpl<T> {
public:
  SmallVector();
  SmallVector(std::initializer_list<T> IL);
  SmallVector(const SmallVector &RHS);
  SmallVector(SmallVector &&RHS);
  ~SmallVector();
  SmallVector &operator=(const SmallVector &RHS);
  SmallVector &operator=(SmallVector &&RHS);
};

} // namespace llvm

#endif // MOCK_LLVM_ADT_SMALLVECTOR_H
