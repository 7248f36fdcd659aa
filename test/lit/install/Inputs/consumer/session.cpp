#include <map>

struct Session {
  bool expired;
};

void dropExpired(std::map<int, Session> &sessions) {
  for (auto it = sessions.begin(); it != sessions.end(); ++it)
    if (it->second.expired)
      sessions.erase(it);
}
