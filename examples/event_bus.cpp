#include "chat.h"

#include <utility>

namespace chat {

void EventBus::subscribe(std::string topic, Handler handler) {
  subscriptions_.push_back({std::move(topic), std::move(handler)});
}

void EventBus::publish(Event event) { queue_.push_back(std::move(event)); }

std::size_t EventBus::drain() {
  std::size_t delivered = 0;
  for (const Event &event : queue_) {
    for (const Subscription &subscription : subscriptions_)
      if (subscription.topic == event.topic)
        subscription.handler(event);
    ++delivered;
    // A closed session changes who is online: announce that as well.
    // BUG (iterguard-invalidated-iterator): push_back may reallocate queue_
    // while the range-for loop is iterating over it.
    if (event.topic == "session.closed")
      queue_.push_back(Event{"presence.changed", event.payload});
  }
  queue_.clear();
  return delivered;
}

} // namespace chat
