// RUN: %check_iterguard %s iterguard-range-loop-address-escape -- -std=c++17
// RUN: %check_iterguard %s iterguard-range-loop-address-escape -- -std=c++17 -nostdinc++ -isystem %mock_std

// NOLINT comments behave as in clang-tidy, in both front ends: they apply to
// the line of the warning (the escaping expression), not of its notes, and
// to the named checks only. A suppressed warning's fix-it is not applied.

#include <string>
#include <vector>

struct Setting {
  std::string key;
  std::string value;
};

//===----------------------------------------------------------------------===//
// NOLINT on the line of the warning
//===----------------------------------------------------------------------===//

void nolintPlain(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings)
    out.push_back(&setting); // NOLINT
  // CHECK-FIXES: for (auto setting : settings)
}

void nolintThisCheck(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings)
    out.push_back(&setting); // NOLINT(iterguard-range-loop-address-escape)
  // CHECK-FIXES: for (auto setting : settings)
}

void nolintGlob(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings)
    out.push_back(&setting); // NOLINT(iterguard-*)
  // CHECK-FIXES: for (auto setting : settings)
}

void nolintListWithThisCheck(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings)
    out.push_back(&setting); // NOLINT(bugprone-use-after-move, iterguard-range-loop-address-escape)
  // CHECK-FIXES: for (auto setting : settings)
}

void nolintWithReason(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings)
    out.push_back(&setting); // NOLINT(iterguard-range-loop-address-escape): out is cleared below
  out.clear();
  // CHECK-FIXES: for (auto setting : settings)
}

void nolintBlockComment(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings)
    out.push_back(&setting); /* NOLINT */
  // CHECK-FIXES: for (auto setting : settings)
}

// Another check's name does not suppress this one.
void nolintOtherCheck(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings)
    out.push_back(&setting); // NOLINT(bugprone-dangling-handle)
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: address of per-iteration variable 'setting' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'setting' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'out' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& setting : settings)
}

void nolintOtherIterguardCheck(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings)
    out.push_back(&setting); // NOLINT(iterguard-invalidated-iterator)
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: address of per-iteration variable 'setting' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'setting' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'out' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& setting : settings)
}

// An empty list suppresses nothing.
void nolintEmptyList(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings)
    out.push_back(&setting); // NOLINT()
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: address of per-iteration variable 'setting' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'setting' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'out' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& setting : settings)
}

// The marker is case-sensitive.
void nolintLowerCase(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings)
    out.push_back(&setting); // nolint
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: address of per-iteration variable 'setting' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'setting' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'out' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& setting : settings)
}

//===----------------------------------------------------------------------===//
// NOLINT on the line of a note drops only that note
//===----------------------------------------------------------------------===//

// On the loop variable's line.
void nolintOnLoopVariable(const std::vector<Setting> &settings, std::vector<const Setting *> &out) {
  for (auto setting : settings) // NOLINT(iterguard-range-loop-address-escape)
    out.push_back(&setting);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: address of per-iteration variable 'setting' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: stored in 'out' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& setting : settings) // NOLINT(iterguard-range-loop-address-escape)
}

// On the line where the address is stored.
void nolintOnStore(const std::vector<Setting> &settings, const Setting *&last) {
  for (auto setting : settings) {
    const Setting *current = &setting;
    last = current; // NOLINT(iterguard-range-loop-address-escape)
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:30: warning: address of per-iteration variable 'setting' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'setting' is a copy of the element, made for one iteration
  // CHECK-FIXES: for (const auto& setting : settings) {
}

// On the line where the address is taken, it suppresses the finding.
void nolintOnAddressTaken(const std::vector<Setting> &settings, const Setting *&last) {
  for (auto setting : settings) {
    const Setting *current = &setting; // NOLINT(iterguard-range-loop-address-escape)
    last = current;
  }
  // CHECK-FIXES: for (auto setting : settings) {
}

//===----------------------------------------------------------------------===//
// NOLINTNEXTLINE
//===----------------------------------------------------------------------===//

void nolintNextLineThisCheck(const std::vector<Setting> &settings, std::vector<const char *> &keys) {
  for (auto setting : settings)
    // NOLINTNEXTLINE(iterguard-range-loop-address-escape)
    keys.push_back(setting.key.c_str());
  // CHECK-FIXES: for (auto setting : settings)
}

void nolintNextLinePlain(const std::vector<Setting> &settings, std::vector<const char *> &keys) {
  for (auto setting : settings)
    // NOLINTNEXTLINE
    keys.push_back(setting.key.c_str());
  // CHECK-FIXES: for (auto setting : settings)
}

void nolintNextLineOtherCheck(const std::vector<Setting> &settings, std::vector<const char *> &keys) {
  for (auto setting : settings)
    // NOLINTNEXTLINE(misc-*)
    keys.push_back(setting.key.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: address of per-iteration variable 'setting' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'setting' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'keys' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& setting : settings)
}

// NOLINTNEXTLINE covers exactly the next line: here the loop, so it drops
// only the note there.
void nolintNextLineTooFarAway(const std::vector<Setting> &settings, std::vector<const char *> &keys) {
  // NOLINTNEXTLINE(iterguard-range-loop-address-escape)
  for (auto setting : settings)
    keys.push_back(setting.key.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: address of per-iteration variable 'setting' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: stored in 'keys' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& setting : settings)
}

//===----------------------------------------------------------------------===//
// NOLINTBEGIN / NOLINTEND
//===----------------------------------------------------------------------===//

// NOLINTBEGIN(iterguard-range-loop-address-escape)
void insideNolintRegion(const std::vector<Setting> &settings, std::vector<const char *> &keys) {
  for (auto setting : settings)
    keys.push_back(setting.key.c_str());
  // CHECK-FIXES: for (auto setting : settings)
}

const std::string *insideNolintRegionToo(const std::vector<Setting> &settings) {
  for (auto setting : settings)
    if (setting.key == "mode")
      return &setting.value;
  // CHECK-FIXES: for (auto setting : settings)
  return nullptr;
}
// NOLINTEND(iterguard-range-loop-address-escape)

void afterNolintRegion(const std::vector<Setting> &settings, std::vector<const char *> &keys) {
  for (auto setting : settings)
    keys.push_back(setting.key.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: address of per-iteration variable 'setting' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'setting' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'keys' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& setting : settings)
}

// NOLINTBEGIN
void insidePlainNolintRegion(const std::vector<Setting> &settings, std::vector<const char *> &keys) {
  for (auto setting : settings)
    keys.push_back(setting.key.c_str());
  // CHECK-FIXES: for (auto setting : settings)
}
// NOLINTEND

// NOLINTBEGIN(iterguard-invalidated-iterator)
void insideOtherCheckRegion(const std::vector<Setting> &settings, std::vector<const char *> &keys) {
  for (auto setting : settings)
    keys.push_back(setting.key.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: address of per-iteration variable 'setting' escapes the loop iteration [iterguard-range-loop-address-escape]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'setting' is a copy of the element, made for one iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: stored in 'keys' here, which outlives the iteration
  // CHECK-FIXES: for (const auto& setting : settings)
}
// NOLINTEND(iterguard-invalidated-iterator)
