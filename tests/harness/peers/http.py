"""A static HTTP file server for the HttpFile data source."""

import os
import shutil
import subprocess
import sys

from .common import Peer, log, read_json_line, stop_pid

DEMO_PORT = 28080


class Http(Peer):
    name = "http"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.proc = None
        self.root = ctx.path("http", "root", "")

    def start(self):
        sample = self.ctx.sample_dir()
        target = os.path.join(self.root, "user_log.txt")
        if not os.path.exists(target):
            shutil.copyfile(os.path.join(sample, "user_log.txt"), target)

        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http-server.py")
        port = DEMO_PORT if self.ctx.demo else 0
        log_file = open(self.ctx.path("http", "server.log"), "ab")
        self.proc = subprocess.Popen([sys.executable, script, "--root", self.root, "--port", str(port)],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log_file)
        log_file.close()
        try:
            port = read_json_line(self.proc, "the HTTP peer")["port"]
        except Exception:
            stop_pid(self.proc, "http peer")
            raise

        self.env = {
            "TRIB_TEST_HTTP_URL": "http://127.0.0.1:%d" % port,
            "TRIB_TEST_HTTP_PORT": str(port),
            "TRIB_TEST_HTTP_ROOT": self.root,
            "TRIB_TEST_HTTP_PID": str(self.proc.pid),
        }
        log("http on 127.0.0.1:%d (pid %d)" % (port, self.proc.pid))

    def stop(self):
        stop_pid(self.proc, "http peer")
