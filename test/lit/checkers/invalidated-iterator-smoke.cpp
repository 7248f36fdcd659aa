// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17
#include <vector>

int useAfterPushBack(std::vector<int> &v) {
  auto it = v.begin();
  v.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'v.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'v' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: container 'v' modified here by 'push_back'
}

// Refetching after the mutation is fine.
int refetched(std::vector<int> &v) {
  auto it = v.begin();
  v.push_back(1);
  it = v.begin();
  return *it;
}
