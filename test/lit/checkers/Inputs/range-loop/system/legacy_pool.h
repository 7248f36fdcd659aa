// A system header (-isystem) for range-loop-address-escape-templates.cpp:
// the same bug as in job_registry.h is never reported here.
#ifndef RANGE_LOOP_SYSTEM_LEGACY_POOL_H
#define RANGE_LOOP_SYSTEM_LEGACY_POOL_H

#include <vector>

template <typename Job> class LegacyPool {
public:
  void retryAll(const std::vector<Job> &failed) {
    for (Job job : failed) {
      job.attempts = 0;
      pending_.push_back(&job);
    }
  }

private:
  std::vector<Job *> pending_;
};

#endif // RANGE_LOOP_SYSTEM_LEGACY_POOL_H
