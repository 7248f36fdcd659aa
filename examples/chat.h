// A tiny chat server core: an event bus, a session registry and a message
// log. It builds, but it contains deliberate container bugs for iterguard to
// find (README.md lists them), so do not expect it to run correctly.

#ifndef CHAT_CHAT_H
#define CHAT_CHAT_H

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace chat {

using Clock = std::chrono::steady_clock;

struct Event {
  std::string topic;
  std::string payload;
};

// Queues events and delivers them to the subscribers of their topic.
class EventBus {
public:
  using Handler = std::function<void(const Event &)>;

  void subscribe(std::string topic, Handler handler);
  void publish(Event event);
  // Delivers every queued event; returns how many were delivered.
  std::size_t drain();

private:
  struct Subscription {
    std::string topic;
    Handler handler;
  };
  std::vector<Subscription> subscriptions_;
  std::vector<Event> queue_;
};

struct Session {
  std::string user;
  bool guest = false;
  Clock::time_point lastSeen;
};

// Open sessions by id. The main thread and the network thread both use it;
// mu_ guards sessions_ and nextId_.
class SessionRegistry {
public:
  int open(std::string user, bool guest);
  void close(int id);
  // Records activity of a session; called by the network thread.
  void touch(int id, Clock::time_point now);
  // Closes the sessions idle since before cutoff; returns how many.
  std::size_t expire(Clock::time_point cutoff);
  // Closes every guest session; returns how many.
  std::size_t kickGuests();
  std::size_t size() const;

private:
  mutable std::mutex mu_;
  std::unordered_map<int, Session> sessions_;
  int nextId_ = 1;
};

struct Message {
  std::string author;
  std::string text;
};

// The most recent messages of a room, oldest first.
class MessageLog {
public:
  explicit MessageLog(std::size_t capacity) : capacity_(capacity) {}

  // Appends a message, dropping the oldest one when the log is full.
  const Message &post(std::string author, std::string text);
  // The newest message of each author.
  std::map<std::string, const Message *> latestByAuthor() const;
  std::size_t size() const { return messages_.size(); }

private:
  std::size_t capacity_;
  std::vector<Message> messages_;
};

} // namespace chat

#endif // CHAT_CHAT_H
