#!/usr/bin/env python3
"""Fetch 1,000,000 rows x 4 columns with Tributary and with hive-driver, in one run.

  run-bench.py BENCH_HS2_BINARY [--rows N] [--recording FILE]

The FetchResults replies are recorded once from the reference peer's code (DuckDB + the
TCLIService types) and replayed by a tiny server, so the clients are measured, not the
server. Each client runs in its own process; peak memory is that process's maximum RSS.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run_client(argv):
    out = subprocess.run(argv, check=True, stdout=subprocess.PIPE, timeout=600).stdout
    return json.loads(out.decode().strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench_hs2")
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--recording", default=None)
    args = parser.parse_args()

    node = shutil.which("node")
    if node is None:
        sys.exit("node is not installed")
    server_js = os.path.join(HERE, "replay-server.js")
    recording = args.recording or os.path.join(tempfile.gettempdir(), "trib-hs2-bench-%d.bin" % args.rows)
    if not os.path.exists(recording):
        subprocess.run([node, server_js, "record", recording, str(args.rows)], check=True)

    server = subprocess.Popen([node, server_js, "serve", recording], stdout=subprocess.PIPE,
                              stdin=subprocess.DEVNULL)
    try:
        port = json.loads(server.stdout.readline())["port"]
        trib = run_client([args.bench_hs2, str(port), str(args.rows)])
        hd = run_client([node, os.path.join(HERE, "bench-hive-driver.js"), str(port), str(args.rows)])
    finally:
        server.terminate()
        server.wait(timeout=10)

    if trib["checksum"] != hd["checksum"]:
        sys.exit("the clients read different data: checksums %s and %s" % (trib["checksum"], hd["checksum"]))
    print("HiveServer2 fetch of %d rows x 4 columns from recorded replies" % args.rows)
    print("%-12s %10s %14s %14s" % ("client", "seconds", "rows/s", "peak RSS MiB"))
    for r in (trib, hd):
        print("%-12s %10.3f %14.0f %14.1f" % (r["client"], r["seconds"], r["rows"] / r["seconds"],
                                            r["peak_rss_kb"] / 1024.0))
    speed = (trib["rows"] / trib["seconds"]) / (hd["rows"] / hd["seconds"])
    memory = trib["peak_rss_kb"] / hd["peak_rss_kb"]
    print("throughput: Tributary is %.1fx hive-driver (target >= 3x): %s"
          % (speed, "met" if speed >= 3 else "NOT met"))
    print("peak memory: Tributary uses %.2f of hive-driver's (target <= 0.5): %s"
          % (memory, "met" if memory <= 0.5 else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
