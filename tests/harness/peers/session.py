"""A private D-Bus session bus, a Secret Service (gnome-keyring) on it, and an X server."""

import os
import shutil
import subprocess
import time

from .common import Peer, PeerError, log, random_secret, stop_pid


class DBus(Peer):
    name = "dbus"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.proc = None

    def start(self):
        daemon = shutil.which("dbus-daemon")
        if daemon is None:
            raise PeerError("dbus-daemon is not installed: run build-aux/install-deps")
        # Keyring files, settings and caches all live in the test's own folder.
        home = self.ctx.path("home", "")
        for sub in ("data", "config", "cache", "runtime"):
            os.makedirs(os.path.join(home, sub), mode=0o700, exist_ok=True)
        self.proc = subprocess.Popen([daemon, "--session", "--nofork", "--nopidfile", "--print-address=1"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        address = self.proc.stdout.readline().decode().strip()
        if not address:
            stop_pid(self.proc, "dbus-daemon")
            raise PeerError("dbus-daemon did not print its address")
        self.env = {
            "DBUS_SESSION_BUS_ADDRESS": address,
            "HOME": home,
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"),
            "XDG_RUNTIME_DIR": os.path.join(home, "runtime"),
        }
        log("dbus session bus (pid %d)" % self.proc.pid)

    def stop(self):
        stop_pid(self.proc, "dbus-daemon")


class Keyring(Peer):
    """gnome-keyring's Secret Service, unlocked, on the private bus."""

    name = "keyring"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.proc = None

    def start(self):
        daemon = shutil.which("gnome-keyring-daemon")
        if daemon is None:
            raise PeerError("gnome-keyring-daemon is not installed: run build-aux/install-deps")
        env = dict(os.environ)
        env.update(self.ctx.env)
        self.proc = subprocess.Popen([daemon, "--foreground", "--unlock", "--components=secrets"],
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=open(self.ctx.path("keyring.log"), "ab"))
        self.proc.stdin.write(random_secret().encode())
        self.proc.stdin.close()

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise PeerError("gnome-keyring-daemon exited with status %s" % self.proc.returncode)
            r = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                                "--object-path", "/org/freedesktop/DBus",
                                "--method", "org.freedesktop.DBus.NameHasOwner", "org.freedesktop.secrets"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            if b"true" in r.stdout:
                break
            time.sleep(0.05)
        else:
            raise PeerError("the Secret Service did not appear on the session bus")
        self.env = {"TRIB_TEST_KEYRING": "1"}
        log("gnome-keyring secret service (pid %d)" % self.proc.pid)

    def stop(self):
        stop_pid(self.proc, "gnome-keyring-daemon")


class Xvfb(Peer):
    name = "x11"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.proc = None

    def start(self):
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise PeerError("Xvfb is not installed: run build-aux/install-deps")
        read_fd, write_fd = os.pipe()
        self.proc = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", "1400x900x24",
                                      "-nolisten", "tcp", "-noreset"],
                                     pass_fds=(write_fd,), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=open(self.ctx.path("xvfb.log"), "ab"))
        os.close(write_fd)
        display = b""
        with os.fdopen(read_fd, "rb") as r:
            while not display.endswith(b"\n"):
                chunk = r.read(1)
                if not chunk:
                    break
                display += chunk
        if not display.strip():
            stop_pid(self.proc, "Xvfb")
            raise PeerError("Xvfb did not report its display number")
        self.env = {"DISPLAY": ":" + display.decode().strip(), "GDK_BACKEND": "x11"}
        log("Xvfb on display %s (pid %d)" % (self.env["DISPLAY"], self.proc.pid))

    def stop(self):
        stop_pid(self.proc, "Xvfb")
