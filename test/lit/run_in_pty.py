#!/usr/bin/env python3
"""Runs a command with its stderr on a pseudo-terminal and prints what it
wrote there, so tests can see output meant only for terminals.

    run_in_pty.py COMMAND...

The command's stdout is passed through; its exit status is returned.
"""

import os
import pty
import subprocess
import sys


def main():
    controller, terminal = pty.openpty()
    process = subprocess.Popen(sys.argv[1:], stderr=terminal)
    os.close(terminal)
    captured = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # EIO: the terminal closed
            break
        if not chunk:
            break
        captured += chunk
    status = process.wait()
    sys.stdout.flush()
    # Carriage returns and the erase-line sequence become visible markers.
    text = captured.decode("utf-8", "replace")
    text = text.replace("\r", "<CR>").replace("\x1b[K", "<EL>")
    sys.stderr.write(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
