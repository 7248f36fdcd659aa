#include <vector>

int lastAfterGrowth(std::vector<int> &v) {
  int &last = v.back();
  v.push_back(last);
  return last;
}
