#include <vector>
int first(std::vector<int> &v) {
  auto it = v.begin();
  int &r = v[0];
  v.push_back(1);
  r++;
  return *it;
}
