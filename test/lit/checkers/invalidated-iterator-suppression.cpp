// RUN: %check_iterguard %s iterguard-invalidated-iterator -- -std=c++17

// NOLINT comments behave as in clang-tidy, in both front ends: they apply to
// the line of the warning (not of its notes) and to the named checks only.

#include <vector>

//===----------------------------------------------------------------------===//
// NOLINT on the line of the warning
//===----------------------------------------------------------------------===//

int nolintPlain(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; // NOLINT
}

int nolintThisCheck(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; // NOLINT(iterguard-invalidated-iterator)
}

int nolintGlob(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; // NOLINT(iterguard-*)
}

int nolintListWithThisCheck(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; // NOLINT(bugprone-use-after-move, iterguard-invalidated-iterator)
}

int nolintWithReason(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; // NOLINT(iterguard-invalidated-iterator): capacity reserved by caller
}

int nolintBlockComment(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; /* NOLINT */
}

// Another check's name does not suppress this one.
int nolintOtherCheck(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; // NOLINT(bugprone-use-after-move)
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

int nolintOtherIterguardCheck(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; // NOLINT(iterguard-range-loop-address-escape)
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

// An empty list suppresses nothing.
int nolintEmptyList(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; // NOLINT()
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

// The marker is case-sensitive.
int nolintLowerCase(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; // nolint
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

// NOLINT on the line of a note does not suppress the warning; as in
// clang-tidy, it only drops that note.
int nolintOnModification(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1); // NOLINT
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
}

int nolintOnOrigin(std::vector<int> &values) {
  auto it = values.begin(); // NOLINT(iterguard-invalidated-iterator)
  values.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: container 'values' modified here by 'push_back'
}

//===----------------------------------------------------------------------===//
// NOLINTNEXTLINE
//===----------------------------------------------------------------------===//

int nolintNextLineThisCheck(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  // NOLINTNEXTLINE(iterguard-invalidated-iterator)
  return *it;
}

int nolintNextLinePlain(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  // NOLINTNEXTLINE
  return *it;
}

int nolintNextLineOtherCheck(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  // NOLINTNEXTLINE(misc-*)
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: container 'values' modified here by 'push_back'
}

// NOLINTNEXTLINE covers exactly the next line.
int nolintNextLineTooFarAway(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  // NOLINTNEXTLINE(iterguard-invalidated-iterator)

  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-6]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-6]]:10: note: container 'values' modified here by 'push_back'
}

// NOLINTNEXTLINE at the end of the warning's own line covers the line below.
int nolintNextLineOnSameLine(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it; // NOLINTNEXTLINE
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

//===----------------------------------------------------------------------===//
// NOLINTBEGIN / NOLINTEND
//===----------------------------------------------------------------------===//

// NOLINTBEGIN(iterguard-invalidated-iterator)
int insideNolintRegion(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it;
}

int alsoInsideNolintRegion(std::vector<int> &values) {
  int &first = values.front();
  values.clear();
  return first;
}
// NOLINTEND(iterguard-invalidated-iterator)

int afterNolintRegion(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}

// NOLINTBEGIN
int insidePlainNolintRegion(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it;
}
// NOLINTEND

// NOLINTBEGIN(bugprone-*)
int insideOtherChecksRegion(std::vector<int> &values) {
  auto it = values.begin();
  values.push_back(1);
  return *it;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: iterator 'it' used after 'values.push_back' may have invalidated it [iterguard-invalidated-iterator]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: iterator 'it' into 'values' obtained here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: container 'values' modified here by 'push_back'
}
// NOLINTEND(bugprone-*)

//===----------------------------------------------------------------------===//
// Range-for findings: the warning is at the invalidating call
//===----------------------------------------------------------------------===//

void rangeForNolintAtCall(std::vector<int> &values) {
  for (int v : values)
    if (v < 0)
      values.push_back(-v); // NOLINT(iterguard-invalidated-iterator)
}

// NOLINT on the loop only drops the note there.
void rangeForNolintAtLoop(std::vector<int> &values) {
  for (int v : values) // NOLINT(iterguard-invalidated-iterator)
    if (v < 0)
      values.push_back(-v);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'values.push_back' may invalidate the iterator of the enclosing range-for loop over 'values' [iterguard-invalidated-iterator]
}
