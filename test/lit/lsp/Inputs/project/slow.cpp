#include <string>
#include <vector>

// Evaluating this takes a noticeable time, so that edits arrive while an
// older version is still being analyzed.
constexpr long spin(long n) {
  long s = 0;
  for (long i = 0; i < n; ++i)
    s += i % 7;
  return s;
}
static_assert(spin(300000) > 0, "");

std::vector<const std::string *> collect(const std::vector<std::string> &names) {
  std::vector<const std::string *> out;
  for (std::string name : names)
    out.push_back(&name);
  return out;
}
