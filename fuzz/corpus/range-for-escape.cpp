#include <string>
#include <vector>
std::vector<const std::string *> names(const std::vector<std::string> &users) {
  std::vector<const std::string *> out;
  for (std::string name : users)
    out.push_back(&name);
  for (const auto &name : users)
    out.push_back(&name);
  return out;
}
