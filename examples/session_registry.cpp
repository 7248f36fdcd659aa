#include "chat.h"

#include <utility>

namespace chat {

int SessionRegistry::open(std::string user, bool guest) {
  std::lock_guard<std::mutex> lock(mu_);
  int id = nextId_++;
  sessions_[id] = Session{std::move(user), guest, Clock::now()};
  return id;
}

void SessionRegistry::close(int id) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(id);
}

void SessionRegistry::touch(int id, Clock::time_point now) {
  // BUG (iterguard-unsynchronized-container-write, planned): writes sessions_
  // without mu_ while the main thread inserts into it under mu_.
  auto it = sessions_.find(id);
  if (it != sessions_.end())
    it->second.lastSeen = now;
}

std::size_t SessionRegistry::expire(Clock::time_point cutoff) {
  std::lock_guard<std::mutex> lock(mu_);
  std::size_t removed = 0;
  // Correct: erase returns the iterator to the next session.
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second.lastSeen < cutoff) {
      it = sessions_.erase(it);
      ++removed;
    } else {
      ++it;
    }
  }
  return removed;
}

std::size_t SessionRegistry::kickGuests() {
  std::lock_guard<std::mutex> lock(mu_);
  std::size_t removed = 0;
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    if (it->second.guest) {
      // BUG (iterguard-invalidated-iterator): the loop's ++it then advances
      // the erased iterator.
      sessions_.erase(it);
      ++removed;
    }
  }
  return removed;
}

std::size_t SessionRegistry::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

} // namespace chat
