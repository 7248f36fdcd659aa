#include <string>
#include <vector>

std::vector<const std::string *> collect(const std::vector<std::string> &names) {
  std::vector<const std::string *> out;
  for (std::string name : names)
    /* é😀 */ out.push_back(&name);
  return out;
}
