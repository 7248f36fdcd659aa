#!/usr/bin/env python3
"""Measures iterguard against the parse floor and other analyzers.

Reads the compilation databases that bench/prepare.sh wrote under the work
directory (db/<project>/compile_commands.json), runs every tool on the same
translation units of every project, one tool after the other, and writes a
Markdown report (docs/performance.md by default) plus the raw numbers and
each tool's output under <work>/results/.

Time is wall-clock time summed over a tool's processes; memory is the largest
maximum resident set size of any one of them (os.wait4's rusage), so a tool
that runs one process per translation unit and a tool that runs one process
for the whole project are compared on the same terms: the most memory the
machine needed at any moment.

Two tools measure the compiler plugin's overhead instead: `compile` (each
translation unit's real compile command, -c and all) and `plugin` (the same
with -fplugin=iterguard-plugin.so). They run together, alternating per
translation unit (compile, plugin, compile, plugin, ...) --repeat times; each
translation unit counts with the median of its runs.

bench/README.md describes the tools, the commands and how to read the table.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PROJECTS = ["ninja-build", "leveldb", "re2", "cppcheck", "rocksdb"]
TOOLS = ["floor", "iterguard-j1", "iterguard-j2", "iterguard-per-tu", "tidy", "csa",
         "cppcheck", "compile", "plugin"]
# Measured together, alternating per translation unit, and compared with each
# other rather than with the floor (the "Compiler plugin overhead" section).
PAIRED = ("compile", "plugin")
# Issue #8: the plugin may add at most this much to the compile time.
PLUGIN_OVERHEAD_TARGET = 0.05
TOOL_TITLES = {
    "floor": "clang++ -fsyntax-only",
    "iterguard-j1": "iterguard -j1",
    "iterguard-j2": "iterguard -j2",
    "iterguard-per-tu": "iterguard, one process per TU",
    "tidy": "clang-tidy module",
    "csa": "Clang Static Analyzer",
    "cppcheck": "cppcheck",
    "compile": "clang++ -c (the real compile)",
    "plugin": "clang++ -c with the iterguard plugin",
}
CSA_CHECKERS = ("alpha.cplusplus.InvalidatedIterator,"
                "alpha.cplusplus.IteratorRange,"
                "alpha.cplusplus.MismatchedIterator")
# Options that name an output of the compile; a syntax-only run drops them.
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ", "-MJ"}
DROP_ALONE = {"-c", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG"}

# -fdiagnostics-color (ninja-build's flags) colors the compiler's diagnostics
# even into a file; the escapes are removed before lines are matched.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
WARNING_LINE = re.compile(r"^(.+?):(\d+):(\d+): (?:warning|error): (.*)$")
CPPCHECK_LINE = re.compile(
    r"^(.+?):(\d+):(\d+): (error|warning|style|performance|portability|"
    r"information): (.*) \[(\w+)\]$")


def fail(message):
    print("bench: error: " + message, file=sys.stderr)
    sys.exit(1)


class Run:
    """One process: its wall time, peak memory and exit status."""

    def __init__(self, seconds, cpu_seconds, max_rss_kb, status, timed_out, stdout,
                 stderr):
        self.seconds = seconds
        self.cpu_seconds = cpu_seconds
        self.max_rss_kb = max_rss_kb
        self.status = status
        self.timed_out = timed_out
        self.stdout = stdout
        self.stderr = stderr


def run_process(argv, cwd, timeout):
    """Runs argv; returns a Run with its own rusage, not its siblings'."""
    out_path = "/tmp/iterguard-bench-%d.out" % os.getpid()
    err_path = "/tmp/iterguard-bench-%d.err" % os.getpid()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err,
                                   stdin=subprocess.DEVNULL,
                                   start_new_session=True)
        # A timer kills a process that runs too long; waiting blocks, so the
        # time measured is the process's own.
        timed_out = []

        def kill():
            timed_out.append(True)
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        seconds = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    with open(out_path, "rb") as out, open(err_path, "rb") as err:
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    os.unlink(out_path)
    os.unlink(err_path)
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode, bool(timed_out), stdout,
               stderr)


def syntax_args(entry):
    """The compile command of a database entry, minus compiler and outputs."""
    argv = entry.get("arguments") or shlex.split(entry["command"])
    kept, skip = [], False
    for arg in argv[1:]:
        if skip:
            skip = False
        elif arg in DROP_WITH_VALUE:
            skip = True
        elif arg in DROP_ALONE or arg.startswith(("-MF", "-MT", "-MQ", "-o")):
            pass
        else:
            kept.append(arg)
    return kept


def compile_args(entry, obj, dep):
    """The real compile command of a database entry, minus the compiler.

    Keeps every option (-c, the -O level, -g, warnings, ...); only the files
    the compile writes move: the object file to obj, a dependency file to dep
    (a -MJ database fragment is not written). After a plain -Werror comes
    -Wno-error, so that a plugin finding, which no warning option can name,
    stays a warning and the compile still generates its object file.
    """
    argv = entry.get("arguments") or shlex.split(entry["command"])
    kept, i, has_output = [], 1, False
    while i < len(argv):
        arg = argv[i]
        if arg in ("-o", "-MF", "-MJ"):
            i += 1  # its value
        if arg == "-o" or (arg.startswith("-o") and not arg.startswith("-obj")):
            kept += ["-o", obj]
            has_output = True
        elif arg == "-MF" or arg.startswith("-MF"):
            kept += ["-MF", dep]
        elif arg == "-MJ" or arg.startswith("-MJ"):
            pass
        else:
            kept.append(arg)
        i += 1
    if "-c" not in kept:
        kept.append("-c")
    if not has_output:
        kept += ["-o", obj]
    if "-Werror" in kept:
        kept.append("-Wno-error")
    return kept


# A use of an invalidated iterator: the plugin must report it, or it did not
# run (a library that is not a plugin loads without an error).
PLUGIN_PROBE = """#include <vector>
int probe() {
  std::vector<int> v{1};
  auto it = v.begin();
  v.push_back(2);
  return *it;
}
"""
PLUGIN_PROBE_TAG = "[iterguard-invalidated-iterator]"


class Project:
    def __init__(self, name, work):
        self.name = name
        self.db_dir = os.path.join(work, "db", name)
        path = os.path.join(self.db_dir, "compile_commands.json")
        if not os.path.isfile(path):
            fail("no database for %s at %s; run bench/run.sh first" % (name, path))
        with open(path) as db:
            self.entries = json.load(db)
        self.files = [e["file"] for e in self.entries]


class Result:
    """A tool on a project: totals over its processes, and its findings."""

    def __init__(self):
        self.seconds = 0.0
        self.cpu_seconds = 0.0
        self.max_rss_kb = 0
        self.processes = 0
        self.failures = []  # (file or "-", reason)
        self.timeouts = 0
        self.findings = set()

    def add(self, run, label, ok_statuses):
        self.seconds += run.seconds
        self.cpu_seconds += run.cpu_seconds
        self.max_rss_kb = max(self.max_rss_kb, run.max_rss_kb)
        self.processes += 1
        if run.timed_out:
            self.timeouts += 1
            self.failures.append((label, "timed out"))
        elif run.status not in ok_statuses:
            lines = run.stderr.strip().splitlines()
            first = next((l for l in lines if "error" in l), lines[-1] if lines else "")
            self.failures.append((label, "exit %d: %s" % (run.status, first[:200])))

    def to_json(self):
        return {
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "max_rss_kb": self.max_rss_kb,
            "processes": self.processes,
            "timeouts": self.timeouts,
            "failures": self.failures,
            "findings": len(self.findings),
        }


class RepeatedResult(Result):
    """A per-TU tool run several times per TU: each TU counts with its medians.

    Time is the sum of the TUs' median times, memory the largest of their
    median peaks; every sample is kept, per TU, in the JSON.
    """

    def __init__(self, repeat):
        super().__init__()
        self.repeat = repeat
        self.samples = {}  # file -> [Run]
        self.order = []

    def add_sample(self, run, label, ok_statuses):
        if label not in self.samples:
            self.samples[label] = []
            self.order.append(label)
        self.samples[label].append(run)
        self.processes += 1
        if run.timed_out:
            self.timeouts += 1

    def finish(self, ok_statuses):
        """Takes the medians and records one failure per failing TU."""
        for label in self.order:
            runs = self.samples[label]
            self.seconds += statistics.median(r.seconds for r in runs)
            self.cpu_seconds += statistics.median(r.cpu_seconds for r in runs)
            self.max_rss_kb = max(self.max_rss_kb,
                                  int(statistics.median(r.max_rss_kb for r in runs)))
            bad = [r for r in runs if r.timed_out or r.status not in ok_statuses]
            if bad:
                probe = Result()
                probe.add(bad[0], label, ok_statuses)
                reason = probe.failures[0][1]
                if len(runs) > 1:
                    reason += " (%d of %d runs)" % (len(bad), len(runs))
                self.failures.append((label, reason))

    def to_json(self):
        data = super().to_json()
        data["repeat"] = self.repeat
        data["per_tu"] = [
            {"file": label,
             "seconds": [round(r.seconds, 3) for r in self.samples[label]],
             "cpu_seconds": [round(r.cpu_seconds, 3) for r in self.samples[label]],
             "max_rss_kb": [r.max_rss_kb for r in self.samples[label]]}
            for label in self.order]
        return data


def warnings_tagged(text, tag_prefix):
    """Unique (file, line, column, message) of warnings whose [tag] starts so."""
    found = set()
    for line in ANSI_ESCAPE.sub("", text).splitlines():
        m = WARNING_LINE.match(line)
        if m and re.search(r"\[" + re.escape(tag_prefix) + r"[^\]]*\]$", line):
            found.add((os.path.realpath(m.group(1)), int(m.group(2)),
                       int(m.group(3)), m.group(4)))
    return found


class Bench:
    def __init__(self, args):
        self.args = args
        self.results_dir = os.path.join(args.work_dir, "results")
        os.makedirs(self.results_dir, exist_ok=True)

    def log(self, message):
        if not self.args.quiet:
            print(message, file=sys.stderr, flush=True)

    def log_result(self, tool, result):
        what = (" (sum of per-TU medians of %d runs)" % result.repeat
                if isinstance(result, RepeatedResult) else "")
        self.log("bench:   %s: %.1f s, %.1f CPU s%s, %s MiB, %d findings%s" % (
            tool, result.seconds, result.cpu_seconds, what, fmt_mb(result.max_rss_kb),
            len(result.findings),
            ", %d failed" % len(result.failures) if result.failures else ""))

    # Each tool: returns a Result for the project.

    def per_tu(self, project, make_argv, ok_statuses, tag):
        result = Result()
        outputs = []
        for entry in project.entries:
            argv = make_argv(entry)
            run = run_process(argv, entry["directory"], self.args.timeout)
            result.add(run, entry["file"], ok_statuses)
            if tag:
                result.findings |= warnings_tagged(run.stdout + run.stderr, tag)
            outputs.append("$ %s\n%s%s" % (shlex.join(argv), run.stdout, run.stderr))
        return result, "\n".join(outputs)

    def floor(self, project):
        return self.per_tu(
            project,
            lambda e: [self.args.clangxx, "-fsyntax-only"] + syntax_args(e),
            {0}, None)

    def csa(self, project):
        return self.per_tu(
            project,
            lambda e: [self.args.clangxx, "--analyze",
                       "-Xclang", "-analyzer-config", "-Xclang",
                       "aggressive-binary-operation-simplification=true",
                       "-Xclang", "-analyzer-checker=" + CSA_CHECKERS,
                       "-o", "/dev/null"] + syntax_args(e),
            {0}, "alpha.cplusplus.")

    def iterguard_per_tu(self, project):
        return self.per_tu(
            project,
            lambda e: [self.args.iterguard, "-p", project.db_dir, "-j1", "--quiet",
                       e["file"]],
            {0, 1}, "iterguard-")

    def tidy(self, project):
        return self.per_tu(
            project,
            lambda e: [self.args.clang_tidy, "--load=" + self.args.tidy_module,
                       "--checks=-*,iterguard-*", "--header-filter=.*",
                       # A project's .clang-tidy may turn warnings into
                       # errors (cppcheck's does), and exit 1 with them.
                       "--warnings-as-errors=-*", "--quiet",
                       "-p", project.db_dir, e["file"]],
            {0}, "iterguard-")

    def iterguard(self, project, jobs):
        result = Result()
        argv = [self.args.iterguard, "-p", project.db_dir, "-j%d" % jobs,
                "--quiet", "--format=json"]
        run = run_process(argv, project.db_dir, self.args.timeout * len(project.files))
        result.add(run, "-", {0, 1})
        try:
            report = json.loads(run.stdout)
            for f in report["findings"]:
                result.findings.add((os.path.realpath(f["file"]), f["line"], f["column"],
                                     f["message"]))
        except (ValueError, KeyError):
            result.failures.append(("-", "no JSON report"))
        return result, run.stdout + run.stderr

    def cppcheck(self, project):
        result = Result()
        argv = [self.args.cppcheck,
                "--project=" + os.path.join(project.db_dir, "compile_commands.json"),
                "-j1", "--quiet"]
        run = run_process(argv, project.db_dir, self.args.timeout * len(project.files))
        result.add(run, "-", {0})
        for line in run.stderr.splitlines():
            m = CPPCHECK_LINE.match(line)
            if m:
                result.findings.add((os.path.realpath(m.group(1)), int(m.group(2)),
                                     int(m.group(3)), m.group(6)))
        return result, run.stdout + run.stderr

    def plugin_flags(self):
        return ["-fplugin=" + self.args.plugin]

    def check_plugin(self):
        """Fails the measurement unless the plugin loads and reports a finding."""
        tmp = tempfile.mkdtemp(prefix="iterguard-bench-probe-")
        try:
            source = os.path.join(tmp, "probe.cpp")
            with open(source, "w") as f:
                f.write(PLUGIN_PROBE)
            argv = ([self.args.clangxx] + self.plugin_flags() +
                    ["-std=c++17", "-c", source, "-o", os.path.join(tmp, "probe.o")])
            run = run_process(argv, tmp, self.args.timeout)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        text = ANSI_ESCAPE.sub("", run.stderr).strip()
        if run.status != 0 or PLUGIN_PROBE_TAG not in text:
            first = text.splitlines()[0] if text else "no finding reported"
            fail("the plugin did not run: `%s` on a known finding gave exit %d: %s" %
                 (shlex.join(argv), run.status, first[:300]))

    def compile_and_plugin(self, project):
        """The real compile of each TU without and with the plugin, alternating.

        For each TU: compile, plugin, compile, plugin, ... (--repeat runs
        each), so that both see the same state of the machine and of the
        page cache. Returns {tool: (RepeatedResult, output)}.
        """
        results = {t: RepeatedResult(self.args.repeat) for t in PAIRED}
        outputs = {t: [] for t in PAIRED}
        tmp = tempfile.mkdtemp(prefix="iterguard-bench-compile-")
        obj, dep = os.path.join(tmp, "tu.o"), os.path.join(tmp, "tu.d")
        try:
            for entry in project.entries:
                args = compile_args(entry, obj, dep)
                argvs = {"compile": [self.args.clangxx] + args,
                         "plugin": [self.args.clangxx] + self.plugin_flags() + args}
                for rep in range(self.args.repeat):
                    for tool in PAIRED:
                        for path in (obj, dep):
                            if os.path.exists(path):
                                os.unlink(path)
                        run = run_process(argvs[tool], entry["directory"],
                                          self.args.timeout)
                        text = run.stdout + run.stderr
                        if tool == "plugin" and "unable to load plugin" in text:
                            line = next(l for l in ANSI_ESCAPE.sub("", text).splitlines()
                                        if "unable to load plugin" in l)
                            fail("the plugin failed to load compiling %s: %s" %
                                 (entry["file"], line.strip()[:300]))
                        results[tool].add_sample(run, entry["file"], {0})
                        if tool == "plugin":
                            results[tool].findings |= warnings_tagged(text, "iterguard-")
                        if rep == 0:
                            outputs[tool].append("$ %s\n%s" % (shlex.join(argvs[tool]), text))
                        elif run.status != results[tool].samples[entry["file"]][0].status:
                            outputs[tool].append("# run %d of the above: exit %d\n%s" %
                                                 (rep + 1, run.status, text))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for tool in PAIRED:
            results[tool].finish({0})
        return {t: (results[t], "\n".join(outputs[t])) for t in PAIRED}

    def measure_cells(self, project, tools, skip):
        """Yields (tool, Result, output) for each tool of tools on project."""
        paired_done = False
        for tool in tools:
            if (tool, project.name) in skip:
                continue
            if tool in PAIRED:
                if paired_done:
                    continue
                paired_done = True
                self.log("bench: %s: %s, alternating, %d runs each (%d TUs)" % (
                    project.name, " and ".join(TOOL_TITLES[t] for t in PAIRED),
                    self.args.repeat, len(project.files)))
                measured = self.compile_and_plugin(project)
                for t in PAIRED:
                    yield (t,) + measured[t]
                continue
            self.log("bench: %s: %s (%d TUs)" % (project.name, TOOL_TITLES[tool],
                                                  len(project.files)))
            yield (tool,) + self.measure(project, tool)

    def measure(self, project, tool):
        if tool == "floor":
            return self.floor(project)
        if tool == "iterguard-j1":
            return self.iterguard(project, 1)
        if tool == "iterguard-j2":
            return self.iterguard(project, 2)
        if tool == "iterguard-per-tu":
            return self.iterguard_per_tu(project)
        if tool == "tidy":
            return self.tidy(project)
        if tool == "csa":
            return self.csa(project)
        return self.cppcheck(project)


# --- Report ------------------------------------------------------------------

def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    return {"nproc": os.cpu_count(), "cpu": model,
            "ram_gib": round(mem_kb / 1024 / 1024, 1),
            "kernel": platform.release()}


def load_average():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def tool_version(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        text = (out.stdout or out.stderr).strip().splitlines()
        return next((l.strip() for l in text if re.search(r"\d+\.\d+", l)), "?")
    except OSError:
        return "?"


def git_state(repo):
    """The commit the iterguard sources are at, and whether they differ from it."""
    try:
        head = subprocess.run(["git", "-C", repo, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", repo, "status", "--porcelain", "--",
                                "lib", "tools", "checks"],
                               capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return "?"
    if not head:
        return "?"
    return "commit %s%s" % (head, ", with uncommitted changes in lib/, tools/ or checks/"
                            if dirty else "")


def ratio(value, base):
    return "%.2f×" % (value / base) if base else "n/a"


def fmt_mb(kb):
    return "%.0f" % (kb / 1024)


def render(data, args):
    all_tools = data["tools"]
    # The compile and plugin rows are compared with each other, in their own
    # section, not with the floor.
    tools = [t for t in all_tools if t not in PAIRED]
    projects = data["projects"]
    lines = []
    add = lines.append
    add("# Performance")
    add("")
    add("Generated by `bench/run.sh` (`bench/measure.py`); rerun it to refresh this")
    add("page. [bench/README.md](../bench/README.md) says what is fetched, how the")
    add("projects are configured and how to read the numbers; the findings of")
    add("iterguard on these projects are triaged in [bench/triage.md](../bench/triage.md).")
    add("")
    add("## Run")
    add("")
    m = data["machine"]
    add("- date: %s" % data["date"])
    add("- machine: %d CPUs (`nproc`), %s, %.1f GiB RAM, Linux %s" %
        (m["nproc"], m["cpu"], m["ram_gib"], m["kernel"]))
    add("- load average (1, 5, 15 min) before: %s; after: %s" %
        (", ".join("%.2f" % x for x in data["load_before"]),
         ", ".join("%.2f" % x for x in data["load_after"])))
    for name, version in data["versions"].items():
        add("- %s: %s" % (name, version))
    add("- projects (Debian bookworm source packages): %s" %
        ", ".join("%s %s" % (p["name"], p["source"]) for p in projects))
    add("")
    add("## Commands")
    add("")
    add("Each project's translation units are the C++ entries of")
    add("`<work>/db/<project>/compile_commands.json`; every tool gets exactly those.")
    add("`<flags>` is an entry's compile command without the compiler, `-c`, `-o`")
    add("and dependency-file options; processes run one at a time, in the entry's")
    add("directory.")
    if any(t in PAIRED for t in all_tools):
        add("`<command>` is an entry's whole compile command without the compiler")
        add("(its `-c`, `-O` level and other options), its object file written to a")
        add("temporary directory and `-Wno-error` after a plain `-Werror`.")
    add("")
    add("| tool | command | processes |")
    add("|---|---|---|")
    repeats = sorted({p["results"][t].get("repeat", 1) for p in projects for t in PAIRED
                      if t in p["results"]})
    for tool in all_tools:
        processes = PROCESSES[tool]
        if tool in PAIRED:
            processes = processes % (" or ".join(str(n) for n in repeats) or "no")
        add("| %s | `%s` | %s |" % (TOOL_TITLES[tool], COMMANDS[tool].replace("|", "\\|"),
                                     processes))
    add("")
    add("Time is wall-clock seconds summed over the tool's processes; memory is")
    add("the largest maximum resident set size (MiB) of any one process. Ratios")
    add("are to the parse floor (`clang++ -fsyntax-only`) on the same units;")
    add("the `-j2` column is the speedup of `iterguard -j2` over `iterguard -j1`.")
    add("")

    # Totals: each tool is compared with the floor over the projects it ran on.
    rows = [(p["name"], p["tus"], p["results"]) for p in projects]
    totals = {}
    for t in tools:
        ran = [p for p in projects if t in p["results"]]
        if not ran:
            continue
        totals[t] = {
            "seconds": sum(p["results"][t]["seconds"] for p in ran),
            "cpu_seconds": sum(p["results"][t].get("cpu_seconds", 0) for p in ran),
            "max_rss_kb": max(p["results"][t]["max_rss_kb"] for p in ran),
            "findings": sum(p["results"][t]["findings"] for p in ran),
            "floor_seconds": sum(p["results"]["floor"]["seconds"] for p in ran),
            "floor_cpu_seconds": sum(p["results"]["floor"].get("cpu_seconds", 0)
                                     for p in ran),
            "floor_max_rss_kb": max(p["results"]["floor"]["max_rss_kb"] for p in ran),
            "j1_seconds": sum(p["results"]["iterguard-j1"]["seconds"] for p in ran
                              if "iterguard-j1" in p["results"]),
        }
    rows.append(("**total**", sum(p["tus"] for p in projects), totals))

    def base_of(res, t, key):
        r = res[t]
        return r["floor_" + key] if "floor_" + key in r else res["floor"][key]

    header = ["project", "TUs"] + [TOOL_TITLES[t] for t in tools]

    def table(key, fmt):
        add("| " + " | ".join(header) + " |")
        add("|" + "---|" * len(header))
        for name, tus, res in rows:
            cells = [name, str(tus)]
            for t in tools:
                if t not in res:
                    cells.append("not run")
                    continue
                v = res[t][key]
                if t == "floor":
                    cells.append(fmt(v))
                    continue
                text = "%s (%s" % (fmt(v), ratio(v, base_of(res, t, key)))
                if t == "iterguard-j2" and key == "seconds":
                    j1 = res[t].get("j1_seconds", res.get("iterguard-j1", {}).get("seconds", 0))
                    text += "; %s faster than -j1" % (ratio(j1, v) if v else "n/a")
                cells.append(text + ")")
            add("| " + " | ".join(cells) + " |")
        add("")

    add("## Targets (SPEC section 8)")
    add("")
    add("Over all projects; \"as run\" is one process per project, \"per TU\" one")
    add("process per translation unit, as the floor runs.")
    add("")
    add("| target | measured | verdict |")
    add("|---|---|---|")

    def verdict(ok):
        return "met" if ok else "**missed**"

    for tool, label in (("iterguard-j1", "as run (`-j1`)"),
                        ("iterguard-per-tu", "per TU")):
        if tool not in totals:
            continue
        for key, limit, what in (("seconds", 1.15, "wall time"),
                                 ("cpu_seconds", 1.15, "CPU time"),
                                 ("max_rss_kb", 1.2, "peak memory")):
            r = totals[tool][key] / totals[tool]["floor_" + key]
            add("| %s at most %.2f× the floor, %s | %.2f× | %s |" %
                (what, limit, label, r, verdict(r <= limit)))
    if "iterguard-j2" in totals and "iterguard-j1" in totals:
        speedup = totals["iterguard-j1"]["seconds"] / totals["iterguard-j2"]["seconds"]
        each = ["%s %.2f×" % (p["name"], p["results"]["iterguard-j1"]["seconds"] /
                              p["results"]["iterguard-j2"]["seconds"])
                for p in projects
                if "iterguard-j1" in p["results"] and "iterguard-j2" in p["results"]]
        add("| `-j2` at least 1.8× faster than `-j1` (wall time) | %.2f× (%s) | %s |" %
            (speedup, ", ".join(each), verdict(speedup >= 1.8)))
    add("")
    add("## Wall time (seconds, ratio to the parse floor)")
    add("")
    table("seconds", lambda v: "%.1f" % v)
    add("## CPU time (user + system seconds, ratio to the parse floor)")
    add("")
    add("Less sensitive than wall time to other work on the machine; for")
    add("`-j2`, the CPU time of both workers.")
    add("")
    table("cpu_seconds", lambda v: "%.1f" % v)
    add("## Peak memory (MiB, ratio to the parse floor)")
    add("")
    table("max_rss_kb", fmt_mb)
    add("## Findings")
    add("")
    add("Distinct warnings (file, line, column, message). iterguard and the")
    add("clang-tidy module run all three iterguard checks (clang-tidy with")
    add("`--header-filter=.*`); the Static Analyzer counts only its")
    add("`alpha.cplusplus.*` iterator checkers; cppcheck runs its default")
    add("checks (no `--enable`), so its counts are not about iterators.")
    add("")
    ftools = [t for t in tools if t != "floor"]
    add("| project | " + " | ".join(TOOL_TITLES[t] for t in ftools) + " |")
    add("|---|" + "---|" * len(ftools))
    for name, tus, res in rows:
        add("| %s | %s |" % (name, " | ".join(
            str(res[t]["findings"]) if t in res else "not run" for t in ftools)))
    add("")
    work = data.get("work_dir", args.work_dir)
    render_plugin_overhead(add, projects)
    add("## Notes")
    add("")
    notes = []
    for p in projects:
        for t in all_tools:
            for label, reason in p["results"].get(t, {}).get("failures", []):
                where = os.path.relpath(label, work) if label != "-" else "(whole project)"
                notes.append("%s on %s: `%s` %s" % (TOOL_TITLES[t], p["name"], where,
                                                    reason.replace("`", "'")))
    if not notes:
        notes.append("No tool failed or timed out on any translation unit.")
    loads = [data["load_before"][0], data["load_after"][0]]
    for extra in data.get("supplements", []):
        notes.append("%s re-measured on %s (load average before %s, after %s)." % (
            ", ".join("%s on %s" % (TOOL_TITLES[c.split(":")[0]], c.split(":")[1])
                      for c in extra["cells"]),
            extra["date"], ", ".join("%.2f" % x for x in extra["load_before"]),
            ", ".join("%.2f" % x for x in extra["load_after"])))
        loads += [extra["load_before"][0], extra["load_after"][0]]
    notes.extend(data.get("remarks", []))
    if max(loads) > 1.5:
        notes.append("The 1-minute load average was above 1.5 before or after a run: "
                     "other work shared the two cores, so wall times are disturbed, "
                     "and CPU times to a lesser degree.")
    # The plugin section names the projects its rows are missing on.
    skipped = [(t, p["name"]) for p in projects for t in tools if t not in p["results"]]
    if skipped:
        notes.append("Not run in this measurement (`--skip`): %s. Totals compare "
                     "each tool with the floor over the projects it ran on." %
                     ", ".join("%s on %s" % (TOOL_TITLES[t], p) for t, p in skipped))
    for note in notes:
        add("- " + note)
    add("")
    return "\n".join(lines)


def pct(value, base):
    if not base:
        return "n/a"
    text = "%+.1f%%" % (100.0 * (value / base - 1))
    return "+0.0%" if text == "-0.0%" else text


def unit_name(project, path):
    """A TU's path from its project's source directory, e.g. re2 re2/re2.cc."""
    marker = "/%s/" % project["source"]
    if marker in path:
        return "%s %s" % (project["name"], path.split(marker, 1)[1])
    return "%s %s" % (project["name"], os.path.basename(path))


def render_plugin_overhead(add, projects):
    """The compile and plugin rows: the plugin's cost over the real compile."""
    ran = [p for p in projects if all(t in p["results"] for t in PAIRED)]
    if not ran:
        return
    repeats = sorted({p["results"][t].get("repeat", 1) for p in ran for t in PAIRED})
    times = " or ".join(str(n) for n in repeats)
    add("## Compiler plugin overhead")
    add("")
    add("Issue #8: the compiler plugin may add at most %.0f%% to the compile time." %
        (100 * PLUGIN_OVERHEAD_TARGET))
    add("Each translation unit is compiled with its real command from the database")
    add("(`-c`, its `-O` level and all its options), without and with")
    add("`-fplugin=build/lib/iterguard-plugin.so`, alternately (without, with,")
    add("without, with, ...), %s times each. A unit counts with the median of its" % times)
    add("runs, for wall time, CPU time and peak memory separately; a project's times")
    add("are the sums of its units' medians, its peak memory the largest median.")
    add("The overhead is the plugin run's figure over the compile's, minus one.")
    add("")

    def total(key, tool, over):
        values = [p["results"][tool][key] for p in over]
        return max(values) if key == "max_rss_kb" else sum(values)

    def verdict(value, base):
        return "met" if base and value / base - 1 <= PLUGIN_OVERHEAD_TARGET else "**missed**"

    add("| over all %d TUs measured | compile | with the plugin | overhead | verdict |" %
        sum(p["tus"] for p in ran))
    add("|---|---|---|---|---|")
    for key, what, fmt in (("cpu_seconds", "CPU time (s)", lambda v: "%.1f" % v),
                           ("seconds", "wall time (s)", lambda v: "%.1f" % v),
                           ("max_rss_kb", "peak memory (MiB)", fmt_mb)):
        base, value = total(key, "compile", ran), total(key, "plugin", ran)
        add("| %s | %s | %s | %s | %s |" % (
            what, fmt(base), fmt(value), pct(value, base),
            "no target (the %.0f%% is of the time)" % (100 * PLUGIN_OVERHEAD_TARGET)
            if key == "max_rss_kb" else
            "%s (at most %+.0f%%)" % (verdict(value, base), 100 * PLUGIN_OVERHEAD_TARGET)))
    add("")
    add("| project | TUs | CPU s, compile | with plugin | overhead | wall s, compile "
        "| with plugin | overhead | MiB, compile | with plugin | overhead "
        "| plugin findings (scanner per TU) |")
    add("|" + "---|" * 12)
    for name, tus, over in [(p["name"], p["tus"], [p]) for p in ran] + [
            ("**total**", sum(p["tus"] for p in ran), ran)]:
        cells = [name, str(tus)]
        for key, fmt in (("cpu_seconds", lambda v: "%.1f" % v),
                         ("seconds", lambda v: "%.1f" % v), ("max_rss_kb", fmt_mb)):
            base, value = total(key, "compile", over), total(key, "plugin", over)
            cells += [fmt(base), fmt(value), pct(value, base)]
        findings = str(sum(p["results"]["plugin"]["findings"] for p in over))
        if all("iterguard-per-tu" in p["results"] for p in over):
            findings += " (%d)" % sum(p["results"]["iterguard-per-tu"]["findings"]
                                      for p in over)
        cells.append(findings)
        add("| " + " | ".join(cells) + " |")
    add("")
    # The spread over units says how much one project's figure is noise.
    per_tu = []
    for p in ran:
        base = {u["file"]: u for u in p["results"]["compile"].get("per_tu", [])}
        for u in p["results"]["plugin"].get("per_tu", []):
            b = base.get(u["file"])
            if b and statistics.median(b["cpu_seconds"]) > 0:
                per_tu.append((statistics.median(u["cpu_seconds"]) /
                               statistics.median(b["cpu_seconds"]) - 1,
                               unit_name(p, u["file"])))
    if per_tu:
        per_tu.sort()
        add("Per translation unit, the CPU-time overhead ranges from %+.1f%% (`%s`) to "
            "%+.1f%% (`%s`), median %+.1f%%." % (
                100 * per_tu[0][0], per_tu[0][1], 100 * per_tu[-1][0], per_tu[-1][1],
                100 * statistics.median(v for v, _ in per_tu)))
    add("Plugin findings are the distinct `[iterguard-*]` warnings of the plugin")
    add("runs, counted like the other tools' findings; in parentheses, the count of")
    add("the scanner run one process per TU on the same units.")
    missing = [p["name"] for p in projects if p not in ran]
    if missing:
        add("Not measured on %s (not yet merged, or `--skip`); the totals are over the"
            % ", ".join(missing))
        add("projects above.")
    add("")


COMMANDS = {
    "floor": "clang++-19 -fsyntax-only <flags>",
    "iterguard-j1": "iterguard -p <work>/db/<project> -j1 --quiet --format=json",
    "iterguard-j2": "iterguard -p <work>/db/<project> -j2 --quiet --format=json",
    "iterguard-per-tu": "iterguard -p <work>/db/<project> -j1 --quiet <file>",
    "tidy": ("clang-tidy-19 --load=build/lib/iterguard-tidy-module.so "
             "--checks='-*,iterguard-*' --header-filter='.*' "
             "--warnings-as-errors='-*' --quiet "
             "-p <work>/db/<project> <file>"),
    "csa": ("clang++-19 --analyze -Xclang -analyzer-config -Xclang "
            "aggressive-binary-operation-simplification=true -Xclang "
            "-analyzer-checker=" + CSA_CHECKERS + " -o /dev/null <flags>"),
    "cppcheck": ("cppcheck --project=<work>/db/<project>/compile_commands.json "
                 "-j1 --quiet"),
    "compile": "clang++-19 <command>",
    "plugin": "clang++-19 -fplugin=build/lib/iterguard-plugin.so <command>",
}
PROCESSES = {
    "floor": "one per TU", "iterguard-j1": "one per project",
    "iterguard-j2": "one per project", "iterguard-per-tu": "one per TU", "tidy": "one per TU", "csa": "one per TU",
    "cppcheck": "one per project",
    "compile": "one per TU and run, %s runs, alternating with the plugin's",
    "plugin": "one per TU and run, %s runs, alternating with the compile's",
}


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    default_work = os.environ.get("ITERGUARD_BENCH_DIR") or os.path.join(
        os.path.expanduser("~"), ".cache", "iterguard-bench")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work-dir", default=default_work)
    parser.add_argument("--projects", default=",".join(PROJECTS),
                        help="comma-separated subset of " + ",".join(PROJECTS))
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help="comma-separated subset of " + ",".join(TOOLS))
    parser.add_argument("--output", default=os.path.join(repo, "docs", "performance.md"),
                        help="Markdown report to write ('-' for stdout)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds one per-TU process may take (default 900)")
    parser.add_argument("--iterguard", default=os.path.join(repo, "build", "bin", "iterguard"))
    parser.add_argument("--tidy-module",
                        default=os.path.join(repo, "build", "lib", "iterguard-tidy-module.so"))
    parser.add_argument("--plugin",
                        default=os.path.join(repo, "build", "lib", "iterguard-plugin.so"))
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of compile and plugin per TU, alternating; each TU "
                             "counts with its median (default 3)")
    parser.add_argument("--clangxx", default="clang++-19")
    parser.add_argument("--clang-tidy", default="clang-tidy-19")
    parser.add_argument("--cppcheck", default="cppcheck")
    parser.add_argument("--skip", default="",
                        help="comma-separated TOOL:PROJECT pairs not to run")
    parser.add_argument("--merge", action="store_true",
                        help="measure only the chosen cells and merge them into "
                             "<work>/results/results.json")
    parser.add_argument("--render-only", action="store_true",
                        help="rewrite the report from <work>/results/results.json")
    parser.add_argument("--remark", action="append", default=[],
                        help="with --render-only or --merge: a note to keep in the "
                             "report, such as why a cell was disturbed")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args()
    args.work_dir = os.path.abspath(args.work_dir)

    if args.render_only:
        path = os.path.join(args.work_dir, "results", "results.json")
        if not os.path.isfile(path):
            fail("no results at %s; run bench/run.sh first" % path)
        with open(path) as f:
            data = json.load(f)
        if args.remark:
            data.setdefault("remarks", []).extend(args.remark)
            with open(path, "w") as f:
                json.dump(data, f, indent=1)
        write_report(data, args)
        return

    projects = [p for p in args.projects.split(",") if p]
    tools = [t for t in args.tools.split(",") if t]
    for p in projects:
        if p not in PROJECTS:
            fail("unknown project '%s'; the projects are %s" % (p, ", ".join(PROJECTS)))
    for t in tools:
        if t not in TOOLS:
            fail("unknown tool '%s'; the tools are %s" % (t, ", ".join(TOOLS)))
    if "floor" not in tools and not args.merge:
        fail("--tools must include floor: every ratio is to it")
    if (PAIRED[0] in tools) != (PAIRED[1] in tools):
        fail("--tools: %s and %s are measured together, alternating; name both" % PAIRED)
    if args.repeat < 1:
        fail("--repeat must be at least 1")
    skip = set()
    for pair in filter(None, args.skip.split(",")):
        tool, _, project = pair.partition(":")
        if tool not in TOOLS or project not in PROJECTS or tool == "floor":
            fail("bad --skip entry '%s'; expected TOOL:PROJECT, not the floor" % pair)
        skip.add((tool, project))
    for project in PROJECTS:
        if ((PAIRED[0], project) in skip) != ((PAIRED[1], project) in skip):
            fail("--skip: %s and %s are measured together; skip both on %s" %
                 (PAIRED + (project,)))
    needed = {"iterguard-j1": args.iterguard, "iterguard-j2": args.iterguard,
              "iterguard-per-tu": args.iterguard,
              "tidy": args.tidy_module, "plugin": args.plugin}
    for t, path in needed.items():
        if t in tools and not os.path.isfile(path):
            fail("%s not found; build iterguard first (cmake --build build)" % path)
    for t, exe in (("floor", args.clangxx), ("csa", args.clangxx),
                   ("compile", args.clangxx),
                   ("tidy", args.clang_tidy), ("cppcheck", args.cppcheck)):
        if t in tools and not any(os.access(os.path.join(d, exe), os.X_OK)
                                  for d in os.environ["PATH"].split(os.pathsep)
                                  if not os.path.isabs(exe)) and not os.access(exe, os.X_OK):
            fail("%s not found on PATH; install it (see bench/README.md)" % exe)

    bench = Bench(args)
    loaded = [Project(name, args.work_dir) for name in projects]
    if "plugin" in tools:
        bench.check_plugin()
    if args.merge:
        merge(bench, loaded, tools, skip, args)
        return
    data = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "versions": {
            "iterguard": tool_version([args.iterguard, "--version"]),
            "clang++-19": tool_version([args.clangxx, "--version"]),
            "clang-tidy-19": tool_version([args.clang_tidy, "--version"]),
            "cppcheck": tool_version([args.cppcheck, "--version"]),
            "iterguard sources": git_state(repo),
        },
        "tools": tools,
        "projects": [],
        "work_dir": args.work_dir,
    }
    for p in loaded:
        stamp = os.path.join(args.work_dir, "src", "." + p.name + ".dir")
        source = open(stamp).read().strip() if os.path.isfile(stamp) else "?"
        data["projects"].append({"name": p.name, "source": source, "tus": len(p.files),
                                 "results": {}})
    data["load_before"] = load_average()
    started = time.monotonic()
    for project, record in zip(loaded, data["projects"]):
        for tool, result, output in bench.measure_cells(project, tools, skip):
            record["results"][tool] = result.to_json()
            with open(os.path.join(bench.results_dir,
                                   "%s.%s.txt" % (project.name, tool)), "w") as f:
                f.write(output)
            bench.log_result(tool, result)
    data["load_after"] = load_average()
    data["elapsed_seconds"] = round(time.monotonic() - started, 1)
    with open(os.path.join(bench.results_dir, "results.json"), "w") as f:
        json.dump(data, f, indent=1)
    write_report(data, args)


def merge(bench, loaded, tools, skip, args):
    """Measures some cells again and merges them into the last results."""
    path = os.path.join(args.work_dir, "results", "results.json")
    if not os.path.isfile(path):
        fail("no results at %s to merge into; run bench/run.sh first" % path)
    with open(path) as f:
        data = json.load(f)
    records = {p["name"]: p for p in data["projects"]}
    for project in loaded:
        if project.name not in records:
            fail("%s is not in %s; measure it without --merge" % (project.name, path))
    extra = {"date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
             "load_before": load_average(), "cells": []}
    for project in loaded:
        for tool, result, output in bench.measure_cells(project, tools, skip):
            records[project.name]["results"][tool] = result.to_json()
            extra["cells"].append("%s:%s" % (tool, project.name))
            with open(os.path.join(bench.results_dir,
                                   "%s.%s.txt" % (project.name, tool)), "w") as f:
                f.write(output)
            bench.log_result(tool, result)
    extra["load_after"] = load_average()
    data.setdefault("supplements", []).append(extra)
    data.setdefault("remarks", []).extend(args.remark)
    data["tools"] = [t for t in TOOLS if t in set(data["tools"]) | set(tools)]
    with open(path, "w") as f:
        json.dump(data, f, indent=1)
    write_report(data, args)


def write_report(data, args):
    report = render(data, args)
    if args.output == "-":
        sys.stdout.write(report)
        return
    tmp = args.output + ".tmp"
    with open(tmp, "w") as f:
        f.write(report)
    os.replace(tmp, args.output)
    if not args.quiet:
        print("bench: wrote %s (the run took %.0f s)" % (args.output, data["elapsed_seconds"]),
              file=sys.stderr)


if __name__ == "__main__":
    main()
