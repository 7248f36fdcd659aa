// A project header with two bugs; findings in it are reported once, at the
// header, however often it is included or its templates are instantiated.
#ifndef INVENTORY_CACHE_H
#define INVENTORY_CACHE_H

#include <string>
#include <vector>

inline int firstItemAfterRestock(std::vector<int> &items, int count) {
  auto first = items.begin();
  items.resize(items.size() + count);
  return *first;
}

template <typename Item>
class InventoryCache {
public:
  const Item &addAndReturnFirst(const Item &item) {
    const Item &first = items_.front();
    items_.push_back(item);
    return first;
  }

  // Correct: the reference is taken after the growth.
  const Item &addAndReturnLast(const Item &item) {
    items_.push_back(item);
    return items_.back();
  }

private:
  std::vector<Item> items_;
};

// Instantiated here and again in the test file.
inline void warmInventoryCache() {
  InventoryCache<int> cache;
  cache.addAndReturnFirst(1);
}

#endif // INVENTORY_CACHE_H
