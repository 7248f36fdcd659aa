#include <map>
#include <string>
namespace std {
class mutex { public: void lock(); void unlock(); };
template <class M> class lock_guard {
public:
  explicit lock_guard(M &m) : m(m) { m.lock(); }
  ~lock_guard() { m.unlock(); }
private:
  M &m;
};
class thread {
public:
  template <class F> explicit thread(F &&f) { f(); }
  void join();
};
} // namespace std

std::mutex mu;
std::map<int, std::string> names;
std::string lookup(int id) {
  std::lock_guard<std::mutex> lock(mu);
  auto it = names.find(id);
  return it == names.end() ? "" : it->second;
}
void rename(int id, std::string name) { names[id] = name; }
int main() {
  std::thread t([] { rename(1, "a"); });
  lookup(1);
  t.join();
}
