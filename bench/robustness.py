#!/usr/bin/env python3
"""Runs iterguard over Clang's own C++ tests and the benchmark projects, and
reports every run that crashed, hung or broke the error contract.

    bench/robustness.py [--work DIR] [--iterguard BIN] [--budget MINUTES]

The corpus:
  - every C++ file of clang/test/SemaCXX, clang/test/SemaTemplate and
    clang/test/Analysis of the Debian source package llvm-toolchain-19,
    fetched with a private apt configuration under the work directory (only a
    deb-src entry; /etc/apt is neither read for sources nor written) and
    extracted from the upstream tarball, those three directories only;
  - every translation unit of the benchmark's compilation databases
    (<bench work dir>/db/<project>/compile_commands.json, written by
    bench/prepare.sh), when they exist.

A Clang test is run as `iterguard --quiet -j1 FILE -- -x c++ -std=... ...`:
the -std, -D/-U, include directories and a few language switches of its first
RUN line are kept, the rest (-verify, -triple, cc1-only options) is dropped.
Many of these files are invalid on purpose, so a parse failure is expected.

Each run is classified:
  ok              exit 0 or 1, at most one line on stderr
  parse failure   exit 3 with exactly one line on stderr (the contract)
  failure         anything else: a signal, exit 2, a timeout, more than one
                  stderr line, or an "internal error" line (a crash that
                  CrashRecoveryContext caught)

Results are saved per file as they come in, so the run can be split into
chunks (--budget) and resumed; --rerun-failures runs only the failures again
(after a fix), --restart forgets every result. --tag keeps the results of
another binary apart, e.g. a sanitized one:

    bench/robustness.py --iterguard build-asan/bin/iterguard --tag asan

(a sanitizer report exits with 86 unless ASAN_OPTIONS/UBSAN_OPTIONS say
otherwise). The summary and the list of
failures are printed at the end of every invocation. Exit status: 0 when no
failure is recorded, 1 otherwise, 2 on a setup error.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time

SOURCE_PACKAGE = "llvm-toolchain-19"
SUITE = "bookworm"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
TEST_DIRS = ["clang/test/SemaCXX", "clang/test/SemaTemplate",
             "clang/test/Analysis"]
CXX_SUFFIXES = (".cpp", ".cc", ".cxx")
BENCH_PROJECTS = ["ninja-build", "leveldb", "re2", "cppcheck", "rocksdb"]

# Driver switches of a RUN line worth keeping: they change what parses.
KEPT_FLAGS = {
    "-fms-extensions", "-fms-compatibility", "-fblocks", "-fno-rtti",
    "-fno-exceptions", "-fdelayed-template-parsing", "-fchar8_t",
    "-fno-char8_t", "-fsized-deallocation", "-fcoroutines",
    "-fno-signed-char", "-fborland-extensions", "-fgnu-keywords",
    "-fno-gnu-keywords", "-fdeclspec", "-fno-operator-names",
    "-fno-access-control", "-fexperimental-new-constant-interpreter",
    "-fcxx-exceptions", "-fexceptions",
}
RUN_LINE = re.compile(r"^\s*//\s*RUN:\s?(.*)$")


def fail(message):
    print("robustness: error: " + message, file=sys.stderr)
    sys.exit(2)


# --- Fetching the Clang tests ----------------------------------------------

def apt_options(apt_dir):
    return [
        "-o", "Dir::Etc::SourceParts=" + os.path.join(apt_dir,
                                                      "sources.list.d"),
        "-o", "Dir::Etc::SourceList=/dev/null",
        "-o", "Dir::State::Lists=" + os.path.join(apt_dir, "lists"),
        "-o", "Dir::Cache=" + os.path.join(apt_dir, "cache"),
        # The work directory is usually below a home directory that _apt
        # cannot enter; download as the invoking user instead.
        "-o", "APT::Sandbox::User=" + os.environ.get("USER", "root"),
    ]


def fetch_clang_tests(work):
    """Returns the directory that holds clang/test/..., fetching and
    extracting it first when needed."""
    tests_root = os.path.join(work, "clang-tests")
    stamp = os.path.join(tests_root, ".extracted")
    if os.path.exists(stamp):
        with open(stamp) as f:
            return f.read().strip()
    apt_dir = os.path.join(work, "apt")
    for sub in ["sources.list.d", "lists/partial", "cache/archives/partial"]:
        os.makedirs(os.path.join(apt_dir, sub), exist_ok=True)
    with open(os.path.join(apt_dir, "sources.list.d",
                           "iterguard-robustness.sources"), "w") as f:
        f.write("Types: deb-src\nURIs: http://deb.debian.org/debian\n"
                "Suites: %s\nComponents: main\nSigned-By: %s\n"
                % (SUITE, KEYRING))
    options = apt_options(apt_dir)
    downloads = os.path.join(work, "src")
    os.makedirs(downloads, exist_ok=True)
    log = os.path.join(work, "fetch.log")

    def orig_tarballs():
        return sorted(name for name in os.listdir(downloads)
                      if name.startswith(SOURCE_PACKAGE + "_")
                      and ".orig.tar." in name)

    with open(log, "a") as out:
        if not orig_tarballs():
            print("robustness: apt-get source --download-only %s (deb-src %s)"
                  % (SOURCE_PACKAGE, SUITE), file=sys.stderr)
            for command in (["apt-get"] + options + ["update"],
                            ["apt-get"] + options +
                            ["source", "--download-only", SOURCE_PACKAGE]):
                if subprocess.call(command, cwd=downloads, stdout=out,
                                   stderr=out) != 0:
                    fail("'%s' failed; see %s" % (" ".join(command), log))
        tarballs = orig_tarballs()
        if not tarballs:
            fail("no upstream tarball of %s in %s" % (SOURCE_PACKAGE,
                                                      downloads))
        tarball = os.path.join(downloads, tarballs[-1])
        # The upstream tarball holds all of LLVM; take the three directories.
        print("robustness: extracting %s from %s" % (", ".join(TEST_DIRS),
                                                      tarball),
              file=sys.stderr)
        os.makedirs(tests_root, exist_ok=True)
        command = ["tar", "-xf", tarball, "-C", tests_root, "--wildcards"]
        command += ["*/" + d + "/*" for d in TEST_DIRS]
        if subprocess.call(command, stdout=out, stderr=out) != 0:
            fail("'%s' failed; see %s" % (" ".join(command), log))
    tops = [d for d in os.listdir(tests_root)
            if os.path.isdir(os.path.join(tests_root, d, "clang", "test"))]
    if len(tops) != 1:
        fail("cannot find clang/test under " + tests_root)
    root = os.path.join(tests_root, tops[0])
    with open(stamp, "w") as f:
        f.write(root + "\n")
    return root


# --- Building the corpus ----------------------------------------------------

def first_run_line(path):
    """The first RUN line that compiles the file, continuations joined."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return ""
    command = ""
    for line in lines:
        match = RUN_LINE.match(line)
        if not match:
            command = ""
            continue
        text = match.group(1).rstrip()
        if text.endswith("\\"):
            command += " " + text[:-1]
            continue
        command += " " + text
        if "%clang" in command:
            return command
        command = ""
    return ""


def clang_test_args(path):
    """Driver arguments for one Clang test, from its first RUN line."""
    directory = os.path.dirname(path)
    try:
        tokens = shlex.split(first_run_line(path).split("|")[0])
    except ValueError:
        tokens = []
    args = ["-x", "c++", "-fsyntax-only"]
    std = None
    i = 0
    while i < len(tokens):
        token = tokens[i].replace("%S", directory).replace("%s", path)
        value = tokens[i + 1] if i + 1 < len(tokens) else None
        if value is not None:
            value = value.replace("%S", directory)
        if token.startswith("-std=") and "++" in token and "%" not in token:
            std = std or token
        elif token in ("-D", "-U", "-I", "-isystem") and value:
            args += [token, value]
            i += 1
        elif token[:2] in ("-D", "-U", "-I") and len(token) > 2:
            args.append(token)
        elif token in KEPT_FLAGS:
            args.append(token)
        i += 1
    args.append(std or "-std=c++20")
    if os.path.isdir(os.path.join(directory, "Inputs")):
        args += ["-I", os.path.join(directory, "Inputs")]
    return args


def clang_test_corpus(root):
    items = []
    for test_dir in TEST_DIRS:
        for base, dirs, files in os.walk(os.path.join(root, test_dir)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(CXX_SUFFIXES):
                    path = os.path.join(base, name)
                    key = os.path.relpath(path, root)
                    items.append((key, [path, "--"] + clang_test_args(path)))
    return items


def bench_corpus(bench_work):
    items = []
    for project in BENCH_PROJECTS:
        db_dir = os.path.join(bench_work, "db", project)
        db = os.path.join(db_dir, "compile_commands.json")
        if not os.path.exists(db):
            continue
        with open(db) as f:
            entries = json.load(f)
        for entry in entries:
            source = os.path.join(entry["directory"], entry["file"])
            key = "bench/%s/%s" % (project, os.path.relpath(
                source, os.path.commonpath([source, entry["directory"]])))
            items.append((key, ["-p", db_dir, source]))
    return items


# --- Running ----------------------------------------------------------------

def classify(status, stderr, timed_out):
    lines = [l for l in stderr.splitlines() if l.strip()]
    if timed_out:
        return "failure", "timeout"
    if status < 0:
        return "failure", "signal %s" % signal.Signals(-status).name
    if any("internal error" in l for l in lines):
        return "failure", "internal error"
    if status in (0, 1):
        if len(lines) > 1:
            return "failure", "exit %d with %d stderr lines" % (status,
                                                                len(lines))
        return "ok", ""
    if status == 3:
        if len(lines) != 1:
            return "failure", "exit 3 with %d stderr lines" % len(lines)
        return "parse failure", ""
    return "failure", "exit %d" % status


def run_one(iterguard, key, args, timeout):
    command = [iterguard, "--quiet", "-j1"] + args
    start = time.monotonic()
    # A sanitized build reports with an exit status of its own, not 1.
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=0:exitcode=86")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:exitcode=86")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=env,
                               start_new_session=True)
    timed_out = False
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(process.pid, signal.SIGKILL)
        _, err = process.communicate()
    seconds = time.monotonic() - start
    stderr = err.decode("utf-8", errors="replace")
    kind, reason = classify(process.returncode, stderr, timed_out)
    return {"key": key, "command": command, "status": process.returncode,
            "seconds": round(seconds, 3), "kind": kind, "reason": reason,
            "stderr": stderr[-2000:]}


def load_results(path):
    results = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.strip():
                    record = json.loads(line)
                    results[record["key"]] = record
    return results


def report(corpus, results):
    keys = [key for key, _ in corpus]
    done = [results[k] for k in keys if k in results]
    counts = {}
    for record in done:
        counts[record["kind"]] = counts.get(record["kind"], 0) + 1
    seconds = sum(r["seconds"] for r in done)
    groups = {}
    for record in done:
        group = "bench" if record["key"].startswith("bench/") else \
            "/".join(record["key"].split("/")[:3])
        row = groups.setdefault(group, {"files": 0, "ok": 0,
                                        "parse failure": 0, "failure": 0,
                                        "seconds": 0.0})
        row["files"] += 1
        row[record["kind"]] += 1
        row["seconds"] += record["seconds"]
    print("%-28s %6s %6s %8s %8s %9s" % ("corpus", "files", "ok", "unparsed",
                                        "failures", "time (s)"))
    for group in sorted(groups):
        row = groups[group]
        print("%-28s %6d %6d %8d %8d %9.0f" % (
            group, row["files"], row["ok"], row["parse failure"],
            row["failure"], row["seconds"]))
    print("%-28s %6d %6d %8d %8d %9.0f" % (
        "total", len(done), counts.get("ok", 0),
        counts.get("parse failure", 0), counts.get("failure", 0), seconds))
    if len(done) < len(keys):
        print("%d of %d files not run yet" % (len(keys) - len(done),
                                              len(keys)))
    failures = [r for r in done if r["kind"] == "failure"]
    for record in failures:
        print("FAILURE %s: %s" % (record["key"], record["reason"]))
        print("  " + " ".join(shlex.quote(a) for a in record["command"]))
        for line in record["stderr"].splitlines()[:5]:
            print("  | " + line)
    return 1 if failures else 0


def main():
    home = os.path.expanduser("~")
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--work", default=os.path.join(
        home, ".cache", "iterguard-robustness"),
        help="work directory (default: ~/.cache/iterguard-robustness)")
    parser.add_argument("--bench-work", default=os.environ.get(
        "ITERGUARD_BENCH_DIR", os.path.join(home, ".cache", "iterguard-bench")),
        help="the benchmark's work directory, for its databases (default: "
             "$ITERGUARD_BENCH_DIR, else ~/.cache/iterguard-bench)")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--iterguard", default=os.path.join(
        here, "..", "build", "bin", "iterguard"))
    parser.add_argument("--timeout", type=float, default=30,
                        help="seconds allowed per file (default: 30)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="files run at a time (default: 2)")
    parser.add_argument("--budget", type=float, default=0,
                        help="stop starting new files after this many "
                             "minutes; run again to continue (default: none)")
    parser.add_argument("--rerun-failures", action="store_true",
                        help="run the recorded failures again")
    parser.add_argument("--restart", action="store_true",
                        help="forget all recorded results first")
    parser.add_argument("--report-only", action="store_true",
                        help="print the summary without running anything")
    parser.add_argument("--tag", default="",
                        help="keep the results apart from other binaries' "
                             "(e.g. asan for a sanitized build)")
    parser.add_argument("--filter", default="",
                        help="only files whose key contains this text")
    args = parser.parse_args()

    iterguard = os.path.abspath(args.iterguard)
    if not os.access(iterguard, os.X_OK):
        fail("iterguard binary '%s' not found; build it first" % iterguard)
    os.makedirs(args.work, exist_ok=True)
    root = fetch_clang_tests(args.work)
    corpus = clang_test_corpus(root) + bench_corpus(args.bench_work)
    results_path = os.path.join(args.work, "results%s.jsonl" % (
        "-" + args.tag if args.tag else ""))
    if args.restart and os.path.exists(results_path):
        os.remove(results_path)
    results = load_results(results_path)
    if args.report_only:
        return report(corpus, results)

    todo = [(k, a) for k, a in corpus if args.filter in k and
            (k not in results or
             (args.rerun_failures and results[k]["kind"] == "failure"))]
    print("robustness: %d files to run, %d already recorded" %
          (len(todo), len(results)), file=sys.stderr)
    deadline = time.monotonic() + args.budget * 60 if args.budget else None
    with open(results_path, "a") as out, \
            concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        pending = set()
        items = iter(todo)
        finished = 0
        while True:
            while len(pending) < args.jobs and \
                    (deadline is None or time.monotonic() < deadline):
                item = next(items, None)
                if item is None:
                    break
                pending.add(pool.submit(run_one, iterguard, item[0], item[1],
                                        args.timeout))
            if not pending:
                break
            done, pending = concurrent.futures.wait(
                pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                record = future.result()
                results[record["key"]] = record
                out.write(json.dumps(record) + "\n")
                out.flush()
                finished += 1
                if record["kind"] == "failure":
                    print("robustness: FAILURE %s: %s" % (record["key"],
                                                         record["reason"]),
                          file=sys.stderr)
                if finished % 200 == 0:
                    print("robustness: %d/%d" % (finished, len(todo)),
                          file=sys.stderr)
    return report(corpus, results)


if __name__ == "__main__":
    sys.exit(main())
