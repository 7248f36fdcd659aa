// One finding of each check, for the compiler-plugin tests.
#include <string>
#include <vector>

int first(std::vector<int> &v) {
  auto it = v.begin();
  v.push_back(1);
  return *it;
}

std::vector<const std::string *> userNames(const std::vector<std::string> &users) {
  std::vector<const std::string *> names;
  for (std::string name : users)
    names.push_back(&name);
  return names;
}

int main() {
  std::vector<int> v{1};
  return first(v) + static_cast<int>(userNames({}).size());
}
