// RUN: %check_iterguard %s iterguard-unsynchronized-container-write -- -std=c++17 -pthread

// Suppression comments behave as in clang-tidy, in both front ends: they
// apply to the line of the warning (the write), name checks by glob, and one
// on the line of a note drops only that note. Comments other than the
// suppressions themselves avoid spelling the markers, which clang-tidy reads
// in any comment.

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

//===----------------------------------------------------------------------===//
// On the line of the write
//===----------------------------------------------------------------------===//

// Each cache's warm-up runs before the server accepts requests, which the
// check cannot know.
class FontCache {
public:
  int glyph(int code) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = glyphs_.find(code);
    return it == glyphs_.end() ? 0 : it->second;
  }
  void warmUp() { glyphs_[32] = 1; } // NOLINT
  void warmUpNamed() { glyphs_[33] = 1; } // NOLINT(iterguard-unsynchronized-container-write)
  void warmUpGlob() { glyphs_[34] = 1; } // NOLINT(iterguard-*)
  void warmUpList() { glyphs_[35] = 1; } // NOLINT(bugprone-use-after-move, iterguard-unsynchronized-container-write)
  void warmUpReason() { glyphs_[36] = 1; } // NOLINT(iterguard-unsynchronized-container-write): before start()
  void warmUpBlock() { glyphs_[37] = 1; } /* NOLINT */

  // Another check's name does not suppress this one.
  void warmUpOtherCheck() { glyphs_[38] = 1; } // NOLINT(bugprone-use-after-move)
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'operator[]' modifies 'glyphs_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-13]]:23: note: 'glyphs_' is accessed here while holding 'mu_'

  // Nor does another iterguard check's name.
  void warmUpOtherIterguardCheck() { glyphs_[39] = 1; } // NOLINT(iterguard-invalidated-iterator)
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'operator[]' modifies 'glyphs_' without holding 'mu_', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-18]]:23: note: 'glyphs_' is accessed here while holding 'mu_'

private:
  std::mutex mu_;
  std::map<int, int> glyphs_;
};

//===----------------------------------------------------------------------===//
// On the line before, and around a block
//===----------------------------------------------------------------------===//

std::vector<std::string> crashReports;
std::mutex crashReportsMu;

void recordCrash(const std::string &report) {
  std::lock_guard<std::mutex> lock(crashReportsMu);
  crashReports.push_back(report);
}

void recordCrashFromSignalHandler(const std::string &report) {
  // NOLINTNEXTLINE(iterguard-unsynchronized-container-write)
  crashReports.push_back(report);
}

void recordCrashNextLineGlob(const std::string &report) {
  // NOLINTNEXTLINE(iterguard-*)
  crashReports.push_back(report);
}

// The next-line form covers one line only.
void recordTwoCrashes(const std::string &report) {
  // NOLINTNEXTLINE(iterguard-unsynchronized-container-write)
  crashReports.push_back(report);
  crashReports.push_back(report);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'push_back' modifies 'crashReports' without holding 'crashReportsMu', which guards it elsewhere [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-19]]:16: note: 'crashReports' is accessed here while holding 'crashReportsMu'
}

// NOLINTBEGIN(iterguard-unsynchronized-container-write)
void resetCrashReports() { crashReports.clear(); }
void dropOldestCrash() { crashReports.erase(crashReports.begin()); }
// NOLINTEND(iterguard-unsynchronized-container-write)

// NOLINTBEGIN(iterguard-*)
void compactCrashReports() { crashReports.shrink_to_fit(); }
// NOLINTEND(iterguard-*)

// After the end of the block the check reports again.
void truncateCrashReports() { crashReports.resize(10); }
// CHECK-MESSAGES: :[[@LINE-1]]:44: warning: 'resize' modifies 'crashReports' without holding 'crashReportsMu', which guards it elsewhere [iterguard-unsynchronized-container-write]
// CHECK-MESSAGES: :[[@LINE-34]]:16: note: 'crashReports' is accessed here while holding 'crashReportsMu'

//===----------------------------------------------------------------------===//
// On the line of a note, and on one side of a race
//===----------------------------------------------------------------------===//

std::map<std::string, int> counters;

// Suppressing the read drops the note at the read, not the warning.
void printCounters() {
  for (const auto &[name, value] : counters) // NOLINT(iterguard-unsynchronized-container-write)
    (void)value;
}

void bumpWhilePrinting() {
  std::thread printer(printCounters);
  counters["requests"]++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'operator[]' modifies 'counters', which another thread may access at the same time [iterguard-unsynchronized-container-write]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'printCounters' runs on a thread started here
  printer.join();
}

// Each write of a write-write race is a warning of its own; suppressing one
// leaves the other, without the notes on the suppressed line.
std::vector<int> latencies;

void bumpBothSides() {
  std::thread recorder([] { latencies.push_back(5); }); // NOLINT(iterguard-unsynchronized-container-write)
  latencies.push_back(7);
  //
  recorder.join();
}
