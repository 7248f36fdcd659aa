#!/usr/bin/env python3
"""Writes a small project with a compile_commands.json for scanner tests.

    make_project.py DIR UNITS

DIR gets include/shared.h (one finding, included by every unit) and
src/unit<N>.cpp for N in 1..UNITS: odd units have a finding of their own,
even units are clean. Every unit includes the shared header, so its finding
must be reported once however the units are scheduled or sharded.
"""

import json
import os
import sys

SHARED = """#pragma once
#include <vector>

inline int firstAfterGrowth(std::vector<int> &values) {
  int &first = values.front();
  values.push_back(0);
  return first;
}
"""

BUGGY = """#include "shared.h"

int use{n}(std::vector<int> &v) {{
  auto it = v.begin();
  v.clear();
  return *it + firstAfterGrowth(v);
}}
"""

CLEAN = """#include "shared.h"

int use{n}(const std::vector<int> &v) {{
  int total = 0;
  for (int x : v)
    total += x;
  return total;
}}
"""


def main():
    root, units = os.path.abspath(sys.argv[1]), int(sys.argv[2])
    os.makedirs(os.path.join(root, "include"), exist_ok=True)
    os.makedirs(os.path.join(root, "src"), exist_ok=True)
    with open(os.path.join(root, "include", "shared.h"), "w") as f:
        f.write(SHARED)
    commands = []
    for n in range(1, units + 1):
        name = "src/unit%d.cpp" % n
        with open(os.path.join(root, name), "w") as f:
            f.write((BUGGY if n % 2 else CLEAN).format(n=n))
        commands.append({"directory": root, "file": name,
                         "arguments": ["clang++", "-std=c++17", "-Iinclude",
                                       "-c", name]})
    with open(os.path.join(root, "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=1)


if __name__ == "__main__":
    main()
