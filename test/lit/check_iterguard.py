#!/usr/bin/env python3
"""Runs one check test through every front end and FileChecks the findings.

    check_iterguard.py <tool paths> SOURCE CHECK [options] [-- COMPILER-ARGS]

The source is analyzed by the `iterguard` binary and by `clang-tidy --load`
with only CHECK enabled. The two must report exactly the same warnings and
notes at the same places; any difference fails the test. The shared findings
are then matched against the CHECK-MESSAGES lines of the source with FileCheck,
where every warning, note and error must be expected
(--implicit-check-not), so a finding nobody wrote down fails the test too.
A source without CHECK-MESSAGES lines must produce no findings at all.
"""

import argparse
import os
import re
import subprocess
import sys

DIAGNOSTIC = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): "
                        r"(?P<kind>warning|note|error): (?P<message>.*)$")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterguard", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--check-suffix", action="append", default=[],
                        help="also match CHECK-MESSAGES-<suffix> lines")
    parser.add_argument("--config", default=None,
                        help=".iterguard.yaml for both front ends (the "
                             "binary's --config, the checks' ConfigFile)")
    parser.add_argument("source")
    parser.add_argument("check")
    argv = sys.argv[1:]
    compiler_args = []
    if "--" in argv:
        split = argv.index("--")
        argv, compiler_args = argv[:split], argv[split + 1:]
    args = parser.parse_args(argv)
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
    if (standalone.returncode == 1) != bool(ours):
        fail("iterguard exited with %d but reported %d findings"
             % (standalone.returncode, len(ours)))

    prefixes = ["CHECK-MESSAGES"] + ["CHECK-MESSAGES-" + suffix
                                     for suffix in args.check_suffix]
    with open(args.source, encoding="utf-8") as source:
        text = source.read()
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
