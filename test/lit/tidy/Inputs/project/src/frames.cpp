#include "util/buffer.h"

struct Frame {
  int id;
};

// The reference dangles once the buffer grows.
int appendAndReadFirst(util::Buffer<Frame> &frames) {
  Frame &first = frames[0];
  frames.push_back(Frame{7});
  return first.id;
}
