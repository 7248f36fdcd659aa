#include <string>
#include <string_view>
#include <unordered_map>
#include <deque>
void grow(std::unordered_map<int, int> &m, std::string &s, std::deque<int> &d) {
  auto it = m.find(1);
  int &value = m[2];
  m.insert({3, 3});
  value++;
  ++it;
  std::string_view view = s;
  s += "tail";
  (void)view.size();
  int &front = d.front();
  d.push_back(1);
  front++;
}
