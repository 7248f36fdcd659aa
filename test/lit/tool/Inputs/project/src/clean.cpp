#include <vector>

int sum(const std::vector<int> &v) {
  int total = 0;
  for (int x : v)
    total += x;
  return total;
}
