#!/usr/bin/env python3
"""Batch sync benchmarks, side by side in one run, against the harness peers.

  run-bench.py BENCH_SYNC_BINARY [--rows 1000000,3000000] [--http-mb 1024]

Run it under tests/harness/trib-peers --mariadb --s3 --http (run-bench.sh does).

1. MySQL -> S3, N rows of ods_user_info_d (INSERT ... SELECT from seq_1_to_N):
     tributary       the tutorial's job shape (splitPk uid, 2 channels, '|' text, one object)
     client pipe     mariadb --batch --raw --quick -e 'SELECT ...' | curl --aws-sigv4 -T - (one PUT)
     INTO OUTFILE    the server writing the rows to its own disk (the floor)
2. HTTP -> S3, a log file of about 1 GB:
     tributary       the tutorial's job shape (text, '|', one column, one object)
     curl | curl     curl URL | curl --aws-sigv4 -T - (one PUT)

Each client runs in its own process; Tributary's peak memory is its process's VmHWM.
"S3 completion" is the time the S3 server took over CompleteMultipartUpload: the test
server (s3rver) reads every part back and writes the whole object again, where S3 and OSS
answer in constant time, so the figures are also given without it.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

BUCKET_KEY_SQL = "bench/users_%d.txt"


def env(name):
    value = os.environ.get(name)
    if not value:
        sys.exit("%s is not set: run this under tests/harness/trib-peers" % name)
    return value


def mariadb(sql, quick=False):
    cmd = ["mariadb", "--no-defaults", "--socket=" + env("TRIB_TEST_MYSQL_SOCKET"), "-u", env("TRIB_TEST_MYSQL_USER"),
           env("TRIB_TEST_MYSQL_DATABASE"), "-N", "--batch", "--raw"]
    if quick:
        cmd.append("--quick")
    e = dict(os.environ, MYSQL_PWD=env("TRIB_TEST_MYSQL_PASSWORD"))
    return subprocess.run(cmd + ["-e", sql], check=True, stdout=subprocess.PIPE, env=e).stdout


def curl_config(tmp):
    """Credentials go to curl through a 0600 config file, never argv."""
    path = os.path.join(tmp, "curl.conf")
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write('user = "%s:%s"\n' % (env("TRIB_TEST_S3_ACCESS_KEY"), env("TRIB_TEST_S3_SECRET_KEY")))
        f.write('aws-sigv4 = "aws:amz:%s:s3"\n' % env("TRIB_TEST_S3_REGION"))
        f.write('header = "x-amz-content-sha256: UNSIGNED-PAYLOAD"\n')
    return path


def object_path(key):
    return os.path.join(env("TRIB_TEST_S3_DIRECTORY"), env("TRIB_TEST_S3_BUCKET"), key + "._S3rver_object")


def object_url(key):
    return "%s/%s/%s" % (env("TRIB_TEST_S3_ENDPOINT"), env("TRIB_TEST_S3_BUCKET"), key)


def run_tributary(binary, job, tmp, local_dir=None):
    path = os.path.join(tmp, "job.json")
    with open(path, "w") as f:
        json.dump(job, f)
    e = dict(os.environ)
    if local_dir:
        os.makedirs(local_dir, exist_ok=True)
        e["TRIB_BENCH_LOCAL_DIR"] = local_dir
    out = subprocess.run([binary, path], check=True, stdout=subprocess.PIPE, timeout=3600, env=e).stdout
    return json.loads(out.decode().strip().splitlines()[-1])


def run_shell_pipe(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(["bash", "-o", "pipefail", "-c", command], check=True, timeout=3600)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu_seconds": cpu}


def mysql_job(table, key, target):
    return {
        "type": "job", "version": "2.0",
        "steps": [
            {"stepType": "mysql", "category": "reader", "name": "Reader", "parameter": {
                "datasource": "bench_mysql", "column": ["uid", "gender", "age_range", "zodiac"],
                "connection": [{"datasource": "bench_mysql", "table": [table]}],
                "where": "", "splitPk": "uid", "encoding": "UTF-8"}},
            {"stepType": "oss", "category": "writer", "name": "Writer", "parameter": {
                "datasource": target, "object": key, "fileFormat": "text", "encoding": "UTF-8",
                "fieldDelimiter": "|", "writeMode": "truncate", "writeSingleObject": True}},
        ],
        "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
        "setting": {"errorLimit": {"record": "0"}, "speed": {"throttle": False, "concurrent": 2}},
    }


def http_job(file_name, key, target):
    return {
        "type": "job", "version": "2.0",
        "steps": [
            {"stepType": "httpfile", "category": "reader", "name": "Reader", "parameter": {
                "datasource": "bench_http", "fileName": file_name, "fileFormat": "text", "encoding": "UTF-8",
                "fieldDelimiter": "|", "compress": "none", "skipHeader": "false",
                "column": [{"index": 0, "type": "string"}]}},
            {"stepType": "oss", "category": "writer", "name": "Writer", "parameter": {
                "datasource": target, "object": key, "fileFormat": "text", "encoding": "UTF-8",
                "fieldDelimiter": "|", "writeMode": "truncate", "writeSingleObject": True}},
        ],
        "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
        "setting": {"errorLimit": {"record": "0"}, "speed": {"throttle": False, "concurrent": 2}},
    }


def load_users(rows):
    table = "bench_users_%d" % rows
    exists = mariadb("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                     " AND TABLE_NAME = '%s'" % table).strip()
    if exists == b"1":
        return table
    start = time.monotonic()
    mariadb("CREATE TABLE %s LIKE ods_user_info_d;"
            " INSERT INTO %s SELECT 1000000000000 + seq * 1000 + (seq * 7919) %% 997,"
            " ELT(1 + seq %% 2, '男', '女'),"
            " ELT(1 + seq %% 8, '10-20岁', '20-30岁', '20-30岁', '30-40岁', '30-40岁', '40-50岁', '50-60岁', '60岁以上'),"
            " ELT(1 + seq %% 12, '白羊座', '金牛座', '双子座', '巨蟹座', '狮子座', '处女座', '天秤座', '天蝎座',"
            "     '射手座', '摩羯座', '水瓶座', '双鱼座')"
            " FROM seq_1_to_%d" % (table, table, rows))
    print("loaded %d rows into %s in %.1f s" % (rows, table, time.monotonic() - start), file=sys.stderr)
    # Let InnoDB write the new pages out before anything is timed.
    mariadb("SELECT COUNT(*) FROM %s" % table)
    time.sleep(5)
    return table


def size_of(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return -1


def bench_mysql(binary, rows, tmp, conf, compare, repeat):
    table = load_users(rows)
    select = "SELECT uid, gender, age_range, zodiac FROM %s" % table
    key = BUCKET_KEY_SQL % rows
    local_dir = os.path.join(tmp, "local")

    def tributary():
        r = run_tributary(binary, mysql_job(table, key, "bench_s3"), tmp)
        r["bytes"] = size_of(object_path(key))
        return r

    def tributary_local():
        r = run_tributary(binary, mysql_job(table, key, "bench_local"), tmp, local_dir)
        r["bytes"] = size_of(os.path.join(local_dir, key))
        return r

    def pipe():
        pipe_key = "bench/pipe_users_%d.txt" % rows
        r = run_shell_pipe("MYSQL_PWD=\"$TRIB_TEST_MYSQL_PASSWORD\" mariadb --no-defaults --socket=\"$TRIB_TEST_MYSQL_SOCKET\""
                           " -u \"$TRIB_TEST_MYSQL_USER\" \"$TRIB_TEST_MYSQL_DATABASE\" -N --batch --raw --quick"
                           " -e '%s' | curl -sS --fail -K '%s' -T - '%s' -o /dev/null"
                           % (select, conf, object_url(pipe_key)))
        r["bytes"] = size_of(object_path(pipe_key))
        return r

    outfile = os.path.join(env("TRIB_TEST_MYSQL_OUTFILE_DIR"), "users_%d.txt" % rows)

    def into_outfile():
        if os.path.exists(outfile):
            os.unlink(outfile)
        start = time.monotonic()
        mariadb("%s INTO OUTFILE '%s' FIELDS TERMINATED BY '|'" % (select, outfile))
        return {"seconds": time.monotonic() - start, "bytes": size_of(outfile)}

    if not compare:
        return [("tributary", tributary())]

    # Interleaved, several times each, the median kept: a one-second job is at the mercy
    # of whatever else the two cores do in that second.
    samples = {"tributary": [], "client pipe": [], "INTO OUTFILE": [], "tributary local": []}
    for _ in range(repeat):
        samples["tributary"].append(tributary())
        samples["client pipe"].append(pipe())
        samples["INTO OUTFILE"].append(into_outfile())
        samples["tributary local"].append(tributary_local())
    results = []
    for name in ("tributary", "client pipe", "INTO OUTFILE", "tributary local"):
        runs = sorted(samples[name], key=lambda r: r["seconds"])
        best = dict(runs[len(runs) // 2])
        best["samples"] = [round(r["seconds"], 3) for r in samples[name]]
        results.append((name, best))

    same = True
    with open(outfile, "rb") as a, open(object_path(key), "rb") as b:
        while same:
            x, y = a.read(1 << 20), b.read(1 << 20)
            same = x == y
            if not x:
                break
    os.unlink(outfile)
    if not same:
        sys.exit("Tributary's object differs from INTO OUTFILE's file for %d rows" % rows)
    return results


def make_big_log(megabytes):
    root = env("TRIB_TEST_HTTP_ROOT")
    path = os.path.join(root, "big_log.txt")
    target = megabytes * 1024 * 1024
    if size_of(path) >= target:
        return "/big_log.txt", size_of(path)
    with open(os.path.join(root, "user_log.txt"), "rb") as f:
        chunk = f.read()
    with open(path, "wb") as f:
        written = 0
        while written < target:
            f.write(chunk)
            written += len(chunk)
    return "/big_log.txt", written


def bench_http(binary, megabytes, tmp, conf):
    file_name, size = make_big_log(megabytes)
    results = []
    key = "bench/big_log.txt"
    local_dir = os.path.join(tmp, "local")

    trib = run_tributary(binary, http_job(file_name, key, "bench_s3"), tmp)
    trib["bytes"] = size_of(object_path(key))
    results.append(("tributary", trib))

    pipe_key = "bench/pipe_big_log.txt"
    pipe = run_shell_pipe("curl -sS --fail '%s%s' | curl -sS --fail -K '%s' -T - '%s' -o /dev/null"
                          % (env("TRIB_TEST_HTTP_URL"), file_name, conf, object_url(pipe_key)))
    pipe["bytes"] = size_of(object_path(pipe_key))
    results.append(("curl | curl", pipe))

    local = run_tributary(binary, http_job(file_name, key, "bench_local"), tmp, local_dir)
    local["bytes"] = size_of(os.path.join(local_dir, key))
    results.append(("tributary local", local))

    copy = os.path.join(tmp, "curl_copy.txt")
    plain = run_shell_pipe("curl -sS --fail '%s%s' -o '%s'" % (env("TRIB_TEST_HTTP_URL"), file_name, copy))
    plain["bytes"] = size_of(copy)
    os.unlink(copy)
    os.unlink(os.path.join(local_dir, key))
    results.append(("curl > file", plain))

    for name, r in results:
        if r["bytes"] != size:
            sys.exit("%s wrote %d bytes, the file has %d" % (name, r["bytes"], size))
    return results, size


def print_table(title, results):
    print()
    print(title)
    print("  %-16s %9s %11s %10s %13s %18s  %s" % ("", "seconds", "vs first", "MB/s", "peak RSS MiB",
                                                   "S3 completion s", "samples"))
    base = results[0][1]["seconds"]
    for name, r in results:
        rss = "%.1f" % (r["peak_rss_kb"] / 1024.0) if "peak_rss_kb" in r else "-"
        commit = "%.3f" % r["complete_seconds"] if r.get("complete_seconds") else "-"
        mbps = r["bytes"] / r["seconds"] / 1e6 if r.get("bytes", -1) > 0 else 0
        print("  %-16s %9.3f %10.2fx %10.1f %13s %18s  %s" % (name, r["seconds"], r["seconds"] / base, mbps, rss,
                                                             commit, r.get("samples", "")))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench_sync")
    parser.add_argument("--rows", default="1000000,3000000,10000000")
    parser.add_argument("--compare-rows", type=int, default=1000000,
                        help="the size at which the client pipe and INTO OUTFILE also run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each client at the compared size")
    parser.add_argument("--http-mb", type=int, default=1024)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="trib-bench-sync-")
    conf = curl_config(tmp)
    summary = []

    for rows in [int(r) for r in args.rows.split(",") if r]:
        results = bench_mysql(args.bench_sync, rows, tmp, conf, rows == args.compare_rows, args.repeat)
        print_table("MySQL -> S3, %d rows of ods_user_info_d" % rows, results)
        summary.append(("mysql", rows, results))
        sys.stdout.flush()

    if args.http_mb > 0:
        results, size = bench_http(args.bench_sync, args.http_mb, tmp, conf)
        print_table("HTTP -> S3, a %.2f GB log file" % (size / 1e9), results)
        summary.append(("http", size, results))

    print()
    print("Against the targets")
    for kind, n, results in summary:
        r = dict(results)
        t = r["tributary"]
        if kind == "mysql" and "client pipe" in r:
            p, o, l = r["client pipe"], r["INTO OUTFILE"], r["tributary local"]
            print("  %d rows: Tributary %.3f s vs client pipe %.3f s: %.2fx as fast (target > 1)" %
                  (n, t["seconds"], p["seconds"], p["seconds"] / t["seconds"]))
            print("  %d rows: Tributary %.3f s vs INTO OUTFILE %.3f s: %.2fx (target <= 1.5x);"
                  " %.3f s of it is the S3 server completing the upload; without it %.2fx" %
                  (n, t["seconds"], o["seconds"], t["seconds"] / o["seconds"], t["complete_seconds"],
                   (t["seconds"] - t["complete_seconds"]) / o["seconds"]))
            print("  %d rows: Tributary to a local folder %.3f s: %.2fx INTO OUTFILE" %
                  (n, l["seconds"], l["seconds"] / o["seconds"]))
        if kind == "mysql":
            print("  %d rows: peak RSS %.1f MiB (target < 64, flat)" % (n, t["peak_rss_kb"] / 1024.0))
        if kind == "http":
            p, l, c = r["curl | curl"], r["tributary local"], r["curl > file"]
            print("  %.2f GB: Tributary %.3f s vs curl | curl %.3f s: %.2fx (target <= 1.1x);"
                  " without the S3 server's %.3f s completion: %.2fx" %
                  (n / 1e9, t["seconds"], p["seconds"], t["seconds"] / p["seconds"], t["complete_seconds"],
                   (t["seconds"] - t["complete_seconds"]) / p["seconds"]))
            print("  %.2f GB: Tributary to a local folder %.3f s vs curl > file %.3f s: %.2fx; peak RSS %.1f MiB" %
                  (n / 1e9, l["seconds"], c["seconds"], l["seconds"] / c["seconds"], t["peak_rss_kb"] / 1024.0))


if __name__ == "__main__":
    main()
