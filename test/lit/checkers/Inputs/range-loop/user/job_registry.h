// A project header for range-loop-address-escape-templates.cpp: its finding
// is reported once, at this file's line, however many instantiations there
// are.
#ifndef RANGE_LOOP_USER_JOB_REGISTRY_H
#define RANGE_LOOP_USER_JOB_REGISTRY_H

#include <vector>

template <typename Job> class JobRegistry {
public:
  // Each job is reset in a copy, and the copy's address is kept.
  void retryAll(const std::vector<Job> &failed) {
    for (Job job : failed) {
      job.attempts = 0;
      pending_.push_back(&job);
    }
  }

private:
  std::vector<Job *> pending_;
};

#endif // RANGE_LOOP_USER_JOB_REGISTRY_H
