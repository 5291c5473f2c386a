#!/usr/bin/env python3
"""Reads meson testlog.json files: prints "N passed, N failed, N skipped" and fails on
any failure or skip.

Counts are of test cases: each TAP subtest ("ok 3 /json/parse/...") is one, a test
without TAP output is one. In CI a test whose peer is missing must fail, and a skip
(of a whole test or of one subtest) would hide exactly that, so a skip fails the run."""

import json
import re
import sys

TAP_PLAN = re.compile(r"^1\.\.\d+", re.M)
TAP_LINE = re.compile(r"^(not ok|ok)\b[^#\n]*(#\s*(SKIP|TODO)\b.*)?$", re.M | re.I)


def count(path):
    passed = failed = skipped = 0
    problems = []
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line)
            result = t.get("result")
            name = t.get("name")
            out = t.get("stdout", "") or ""
            # A TAP test announces its plan ("1..N"); its "ok" lines are the test cases.
            subtests = TAP_LINE.findall(out) if TAP_PLAN.search(out) else []
            if result == "SKIP":
                skipped += 1
                problems.append("%s: skipped" % name)
                continue
            if not subtests:
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                else:
                    failed += 1
                    problems.append("%s: %s" % (name, result))
                continue
            for status, directive, kind in subtests:
                if kind.upper() == "SKIP":
                    skipped += 1
                    problems.append("%s: a subtest was skipped" % name)
                elif status.lower() == "ok":
                    passed += 1
                else:
                    failed += 1
            if result not in ("OK", "EXPECTEDFAIL") and not any(s[0].lower() == "not ok" for s in subtests):
                # Crashed or timed out after its last subtest.
                failed += 1
                problems.append("%s: %s" % (name, result))
    return passed, failed, skipped, problems


def main(paths):
    total = [0, 0, 0]
    for path in paths:
        p, f, s, problems = count(path)
        for msg in problems:
            print("test-report: " + msg, file=sys.stderr)
        total[0] += p
        total[1] += f
        total[2] += s
    print("%d passed, %d failed, %d skipped" % tuple(total))
    return 1 if total[1] or total[2] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
