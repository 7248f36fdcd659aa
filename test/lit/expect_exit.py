#!/usr/bin/env python3
"""Runs a command and fails unless it exits with the expected status.

    expect_exit.py STATUS [--one-line-stderr] -- COMMAND...

Standard output and error are passed through (so they can be FileChecked).
With --one-line-stderr the command must also write exactly one line to
standard error, the contract for every iterguard error.
"""

import subprocess
import sys


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    expected = int(options[0])
    one_line = "--one-line-stderr" in options[1:]
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != expected:
        sys.stderr.write("expect_exit: expected exit status %d, got %d\n"
                         % (expected, result.returncode))
        return 1
    if one_line and len(result.stderr.splitlines()) != 1:
        sys.stderr.write("expect_exit: expected one line on stderr, got %d\n"
                         % len(result.stderr.splitlines()))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
