"""What every peer shares: ports, waiting, stopping by PID, secrets."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time


class PeerError(Exception):
    """A peer could not be started; the message says which and why."""


def log(message):
    # stdout belongs to the test (TAP); the harness only ever writes to stderr.
    print("trib-peers: " + message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def random_secret(n=24):
    return secrets.token_urlsafe(n)


def tail(path, lines=20):
    try:
        with open(path, "r", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def wait_for_port(port, proc, what, log_path=None, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise PeerError("%s exited with status %s while starting\n%s"
                            % (what, proc.returncode, tail(log_path) if log_path else ""))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise PeerError("%s did not accept connections on 127.0.0.1:%d within %.0f s\n%s"
                    % (what, port, timeout, tail(log_path) if log_path else ""))


def read_json_line(proc, what, timeout=30.0):
    """Reads the one JSON line a Node peer prints when it listens."""
    import json
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    buf = b""
    while time.monotonic() < deadline:
        if not sel.select(timeout=0.1):
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            break
        buf += chunk
        if b"\n" in buf:
            return json.loads(buf.split(b"\n", 1)[0])
    raise PeerError("%s did not report its port (exit status %s)" % (what, proc.poll()))


def stop_pid(proc, what, grace=10.0):
    """SIGTERM, wait, then SIGKILL: a peer never outlives its test."""
    if proc is None or proc.poll() is not None:
        return
    try:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        log("%s (pid %d) ignored SIGTERM; killing it" % (what, proc.pid))
        proc.kill()
        proc.wait()
    except ProcessLookupError:
        pass


class Peer:
    """A server. start() fills self.env with what the test needs to reach it."""

    name = "peer"

    def __init__(self, ctx):
        self.ctx = ctx
        self.env = {}

    def start(self):
        raise NotImplementedError

    def stop(self):
        raise NotImplementedError


class Context:
    """Where peers keep their files, and options shared by all of them."""

    def __init__(self, workdir, source_root, cli, persistent=False, demo=False):
        self.workdir = workdir
        self.source_root = source_root
        self.cli = cli
        self.persistent = persistent
        self.demo = demo
        self.env = {}

    def path(self, *parts):
        p = os.path.join(self.workdir, *parts)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p

    def sample_dir(self):
        """The demo's sample data, generated once per context by tributary-cli."""
        out = os.path.join(self.workdir, "sample-data")
        if not os.path.exists(os.path.join(out, "user_log.txt")):
            if not self.cli or not os.path.exists(self.cli):
                raise PeerError("tributary-cli not found (TRIB_CLI=%r); build the project first" % self.cli)
            subprocess.run([self.cli, "sample-data", "--out", out,
                            "--users", os.environ.get("TRIB_TEST_USERS", "2000"),
                            "--log-lines", os.environ.get("TRIB_TEST_LOG_LINES", "20000")],
                           check=True, stdout=subprocess.DEVNULL)
        return out
