#!/usr/bin/env python3
"""Runs one check test through every front end and FileChecks the findings.

    check_iterguard.py <tool paths> SOURCE CHECK [options] [-- COMPILER-ARGS]

The source is analyzed by the `iterguard` binary, by `clang-tidy --load` and,
with --plugin and --clang, by `clang -fsyntax-only -fplugin=<plugin>`, with
only CHECK enabled. All must report exactly the same warnings and notes at the
same places; any difference fails the test. From the compiler's output only
iterguard's warnings (those ending in "[iterguard-...]") and their notes are
compared, since clang prints its own warnings too. The shared findings
are then matched against the CHECK-MESSAGES lines of the source with FileCheck,
where every warning, note and error must be expected
(--implicit-check-not), so a finding nobody wrote down fails the test too.
A source without CHECK-MESSAGES lines must produce no findings at all.

When the source has CHECK-FIXES lines, a copy without the CHECK comments is
fixed by each front end (`clang-tidy --fix`, and the fix-it lines the binary
and, with -fdiagnostics-parseable-fixits, the plugin print applied here); the
fixed files must be identical, and the result is FileChecked against the
CHECK-FIXES lines.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

DIAGNOSTIC = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): "
                        r"(?P<kind>warning|note|error): (?P<message>.*)$")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterguard", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--plugin", default=None,
                        help="iterguard-plugin.so, run as a third front end")
    parser.add_argument("--clang", default=None,
                        help="the clang that loads --plugin")
    parser.add_argument("--check-suffix", action="append", default=[],
                        help="also match CHECK-MESSAGES-<suffix> lines")
    parser.add_argument("--config", default=None,
                        help=".iterguard.yaml for every front end (the "
                             "binary's --config, the checks' ConfigFile, the "
                             "plugin's -fplugin-arg-iterguard-config)")
    parser.add_argument("source")
    parser.add_argument("check")
    argv = sys.argv[1:]
    compiler_args = []
    if "--" in argv:
        split = argv.index("--")
        argv, compiler_args = argv[:split], argv[split + 1:]
    args = parser.parse_args(argv)
    if bool(args.plugin) != bool(args.clang):
        parser.error("--plugin and --clang go together")
    args.compiler_args = compiler_args
    return args


def run(command):
    return subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)


def findings(output):
    """Diagnostic lines as (file, line, col, kind, message), grouped so each
    warning is followed by its notes, groups sorted by position."""
    groups = []
    for text in output.splitlines():
        match = DIAGNOSTIC.match(text)
        if not match:
            continue
        entry = (os.path.realpath(match["file"]), int(match["line"]),
                 int(match["col"]), match["kind"], match["message"])
        if entry[3] == "note" and groups:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    groups.sort()
    return [entry for group in groups for entry in group]


ITERGUARD_WARNING = re.compile(r"\[iterguard-[a-z-]+\]$")


def plugin_findings(output):
    """The findings of the plugin's compile: its warnings and their notes,
    without clang's own warnings and notes."""
    entries = findings(output)
    kept = []
    keep = False
    for entry in entries:
        if entry[3] != "note":
            keep = bool(ITERGUARD_WARNING.search(entry[4]))
        if keep:
            kept.append(entry)
    return kept


def plugin_fixits(output):
    """The fix-it lines of the plugin's compile that belong to iterguard's
    warnings; clang prints each one right after its diagnostic."""
    kept = []
    ours = False
    for text in output.splitlines():
        match = DIAGNOSTIC.match(text)
        if match and match["kind"] != "note":
            ours = bool(ITERGUARD_WARNING.search(match["message"]))
        elif ours and FIXIT.match(text):
            kept.append(text)
    return "\n".join(kept)


def plugin_command(args, checks, config=None):
    command = [args.clang, "-fsyntax-only", "-fno-color-diagnostics",
               "-fplugin=" + args.plugin,
               "-fplugin-arg-iterguard-checks=" + checks]
    if config:
        command.append("-fplugin-arg-iterguard-config=" + config)
    return command + args.compiler_args


FIXIT = re.compile(r'^fix-it:"(?P<file>(?:[^"\\]|\\.)*)":'
                   r'\{(?P<l1>\d+):(?P<c1>\d+)-(?P<l2>\d+):(?P<c2>\d+)\}:'
                   r'"(?P<text>(?:[^"\\]|\\.)*)"$')


def unescape(text):
    """Undoes llvm::raw_ostream::write_escaped."""
    out = bytearray()
    i = 0
    raw = text.encode("utf-8")
    while i < len(raw):
        if raw[i:i + 1] == b"\\" and i + 1 < len(raw):
            nxt = raw[i + 1:i + 2]
            simple = {b"\\": b"\\", b'"': b'"', b"t": b"\t", b"n": b"\n"}
            if nxt in simple:
                out += simple[nxt]
                i += 2
                continue
            if raw[i + 1:i + 4].isdigit():
                out.append(int(raw[i + 1:i + 4], 8))
                i += 4
                continue
        out += raw[i:i + 1]
        i += 1
    return bytes(out)


def apply_fixits(output, path):
    """Applies the fix-it lines of the binary's output that target path."""
    with open(path, "rb") as source:
        data = source.read()
    starts = [0] + [i + 1 for i, byte in enumerate(data) if byte == 10]
    edits = []
    for line in output.splitlines():
        match = FIXIT.match(line)
        if not match or os.path.realpath(unescape(match["file"]).decode()) != \
                os.path.realpath(path):
            continue
        begin = starts[int(match["l1"]) - 1] + int(match["c1"]) - 1
        end = starts[int(match["l2"]) - 1] + int(match["c2"]) - 1
        edits.append((begin, end, unescape(match["text"])))
    for begin, end, text in sorted(edits, reverse=True):
        data = data[:begin] + text + data[end:]
    with open(path, "wb") as source:
        source.write(data)


def check_fixes(args, checks, text):
    """Fixes a copy with each front end and FileChecks the shared result."""
    cleaned = re.sub(r"//\s*CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", text)
    workdir = tempfile.mkdtemp(prefix="check_iterguard.")
    try:
        name = os.path.basename(args.source)
        copies = {}
        front_ends = ["iterguard", "clang-tidy"]
        if args.plugin:
            front_ends.append("plugin")
        for front_end in front_ends:
            os.mkdir(os.path.join(workdir, front_end))
            copies[front_end] = os.path.join(workdir, front_end, name)
            with open(copies[front_end], "w", encoding="utf-8") as copy:
                copy.write(cleaned)
        ours = run([args.iterguard, "--quiet", "--checks=" + checks,
                    copies["iterguard"], "--"] + args.compiler_args)
        apply_fixits(ours.stdout, copies["iterguard"])
        tidy = run([args.clang_tidy, "--load=" + args.module,
                    "--checks=" + checks, "--fix", "--quiet",
                    copies["clang-tidy"], "--"] + args.compiler_args)
        if tidy.returncode != 0:
            fail("clang-tidy --fix failed", tidy.stdout, tidy.stderr)
        with open(copies["iterguard"], encoding="utf-8") as fixed:
            ours_fixed = fixed.read()
        with open(copies["clang-tidy"], encoding="utf-8") as fixed:
            tidy_fixed = fixed.read()
        if ours_fixed != tidy_fixed:
            fail("the front ends' fix-its produce different files",
                 "--- iterguard:", ours_fixed, "--- clang-tidy:", tidy_fixed)
        if args.plugin:
            plugin = run(plugin_command(args, checks)
                         + ["-fdiagnostics-parseable-fixits",
                            copies["plugin"]])
            if plugin.returncode != 0:
                fail("the plugin's compile failed", plugin.stderr)
            apply_fixits(plugin_fixits(plugin.stderr), copies["plugin"])
            with open(copies["plugin"], encoding="utf-8") as fixed:
                plugin_fixed = fixed.read()
            if plugin_fixed != ours_fixed:
                fail("the plugin's fix-its produce a different file",
                     "--- iterguard:", ours_fixed,
                     "--- plugin:", plugin_fixed)
        filecheck = subprocess.run(
            [args.filecheck, args.source, "--check-prefix=CHECK-FIXES",
             "--input-file=" + copies["iterguard"], "--strict-whitespace"])
        if filecheck.returncode != 0:
            sys.exit(filecheck.returncode)
    finally:
        shutil.rmtree(workdir)


def render(entries):
    return "".join("%s:%d:%d: %s: %s\n" % entry for entry in entries)


def fail(message, *details):
    sys.stderr.write("check_iterguard: " + message + "\n")
    for detail in details:
        sys.stderr.write(detail.rstrip("\n") + "\n")
    sys.exit(1)


def main():
    args = parse_args()
    checks = "-*," + args.check

    config = ["--config=" + args.config] if args.config else []
    standalone = run([args.iterguard, "--quiet", "--checks=" + checks]
                     + config + [args.source, "--"] + args.compiler_args)
    if standalone.returncode not in (0, 1):
        fail("iterguard exited with %d" % standalone.returncode,
             standalone.stdout, standalone.stderr)

    tidy_command = [args.clang_tidy, "--load=" + args.module,
                    "--checks=" + checks, "--header-filter=.*", "--quiet"]
    if args.config:
        tidy_command.append(
            "--config={CheckOptions: {%s.ConfigFile: '%s'}}"
            % (args.check, args.config))
    tidy = run(tidy_command + [args.source, "--"] + args.compiler_args)
    if tidy.returncode != 0 or "error:" in tidy.stderr:
        fail("clang-tidy failed (exit %d)" % tidy.returncode,
             tidy.stdout, tidy.stderr)

    ours = findings(standalone.stdout)
    theirs = findings(tidy.stdout)
    if ours != theirs:
        fail("the iterguard binary and the clang-tidy module disagree",
             "--- iterguard:", render(ours), "--- clang-tidy:", render(theirs))
    if args.plugin:
        plugin = run(plugin_command(args, checks, args.config)
                     + [args.source])
        if plugin.returncode != 0:
            fail("the compile with the plugin failed (exit %d)"
                 % plugin.returncode, plugin.stdout, plugin.stderr)
        compiled = plugin_findings(plugin.stderr)
        if ours != compiled:
            fail("the iterguard binary and the compiler plugin disagree",
                 "--- iterguard:", render(ours),
                 "--- plugin:", render(compiled))
    if (standalone.returncode == 1) != bool(ours):
        fail("iterguard exited with %d but reported %d findings"
             % (standalone.returncode, len(ours)))

    with open(args.source, encoding="utf-8") as source:
        text = source.read()
    if re.search(r"\bCHECK-FIXES:", text):
        check_fixes(args, checks, text)

    prefixes = ["CHECK-MESSAGES"] + ["CHECK-MESSAGES-" + suffix
                                     for suffix in args.check_suffix]
    if not any(re.search(r"\b%s:" % re.escape(p), text) for p in prefixes):
        if ours:
            fail("expected no findings", render(ours))
        return

    filecheck = subprocess.run(
        [args.filecheck, args.source,
         "--check-prefixes=" + ",".join(prefixes),
         "--implicit-check-not={{warning|note|error}}:",
         "--dump-input=fail"],
        input=render(ours), universal_newlines=True)
    sys.exit(filecheck.returncode)


if __name__ == "__main__":
    main()
