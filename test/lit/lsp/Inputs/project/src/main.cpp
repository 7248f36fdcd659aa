#include "registry.h"

int useRegistry(std::vector<int> &v) { return firstAfterGrowth(v); }
