#include "chat.h"

#include <cstdio>
#include <thread>

int main() {
  chat::EventBus bus;
  chat::SessionRegistry registry;
  chat::MessageLog log(2);

  bus.subscribe("session.closed", [](const chat::Event &event) {
    std::printf("left: %s\n", event.payload.c_str());
  });

  int alice = registry.open("alice", /*guest=*/false);
  registry.open("guest-7", /*guest=*/true);

  // The network thread records activity while the main thread accepts more
  // sessions.
  std::thread network([&registry, alice] {
    for (int i = 0; i < 3; ++i)
      registry.touch(alice, chat::Clock::now());
  });
  registry.open("bob", /*guest=*/false);
  network.join();

  log.post("alice", "hello");
  log.post("bob", "hi alice");
  const chat::Message &last = log.post("alice", "how are you?");
  std::printf("last: %s\n", last.text.c_str());
  std::printf("authors: %zu\n", log.latestByAuthor().size());

  std::size_t kicked = registry.kickGuests();
  for (std::size_t i = 0; i < kicked; ++i)
    bus.publish({"session.closed", "a guest"});
  bus.drain();

  registry.expire(chat::Clock::now() - std::chrono::minutes(30));
  std::printf("sessions: %zu\n", registry.size());
  return 0;
}
