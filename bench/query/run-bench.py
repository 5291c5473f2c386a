#!/usr/bin/env python3
"""1,000,000 rows x 4 columns in the result grid, under Xvfb, beside a naive baseline.

  run-bench.py BENCH_RESULT_GRID_BINARY REPLAY_SERVER_JS [--rows N]

Run it through tests/harness/trib-peers --x11 (meson's benchmark does), which starts Xvfb
and a session bus. The HiveServer2 replies are the ones bench/hs2/replay-server.js records
once (DuckDB + the peer's TCLIService types) and replays with no work per row. Each grid
runs in its own process; peak memory is that process's maximum RSS.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile


def run_client(argv):
    out = subprocess.run(argv, check=True, stdout=subprocess.PIPE, timeout=900).stdout
    return json.loads(out.decode().strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench")
    parser.add_argument("replay_server")
    parser.add_argument("--rows", type=int, default=1000000)
    args = parser.parse_args()

    node = shutil.which("node")
    if node is None:
        sys.exit("node is not installed")
    recording = os.path.join(tempfile.gettempdir(), "trib-hs2-bench-%d.bin" % args.rows)
    if not os.path.exists(recording):
        subprocess.run([node, args.replay_server, "record", recording, str(args.rows)], check=True)

    server = subprocess.Popen([node, args.replay_server, "serve", recording], stdout=subprocess.PIPE,
                              stdin=subprocess.DEVNULL)
    try:
        port = json.loads(server.stdout.readline())["port"]
        trib = run_client([args.bench, "tributary", str(port), str(args.rows)])
    finally:
        server.terminate()
        server.wait(timeout=10)
    base = run_client([args.bench, "baseline", str(args.rows)])

    print("Result grid: %d rows x 4 columns under Xvfb, scrolled top to bottom for 5 s" % args.rows)
    print("%-10s %12s %12s %10s %12s %12s %8s" % ("grid", "first row s", "all rows s", "RSS MiB",
                                                  "median ms", "p95 ms", "frames"))
    for r in (trib, base):
        print("%-10s %12.3f %12.3f %10.1f %12.2f %12.2f %8d" % (r["client"], r["first_row_s"], r["all_rows_s"],
                                                                r["peak_rss_kb"] / 1024.0, r["median_frame_ms"],
                                                                r["p95_frame_ms"], r["frames"]))
    print("baseline: a GtkColumnView over a GListStore of one GObject per row (its rows are made in memory,"
          " not fetched)")
    print("peak memory: Tributary uses %.2f of the baseline's" % (trib["peak_rss_kb"] / base["peak_rss_kb"]))
    checks = [
        ("first rows <= 0.5 s", trib["first_row_s"] <= 0.5),
        ("RSS <= 200 MB", trib["peak_rss_kb"] / 1024.0 <= 200),
        ("median frame <= 16 ms", trib["median_frame_ms"] <= 16),
        ("p95 frame <= 33 ms", trib["p95_frame_ms"] <= 33),
    ]
    for name, ok in checks:
        print("target %-24s %s" % (name + ":", "met" if ok else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
