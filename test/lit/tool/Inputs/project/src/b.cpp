#include "registry.h"

int useB(std::vector<int> &v) {
  auto it = v.begin();
  v.clear();
  return *it;
}
