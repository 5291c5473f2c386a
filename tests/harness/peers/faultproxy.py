"""A fault-injecting HTTP proxy in front of the S3 and HTTP peers.

Two listeners on 127.0.0.1 forward every request, unchanged (the Host header too, so
Signature V4 still verifies), to the S3 peer and to the HTTP peer. A test changes their
behaviour by writing a rules file (JSON), read again on every request:

  {"rules": [
     {"method": "PUT", "query": "partNumber=2", "action": "status", "status": 500, "times": 1},
     {"path": "/user_log.txt", "action": "cut", "after": 65536},
     {"method": "POST", "query": "uploadId", "action": "close"}
  ]}

A rule matches when every given field matches: "listener" ("s3" or "http"), "method",
"path" (a prefix of the path) and "query" (a substring of the query). Actions:
  status  answer with "status" (and an S3-style XML error body) without forwarding;
  cut     forward, but close the connection after "after" bytes of the response body;
  close   close the connection without answering.
  hold    neither forward nor answer: keep the connection until the client closes it
          (or "seconds", 300 by default), as when a run is killed mid-request.
"times" limits how often a rule fires (counted since the file last changed).
Every request is appended to the log file as "LISTENER METHOD PATH?QUERY -> STATUS".

Environment for the test: TRIB_TEST_FAULTPROXY_S3_URL, TRIB_TEST_FAULTPROXY_HTTP_URL,
TRIB_TEST_FAULTPROXY_RULES (the rules file, initially without rules),
TRIB_TEST_FAULTPROXY_LOG, TRIB_TEST_FAULTPROXY_PID.
"""

import json
import os
import subprocess
import sys

from .common import Peer, PeerError, log, read_json_line, stop_pid


class FaultProxy(Peer):
    name = "faultproxy"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.proc = None

    def start(self):
        s3 = self.ctx.env.get("TRIB_TEST_S3_PORT")
        http = self.ctx.env.get("TRIB_TEST_HTTP_PORT")
        if not s3 and not http:
            raise PeerError("the fault proxy needs --s3 or --http")
        rules = self.ctx.path("faultproxy", "rules.json")
        with open(rules, "w") as f:
            f.write('{"rules": []}\n')
        log_path = self.ctx.path("faultproxy", "requests.log")
        open(log_path, "w").close()

        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "faultproxy-server.py")
        cmd = [sys.executable, script, "--rules", rules, "--log", log_path]
        if s3:
            cmd += ["--s3", s3]
        if http:
            cmd += ["--http", http]
        err = open(self.ctx.path("faultproxy", "proxy.err"), "ab")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err)
        err.close()
        try:
            ports = read_json_line(self.proc, "the fault proxy")
        except PeerError:
            stop_pid(self.proc, "fault proxy")
            raise

        self.env = {
            "TRIB_TEST_FAULTPROXY_RULES": rules,
            "TRIB_TEST_FAULTPROXY_LOG": log_path,
            "TRIB_TEST_FAULTPROXY_PID": str(self.proc.pid),
        }
        if "s3" in ports:
            self.env["TRIB_TEST_FAULTPROXY_S3_URL"] = "http://127.0.0.1:%d" % ports["s3"]
        if "http" in ports:
            self.env["TRIB_TEST_FAULTPROXY_HTTP_URL"] = "http://127.0.0.1:%d" % ports["http"]
        log("fault proxy on %s (pid %d)" % (ports, self.proc.pid))

    def stop(self):
        stop_pid(self.proc, "fault proxy")
