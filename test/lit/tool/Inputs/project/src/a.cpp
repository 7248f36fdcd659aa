#include "registry.h"

int useA(std::vector<int> &v) { return firstAfterGrowth(v); }
