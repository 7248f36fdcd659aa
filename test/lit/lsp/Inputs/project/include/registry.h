#pragma once
#include <vector>

// The language server shows this finding only while the header is open.
inline int firstAfterGrowth(std::vector<int> &values) {
  int &first = values.front();
  values.push_back(0);
  return first;
}
