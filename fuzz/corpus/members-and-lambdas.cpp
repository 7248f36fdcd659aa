#include <vector>
#include <functional>
class Subject {
public:
  void detach(int id) { observers_.erase(observers_.begin() + id); }
  void notify() {
    for (int id : observers_)
      detach(id);
  }
  std::function<void()> later() {
    std::function<void()> result;
    for (auto id : observers_)
      result = [&] { (void)id; };
    return result;
  }
private:
  std::vector<int> observers_;
};
template <class T> void twice(std::vector<T> &v) {
  auto p = v.data();
  v.reserve(v.size() * 2);
  (void)*p;
}
template void twice<int>(std::vector<int> &);
