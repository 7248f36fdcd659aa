#include "chat.h"

#include <utility>

namespace chat {

const Message &MessageLog::post(std::string author, std::string text) {
  Message &posted =
      messages_.emplace_back(Message{std::move(author), std::move(text)});
  if (messages_.size() > capacity_)
    messages_.erase(messages_.begin());
  // BUG (iterguard-invalidated-iterator): erasing the first element moved
  // every later one, so 'posted' no longer refers to the new message.
  // The fix is 'return messages_.back();'.
  return posted;
}

std::map<std::string, const Message *> MessageLog::latestByAuthor() const {
  std::map<std::string, const Message *> latest;
  // BUG (iterguard-range-loop-address-escape, planned): 'message' is a copy
  // made for one iteration, so every stored pointer dangles after the loop.
  // The fix is 'const Message &message'.
  for (Message message : messages_)
    latest[message.author] = &message;
  return latest;
}

} // namespace chat
