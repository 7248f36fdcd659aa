#include <map>
struct Session { bool expired; };
void drop(std::map<int, Session> &sessions) {
  for (auto it = sessions.begin(); it != sessions.end(); ++it)
    if (it->second.expired)
      sessions.erase(it);
  for (auto it = sessions.begin(); it != sessions.end();)
    it = it->second.expired ? sessions.erase(it) : std::next(it);
}
