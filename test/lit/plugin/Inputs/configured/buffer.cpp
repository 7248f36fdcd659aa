// util::Buffer is a container only through .iterguard.yaml.
#include <cstddef>

namespace util {
template <typename T> class Buffer {
public:
  T &operator[](std::size_t Index);
  void push_back(const T &Value);
};
} // namespace util

int appendAndReadFirst(util::Buffer<int> &values) {
  int &first = values[0];
  values.push_back(7);
  return first;
}
