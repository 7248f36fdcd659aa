#!/usr/bin/env python3
"""Prints facts about a SARIF file, one per line, for FileCheck and diff.

    sarif_query.py problems VALIDATION.sarif   # SARIF Multitool's verdicts
    sarif_query.py fingerprints REPORT.sarif   # rule, file, fingerprint
    sarif_query.py results REPORT.sarif        # rule, file:line:col, notes
"""

import json
import sys


def results(log):
    for run in log["runs"]:
        for result in run.get("results", []):
            yield run, result


def where(location):
    physical = location["physicalLocation"]
    region = physical.get("region", {})
    return "%s:%s:%s" % (physical["artifactLocation"]["uri"],
                         region.get("startLine"), region.get("startColumn"))


def main():
    mode, path = sys.argv[1], sys.argv[2]
    with open(path) as f:
        log = json.load(f)
    if mode == "problems":
        levels = [r.get("level", "warning") for _, r in results(log)]
        print("errors: %d" % levels.count("error"))
        for _, r in results(log):
            if r.get("level", "warning") == "error":
                print("error %s: %s" % (r["ruleId"],
                                        r["message"].get("text", r["message"])))
    elif mode == "fingerprints":
        for _, r in results(log):
            print(r["ruleId"], r["locations"][0]["physicalLocation"]
                  ["artifactLocation"]["uri"],
                  r["partialFingerprints"]["iterguardFinding/v1"])
    elif mode == "results":
        for run, r in results(log):
            rules = run["tool"]["driver"]["rules"]
            assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
            print("result", r["ruleId"], where(r["locations"][0]),
                  r["message"]["text"])
            for note in r.get("relatedLocations", []):
                print("  related", where(note), note["message"]["text"])
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
