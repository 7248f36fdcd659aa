#pragma once
#include <vector>

// Included by both translation units: its finding must be reported once.
inline int firstAfterGrowth(std::vector<int> &values) {
  int &first = values.front();
  values.push_back(0);
  return first;
}
