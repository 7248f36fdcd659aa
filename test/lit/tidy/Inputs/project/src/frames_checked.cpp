#include "util/buffer.h"

struct Frame {
  int id;
};

// Fine: the element is read before the buffer grows.
int appendAfterReadingFirst(util::Buffer<Frame> &frames) {
  int id = frames[0].id;
  frames.push_back(Frame{7});
  return id;
}
